"""A painted widget that keeps its drawing between paints.

The Progress page's pictures (the heat-map, the tension chart) are drawn from hundreds of
records; drawn afresh at every paint, showing the page again or repainting it after a layout
cost a frame of GUI time. Kept as a pixmap at the screen's pixel ratio, a repaint is a copy;
the drawing is made again only when what it shows, its size, ratio, font or style changed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget


class KeptDrawing(QWidget):
    """Subclasses draw in `draw(painter)` and call `redraw()` when what they show changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._drawing: QPixmap | None = None
        self._drawing_key: tuple[int, int, float] = (0, 0, 0.0)

    def redraw(self) -> None:
        """What the widget shows changed (its data, its theme): draw it anew at the next paint."""
        self._drawing = None
        self.update()

    def draw(self, painter: QPainter) -> None:
        raise NotImplementedError

    def paintEvent(self, event: QPaintEvent) -> None:
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio)
        if self._drawing is None or self._drawing_key != key:
            self._drawing = self._draw(ratio)
            self._drawing_key = key
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._drawing)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._drawing = None
        super().changeEvent(event)

    def _draw(self, ratio: float) -> QPixmap:
        pixmap = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            self.draw(painter)
        finally:
            painter.end()
        return pixmap
