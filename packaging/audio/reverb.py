"""A small, quiet room made by the script: convolution with an impulse response it generates.

Why a generated impulse response rather than a feedback reverb: a decaying-noise response is the
statistical shape of a real room's tail (dense, exponentially decaying, darker as it fades), it
costs one FFT multiplication per channel, and on a loop the convolution can be made circular, so
the tail of the end of the loop rings on into its start exactly as it would in a room.

The response has a short pre-delay, a few early reflections that differ between the ears, and a
diffuse tail in three bands with their own decay times (highs die first, as air and soft
furnishings absorb them). Left and right tails are independent noise: that decorrelation is
what makes a sound feel like it is in a space instead of inside the head.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from loops import Stereo

_CROSSOVERS_HZ = (450.0, 2800.0)


@dataclass(frozen=True)
class Room:
    """Decay time (RT60, s) in the low, mid and high bands, and how much of the room is heard."""

    rt60_s: tuple[float, float, float] = (2.1, 1.7, 0.9)
    pre_delay_s: float = 0.012
    wet: float = 0.32
    seed: int = 7
    seconds: float = 3.2


def _band_weights(freqs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three magnitude responses whose squares sum to one (a power-complementary split)."""
    low_cut, high_cut = _CROSSOVERS_HZ
    safe = np.maximum(freqs, 1.0)
    low = 1.0 / (1.0 + (safe / low_cut) ** 4)
    high = 1.0 / (1.0 + (high_cut / safe) ** 4)
    mid = np.clip(1.0 - low - high, 0.0, 1.0)
    return np.sqrt(low), np.sqrt(mid), np.sqrt(high)


def impulse_response(room: Room, rate: int) -> Stereo:
    """The room's stereo impulse response at `rate`, each channel scaled to unit energy."""
    rng = np.random.default_rng(room.seed)
    count = round(room.seconds * rate)
    t = np.arange(count) / rate
    weights = _band_weights(np.fft.rfftfreq(count, 1.0 / rate))
    channels = []
    for _ in range(2):
        spectrum = np.fft.rfft(rng.standard_normal(count))
        tail = np.zeros(count)
        for weight, rt60 in zip(weights, room.rt60_s, strict=True):
            band = np.fft.irfft(spectrum * weight, count)
            tail += band * np.exp(-6.9078 * t / rt60)  # -60 dB at rt60
        # The diffuse field builds up over ~40 ms after the first reflections.
        build = np.clip((t - room.pre_delay_s) / 0.04, 0.0, 1.0)
        tail *= np.sin(0.5 * np.pi * build) ** 2
        early = np.zeros(count)
        for _reflection in range(7):
            delay = room.pre_delay_s + float(rng.uniform(0.004, 0.045))
            index = round(delay * rate)
            early[index] += (
                float(rng.choice((-1.0, 1.0)))
                * float(rng.uniform(0.15, 0.45))
                * np.exp(-delay / 0.06)
            )
        response = tail / float(np.sqrt(np.sum(tail**2))) + early
        channels.append(response / float(np.sqrt(np.sum(response**2))))
    return np.stack(channels, axis=1)


def _sends(dry: Stereo) -> Stereo:
    """What each side of the room hears: mostly its own side, some of the other."""
    left, right = dry[:, 0], dry[:, 1]
    return np.stack((0.75 * left + 0.25 * right, 0.25 * left + 0.75 * right), axis=1)


def in_room_loop(dry: Stereo, room: Room, rate: int) -> Stereo:
    """The loop plus its reverb, convolved circularly: the loop's end rings into its start."""
    ir = impulse_response(room, rate)
    count = len(dry)
    if len(ir) > count:
        raise ValueError("a loop must be longer than the room's impulse response")
    sends = _sends(dry)
    wet = np.empty_like(dry)
    for channel in range(2):
        spectrum = np.fft.rfft(sends[:, channel]) * np.fft.rfft(ir[:, channel], count)
        wet[:, channel] = np.fft.irfft(spectrum, count)
    return dry + room.wet * wet


def in_room_once(dry: Stereo, room: Room, rate: int) -> Stereo:
    """A one-off sound plus its reverb, with the tail after it (len(dry) + len(ir) - 1)."""
    ir = impulse_response(room, rate)
    count = len(dry) + len(ir) - 1
    size = 1 << (count - 1).bit_length()
    sends = _sends(dry)
    out = np.zeros((count, 2))
    out[: len(dry)] = dry
    for channel in range(2):
        spectrum = np.fft.rfft(sends[:, channel], size) * np.fft.rfft(ir[:, channel], size)
        out[:, channel] += room.wet * np.fft.irfft(spectrum, size)[:count]
    return out
