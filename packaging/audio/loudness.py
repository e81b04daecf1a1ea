"""Measurements that stand in for listening: loudness, peaks, clicks and harsh highs.

Loudness follows ITU-R BS.1770-4 (the basis of EBU R128): K-weighting (a high shelf that
models the head plus a high-pass that ignores rumble), mean square over 400 ms blocks with 75 %
overlap, an absolute gate at -70 LUFS and a relative gate 10 LU below the ungated level.

The K-weighting is applied in the frequency domain from the two biquads' exact responses, so it
works at any sample rate without a filtering library. For a loop that is also the correct
steady state: the filter sees the track as the endless loop it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Signal = NDArray[np.float64]

# The analogue prototypes behind BS.1770's 48 kHz coefficients; re-derived for any rate.
_SHELF_HZ = 1681.974450955533
_SHELF_GAIN_DB = 3.999843853973347
_SHELF_Q = 0.7071752369554196
_HIGHPASS_HZ = 38.13547087602444
_HIGHPASS_Q = 0.5003270373238773

BLOCK_S = 0.4
BLOCK_STEP_S = 0.1
ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0


def k_weighting_biquads(rate: int) -> list[tuple[Signal, Signal]]:
    """(b, a) of the two K-weighting stages at `rate`; at 48 kHz they match the standard's table."""
    k = np.tan(np.pi * _SHELF_HZ / rate)
    vh = 10.0 ** (_SHELF_GAIN_DB / 20.0)
    vb = vh**0.4996667741545416
    a0 = 1.0 + k / _SHELF_Q + k * k
    shelf_b = (
        np.array(
            [vh + vb * k / _SHELF_Q + k * k, 2.0 * (k * k - vh), vh - vb * k / _SHELF_Q + k * k]
        )
        / a0
    )
    shelf_a = np.array([1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / _SHELF_Q + k * k) / a0])

    k = np.tan(np.pi * _HIGHPASS_HZ / rate)
    a0 = 1.0 + k / _HIGHPASS_Q + k * k
    hp_b = np.array([1.0, -2.0, 1.0])
    hp_a = np.array([1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / _HIGHPASS_Q + k * k) / a0])
    return [(shelf_b, shelf_a), (hp_b, hp_a)]


def _biquad_response(b: Signal, a: Signal, n_fft: int) -> NDArray[np.complex128]:
    z1 = np.exp(-2j * np.pi * np.fft.rfftfreq(n_fft))
    z2 = z1 * z1
    return (b[0] + b[1] * z1 + b[2] * z2) / (a[0] + a[1] * z1 + a[2] * z2)


def k_weighted(x: Signal, rate: int, *, periodic: bool) -> Signal:
    """The K-weighted signal. `periodic`: treat x as a loop; otherwise pad so nothing wraps."""
    n = len(x) if periodic else len(x) + rate  # 1 s of padding outlasts both filters' ringing
    spectrum = np.fft.rfft(x, n)
    for b, a in k_weighting_biquads(rate):
        spectrum *= _biquad_response(b, a, n)
    return np.fft.irfft(spectrum, n)[: len(x)]


def block_powers(weighted: Signal, rate: int) -> Signal:
    """Mean square of each 400 ms block, stepped by 100 ms (the gating blocks of BS.1770)."""
    block = round(BLOCK_S * rate)
    step = round(BLOCK_STEP_S * rate)
    if len(weighted) < block:
        return np.array([float(np.mean(weighted**2))])
    cumulative = np.concatenate(([0.0], np.cumsum(weighted**2)))
    starts = np.arange(0, len(weighted) - block + 1, step)
    return (cumulative[starts + block] - cumulative[starts]) / block


def _to_lufs(power: float) -> float:
    return -0.691 + 10.0 * np.log10(max(power, 1e-20))


def integrated_loudness(x: Signal, rate: int, *, periodic: bool = False) -> float:
    """Integrated loudness of a mono signal in LUFS (one channel, weight 1.0)."""
    powers = block_powers(k_weighted(x, rate, periodic=periodic), rate)
    loud = np.array([_to_lufs(p) for p in powers])
    above_absolute = powers[loud > ABSOLUTE_GATE_LUFS]
    if len(above_absolute) == 0:
        return float("-inf")
    relative_gate = _to_lufs(float(np.mean(above_absolute))) + RELATIVE_GATE_LU
    gated = powers[(loud > ABSOLUTE_GATE_LUFS) & (loud > relative_gate)]
    return float(_to_lufs(float(np.mean(gated))))


def max_momentary_loudness(x: Signal, rate: int) -> float:
    """The loudest 400 ms block in LUFS: how loud a short chime is at its strongest."""
    powers = block_powers(k_weighted(x, rate, periodic=False), rate)
    return float(_to_lufs(float(np.max(powers))))


def peak_dbfs(x: Signal) -> float:
    """Sample peak in dB relative to full scale."""
    return float(20.0 * np.log10(max(float(np.max(np.abs(x))), 1e-12)))


def energy_share_above(x: Signal, rate: int, hz: float) -> float:
    """Fraction of the signal's energy above `hz` (harsh highs live above ~3 kHz)."""
    power = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1.0 / rate)
    total = float(np.sum(power))
    return float(np.sum(power[freqs > hz]) / total) if total > 0 else 0.0


def largest_step(x: Signal, *, loop: bool) -> float:
    """The largest sample-to-sample jump; with `loop`, the jump from the last sample to the first
    is included. A click shows up as a jump far above the signal's ordinary ones."""
    steps = np.abs(np.diff(x))
    if loop:
        steps = np.append(steps, abs(x[0] - x[-1]))
    return float(np.max(steps))


@dataclass(frozen=True)
class SeamReport:
    """How the join of a loop compares with every other stretch of the same length.

    `seam_curvature` is the largest second difference across the join (the last samples followed
    by the first ones); `typical_curvature` is the 99th percentile of the same measure over all
    other stretches of the track. A click at the seam makes the first far larger than the second;
    a clean seam gives a ratio around 1 or below.
    """

    seam_step: float
    seam_curvature: float
    typical_curvature: float

    @property
    def ratio(self) -> float:
        return self.seam_curvature / self.typical_curvature if self.typical_curvature else 0.0


def seam_report(x: Signal, window: int = 64) -> SeamReport:
    """Measure the join of a loop: last `window` samples, then the first `window` again."""
    join = np.concatenate((x[-window:], x[:window]))
    seam_curvature = float(np.max(np.abs(np.diff(join, 2))))
    curvature = np.abs(np.diff(x, 2))
    stretches = len(curvature) // (2 * window)
    maxima = curvature[: stretches * 2 * window].reshape(stretches, 2 * window).max(axis=1)
    typical = float(np.percentile(maxima, 99.0))
    return SeamReport(float(abs(x[0] - x[-1])), seam_curvature, typical)
