"""Measurements that stand in for listening: loudness, true peak, stereo width, seams and tails.

Loudness is EBU R128 / ITU-R BS.1770-4 as pyloudnorm implements it (K-weighting, 400 ms
blocks, absolute and relative gates); true peak follows BS.1770's annex: the peak of the signal
oversampled to at least 176.4 kHz. The synthesis script and the asset tests both measure
through this module, so what the script aims at is what the tests check.

Signals are float arrays of shape (samples, channels) or (samples,) for mono.
"""

from __future__ import annotations

import math

import numpy as np
import pyloudnorm
from numpy.typing import NDArray
from scipy.signal import resample_poly

Signal = NDArray[np.float64]

MOMENTARY_S = 0.4
MOMENTARY_STEP_S = 0.1
TRUE_PEAK_RATE = 176_400
CANDIDATE_DB = 3.0
ENVELOPE_WINDOW_S = 0.1
ENVELOPE_HOP_S = 0.01


def integrated_loudness(x: Signal, rate: int) -> float:
    """Integrated loudness in LUFS (every channel weighted 1.0, as for left and right)."""
    return float(pyloudnorm.Meter(rate).integrated_loudness(x))


def max_momentary_loudness(x: Signal, rate: int, within_s: float = 3.0) -> float:
    """The loudest 400 ms block in LUFS: how loud a short chime is at its strongest. Blocks
    start within the first `within_s` (a struck sound is loudest just after the strike)."""
    meter = pyloudnorm.Meter(rate, block_size=MOMENTARY_S)
    block = round(MOMENTARY_S * rate)
    step = round(MOMENTARY_STEP_S * rate)
    last = min(len(x) - block, round(within_s * rate))
    levels = [
        meter.integrated_loudness(x[start : start + block]) for start in range(0, last + 1, step)
    ]
    finite = [level for level in levels if math.isfinite(level)]
    return float(max(finite)) if finite else float("-inf")


def true_peak_dbtp(x: Signal, rate: int) -> float:
    """The true peak in dBTP: the sample peak after oversampling to >= 176.4 kHz.

    Only the 100 ms pieces whose sample peak is within CANDIDATE_DB of the loudest sample are
    oversampled (each with a margin on both sides): between samples, a signal band-limited like
    these rises at most a few dB above its samples, so no other piece can hold the true peak,
    and measuring a two-minute mix costs milliseconds instead of seconds.
    """
    factor = max(1, math.ceil(TRUE_PEAK_RATE / rate))
    frames = x.reshape(len(x), -1)
    piece, margin = rate // 10, 128
    count = len(frames) // piece
    peaks = np.abs(frames[: count * piece]).reshape(count, -1).max(axis=1)
    if len(frames) > count * piece:
        peaks = np.append(peaks, np.abs(frames[count * piece :]).max())
    threshold = float(peaks.max()) * 10 ** (-CANDIDATE_DB / 20)
    peak = 0.0
    for index in np.nonzero(peaks >= threshold)[0]:
        start = int(index) * piece
        low, high = max(0, start - margin), min(len(frames), start + piece + margin)
        upsampled = resample_poly(frames[low:high], factor, 1, axis=0)
        inner = upsampled[(start - low) * factor : (start - low + piece) * factor]
        peak = max(peak, float(np.max(np.abs(inner))))
    return 20.0 * math.log10(max(peak, 1e-12))


def sample_peak_dbfs(x: Signal) -> float:
    return 20.0 * math.log10(max(float(np.max(np.abs(x))), 1e-12))


def stereo_correlation(x: Signal) -> float:
    """Pearson correlation of left and right: 1.0 is mono on two speakers."""
    return float(np.corrcoef(x[:, 0], x[:, 1])[0, 1])


def seam_step_percentile(x: Signal) -> float:
    """Where the step from the last sample back to the first ranks among all the steps inside
    the file (percent, per channel, the worse one): a click at the seam ranks near 100."""
    worst = 0.0
    for channel in x.reshape(len(x), -1).T:
        steps = np.abs(np.diff(channel))
        seam = abs(float(channel[0] - channel[-1]))
        worst = max(worst, 100.0 * float(np.mean(steps < seam)))
    return worst


def envelope_db(x: Signal, rate: int) -> Signal:
    """Level in dB (re full scale) of 100 ms windows stepped by 10 ms, all channels' power
    together: the curve a decay is judged on."""
    power = np.sum(x.reshape(len(x), -1) ** 2, axis=1)
    window = round(ENVELOPE_WINDOW_S * rate)
    hop = round(ENVELOPE_HOP_S * rate)
    running = np.concatenate(([0.0], np.cumsum(power)))
    starts = np.arange(0, len(power) - window + 1, hop)
    mean = (running[starts + window] - running[starts]) / window
    return 10.0 * np.log10(np.maximum(mean, 1e-20))


def tail_facts(x: Signal, rate: int, floor_db: float = -60.0) -> tuple[float, float]:
    """(seconds from the peak until the level stays `floor_db` below it, fastest drop in dB per
    100 ms anywhere after the peak). The time is inf when the file ends before that."""
    level = envelope_db(x, rate)
    peak = int(np.argmax(level))
    relative = level - level[peak]
    after = relative[peak:]
    above = np.nonzero(after > floor_db)[0]
    reached = above[-1] + 1 if len(above) else 0
    seconds = math.inf if reached >= len(after) else float(reached) * ENVELOPE_HOP_S
    lag = round(ENVELOPE_WINDOW_S / ENVELOPE_HOP_S)
    drops = after[:-lag] - after[lag:] if len(after) > lag else np.zeros(1)
    return seconds, float(np.max(drops))
