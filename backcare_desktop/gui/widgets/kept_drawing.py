"""A painted widget that keeps its drawing between paints.

The Progress page's pictures (the heat-map, the tension chart) are drawn from hundreds of
records; drawn afresh at every paint, showing the page again or repainting it after a layout
cost a frame of GUI time. Kept as a pixmap at the screen's pixel ratio, a repaint is a copy;
the drawing is made again only when what it shows, its size, ratio, font or style changed.

Making a drawing costs a few milliseconds; made at paint time, it lands in the same event-loop
turn as the layout and the paint of everything around it, and that turn outlasts a frame.
`PaintAfterDrawings` holds an area's painting while its drawings are made, each in a turn of
its own, and then lets the area paint once, as copies (measured in
tests/benchmarks/gui_stall.py: the turn in which ten years of figures reach Progress).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

MAX_HELD_TURNS = 6
"""An area's painting is held for at most this many turns (each makes one drawing): a layout
that keeps changing a drawing's size must not keep the area from ever painting."""


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

    @property
    def drawn(self) -> bool:
        """The kept drawing shows what the widget shows, at its size: a paint is a copy."""
        return self._drawing is not None and self._drawing_key == self._key()

    def draw_ahead(self) -> None:
        """Make the drawing now, outside a paint, if it is out of date."""
        if not self.drawn:
            self._drawing_key = self._key()
            self._drawing = self._draw(self._drawing_key[2])

    def _key(self) -> tuple[int, int, float]:
        return (self.width(), self.height(), self.devicePixelRatioF())

    def paintEvent(self, event: QPaintEvent) -> None:
        self.draw_ahead()
        assert self._drawing is not None
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


class PaintAfterDrawings(QObject):
    """Holds `area`'s painting (`held`) while the drawings in it that are shown and out of
    date are made, one per event-loop turn; then `area` paints once. The screen keeps its
    last picture of `area` meanwhile, a few milliseconds.

    Each step runs on a zero timer, so it has a turn of its own (input and other paints are
    served between the steps), and first lays out what waits to be laid out: a drawing is
    made at the size the settled layout gives it (a scroll bar that appears narrows the
    page), and the area paints once, laid out."""

    def __init__(self, area: QWidget, drawings: Sequence[KeptDrawing]) -> None:
        super().__init__(area)
        self._area = area
        self._drawings = tuple(drawings)
        self._turns_left = 0
        self.holding = False
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.setInterval(0)
        self._next.timeout.connect(self._step)

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the area's painting while the body changes it, and until its drawings are
        made (if it shows: a hidden area paints nothing, its drawings are made when shown)."""
        if self.holding or not self._area.isVisible():
            yield
            return
        self.holding = True
        self._area.setUpdatesEnabled(False)
        try:
            yield
        finally:
            self._turns_left = MAX_HELD_TURNS
            self._next.start()

    def _step(self) -> None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
        stale = [d for d in self._drawings if d.isVisible() and not d.drawn]
        if stale and self._turns_left > 0:
            self._turns_left -= 1
            stale[0].draw_ahead()
            self._next.start()
            return
        self.holding = False
        self._area.setUpdatesEnabled(True)  # which repaints the whole area
