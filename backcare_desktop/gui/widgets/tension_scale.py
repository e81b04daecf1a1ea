"""An optional 0–10 rating of how tense the back feels; nothing is chosen until the person picks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.widgets.layout_helpers import label


class TensionScale(QWidget):
    changed = Signal(object)  # int | None: PySide6 cannot declare an optional argument

    def __init__(self, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label(question, "body"))
        row = QHBoxLayout()
        row.setSpacing(4)
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        self.buttons: list[QToolButton] = []
        for value in range(11):
            button = QToolButton()
            button.setText(str(value))
            button.setCheckable(True)
            button.setMinimumWidth(36)
            button.setProperty("role", "scale")
            button.setAccessibleName(tr("Tension %1 of 10", str(value)))
            self._group.addButton(button, value)
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(
            label(tr("0 = completely relaxed · 10 = very tense · optional"), "secondary")
        )
        self._group.idClicked.connect(self._clicked)
        self.setAccessibleName(question)

    def _clicked(self, value: int) -> None:
        for i, button in enumerate(self.buttons):
            if i != value:
                button.setChecked(False)
        self.changed.emit(self.value())

    def value(self) -> int | None:
        checked = self._group.checkedId()
        return None if checked < 0 else checked

    def set_value(self, value: int | None) -> None:
        for i, button in enumerate(self.buttons):
            button.setChecked(value == i)
