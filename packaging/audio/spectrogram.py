"""Spectrogram pictures of the sounds, so their "colour" can be checked with the eyes.

A log-frequency axis (30 Hz up to Nyquist) shows the warm low range in detail; a dashed line
marks 3 kHz, above which only air, surf and rain belong (harsh tones would show there). Stereo
sounds are drawn from their mid signal (left + right) / 2. Drawn with PySide6's QImage/QPainter
(already a dependency) instead of a plotting library.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

Signal = NDArray[np.float64]

FLOOR_DB = -110.0
CEILING_DB = -20.0
_STOPS = (
    (0.00, (0, 0, 4)),
    (0.25, (59, 15, 112)),
    (0.50, (140, 41, 129)),
    (0.75, (222, 73, 104)),
    (0.90, (254, 159, 109)),
    (1.00, (252, 253, 191)),
)


def _colour_table() -> NDArray[np.uint32]:
    positions = np.linspace(0.0, 1.0, 256)
    channels = []
    for channel in range(3):
        xs = [stop for stop, _ in _STOPS]
        ys = [colour[channel] for _, colour in _STOPS]
        channels.append(np.interp(positions, xs, ys).astype(np.uint32))
    return (0xFF000000 | (channels[0] << 16) | (channels[1] << 8) | channels[2]).astype(np.uint32)


def spectrogram_db(x: Signal, rate: int, window: int, hop: int) -> tuple[Signal, Signal]:
    """Power in dBFS per (frame, bin) and the bin frequencies (a full-scale sine reads ~0 dB)."""
    taper = np.hanning(window)
    frames = max(1, 1 + (len(x) - window) // hop)
    padded = np.pad(x, (0, max(0, window - len(x))))
    spectra = np.empty((frames, window // 2 + 1))
    for i in range(frames):
        segment = padded[i * hop : i * hop + window] * taper
        spectra[i] = np.abs(np.fft.rfft(segment)) * (2.0 / np.sum(taper))
    return 20.0 * np.log10(np.maximum(spectra, 1e-12)), np.fft.rfftfreq(window, 1.0 / rate)


def write_spectrogram(x: Signal, rate: int, path: Path, title: str, height: int = 420) -> None:
    """Write a PNG spectrogram of `x` with frequency labels and the 3 kHz line."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

    _app = QGuiApplication.instance() or QGuiApplication([])
    if x.ndim == 2:
        x = x.mean(axis=1)
    seconds = len(x) / rate
    hop = max(64, int(rate * seconds / 1400))
    window = 4096 if seconds > 20 else 2048
    db, freqs = spectrogram_db(x, rate, window, hop)
    low, high = np.log10(30.0), np.log10(rate / 2.0)
    rows = np.logspace(low, high, height + 1)
    image_rows = np.empty((height, db.shape[0]))
    for row in range(height):
        in_row = (freqs >= rows[row]) & (freqs < rows[row + 1])
        if np.any(in_row):
            image_rows[height - 1 - row] = db[:, in_row].max(axis=1)
        else:
            image_rows[height - 1 - row] = db[:, int(np.argmin(np.abs(freqs - rows[row])))]
    levels = np.clip((image_rows - FLOOR_DB) / (CEILING_DB - FLOOR_DB), 0.0, 1.0)
    pixels = np.ascontiguousarray(_colour_table()[(levels * 255).astype(np.int64)])

    margin_left, margin_top, margin_bottom = 70, 28, 24
    width = pixels.shape[1]
    canvas = QImage(
        width + margin_left + 10, height + margin_top + margin_bottom, QImage.Format.Format_RGB32
    )
    canvas.fill(QColor("#1b1b1f"))
    plot = QImage(pixels.data, width, height, width * 4, QImage.Format.Format_RGB32)
    painter = QPainter(canvas)
    painter.drawImage(QPoint(margin_left, margin_top), plot)
    painter.setPen(QColor("#e8e2d8"))
    painter.setFont(QFont("DejaVu Sans", 9))
    painter.drawText(
        margin_left,
        18,
        f"{title} — {seconds:.1f} s, {rate} Hz, {FLOOR_DB:.0f}…{CEILING_DB:.0f} dBFS",
    )

    def y_of(hz: float) -> int:
        return margin_top + round((high - np.log10(hz)) / (high - low) * height)

    for hz, label in (
        (50, "50"),
        (100, "100"),
        (300, "300"),
        (1000, "1k"),
        (3000, "3k"),
        (10000, "10k"),
    ):
        if hz < rate / 2:
            painter.drawText(8, y_of(hz) + 4, f"{label} Hz")
            painter.drawLine(margin_left - 6, y_of(hz), margin_left, y_of(hz))
    pen = QPen(QColor("#7fd3c4"))
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawLine(margin_left, y_of(3000), margin_left + width, y_of(3000))
    painter.setPen(QColor("#e8e2d8"))
    step = 30 if seconds > 60 else (1 if seconds < 12 else 5)
    for second in range(0, int(seconds) + 1, step):
        x_px = margin_left + int(second * rate / hop)
        if x_px < margin_left + width:
            painter.drawText(x_px, margin_top + height + 16, f"{second}s")
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas.save(str(path))
