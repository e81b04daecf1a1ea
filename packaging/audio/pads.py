"""Warm pads: slow seventh chords from detuned, drifting voices, and a high shimmer above them.

Each pad note is three oscillators a few cents apart whose pitch wanders slowly (so the chorus
never settles into a fixed beat), spread left, centre and right; its harmonics reach up to
about 4 kHz and open and close slowly. The shimmer is a separate layer of soft high notes from
D major pentatonic, which sits well over every chord of the progression whatever the layers'
alignment, plus a breath of air above 3 kHz.
"""

from __future__ import annotations

import numpy as np
from loops import Index, Loop, Stereo, irregular_onsets, midi_hz, pan, smooth_spectrum

PAD_CHORDS: tuple[tuple[int, ...], ...] = (
    (50, 57, 61, 66),  # D major 7: D3 A3 C#4 F#4
    (47, 54, 57, 62),  # B minor 7: B2 F#3 A3 D4
    (43, 50, 54, 59),  # G major 7: G2 D3 F#3 B3
    (45, 52, 59, 61),  # A add 9: A2 E3 B3 C#4
)
PAD_CROSSFADE_S = 14.0
PAD_TOP_HZ = 4200.0
VOICES = ((-0.7, -1), (0.0, 0), (0.7, 1))  # (pan, detune direction)
PENTATONIC_HIGH = (74, 76, 78, 81, 83, 86)  # D5 E5 F#5 A5 B5 D6


def chord_weight(loop: Loop, n: Index, chord: int, chords: int, crossfade_s: float) -> np.ndarray:
    """How much of chord `chord` sounds at each sample; neighbouring weights always sum to 1."""
    segment = loop.length / chords
    width = crossfade_s * loop.rate / segment  # in segments
    position = (n.astype(np.float64) / segment - chord + width / 2) % chords
    weight = np.zeros(len(n))
    rising = position < width
    weight[rising] = 0.5 - 0.5 * np.cos(np.pi * position[rising] / width)
    weight[(position >= width) & (position < 1.0)] = 1.0
    falling = (position >= 1.0) & (position < 1.0 + width)
    weight[falling] = 0.5 + 0.5 * np.cos(np.pi * (position[falling] - 1.0) / width)
    return weight


def pad_note(loop: Loop, n: Index, note: int, harmonics_cap: int = 12) -> Stereo:
    """One pad note: three drifting voices (left, centre, right) with slowly breathing harmonics."""
    hz = midi_hz(note)
    harmonics = max(1, min(harmonics_cap, int(PAD_TOP_HZ // hz)))
    brightness = 0.45 + 0.3 * loop.lfo(3 + note % 4, n, phase=note * 0.7)
    swell = 0.75 + 0.25 * loop.lfo(5 + note % 5, n, phase=note * 1.3)
    out = np.zeros((len(n), 2))
    for voice, (position, direction) in enumerate(VOICES):
        cents = 4.0 * direction + 1.5 * ((note + voice) % 3 - 1)
        angle = loop.drifting_angle(
            hz * 2.0 ** (cents / 1200.0), n, 0.004 * hz + 0.05, 2 + (note + voice) % 3, note + voice
        )
        tone = np.zeros(len(n))
        level = np.ones(len(n))
        for h in range(1, harmonics + 1):
            tone += (h**-1.3) * level * np.sin(h * angle)
            level = level * brightness
        out += pan(tone * swell * (0.8 if voice == 1 else 0.6), position)
    return out * (1.0 + 0.012 * (62 - note))


def warm_pads(loop: Loop) -> Stereo:
    """Four soft seventh chords, each drifting into the next over 14 s."""
    n = loop.indices()
    out = np.zeros((loop.length, 2))
    for index, chord in enumerate(PAD_CHORDS):
        weight = chord_weight(loop, n, index, len(PAD_CHORDS), PAD_CROSSFADE_S)
        active = weight > 0.0
        part = np.zeros((int(np.count_nonzero(active)), 2))
        for note in chord:
            part += pad_note(loop, n[active], note)
        part += 0.35 * pad_note(loop, n[active], chord[0] - 12, harmonics_cap=4)
        out[active] += weight[active, None] * part
    return out


def shimmer(loop: Loop, seed: int) -> Stereo:
    """High pentatonic tones swelling in and out at irregular times, and a faint breath of air."""
    rng = np.random.default_rng(seed)
    out = np.zeros((loop.length, 2))
    for onset in irregular_onsets(rng, loop.seconds, 4.0, 9.0):
        note = int(rng.choice(PENTATONIC_HIGH))
        seconds = float(rng.uniform(9.0, 15.0))
        count = round(seconds * loop.rate)
        t = np.arange(count) / loop.rate
        bell = np.sin(np.pi * t / seconds) ** 2
        hz = midi_hz(note)
        vibrato = 0.6 * np.sin(2 * np.pi * 0.21 * t) / 0.21
        tone = np.sin(2 * np.pi * hz * t + 0.003 * hz * vibrato) + 0.12 * np.sin(
            4 * np.pi * hz * t + 0.006 * hz * vibrato
        )
        loop.place(out, pan(tone * bell, float(rng.uniform(-0.8, 0.8))), onset)
    n = loop.indices()
    shape = smooth_spectrum(loop.freqs(), 3000.0, 7500.0, slope=0.0)
    breath = 0.55 + 0.45 * loop.lfo(5, n)
    for channel in range(2):
        out[:, channel] += 0.05 * loop.noise(rng, shape) * breath
    return out
