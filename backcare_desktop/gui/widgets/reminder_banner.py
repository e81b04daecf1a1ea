"""A reminder shown inside the window, for desktops where a notification cannot reach the person.

It sits between the header and the pages, so it is seen on every page, and offers the same three
answers as the desktop notification. It never blinks or moves; it waits to be answered.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from backcare_desktop.gui.text import tr
from backcare_desktop.gui.widgets.layout_helpers import SPACE, label

ANSWERS: tuple[tuple[str, str], ...] = (
    ("start", "Start now"),
    ("snooze", "Snooze 10 min"),
    ("skip", "Skip today"),
)


class ReminderBanner(QWidget):
    """The reminder's title and words, and Start now / Snooze 10 min / Skip today."""

    answered = Signal(str)  # "start", "snooze" or "skip"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Reminder"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(SPACE["xxl"], SPACE["s"], SPACE["xxl"], SPACE["s"])
        inner = QFrame()
        inner.setObjectName("banner")
        row = QHBoxLayout(inner)
        row.setContentsMargins(SPACE["l"], SPACE["m"], SPACE["m"], SPACE["m"])
        row.setSpacing(SPACE["m"])
        words = QVBoxLayout()
        words.setSpacing(SPACE["xs"])
        self.title = label("", "heading")
        self.body = label("", "secondary")
        words.addWidget(self.title)
        words.addWidget(self.body)
        row.addLayout(words, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, text in ANSWERS:
            button = QPushButton(tr(text))
            button.setProperty("primary", key == "start")
            button.clicked.connect(lambda _=False, answer=key: self._answer(answer))
            row.addWidget(button)
            self.buttons[key] = button
        outer.addWidget(inner)
        self.hide()

    def show_reminder(self, title: str, body: str) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.setAccessibleDescription(f"{title}. {body}")
        self.show()

    def _answer(self, key: str) -> None:
        self.hide()
        self.answered.emit(key)
