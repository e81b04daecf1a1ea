"""A holder that keeps one widget square, centred, and no larger than a set size.

For the breathing pacer: a circle wants a square, and its repaint cost grows with its area, so
its size is capped while the space around it stays the page's own background.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class CentredSquare(QWidget):
    """Lays `child` out as the largest centred square that fits, at most `max_side` pixels."""

    def __init__(self, child: QWidget, max_side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.child = child
        self.max_side = max_side
        child.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return self.child.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.child.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        side = max(0, min(self.width(), self.height(), self.max_side))
        self.child.setGeometry((self.width() - side) // 2, (self.height() - side) // 2, side, side)
