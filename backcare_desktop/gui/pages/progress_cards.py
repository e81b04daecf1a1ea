"""The Progress page's stat cards and the words they use: one number, a caption, a kind line."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QToolTip, QVBoxLayout

from backcare_desktop.core.journal import Streak
from backcare_desktop.gui.look.text import QT_TR_NOOP, tr
from backcare_desktop.gui.widgets.layout_helpers import SPACE, label

STREAK_TIP = QT_TR_NOOP(
    "Your streak counts the days you practised, one after another. Rest is part of caring "
    "for your back, so one missed day in each week is forgiven: a single day off never "
    "breaks it."
)
"""Why one day off does not break the streak (shown as the streak card's tooltip)."""


def minutes_words(minutes: int) -> str:
    """ "45 min", "2 h", "3 h 25 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return tr("%1 min", str(rest))
    if not rest:
        return tr("%1 h", str(hours))
    return tr("%1 h %2 min", str(hours), str(rest))


def days_words(days: int) -> str:
    return tr("1 day") if days == 1 else tr("%n days", None, days)


class StatCard(QFrame):
    """One number with a caption above and a kind line below."""

    def __init__(self, caption: str) -> None:
        super().__init__()
        self._caption = caption
        self.setObjectName("panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["l"], SPACE["m"], SPACE["l"], SPACE["m"])
        layout.setSpacing(SPACE["xs"])
        head = QHBoxLayout()
        head.setSpacing(SPACE["xs"])
        head.addWidget(label(caption, "secondary", wrap=False))
        self.info = QToolButton()
        self.info.setAutoRaise(True)
        self.info.setFixedSize(24, 24)
        self.info.clicked.connect(self._say_info)
        self.info.hide()
        head.addWidget(self.info)
        head.addStretch(1)
        layout.addLayout(head)
        self.value = label("", "title", wrap=False)
        layout.addWidget(self.value)
        self.note = label("", "secondary")
        layout.addWidget(self.note)

    def show_info(self, text: str, icon: QIcon) -> None:
        """An (i) button beside the caption: its tip on hover, on a click or on Return, and
        read by a screen reader when it takes focus (it is in the Tab order)."""
        self.info.setIcon(icon)
        self.info.setToolTip(text)
        self.info.setAccessibleName(tr("About %1", self._caption))
        self.info.setAccessibleDescription(text)
        self.setAccessibleDescription(text)
        self.info.show()

    def _say_info(self) -> None:
        corner = self.info.mapToGlobal(QPoint(0, self.info.height()))
        QToolTip.showText(corner, self.info.toolTip(), self.info)

    def set_text(self, value: str, note: str) -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.setAccessibleName(f"{value}. {note}")


def streak_note(streak: Streak) -> str:
    """The kind line under the streak: forgiven rest days count as care, not as failure."""
    forgiven = len(streak.forgiven)
    if streak.days == 0:
        return tr("A fresh start is one session away")
    if forgiven:
        return (
            tr("1 rest day forgiven")
            if forgiven == 1
            else tr("%n rest days forgiven", None, forgiven)
        )
    if not streak.includes_today:
        return tr("A session today adds to it")
    return tr("Lovely — keep it gentle")
