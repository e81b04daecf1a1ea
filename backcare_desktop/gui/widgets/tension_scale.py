"""An optional 0–10 rating of how tense the back feels; nothing is chosen until the person picks.

The eleven boxes are one control, a slider drawn as a row of numbers, so the rating is one stop
in the Tab order: the arrow keys move along it, Home and End go to its ends, a digit picks that
number, Delete takes the rating back. Being a QSlider, it tells assistive technology it is a
slider and what its value is, without an accessibility interface of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QSlider, QVBoxLayout, QWidget

from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.widgets.layout_helpers import label

TOP = 10
GAP = 4
DIGITS = {getattr(Qt.Key, f"Key_{d}"): d for d in range(10)}
STEP_KEYS = {
    Qt.Key.Key_Left: -1,
    Qt.Key.Key_Down: -1,
    Qt.Key.Key_Right: 1,
    Qt.Key.Key_Up: 1,
    Qt.Key.Key_PageDown: -5,
    Qt.Key.Key_PageUp: 5,
}


class RatingRow(QSlider):
    """The eleven numbered boxes; the chosen one is filled with the accent colour."""

    rated = Signal(object)  # int | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setRange(0, TOP)
        self.setPageStep(5)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._rated = False
        self._describe()

    def rating(self) -> int | None:
        return self.value() if self._rated else None

    def set_rating(self, value: int | None, *, announce: bool = False) -> None:
        previous = self.rating()
        self._rated = value is not None
        self.setValue(0 if value is None else max(0, min(TOP, value)))
        self._describe()
        self.update()
        if announce and self.rating() != previous:
            self.rated.emit(self.rating())

    def _describe(self) -> None:
        scale = tr("0 = completely relaxed, 10 = very tense")
        self.setAccessibleDescription(scale if self._rated else tr("%1. Not rated yet.", scale))

    # -- size and drawing --------------------------------------------------------------------

    def _box_width(self) -> int:
        return max(36, self.fontMetrics().horizontalAdvance("10") + 20)

    def sizeHint(self) -> QSize:
        box = self._box_width()
        height = max(32, self.fontMetrics().height() + 14)
        return QSize(box * (TOP + 1) + GAP * TOP, height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _box(self, value: int) -> QRectF:
        box = self._box_width()
        return QRectF(value * (box + GAP) + 0.5, 0.5, box - 1, self.height() - 1)

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self.palette()
        fill = palette.color(QPalette.ColorRole.Base)
        ink = palette.color(QPalette.ColorRole.Text)
        frame = palette.color(QPalette.ColorRole.PlaceholderText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        on_accent = palette.color(QPalette.ColorRole.HighlightedText)
        chosen = self.rating()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.isEnabled():
            painter.setOpacity(0.45)
        for value in range(TOP + 1):
            rect = self._box(value)
            on = value == chosen
            painter.setPen(QPen(accent if on else frame, 1))
            painter.setBrush(accent if on else fill)
            painter.drawRoundedRect(rect, 8, 8)
            painter.setPen(on_accent if on else ink)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(value))
        painter.end()

    # -- keys and pointer --------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.NoModifier:
            event.ignore()  # Ctrl+1 opens a page; it does not rate
            return
        current = self.rating()
        if key in DIGITS:
            self.set_rating(DIGITS[key], announce=True)
        elif key == Qt.Key.Key_Home:
            self.set_rating(0, announce=True)
        elif key == Qt.Key.Key_End:
            self.set_rating(TOP, announce=True)
        elif key in STEP_KEYS:
            # From "not rated", any step lands on 0: the first box, where the row starts.
            value = 0 if current is None else current + STEP_KEYS[key]
            self.set_rating(max(0, min(TOP, value)), announce=True)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_rating(None, announce=True)
        else:
            event.ignore()  # Return reaches the page's default button, Tab moves on

    def _value_at(self, x: float) -> int | None:
        for value in range(TOP + 1):
            box = self._box(value)
            if box.left() - GAP / 2 <= x <= box.right() + GAP / 2:
                return value
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        value = self._value_at(event.position().x())
        if value is not None:
            self.set_rating(value, announce=True)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        event.accept()  # no dragging: a rating is a pick, not a slide

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # the wheel scrolls the page; it never changes a rating by accident


class TensionScale(QWidget):
    """The question, the rating row and what its ends mean."""

    changed = Signal(object)  # int | None: PySide6 cannot declare an optional argument

    def __init__(self, question: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.question = label(question, "body")
        column.addWidget(self.question)
        row = QHBoxLayout()
        self.row = RatingRow()
        self.row.setAccessibleName(name)
        self.row.rated.connect(self.changed)
        self.question.setBuddy(self.row)
        row.addWidget(self.row)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(
            label(tr("0 = completely relaxed · 10 = very tense · optional"), "secondary")
        )
        self.setFocusProxy(self.row)

    def value(self) -> int | None:
        return self.row.rating()

    def set_value(self, value: int | None) -> None:
        self.row.set_rating(value)
