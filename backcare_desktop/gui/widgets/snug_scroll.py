"""A scroll area as tall as its words where there is room, and shorter, scrolling, where
there is not.

A plain QScrollArea asks for a fixed guess of a size, so in a column with something below it
(the session's countdown under the step's words) it either leaves a gap or pushes what is
below out of view. This one asks for its words' height at its present width, so a layout can
centre words and countdown together on a roomy screen and, on a short one (1366×768 at 150 %),
give the countdown its room first and let the words scroll.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget

MINIMUM_LINES = 3
"""However short the room, this many lines of words stay in view."""


class SnugScrollArea(QScrollArea):
    """See the module docstring. Its widget is resized to the area's width (as with
    `setWidgetResizable(True)`)."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setWidget(content)
        self._minimum_lines = MINIMUM_LINES
        content.installEventFilter(self)  # its words changed: ask for their new height

    def sizeHint(self) -> QSize:
        content = self.widget()
        hint = super().sizeHint()
        if content is None:
            return hint
        width = max(self.viewport().width(), content.minimumSizeHint().width())
        height = (
            content.heightForWidth(width)
            if content.hasHeightForWidth()
            else content.sizeHint().height()
        )
        return QSize(hint.width(), height + 2 * self.frameWidth())

    def set_minimum_lines(self, lines: int) -> None:
        """Keep this many lines in view instead (fewer where the room is very short)."""
        if lines != self._minimum_lines:
            self._minimum_lines = lines
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        lines = self.fontMetrics().lineSpacing() * self._minimum_lines
        return QSize(super().minimumSizeHint().width(), lines + 2 * self.frameWidth())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the words wrap anew: another height
