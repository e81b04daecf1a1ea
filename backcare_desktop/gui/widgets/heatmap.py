"""A calendar heat-map: one column per week, one square per day, deeper colour for more minutes.

Drawn by hand rather than with a table so the weeks read at a glance; colours run from the
theme's quiet `surface_alt` to its `accent`, so the picture follows light, dark and dim.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from backcare_desktop.core.journal import DayMinutes
from backcare_desktop.gui.look.text import QT_TR_NOOP, tr, translated
from backcare_desktop.gui.look.theme import Theme, contrast_ratio
from backcare_desktop.gui.widgets.kept_drawing import KeptDrawing

CELL = 24.0
GAP = 5.0
LEVEL_MINUTES = (1, 10, 20, 30)
"""A day reaches level n (1–4) at this many minutes; level 0 is a day without practice."""
LEVEL_SHARES = (0.0, 0.35, 0.6, 0.8, 1.0)
_WEEKDAY_ROWS = {
    0: QT_TR_NOOP("Mon"),
    2: QT_TR_NOOP("Wed"),
    4: QT_TR_NOOP("Fri"),
    6: QT_TR_NOOP("Sun"),
}


def day_text(day: date) -> str:
    """ "Tue 3 Nov" — short, and the same on every system."""
    return f"{day:%a} {day.day} {day:%b}"


def day_tooltip(cell: DayMinutes) -> str:
    if cell.minutes <= 0:
        return tr("%1: no session", day_text(cell.day))
    return tr("%1: %2 min", day_text(cell.day), str(cell.minutes))


def level(minutes: int) -> int:
    return sum(1 for threshold in LEVEL_MINUTES if minutes >= threshold)


def mix(a: QColor, b: QColor, share: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * share,
        a.greenF() + (b.greenF() - a.greenF()) * share,
        a.blueF() + (b.blueF() - a.blueF()) * share,
    )


class HeatMap(KeptDrawing):
    """Weeks left to right (oldest first), Monday at the top; today outlined; a Less–More key."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid: tuple[tuple[DayMinutes, ...], ...] = ()
        self._today: date | None = None
        self._colors: dict[str, QColor] = {}
        self.set_theme(theme)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("Minutes practised each day, last 12 weeks"))

    def set_theme(self, theme: Theme) -> None:
        names = ("surface_alt", "accent", "text", "text_secondary", "surface", "outline")
        self._colors = {name: theme.color(name) for name in names}
        self.redraw()

    def set_days(self, grid: Sequence[Sequence[DayMinutes]], today: date) -> None:
        self._grid = tuple(tuple(week) for week in grid)
        self._today = today
        practised = sum(1 for week in self._grid for cell in week if cell.minutes > 0)
        self.setAccessibleDescription(
            tr("Practised on 1 day in the last %1 weeks", len(self._grid))
            if practised == 1
            else tr("Practised on %n days in the last %1 weeks", None, practised, len(self._grid))
        )
        self.updateGeometry()
        self.redraw()

    def minutes_on(self, day: date) -> int | None:
        """The minutes shown for a day, or None when the day is not on the map."""
        for week in self._grid:
            for cell in week:
                if cell.day == day:
                    return cell.minutes
        return None

    def month_labels(self) -> list[tuple[int, str]]:
        """Which week columns carry a month's name: the week holding its 1st, so the current
        month is named even when it began mid-week, and the first column when no 1st is near."""
        labels = [
            (w, f"{cell.day:%b}")
            for w, week in enumerate(self._grid)
            for cell in week
            if cell.day.day == 1
        ]
        if self._grid and not any(w <= 1 for w, _text in labels):
            labels.insert(0, (0, f"{self._grid[0][0].day:%b}"))
        return labels

    def edge_for(self, fill: QColor) -> QPen | Qt.PenStyle:
        """A square too faint to see on the card (an empty day, a light one) gets an outline
        in the theme's `outline` colour, which reaches 3:1 on the card in every theme."""
        if contrast_ratio(fill.name(), self._colors["surface"].name()) >= 3.0:
            return Qt.PenStyle.NoPen
        return QPen(self._colors["outline"], 1.0)

    def colour_for(self, minutes: int) -> QColor:
        share = LEVEL_SHARES[level(minutes)]
        return mix(self._colors["surface_alt"], self._colors["accent"], share)

    # -- geometry ----------------------------------------------------------------------------

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        return font

    def _origin(self) -> QPointF:
        metrics = self.fontMetrics()
        return QPointF(metrics.horizontalAdvance("Wed") + 10, metrics.height() + 6)

    def cell_rect(self, week: int, weekday: int, origin: QPointF | None = None) -> QRectF:
        origin = self._origin() if origin is None else origin
        x = origin.x() + week * (CELL + GAP)
        y = origin.y() + weekday * (CELL + GAP)
        return QRectF(x, y, CELL, CELL)

    def sizeHint(self) -> QSize:
        weeks = max(1, len(self._grid) or 12)
        origin = self._origin()
        width = origin.x() + weeks * (CELL + GAP)
        height = origin.y() + 7 * (CELL + GAP) + self.fontMetrics().height() + 12
        return QSize(int(width) + 2, int(height) + 2)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def cell_at(self, point: QPointF) -> DayMinutes | None:
        for w, week in enumerate(self._grid):
            for d, cell in enumerate(week):
                if self.cell_rect(w, d).adjusted(-2, -2, 2, 2).contains(point):
                    return cell
        return None

    # -- painting ----------------------------------------------------------------------------

    def draw(self, painter: QPainter) -> None:
        """Drawn again only when the days, theme, font or size changed (KeptDrawing)."""
        painter.setFont(self._small_font())
        c = self._colors
        metrics = painter.fontMetrics()
        painter.setPen(c["text_secondary"])
        for weekday, name in _WEEKDAY_ROWS.items():
            rect = self.cell_rect(0, weekday)
            baseline = rect.center().y() + (metrics.ascent() - metrics.descent()) / 2
            painter.drawText(QPointF(0, baseline), translated(name))
        for w, text in self.month_labels():
            painter.drawText(QPointF(self.cell_rect(w, 0).left(), metrics.ascent()), text)
        fills = [mix(c["surface_alt"], c["accent"], share) for share in LEVEL_SHARES]
        edges = [self.edge_for(fill) for fill in fills]  # worked out once per level, not per day
        origin = self._origin()
        for w, week in enumerate(self._grid):
            for d, cell in enumerate(week):
                if cell.in_future:
                    continue
                rect = self.cell_rect(w, d, origin)
                at = level(cell.minutes)
                painter.setPen(edges[at])
                painter.setBrush(fills[at])
                painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
                if cell.day == self._today:
                    painter.setPen(QPen(c["text"], 1.5))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), 7, 7)
        self._paint_key(painter)

    def _paint_key(self, painter: QPainter) -> None:
        """Less □□□□□ More, right-aligned under the grid."""
        c = self._colors
        metrics = painter.fontMetrics()
        size = 12.0
        top = self.cell_rect(0, 6).bottom() + 10
        less, more = tr("Less"), tr("More")
        width = (
            metrics.horizontalAdvance(less)
            + metrics.horizontalAdvance(more)
            + len(LEVEL_SHARES) * (size + 4)
            + 12
        )
        x = self.cell_rect(max(0, len(self._grid) - 1), 0).right() - width
        baseline = top + size / 2 + (metrics.ascent() - metrics.descent()) / 2
        painter.setPen(c["text_secondary"])
        painter.drawText(QPointF(x, baseline), less)
        x += metrics.horizontalAdvance(less) + 6
        for share in LEVEL_SHARES:
            fill = mix(c["surface_alt"], c["accent"], share)
            painter.setPen(self.edge_for(fill))
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(x + 0.5, top + 0.5, size - 1, size - 1), 3, 3)
            x += size + 4
        painter.setPen(c["text_secondary"])
        painter.drawText(QPointF(x + 2, baseline), more)

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            cell = self.cell_at(QPointF(event.pos()))
            if cell is not None and not cell.in_future:
                QToolTip.showText(event.globalPos(), day_tooltip(cell), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]
