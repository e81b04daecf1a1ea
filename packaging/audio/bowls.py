"""Singing bowls: struck for the chimes and the bowl soundscape, rubbed for its drone.

A real bowl's partials are inharmonic (about 1 : 2.7 : 5.2 : 8.4 of the fundamental) and each
decays at its own rate: the high ones are gone in a second or two while the fundamental hums
on. Each partial is a close pair of tones (the bowl is never perfectly round), so it beats
slowly; the two tones of a pair sit at slightly different places left and right, which makes the
beating move gently across the stereo image, as a real bowl does in a room.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from loops import TWO_PI, Loop, Stereo, irregular_onsets, midi_hz, taper_end

RATIOS = (1.0, 2.71, 5.18, 8.41)


@dataclass(frozen=True)
class Bowl:
    """One bowl: fundamental, partial levels, each partial's decay time constant (s), the slow
    beat of each partial's pair (Hz), and where it stands (-1 left .. +1 right)."""

    hz: float
    levels: tuple[float, ...] = (1.0, 0.42, 0.17, 0.06)
    decays_s: tuple[float, ...] = (1.6, 0.95, 0.5, 0.28)
    beats_hz: tuple[float, ...] = (0.9, 1.4, 2.1, 2.9)
    position: float = 0.0
    attack_s: float = 0.008


def _equal_power(position: float) -> tuple[float, float]:
    angle = (min(max(position, -1.0), 1.0) + 1.0) * np.pi / 4.0
    return float(np.cos(angle)), float(np.sin(angle))


def strike(bowl: Bowl, seconds: float, rate: int, level: float = 1.0) -> Stereo:
    """A soft-mallet strike ringing for `seconds`: each partial decays at its own rate."""
    count = round(seconds * rate)
    t = np.arange(count) / rate
    out = np.zeros((count, 2))
    for index, (ratio, partial_level, decay_s, beat_hz) in enumerate(
        zip(RATIOS, bowl.levels, bowl.decays_s, bowl.beats_hz, strict=False)
    ):
        hz = bowl.hz * ratio
        if hz > 0.45 * rate:
            break
        attack = bowl.attack_s * (1.0 - 0.15 * index)
        rise = np.where(t < attack, 0.5 - 0.5 * np.cos(np.pi * np.minimum(t / attack, 1.0)), 1.0)
        envelope = partial_level * rise * np.exp(-t / decay_s)
        for member, (offset, weight) in enumerate(((0.0, 1.0), (beat_hz, 0.45))):
            tone = envelope * weight * np.sin(TWO_PI * (hz + offset) * t + 0.7 * index + member)
            spread = 0.35 if member else -0.2
            left, right = _equal_power(bowl.position + spread * (1 if index % 2 else -1))
            out[:, 0] += left * tone
            out[:, 1] += right * tone
    return level * out


def rubbed_drone(loop: Loop, note: int, position: float) -> Stereo:
    """A rubbed bowl: its partials sustained, each pair beating, swelling and ebbing slowly."""
    n = loop.indices()
    hz = midi_hz(note)
    out = np.zeros((loop.length, 2))
    for index, (ratio, level) in enumerate(zip(RATIOS, (1.0, 0.35, 0.1, 0.03), strict=True)):
        swell = 0.55 + 0.45 * loop.lfo(2 + (note + index) % 3, n, phase=note * 0.37 + index)
        for member, offset in enumerate((0.0, 0.4 + 0.35 * index + 0.07 * (note % 3))):
            angle = loop.drifting_angle(hz * ratio + offset, n, 0.05, 1 + index, note + member)
            tone = level * (1.0 if member == 0 else 0.6) * swell * np.sin(angle)
            left, right = _equal_power(position + (0.3 if member else -0.3))
            out[:, 0] += left * tone
            out[:, 1] += right * tone
    return out


def struck_layer(
    loop: Loop, notes: tuple[int, ...], seed: int, gaps_s: tuple[float, float]
) -> Stereo:
    """Bowls from `notes` struck softly at irregular times round the loop, each a different
    bowl (its own decays, beats and place), with tails wrapping across the seam."""
    rng = np.random.default_rng(seed)
    out = np.zeros((loop.length, 2))
    for onset in irregular_onsets(rng, loop.seconds, *gaps_s):
        note = int(rng.choice(notes))
        fundamental = float(rng.uniform(3.5, 6.0))
        bowl = Bowl(
            midi_hz(note) * float(rng.uniform(0.997, 1.003)),
            levels=(1.0, float(rng.uniform(0.3, 0.5)), float(rng.uniform(0.1, 0.2)), 0.05),
            decays_s=(
                fundamental,
                fundamental * float(rng.uniform(0.45, 0.6)),
                fundamental * float(rng.uniform(0.22, 0.3)),
                fundamental * float(rng.uniform(0.1, 0.15)),
            ),
            beats_hz=tuple(float(rng.uniform(0.4, 1.0)) * (1 + k) for k in range(4)),
            position=float(rng.uniform(-0.6, 0.6)),
            attack_s=float(rng.uniform(0.03, 0.06)),  # a padded beater: no hard edge
        )
        ring = taper_end(strike(bowl, 8.0 * fundamental, loop.rate), fundamental, loop.rate)
        loop.place(out, ring * float(rng.uniform(0.55, 1.0)), onset)
    return out


def evening_drone(loop: Loop) -> Stereo:
    """Two rubbed bowls a fifth apart, D and A, one left of centre and one right."""
    return rubbed_drone(loop, 50, -0.35) + 0.8 * rubbed_drone(loop, 57, 0.35)
