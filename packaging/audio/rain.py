"""Soft rain: a steady hush of rain on leaves, and the separate drops that fall near you.

The hush is noise with a gentle hump in the upper mids (where rain on foliage lives) and a
slow gusting, independent in each ear. The near drops are thousands of tiny damped tones, each
a few milliseconds long, at random times and places, with the odd heavier drop from a gutter:
that scatter is what the ear hears as rain rather than as a fan.
"""

from __future__ import annotations

import numpy as np
from loops import Loop, Stereo, pan, smooth_spectrum

DROPS_PER_S = 22.0
GUTTER_DROPS_PER_S = 0.45


def hush(loop: Loop, seed: int) -> Stereo:
    """The distant, steady rain with slow gusts."""
    rng = np.random.default_rng(seed)
    n = loop.indices()
    freqs = loop.freqs()
    spectrum = smooth_spectrum(freqs, 250.0, 9000.0, slope=0.45) * (
        1.0 + 1.2 * np.exp(-(((freqs - 3500.0) / 2200.0) ** 2))
    )
    out = np.zeros((loop.length, 2))
    for channel in range(2):
        gusts = 0.75 + 0.15 * loop.lfo(2 + channel, n, 0.9 * channel) + 0.1 * loop.lfo(7, n)
        out[:, channel] = loop.noise(rng, spectrum) * gusts
    return out


def _drop(rng: np.random.Generator, rate: int, hz: float, decay_s: float) -> np.ndarray:
    """One drop: a tone sliding slightly down as it dies, with a soft 1 ms onset."""
    count = round(decay_s * 7.0 * rate)
    t = np.arange(count) / rate
    onset = np.minimum(t / 0.001, 1.0)
    glide = hz * (1.0 - 0.12 * (1.0 - np.exp(-t / decay_s)))
    phase = 2 * np.pi * np.cumsum(glide) / rate
    return onset * np.exp(-t / decay_s) * np.sin(phase + float(rng.uniform(0, 2 * np.pi)))


def near_drops(loop: Loop, seed: int) -> Stereo:
    """Small drops all round, and now and then a heavier one falling from a gutter."""
    rng = np.random.default_rng(seed)
    out = np.zeros((loop.length, 2))
    small = rng.poisson(DROPS_PER_S * loop.seconds)
    for _ in range(small):
        drop = _drop(
            rng, loop.rate, float(rng.uniform(1800.0, 5200.0)), float(rng.uniform(0.004, 0.012))
        )
        level = float(rng.lognormal(0.0, 0.5)) * 0.3
        loop.place(
            out,
            pan(level * drop, float(rng.uniform(-1.0, 1.0))),
            float(rng.uniform(0, loop.seconds)),
        )
    heavy = rng.poisson(GUTTER_DROPS_PER_S * loop.seconds)
    for _ in range(heavy):
        drop = _drop(
            rng, loop.rate, float(rng.uniform(650.0, 1300.0)), float(rng.uniform(0.03, 0.07))
        )
        level = float(rng.uniform(0.25, 0.6))
        loop.place(
            out,
            pan(level * drop, float(rng.uniform(-0.7, 0.7))),
            float(rng.uniform(0, loop.seconds)),
        )
    return out
