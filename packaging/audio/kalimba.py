"""A slow kalimba: a wandering pentatonic melody, a few low tines beneath it, and soft air.

A kalimba tine's sound is a fundamental that rings for seconds, a faint octave, and a bright
overtone near 5.9x that is gone within a fraction of a second: the "ping" that says the tine
was plucked. The thumb is soft, so the onset takes a few milliseconds. Tines alternate left and
right by pitch, as they sit on a real kalimba.
"""

from __future__ import annotations

import numpy as np
from loops import Loop, Stereo, irregular_onsets, midi_hz, pan, taper_end

SCALE = (50, 52, 54, 57, 59, 62, 64, 66, 69, 71, 74, 76, 78, 81)  # D major pentatonic, D3..A5
MELODY_RANGE = (5, 13)  # indices into SCALE: D4..A5
LOW_NOTES = (50, 57, 62)  # D3 A3 D4
PARTIALS = ((1.0, 1.0, 1.0), (2.0, 0.05, 0.35), (5.93, 0.14, 0.08), (11.2, 0.03, 0.03))
"""(ratio, level, decay as a fraction of the fundamental's)."""


def tine(note: int, rate: int, ring_s: float, position: float) -> Stereo:
    """One plucked tine, ringing with time constant `ring_s` (about 7 x that to -60 dB)."""
    hz = midi_hz(note)
    count = round(ring_s * 7.5 * rate)
    t = np.arange(count) / rate
    onset = 0.5 - 0.5 * np.cos(np.pi * np.minimum(t / 0.006, 1.0))
    tone = np.zeros(count)
    for index, (ratio, level, decay) in enumerate(PARTIALS):
        if hz * ratio > 0.45 * rate:
            break
        tone += level * np.exp(-t / (ring_s * decay)) * np.sin(2 * np.pi * hz * ratio * t + index)
    return taper_end(pan(onset * tone, position), ring_s, rate)


def _side(note: int) -> float:
    """Tines alternate sides by pitch; the lowest sit in the middle."""
    index = SCALE.index(note)
    return (0.45 if index % 2 else -0.45) * min(1.0, index / 4.0)


def melody(loop: Loop, seed: int) -> Stereo:
    """Single notes and the odd gentle two-note strum, wandering by small steps."""
    rng = np.random.default_rng(seed)
    out = np.zeros((loop.length, 2))
    degree = 8
    for onset in irregular_onsets(rng, loop.seconds, 1.8, 4.6):
        degree = int(np.clip(degree + rng.choice((-2, -1, -1, 1, 1, 2)), *MELODY_RANGE))
        note = SCALE[degree]
        level = float(rng.uniform(0.55, 1.0))
        ring = float(rng.uniform(1.1, 1.7))
        loop.place(out, level * tine(note, loop.rate, ring, _side(note)), onset)
        if rng.uniform() < 0.25:  # a second tine a little later, two scale steps below
            lower = SCALE[max(0, degree - 2)]
            later = onset + float(rng.uniform(0.04, 0.09))
            loop.place(out, 0.6 * level * tine(lower, loop.rate, ring, _side(lower)), later)
    return out


def low_tines(loop: Loop, seed: int) -> Stereo:
    """Now and then a low tine, ringing long."""
    rng = np.random.default_rng(seed)
    out = np.zeros((loop.length, 2))
    for onset in irregular_onsets(rng, loop.seconds, 6.0, 14.0):
        note = int(rng.choice(LOW_NOTES))
        level = float(rng.uniform(0.6, 1.0))
        place = float(rng.uniform(-0.5, 0.5))
        loop.place(out, level * tine(note, loop.rate, float(rng.uniform(2.0, 2.8)), place), onset)
    return out


def air(loop: Loop) -> Stereo:
    """A soft, open fifth with an added ninth (D3 A3 E4), swelling slowly: the room's warmth."""
    n = loop.indices()
    out = np.zeros((loop.length, 2))
    for index, (note, position) in enumerate(((50, -0.4), (57, 0.4), (64, 0.0))):
        hz = midi_hz(note)
        angle = loop.drifting_angle(hz, n, 0.12, 2 + index, float(note))
        tone = np.sin(angle) + 0.3 * np.sin(2 * angle) + 0.1 * np.sin(3 * angle)
        swell = 0.35 + 0.65 * loop.lfo(2 + index, n, phase=1.1 * index)
        out += pan(tone * swell, position)
    return out
