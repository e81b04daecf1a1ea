"""A spin box that takes a typed number past its range as "as far as it goes", and says so.

A plain QSpinBox refuses the second 9 of "99" when 30 is its top, so typing 99 into the Length
box left 9 minutes: the opposite of what was meant, without a word. This one lets the digits
in, sets the nearest value in range when the typing is done, and tells its note.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLabel, QSpinBox, QWidget

from backcare_desktop.gui.look.text import tr

MAX_DIGITS = 4


class BoundedSpinBox(QSpinBox):
    """See the module docstring; `clamped` carries the sentence to show beside the box."""

    clamped = Signal(str)

    def _number_in(self, text: str) -> int | None:
        core = text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()
        return int(core) if core.isdigit() and len(core) <= MAX_DIGITS else None

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        number = self._number_in(text)
        if number is not None and not self.minimum() <= number <= self.maximum():
            return QValidator.State.Intermediate, text, pos
        return super().validate(text, pos)

    def fixup(self, text: str) -> str:
        number = self._number_in(text)
        if number is None:
            return super().fixup(text)
        value = min(max(number, self.minimum()), self.maximum())
        shown = f"{value}{self.suffix()}".strip()
        if number > value:
            self.clamped.emit(tr("Set to %1, the longest it can be.", shown))
        elif number < value:
            self.clamped.emit(tr("Set to %1, the shortest it can be.", shown))
        return f"{self.prefix()}{value}{self.suffix()}"


def clamp_note(box: BoundedSpinBox, parent: QWidget | None = None) -> QLabel:
    """A quiet line that shows what `box` did with a number out of its range, and goes away
    as soon as the person types again."""
    note = QLabel(parent)
    note.setProperty("role", "secondary")
    note.setWordWrap(True)
    note.hide()

    def show(text: str) -> None:
        note.setText(text)
        note.show()

    box.clamped.connect(show)
    box.lineEdit().textEdited.connect(lambda _text: note.hide())
    return note
