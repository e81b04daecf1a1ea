"""Tension before and after each rated session, as two lines of dots on a 0–10 scale.

Sessions are spaced evenly (one step each) rather than by date, so a busy week and a quiet
month both stay readable; the dates sit underneath. Before is drawn in the theme's
chart_before colour (hollow dots), after in its accent (filled), with a faint line joining
the two dots of a session; dim's own before colour keeps the two apart in its warm palette.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import tzinfo

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from backcare_desktop.core.journal import (
    TENSION_MAX,
    TENSION_SESSIONS,
    TensionPoint,
    local_day,
    paired_tension,
    tension_averages,
)
from backcare_desktop.gui.look.text import QT_TR_NOOP, number_text, tr, translated
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.widgets.heatmap import day_text
from backcare_desktop.gui.widgets.kept_drawing import KeptDrawing

DOT = 4.5
TREND_MIN_SESSIONS = 3
"""Below this many sessions rated both times, lines between dots would suggest a trend that
two points cannot show: the chart gives the numbers instead."""
EMPTY_TEXT = QT_TR_NOOP("Rate your tension before and after a session to see it here")


class TensionChart(KeptDrawing):
    """Two series over the last rated sessions; a gentle sentence instead when there are none."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: tuple[TensionPoint, ...] = ()
        self._tz: tzinfo | None = None
        self._colors: dict[str, QColor] = {}
        self.set_theme(theme)
        self.setMouseTracking(True)
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Tension before and after your sessions"))

    def set_theme(self, theme: Theme) -> None:
        names = ("chart_before", "accent", "border", "text", "text_secondary", "surface")
        self._colors = {name: theme.color(name) for name in names}
        self.redraw()

    def set_points(self, points: Sequence[TensionPoint], tz: tzinfo | None = None) -> None:
        self._points = tuple(points)[-TENSION_SESSIONS:]
        self._tz = tz
        self.setAccessibleDescription(self.summary() or translated(EMPTY_TEXT))
        self.redraw()

    @property
    def points(self) -> tuple[TensionPoint, ...]:
        return self._points

    @property
    def is_empty(self) -> bool:
        return not self._points

    @property
    def shows_trend(self) -> bool:
        """Whether enough sessions were rated both times for lines joining them to mean much."""
        return len(paired_tension(self._points)) >= TREND_MIN_SESSIONS

    def summary(self) -> str:
        """What the ratings say, comparing only the two ratings of one session.

        With three or more such sessions, "On average 6.2 before and 3.4 after, over 5
        sessions"; with fewer, each session's own numbers; "" when none was rated both times.
        """
        averages = tension_averages(self._points)
        if averages is None:
            return ""
        if averages.sessions < TREND_MIN_SESSIONS:
            return "; ".join(
                tr(
                    "%1: %2 before, %3 after",
                    self._day_label(p),
                    str(p.before),
                    str(p.after),
                )
                for p in paired_tension(self._points)
            )
        return tr(
            "On average %1 before and %2 after, over %n sessions rated both times",
            None,
            averages.sessions,
            number_text(averages.before, 1),
            number_text(averages.after, 1),
        )

    def _day_label(self, point: TensionPoint) -> str:
        """The session's day, with its time when another session shares that day."""
        day = local_day(point.started_at, self._tz)
        text = day_text(day)
        if sum(1 for p in self._points if local_day(p.started_at, self._tz) == day) > 1:
            moment = point.started_at.astimezone(self._tz)
            text = f"{text} {moment:%H:%M}"
        return text

    def axis_labels(self) -> list[tuple[int, str]]:
        """The sessions named under the chart (first, middle, last) and their labels."""
        count = len(self._points)
        indexes = sorted({0, count // 2, count - 1}) if count > 2 else list(range(count))
        return [(index, self._day_label(self._points[index])) for index in indexes]

    def sizeHint(self) -> QSize:
        return QSize(480, 260)

    # -- geometry ----------------------------------------------------------------------------

    def plot_rect(self) -> QRectF:
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance("10") + 14
        top = metrics.height() + 16
        bottom = metrics.height() + 12
        return QRectF(left, top, self.width() - left - 12, self.height() - top - bottom)

    def x_for(self, index: int, plot: QRectF | None = None) -> float:
        """Where session `index` sits across; pass `plot` when placing many (it is measured)."""
        plot = plot or self.plot_rect()
        if len(self._points) <= 1:
            return plot.center().x()
        return plot.left() + 8 + index * (plot.width() - 16) / (len(self._points) - 1)

    def y_for(self, value: int, plot: QRectF | None = None) -> float:
        plot = plot or self.plot_rect()
        return plot.bottom() - value / TENSION_MAX * plot.height()

    def dot_positions(self) -> list[tuple[QPointF | None, QPointF | None]]:
        """Where each session's before and after dots sit (None for a missing rating)."""
        plot = self.plot_rect()
        positions: list[tuple[QPointF | None, QPointF | None]] = []
        for i, p in enumerate(self._points):
            x = self.x_for(i, plot)
            positions.append(
                (
                    None if p.before is None else QPointF(x, self.y_for(p.before, plot)),
                    None if p.after is None else QPointF(x, self.y_for(p.after, plot)),
                )
            )
        return positions

    # -- painting ----------------------------------------------------------------------------

    def draw(self, painter: QPainter) -> None:
        """Drawn again only when the points, theme, font or size changed (KeptDrawing)."""
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        painter.setFont(small)
        c = self._colors
        if not self._points:
            painter.setPen(c["text_secondary"])
            painter.drawText(
                QRectF(self.rect()).adjusted(24, 0, -24, 0),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                translated(EMPTY_TEXT),
            )
            return
        self._paint_axes(painter)
        positions = self.dot_positions()
        self._paint_series(painter, [pair[0] for pair in positions], c["chart_before"], hollow=True)
        self._paint_series(painter, [pair[1] for pair in positions], c["accent"], hollow=False)
        self._paint_legend(painter)

    def _paint_axes(self, painter: QPainter) -> None:
        c = self._colors
        plot = self.plot_rect()
        metrics = painter.fontMetrics()
        for value in (0, 5, 10):
            y = self.y_for(value, plot)
            painter.setPen(
                QPen(c["border"], 1, Qt.PenStyle.DashLine if value else Qt.PenStyle.SolidLine)
            )
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(c["text_secondary"])
            text = str(value)
            x = plot.left() - 8 - metrics.horizontalAdvance(text)
            painter.drawText(QPointF(x, y + (metrics.ascent() - metrics.descent()) / 2), text)
        baseline = plot.bottom() + 8 + metrics.ascent()
        for index, text in self.axis_labels():
            width = metrics.horizontalAdvance(text)
            x = min(max(plot.left(), self.x_for(index, plot) - width / 2), plot.right() - width)
            painter.drawText(QPointF(x, baseline), text)

    def _paint_series(
        self, painter: QPainter, dots: list[QPointF | None], colour: QColor, hollow: bool
    ) -> None:
        """Before is a dashed line of rings, after a solid line of dots: told apart by shape
        as well as colour (the dim theme's two warm colours are close). The line is drawn as
        separate segments: stroking one zig-zag path took several times longer (a frame or
        more on a loaded machine)."""
        segments = [
            QLineF(start, end)
            for start, end in itertools.pairwise(dots)
            if start is not None and end is not None and self.shows_trend
        ]
        line = QColor(colour)
        line.setAlphaF(0.6)
        style = Qt.PenStyle.DashLine if hollow else Qt.PenStyle.SolidLine
        painter.setPen(QPen(line, 1.5 if hollow else 2.0, style, Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for segment in segments:
            painter.drawLine(segment)
        for dot in dots:
            if dot is not None:
                self._paint_dot(painter, dot, colour, hollow)
        if not self.shows_trend:
            self._paint_values(painter, dots, hollow)

    def _paint_values(self, painter: QPainter, dots: list[QPointF | None], before: bool) -> None:
        """Each rating written beside its dot: with so few sessions, the numbers are the story."""
        painter.setPen(self._colors["text"])
        metrics = painter.fontMetrics()
        for dot, point in zip(dots, self._points, strict=True):
            value = point.before if before else point.after
            if dot is None or value is None:
                continue
            text = str(value)
            x = dot.x() - DOT - 6 - metrics.horizontalAdvance(text) if before else dot.x() + DOT + 6
            painter.drawText(QPointF(x, dot.y() + (metrics.ascent() - metrics.descent()) / 2), text)

    def _paint_dot(self, painter: QPainter, at: QPointF, colour: QColor, hollow: bool) -> None:
        if hollow:
            painter.setPen(QPen(colour, 2.0))
            painter.setBrush(self._colors["surface"])
        else:
            painter.setPen(QPen(self._colors["surface"], 1.5))
            painter.setBrush(colour)
        painter.drawEllipse(at, DOT, DOT)

    def _paint_legend(self, painter: QPainter) -> None:
        c = self._colors
        metrics = painter.fontMetrics()
        entries = ((tr("Before"), c["chart_before"], True), (tr("After"), c["accent"], False))
        x = self.plot_rect().right()
        y = metrics.height() / 2 + 2
        for text, colour, hollow in reversed(entries):
            x -= metrics.horizontalAdvance(text)
            painter.setPen(c["text"])
            painter.drawText(QPointF(x, y + (metrics.ascent() - metrics.descent()) / 2), text)
            x -= DOT + 8
            self._paint_dot(painter, QPointF(x, y), colour, hollow)
            x -= DOT + 18

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            text = self._tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]

    def _tooltip_at(self, point: QPointF) -> str:
        if not self._points:
            return ""
        nearest = min(range(len(self._points)), key=lambda i: abs(self.x_for(i) - point.x()))
        if abs(self.x_for(nearest) - point.x()) > 12:
            return ""
        p = self._points[nearest]
        parts = []
        if p.before is not None:
            parts.append(tr("%1 before", str(p.before)))
        if p.after is not None:
            parts.append(tr("%1 after", str(p.after)))
        return f"{self._day_label(p)}: {', '.join(parts)}"
