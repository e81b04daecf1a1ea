"""The step countdown: a thin ring that empties as the step runs, with the time left inside."""

from __future__ import annotations

import contextlib
import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QAccessible, QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.widgets.accessibility import AccessibleReading, install_accessibility


def format_clock(seconds: float) -> str:
    """m:ss, rounding up so the display reads 0:01 until the very end, never 0:00 early."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def tabular_font(font: QFont) -> QFont:
    """Digits of equal width, so the countdown does not jitter as it changes."""
    tagged = QFont(font)
    with contextlib.suppress(AttributeError, TypeError):  # Qt older than 6.7 has no features
        tagged.setFeature(QFont.Tag("tnum"), 1)
    return tagged


class CountdownRing(QWidget):
    """A screen reader reads it as a progress bar whose value is the seconds left; it is not
    told of every second (that would drown out the step's own announcements), it reads the
    time left whenever the person asks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_accessibility()
        self._remaining = 0.0
        self._total = 1.0
        self._caption = ""
        self._track = QColor("#e2d9cc")
        self._accent = QColor("#2f6f68")
        self._text = QColor("#2b2f33")
        self._secondary = QColor("#5f666d")
        # Shrinks (down to 112 px) rather than being clipped when a short window squeezes
        # the session page; it paints a circle in whatever square it gets.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(112, 112)
        self.setMaximumSize(168, 168)
        self.setAccessibleName(tr("Time left in this step"))

    def set_colors(self, track: str, accent: str, text: str, secondary: str) -> None:
        self._track, self._accent = QColor(track), QColor(accent)
        self._text, self._secondary = QColor(text), QColor(secondary)
        self.update()

    def set_time(self, remaining: float, total: float, caption: str = "") -> None:
        if caption != self._caption:
            self.setAccessibleDescription(caption)
        self._remaining, self._total, self._caption = remaining, max(total, 0.001), caption
        self.update()

    @property
    def text(self) -> str:
        return format_clock(self._remaining)

    def accessible_reading(self) -> AccessibleReading:
        whole = float(math.ceil(max(0.0, self._remaining) - 1e-9))
        return AccessibleReading(
            QAccessible.Role.ProgressBar,
            tr("%1 left", self.text),
            value=whole,
            maximum=float(math.ceil(self._total - 1e-9)),
        )

    def sizeHint(self) -> QSize:
        return QSize(168, 168)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 12
        rect = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        pen = QPen(self._track, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawEllipse(rect)
        fraction = max(0.0, min(1.0, self._remaining / self._total))
        if fraction > 0:
            pen.setColor(self._accent)
            painter.setPen(pen)
            painter.drawArc(rect, 90 * 16, int(fraction * 360 * 16))
        font = tabular_font(self.font())
        font.setPointSizeF(min(max(self.font().pointSizeF(), 9.0) * 2.6, side / 6.0))
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(self._text)
        upper = QRectF(rect.left(), rect.top(), rect.width(), rect.height() * 0.62)
        painter.drawText(
            upper, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, self.text
        )
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF(), 9.0) * 0.95)
        room = rect.width() * 0.6  # the circle's width where the words sit, inside the stroke
        if self._caption and QFontMetricsF(small).horizontalAdvance(self._caption) <= room:
            # a very small ring (200 % on a laptop) shows the time alone: the length is
            # still in its accessible description
            painter.setFont(small)
            painter.setPen(self._secondary)
            lower = QRectF(rect.left(), rect.top() + rect.height() * 0.64, rect.width(), 30)
            painter.drawText(
                lower, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self._caption
            )
        painter.end()
