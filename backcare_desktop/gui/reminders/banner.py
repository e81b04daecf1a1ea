"""A reminder shown inside the window, for desktops where a notification cannot reach the person.

It sits between the header and the pages, so it is seen on every page, and offers the
notification's three answers. Snooze is a split button: a plain click snoozes 10 minutes like the
notification's action, and its arrow (or the Down key) offers 5, 10 or 30 minutes. The banner
never blinks or moves; it waits to be answered.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.reminders.answers import DEFAULT_SNOOZE_MINUTES, snooze_key
from backcare_desktop.core.reminders.scheduler import SNOOZE_MINUTES
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.widgets.layout_helpers import SPACE, banner_row, label


class SnoozeButton(QToolButton):
    """A split button whose menu also opens from the keyboard (Down, Alt+Down or F4).

    QToolButton opens its menu only for the mouse; without this a keyboard user could reach the
    10 minute snooze but never the 5 or 30 minute ones.
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_F4) and self.menu() is not None:
            self.showMenu()
            return
        super().keyPressEvent(event)


class ReminderBanner(QWidget):
    """The reminder's title and words, and Start now / Snooze 10 min (or 5, 30) / Skip today."""

    answered = Signal(str)  # "start", "snooze" (10 min), "snooze-5", "snooze-30" or "skip"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Reminder"))
        row = banner_row(self, roomy=True)
        words = QVBoxLayout()
        words.setSpacing(SPACE["xs"])
        self.title = label("", "heading")
        self.body = label("", "secondary")
        words.addWidget(self.title)
        words.addWidget(self.body)
        row.addLayout(words, 1)

        start = QPushButton(tr("Start now"))
        start.setProperty("primary", True)
        start.clicked.connect(lambda: self._answer("start"))
        snooze = self._snooze_button()
        skip = QPushButton(tr("Skip today"))
        skip.clicked.connect(lambda: self._answer("skip"))
        self.buttons: dict[str, QAbstractButton] = {
            "start": start,
            "snooze": snooze,
            "skip": skip,
        }
        for button in self.buttons.values():
            row.addWidget(button)
        self.hide()

    def _snooze_button(self) -> SnoozeButton:
        button = SnoozeButton()
        button.setObjectName("snooze")
        button.setText(tr("Snooze 10 min"))
        button.setToolTip(tr("Remind me again in 10 minutes. The arrow offers 5 or 30 minutes."))
        button.setAccessibleDescription(tr("Press Down to choose 5, 10 or 30 minutes."))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(lambda: self._answer(snooze_key(DEFAULT_SNOOZE_MINUTES)))
        menu = QMenu(button)
        self.snooze_actions: dict[int, QAction] = {}
        for minutes in SNOOZE_MINUTES:
            action = menu.addAction(tr("%n minutes", None, minutes))
            key = snooze_key(minutes)
            action.triggered.connect(lambda _=False, key=key: self._answer(key))
            self.snooze_actions[minutes] = action
        button.setMenu(menu)
        return button

    def show_reminder(self, title: str, body: str) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.setAccessibleDescription(f"{title}. {body}")
        self.show()

    def _answer(self, key: str) -> None:
        self.hide()
        self.answered.emit(key)
