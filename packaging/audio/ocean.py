"""The ocean: waves breaking on a shore at irregular times, a farther wash, and the deep swell.

A breaking wave is three sounds with their own timing: the low body builds for a few seconds as
the wave rises; the break is a broadband hiss (reaching ~8 kHz) that comes in over half a second
at the crest; then the wash retreats as a fizz that darkens and fades over several seconds. Each
wave arrives after an irregular gap, with its own height and its own place along the shore
(left to right), and left and right hear independent water.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from loops import Loop, Signal, Stereo, irregular_onsets, smooth_spectrum


@dataclass(frozen=True)
class Shore:
    """How a layer's waves sound: gaps between them, their bands' upper limits, and width."""

    gaps_s: tuple[float, float]
    hiss_top_hz: float
    wash_top_hz: float
    width: float
    seed: int


def _rise_and_fall(t: Signal, rise_s: float, fall_s: float) -> Signal:
    """0 -> 1 over rise_s (smooth), then a long tapering fall over fall_s, 0 elsewhere."""
    out = np.zeros(len(t))
    up = (t >= 0) & (t < rise_s)
    out[up] = np.sin(0.5 * np.pi * t[up] / rise_s) ** 2
    down = (t >= rise_s) & (t < rise_s + fall_s)
    phase = (t[down] - rise_s) / fall_s
    out[down] = (1.0 - phase) ** 2.5
    return out


def _wave_envelopes(loop: Loop, shore: Shore, rng: np.random.Generator) -> dict[str, Stereo]:
    """Per band ("body", "hiss", "wash") the sum of all waves' envelopes, left and right."""
    envelopes = {band: np.zeros((loop.length, 2)) for band in ("body", "hiss", "wash")}
    for onset in irregular_onsets(rng, loop.seconds, *shore.gaps_s):
        height = float(rng.uniform(0.45, 1.0))
        build = float(rng.uniform(2.0, 4.0))
        place = float(rng.uniform(-1.0, 1.0)) * shore.width
        gains = np.array([np.cos((place + 1) * np.pi / 4), np.sin((place + 1) * np.pi / 4)])
        shapes = {
            "body": (build, float(rng.uniform(4.0, 6.5)), 0.0),
            "hiss": (float(rng.uniform(0.35, 0.8)), float(rng.uniform(2.0, 3.5)), build),
            "wash": (float(rng.uniform(0.8, 1.5)), float(rng.uniform(4.5, 7.5)), build + 0.3),
        }
        for band, (rise, fall, delay) in shapes.items():
            count = round((rise + fall) * loop.rate)
            t = np.arange(count) / loop.rate
            shape = height * _rise_and_fall(t, rise, fall)
            loop.place(envelopes[band], shape[:, None] * gains[None, :], onset + delay)
    return envelopes


def _bubbling(loop: Loop, rng: np.random.Generator) -> Signal:
    """A slowly flickering 0.6..1.0 gain: the retreating wash is full of small bursting bubbles."""
    freqs = loop.freqs()
    flicker = loop.noise(rng, smooth_spectrum(freqs, 2.0, 14.0, slope=0.0))
    return 0.8 + 0.2 * np.tanh(flicker)


def shore(loop: Loop, layer: Shore) -> Stereo:
    """One layer of breaking waves."""
    rng = np.random.default_rng(layer.seed)
    freqs = loop.freqs()
    envelopes = _wave_envelopes(loop, layer, rng)
    spectra = {
        "body": (smooth_spectrum(freqs, 60.0, 500.0, slope=0.5), 0.7),
        "hiss": (smooth_spectrum(freqs, 700.0, layer.hiss_top_hz, slope=0.15), 0.55),
        "wash": (smooth_spectrum(freqs, 1200.0, layer.wash_top_hz, slope=0.3), 0.45),
    }
    out = np.zeros((loop.length, 2))
    for band, (spectrum, level) in spectra.items():
        bed = 0.08 if band == "body" else 0.02  # the sea never quite falls silent
        for channel in range(2):
            water = loop.noise(rng, spectrum)
            if band == "wash":
                water = water * _bubbling(loop, rng)
            out[:, channel] += level * water * (bed + envelopes[band][:, channel])
    return out


def deep_swell(loop: Loop, seed: int) -> Stereo:
    """The low, ever-present roar of the open sea, rising and falling by a few dB."""
    rng = np.random.default_rng(seed)
    n = loop.indices()
    spectrum = smooth_spectrum(loop.freqs(), 40.0, 320.0, slope=0.6)
    out = np.zeros((loop.length, 2))
    for channel in range(2):
        heave = 0.7 + 0.3 * loop.lfo(3 + channel, n, phase=1.7 * channel)
        out[:, channel] = loop.noise(rng, spectrum) * heave
    return out


NEAR = Shore(gaps_s=(5.5, 13.0), hiss_top_hz=8500.0, wash_top_hz=6500.0, width=0.6, seed=20261)
FAR = Shore(gaps_s=(4.0, 9.5), hiss_top_hz=4200.0, wash_top_hz=3200.0, width=1.0, seed=20262)
