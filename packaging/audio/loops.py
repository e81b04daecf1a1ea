"""The one idea every soundscape layer is built on: a signal that is exactly periodic.

Why a layer loops without a seam: every oscillator runs a whole number of cycles per loop, every
slow movement (swells, detune drift, chord changes) is a function of the position *within* the
loop, noise is made in the frequency domain of exactly one loop, events near the end wrap their
tails round to the start, and the reverb is a circular convolution. Sample N (one past the end)
therefore follows sample N-1 exactly as sample 1 follows sample 0.

Phases come from integer arithmetic (cycles * n mod N), never from accumulated floats, so a
render is reproducible to the last bit on the same numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Signal = NDArray[np.float64]
Stereo = NDArray[np.float64]  # shape (samples, 2)
Index = NDArray[np.int64]

TWO_PI = 2.0 * np.pi


def midi_hz(note: float) -> float:
    return float(440.0 * 2.0 ** ((note - 69.0) / 12.0))


def fixed_phase(key: float) -> float:
    """A well-spread start phase derived from a number (golden-ratio hashing), so tones that are
    shared between voices add the same way on every render."""
    return float((key * 0.6180339887498949) % 1.0 * TWO_PI)


def pan(mono: Signal, position: float) -> Stereo:
    """Equal-power pan: -1 left, 0 centre, +1 right."""
    angle = (position + 1.0) * np.pi / 4.0
    return np.stack((mono * np.cos(angle), mono * np.sin(angle)), axis=1)


@dataclass(frozen=True)
class Loop:
    """A loop of `seconds` (whole) at `rate`."""

    rate: int
    seconds: int

    @property
    def length(self) -> int:
        return self.rate * self.seconds

    def indices(self) -> Index:
        return np.arange(self.length, dtype=np.int64)

    def cycles(self, hz: float) -> int:
        """The whole number of cycles per loop closest to `hz` (at most 1/seconds Hz away)."""
        return max(1, round(hz * self.seconds))

    def angle(self, cycles: int, n: Index) -> Signal:
        """Phase in [0, 2π) of an oscillator with `cycles` per loop, exactly periodic."""
        return ((cycles * n) % self.length).astype(np.float64) * (TWO_PI / self.length)

    def lfo(self, cycles: int, n: Index, phase: float = 0.0) -> Signal:
        """A slow 0..1 raised-cosine movement that repeats `cycles` times per loop."""
        return 0.5 - 0.5 * np.cos(self.angle(cycles, n) + phase)

    def drifting_angle(
        self, hz: float, n: Index, drift_hz: float, drift_cycles: int, phase: float
    ) -> Signal:
        """An oscillator near `hz` whose pitch wanders ±`drift_hz` in a slow sine that repeats
        `drift_cycles` times per loop: the wander integrates to zero, so it stays periodic."""
        cycles = self.cycles(hz)
        rate_hz = drift_cycles / self.seconds
        wander = (drift_hz / rate_hz) * np.sin(self.angle(drift_cycles, n) + phase)
        return self.angle(cycles, n) + wander + fixed_phase(cycles + phase)

    def noise(self, rng: np.random.Generator, shape: Signal) -> Signal:
        """Noise exactly one loop long with the magnitude spectrum `shape` (over rfftfreq),
        scaled to unit RMS."""
        bins = self.length // 2 + 1
        spectrum = (rng.standard_normal(bins) + 1j * rng.standard_normal(bins)) * shape
        spectrum[0] = 0.0
        noise = np.fft.irfft(spectrum, self.length)
        return noise / float(np.sqrt(np.mean(noise**2)))

    def freqs(self) -> Signal:
        return np.fft.rfftfreq(self.length, 1.0 / self.rate)

    def place(self, out: Stereo, event: Stereo, onset_s: float) -> None:
        """Add a short stereo event at `onset_s`, wrapping whatever passes the end to the start."""
        start = round(onset_s * self.rate) % self.length
        where = (start + np.arange(len(event))) % self.length
        if len(event) <= self.length:
            out[where] += event
        else:  # a tail longer than the loop laps it: add every lap
            np.add.at(out, where, event)


def taper_end(event: Stereo, seconds: float, rate: int) -> Stereo:
    """The event with its last `seconds` eased to zero. Only for events inside a layer, whose
    tails are already 60 dB down there: the end of a long ring cut abruptly would leave a faint
    click in the mix (chimes never use this: their files hold the whole ring)."""
    count = min(len(event), round(seconds * rate))
    eased = event.copy()
    eased[len(event) - count :] *= (0.5 + 0.5 * np.cos(np.pi * np.arange(count) / count))[:, None]
    return eased


def start_at_small_step(x: Stereo, near: int, span: int = 2048) -> Stereo:
    """The same loop, started at the smallest sample-to-sample step among `span` samples from
    `near` (any rotation of a periodic signal is just as seamless)."""
    steps = np.abs(np.diff(x, axis=0, prepend=x[-1:])).max(axis=1)  # steps[i]: x[i-1] -> x[i]
    window = steps[np.arange(near, near + span) % len(x)]
    return np.roll(x, -((near + int(np.argmin(window))) % len(x)), axis=0)


def smooth_spectrum(freqs: Signal, low_hz: float, high_hz: float, slope: float = 0.5) -> Signal:
    """A band from `low_hz` to `high_hz` with gentle (2nd-order) skirts, falling as f^-slope."""
    safe = np.maximum(freqs, 1.0)
    return safe**-slope / np.sqrt(1.0 + (low_hz / safe) ** 4) / np.sqrt(1.0 + (safe / high_hz) ** 4)


def irregular_onsets(
    rng: np.random.Generator, seconds: float, gap_low: float, gap_high: float
) -> list[float]:
    """Onsets round a loop with gaps drawn from [gap_low, gap_high], scaled to fit exactly, so
    there is no fixed rhythm inside the loop and none across its seam."""
    gaps: list[float] = []
    while sum(gaps) < seconds:
        gaps.append(float(rng.uniform(gap_low, gap_high)))
    scale = seconds / sum(gaps)
    return [float(t) for t in np.cumsum([0.0, *gaps[:-1]]) * scale]


def rotate_to_quiet_seam(x: Stereo) -> Stereo:
    """The same loop, started at the smallest sample-to-sample step of its quietest stretch, so
    the encoder's two edges meet where the signal moves least (any rotation of a periodic signal
    is just as seamless)."""
    steps = np.abs(np.diff(x, axis=0, prepend=x[-1:])).max(axis=1)  # steps[i]: x[i-1] -> x[i]
    window = min(len(x) // 2, 2048)
    running = np.concatenate(([0.0], np.cumsum(steps)))
    local = running[window:] - running[:-window]  # local[i]: steps i .. i+window-1
    return start_at_small_step(x, int(np.argmin(local)), window)
