"""Progress through the whole routine: one segment per step, sized by its duration."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QAccessible, QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from backcare_desktop.core.session import StepOutcome
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.widgets.accessibility import AccessibleReading, install_accessibility

_GAP = 4.0


class SegmentedProgress(QWidget):
    """Read as a progress bar named "Step 2 of 15", with the step number as its value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_accessibility()
        self._durations: list[float] = []
        self._titles: list[str] = []
        self._outcomes: list[StepOutcome] = []
        self._current = 0
        self._current_fraction = 0.0
        self._colors = {
            "track": QColor("#efe8de"),
            "done": QColor("#2f6f68"),
            "skip": QColor("#9aa"),
        }
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(14)
        self.setMouseTracking(True)

    def set_colors(self, track: str, done: str, skipped: str) -> None:
        self._colors = {"track": QColor(track), "done": QColor(done), "skip": QColor(skipped)}
        self.update()

    def set_steps(self, durations: list[float], titles: list[str]) -> None:
        self._durations, self._titles = durations, titles
        self._outcomes = [StepOutcome.PENDING] * len(durations)
        self._current, self._current_fraction = 0, 0.0
        self.setAccessibleName(self._position())
        self.update()

    def set_progress(
        self, outcomes: tuple[StepOutcome, ...], current: int, fraction: float
    ) -> None:
        self._outcomes, self._current = list(outcomes), current
        self._current_fraction = max(0.0, min(1.0, fraction))
        self.setAccessibleName(self._position())
        self.update()

    def _position(self) -> str:
        return tr("Step %1 of %2", str(self._current + 1), str(len(self._durations)))

    def accessible_reading(self) -> AccessibleReading:
        return AccessibleReading(
            QAccessible.Role.ProgressBar,
            self._position(),
            value=float(self._current + 1),
            minimum=1.0,
            maximum=float(max(1, len(self._durations))),
        )

    def sizeHint(self) -> QSize:
        return QSize(600, 14)

    def _segments(self) -> list[QRectF]:
        total = sum(self._durations) or 1.0
        usable = self.width() - _GAP * max(0, len(self._durations) - 1)
        rects, x = [], 0.0
        for d in self._durations:
            w = usable * d / total
            rects.append(QRectF(x, 3, max(w, 2.0), self.height() - 6))
            x += w + _GAP
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for i, rect in enumerate(self._segments()):
            radius = rect.height() / 2
            painter.setBrush(self._colors["track"])
            painter.drawRoundedRect(rect, radius, radius)
            outcome = self._outcomes[i] if i < len(self._outcomes) else StepOutcome.PENDING
            fill = 0.0
            colour = self._colors["done"]
            if outcome is StepOutcome.DONE:
                fill = 1.0
            elif outcome is StepOutcome.SKIPPED:
                fill, colour = 1.0, self._colors["skip"]
            elif i == self._current:
                fill = self._current_fraction
            if fill > 0:
                painter.setBrush(colour)
                part = QRectF(
                    rect.left(), rect.top(), max(rect.width() * fill, rect.height()), rect.height()
                )
                painter.drawRoundedRect(part.intersected(rect), radius, radius)
        painter.end()

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            for i, rect in enumerate(self._segments()):
                if rect.adjusted(-_GAP / 2, -6, _GAP / 2, 6).contains(QPointF(event.pos())):
                    QToolTip.showText(event.globalPos(), self._titles[i], self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]
