"""How the breathing pacer (breathing_pacer.py) draws: the breath's fullness, the disc and its
guide ring, the fonts for the words, and the still row of phases shown with reduced motion.

Kept apart from the widget, which decides when to repaint (frames, the clock, pauses): these
only paint what they are given, so the look can change without touching the timing.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QStaticText, QTransform

from backcare_desktop.core.breath_timeline import PhaseState
from backcare_desktop.core.breathing import Phase


def breath_fullness(state: PhaseState) -> float:
    """0 (empty) to 1 (full): eased in and out like a real breath, flat during holds."""
    if state.phase is Phase.HOLD_IN:
        return 1.0
    if state.phase is Phase.HOLD_OUT:
        return 0.0
    eased = 0.5 - 0.5 * math.cos(math.pi * state.progress)
    return eased if state.phase is Phase.INHALE else 1.0 - eased


def _blend(base: QColor, over: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        base.redF() + (over.redF() - base.redF()) * amount,
        base.greenF() + (over.greenF() - base.greenF()) * amount,
        base.blueF() + (over.blueF() - base.blueF()) * amount,
    )


def disc_fill(surface: QColor, breath: QColor) -> QColor:
    """The breath disc's colour: the breath tint laid softly over the surface. The words sit on
    it in the theme's text colour (contrast at least 5.4:1 in light, dark and dim)."""
    return _blend(surface, breath, 0.32)


def _tabular(font: QFont) -> QFont:
    tagged = QFont(font)
    with contextlib.suppress(AttributeError, TypeError):  # Qt < 6.7 has no font features
        tagged.setFeature(QFont.Tag("tnum"), 1)
    return tagged


def word_fonts(base_font: QFont) -> tuple[QFont, QFont, float]:
    """The phase word's and the count's fonts, and the base size the layout is measured in;
    the count's digits are all one width, so it does not jitter as it counts down."""
    base = max(base_font.pointSizeF(), 9.0)
    word_font = QFont(base_font)
    word_font.setPointSizeF(base * 1.3)
    count_font = _tabular(base_font)
    count_font.setPointSizeF(base * 2.4)
    count_font.setWeight(QFont.Weight.DemiBold)
    return word_font, count_font, base


class CentredWords:
    """The phase word and the count, laid out once per text and font and drawn centred in a box.

    `drawText` into a box shapes its text afresh on every call, and the pacer repaints them up
    to 60 times a second while the circle moves; a prepared QStaticText keeps the glyphs, as Qt
    advises for text drawn again and again.
    """

    LIMIT = 64
    """Layouts kept: the words of a pattern and the counts, in one or two fonts."""

    def __init__(self) -> None:
        self._texts: dict[tuple[str, str], tuple[QStaticText, float]] = {}

    def draw(self, painter: QPainter, box: QRectF, text: str) -> None:
        """`text` in the painter's font, centred in `box` where drawText(AlignCenter) puts it
        (the same pixels: checked over fonts from 9 to 58 pt)."""
        font = painter.font()
        key = (text, font.key())
        laid = self._texts.get(key)
        if laid is None:
            if len(self._texts) >= self.LIMIT:
                self._texts.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), font)
            laid = self._texts[key] = (static, QFontMetricsF(font).height())
        static, height = laid
        left = box.center().x() - static.size().width() / 2
        painter.drawStaticText(QPointF(left, box.y() + (box.height() - height) / 2), static)


def paint_circle(
    painter: QPainter,
    centre: QPointF,
    radius: float,
    full: float,
    dirty: QRect,
    colors: Mapping[str, QColor],
) -> None:
    """A guide ring at full size and the breath disc: a flat, soft fill under a crisp edge.

    The fill is drawn without antialiasing (the 2 px edge covers its rim): a gradient or an
    antialiased fill of a disc this large costs several times more per frame. The guide ring
    is only drawn when the repainted area reaches it.
    """
    breath, surface = colors["breath"], colors["surface"]
    corner = max(
        math.hypot(x - centre.x(), y - centre.y())
        for x in (dirty.left(), dirty.right() + 1)
        for y in (dirty.top(), dirty.bottom() + 1)
    )
    if corner >= full - 2.0:
        painter.setPen(QPen(_blend(surface, breath, 0.35), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, full, full)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(disc_fill(surface, breath))
    painter.drawEllipse(centre, radius, radius)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(breath, 2.0))
    painter.drawEllipse(centre, radius, radius)


def paint_phase_row(
    painter: QPainter,
    base_font: QFont,
    centre: QPointF,
    phases: Sequence[tuple[Phase, str]],
    current: Phase,
    colors: Mapping[str, QColor],
) -> None:
    """The breath's phases (each with its word) in a still row (in · hold · out), the current
    one in the text colour over a short bar; the others quieter. Nothing in it moves."""
    font = QFont(base_font)
    base = max(font.pointSizeF(), 9.0)
    font.setPointSizeF(base * 0.95)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    gap = metrics.horizontalAdvance("  ·  ")
    width = sum(metrics.horizontalAdvance(w) for _, w in phases) + gap * (len(phases) - 1)
    x = centre.x() - width / 2
    y = centre.y() + base * 3.8
    for phase, word in phases:
        advance = metrics.horizontalAdvance(word)
        is_current = phase is current
        painter.setPen(colors["text"] if is_current else colors["text_secondary"])
        painter.drawText(QPointF(x, y), word)
        if is_current:
            painter.setPen(QPen(colors["breath"], 3.0))
            painter.drawLine(QPointF(x, y + 6), QPointF(x + advance, y + 6))
        x += advance + gap
