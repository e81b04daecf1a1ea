"""A slim bar between the header and the pages: one sentence and one way to act on it.

Used while a session waits: "Session paused · Return to session" on the other pages, and
"Session stopped · Resume" for a few seconds after Esc. It never blinks or moves; when it
appears, a screen reader hears its sentence (Qt's announcement event), so a person who
cannot see the bar still learns that the session is waiting and how to get back to it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QPushButton, QWidget

from backcare_desktop.gui.widgets.layout_helpers import banner_row, label


class NoticeBar(QWidget):
    """`text` and a button labelled `action`; `acted` when it is pressed."""

    acted = Signal()

    def __init__(self, name: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        row = banner_row(self)
        self.text = label("", "body", wrap=False)
        row.addWidget(self.text, 1)
        self.button = QPushButton(action)
        self.button.setProperty("primary", True)
        self.button.clicked.connect(self.acted)
        row.addWidget(self.button)
        self.hide()

    def show_text(self, text: str, spoken: str = "") -> None:
        """Show the bar with `text`; say `spoken` (or `text`) to a screen reader once."""
        self.text.setText(text)
        self.setAccessibleName(text)
        self.button.setAccessibleDescription(spoken or text)
        first_time = self.isHidden()
        self.show()
        if first_time:
            self.announce(spoken or text)

    def announce(self, words: str) -> None:
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, words))
