"""The tray icon: start a routine, show the window, see the next reminder, quit.

The menu is rebuilt each time it opens, so it always reflects the current routines and state.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from backcare_desktop import APP_NAME
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.look.icons import tray_icon
from backcare_desktop.gui.look.text import tr, translated

TRAY_MESSAGE_MS = 60_000


class Tray(QObject):
    """The icon and its menu. It needs no window: `show_window` makes one when first asked;
    clicking the icon calls `toggle_window`. While a reminder waits for an answer
    (`pending_reminder` gives its title), the menu offers the answers (`answer_reminder`)."""

    routineRequested = Signal(str)

    def __init__(
        self,
        library: Library,
        *,
        show_window: Callable[[], None],
        toggle_window: Callable[[], None],
        quit_app: Callable[[], None],
        next_reminder_text: Callable[[], str] = lambda: "",
        pending_reminder: Callable[[], str] = lambda: "",
        answer_reminder: Callable[[str], None] = lambda _key: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._show_window = show_window
        self._toggle_window = toggle_window
        self._quit_app = quit_app
        self._next_reminder_text = next_reminder_text
        self._pending_reminder = pending_reminder
        self._answer_reminder = answer_reminder
        self.icon = QSystemTrayIcon(tray_icon(), self)
        self.icon.setToolTip(APP_NAME)
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.rebuild_menu()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def show_message(self, title: str, body: str) -> bool:
        """A message from the icon, where this desktop can show one; False otherwise."""
        icon = self.icon
        if not (
            icon.isVisible() and QSystemTrayIcon.isSystemTrayAvailable() and icon.supportsMessages()
        ):
            return False
        icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, TRAY_MESSAGE_MS)
        return True

    def rebuild_menu(self) -> None:
        self.menu.clear()
        start = self.menu.addMenu(tr("Start routine"))
        for routine in self._library.routines:
            action = start.addAction(routine.name)
            action.triggered.connect(
                lambda _=False, rid=routine.id: self.routineRequested.emit(rid)
            )
        show = self.menu.addAction(tr("Show BackCare"))
        show.setToolTip(tr("Open the BackCare window"))
        show.triggered.connect(self._show_window)
        pending = self._pending_reminder()
        if pending:
            from backcare_desktop.core.reminders.answers import (  # only with a reminder
                ANSWERS,
                snooze_minutes,
            )

            self.menu.addSeparator()
            answers = self.menu.addMenu(pending)
            for key, text in ANSWERS:
                minutes = snooze_minutes(key)
                words = tr("Snooze %n min", None, minutes) if minutes else translated(text)
                action = answers.addAction(words)
                action.triggered.connect(lambda _=False, key=key: self._answer_reminder(key))
        reminder = self._next_reminder_text()
        if reminder:
            info = self.menu.addAction(reminder)
            info.setEnabled(False)
        self.menu.addSeparator()
        self.menu.addAction(tr("Quit")).triggered.connect(self._quit_app)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self._toggle_window()
