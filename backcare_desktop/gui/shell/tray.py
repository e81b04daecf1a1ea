"""The tray icon: start a routine, resume a paused session, show the window, see the next
reminder, quit.

The menu is rebuilt each time it opens, so it always reflects the current routines and state.
Its icons and the theme's look come with the first opening, not at start: started in the tray,
BackCare stays small until someone looks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from backcare_desktop import APP_NAME
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.look.icons import tray_icon, ui_icon
from backcare_desktop.gui.look.text import tr, translated

if TYPE_CHECKING:
    from backcare_desktop.gui.look.theme import Theme

TRAY_MESSAGE_MS = 60_000


class Tray(QObject):
    """The icon and its menu. It needs no window: `show_window` makes one when first asked;
    clicking the icon calls `toggle_window`. While a reminder waits for an answer
    (`pending_reminder` gives its title), the menu offers the answers (`answer_reminder`);
    while a session is paused (`session_paused`), "Resume session" (`resume_session`).
    `theme` gives the look for the icons (and the menu, when no window has dressed the app)."""

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
        session_paused: Callable[[], bool] = lambda: False,
        resume_session: Callable[[], None] = lambda: None,
        theme: Callable[[], Theme] | None = None,
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
        self._session_paused = session_paused
        self._resume_session = resume_session
        self._theme = theme
        self._dressed: Theme | None = None  # the theme the menu's icons are drawn in, once opened
        self.icon = QSystemTrayIcon(tray_icon(), self)
        self.icon.setToolTip(APP_NAME)
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self._opening)
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

    def _opening(self) -> None:
        """Dress the menu in the current theme (icons; the style too, with no window yet)."""
        if self._theme is not None:
            theme = self._theme()
            app = QApplication.instance()
            if isinstance(app, QApplication) and not app.styleSheet():
                from backcare_desktop.gui.look.theme import apply_theme

                apply_theme(app, theme)
            self._dressed = theme
        self.rebuild_menu()

    def _add(self, menu: QMenu, text: str, icon: str | None = None) -> QAction:
        action = menu.addAction(text)
        if icon is not None:
            action.setIcon(self._icon(icon))
        return action

    def _icon(self, name: str) -> QIcon:
        return ui_icon(name, self._dressed) if self._dressed is not None else QIcon()

    def set_library(self, library: Library) -> None:
        """The person's routines changed: "Start routine" lists the new set."""
        self._library = library
        self.rebuild_menu()

    def rebuild_menu(self) -> None:
        self.menu.clear()
        if self._session_paused():
            resume = self._add(self.menu, tr("Resume session"), "play")
            resume.setToolTip(tr("Carry on with the paused session"))
            resume.triggered.connect(self._resume_session)
            self.menu.addSeparator()
        start = self.menu.addMenu(tr("Start routine"))
        start.setIcon(self._icon("play"))
        for routine in self._library.routines:
            action = start.addAction(routine.name)
            action.triggered.connect(
                lambda _=False, rid=routine.id: self.routineRequested.emit(rid)
            )
        show = self._add(self.menu, tr("Show BackCare"), "window")
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
            answers.setIcon(self._icon("bell"))
            for key, text in ANSWERS:
                minutes = snooze_minutes(key)
                words = tr("Snooze %n min", None, minutes) if minutes else translated(text)
                action = answers.addAction(words)
                action.triggered.connect(lambda _=False, key=key: self._answer_reminder(key))
        self.menu.addSeparator()
        reminder = self._next_reminder_text()
        info = self._add(self.menu, reminder or tr("No reminder set"), "clock")
        info.setEnabled(False)
        self.menu.addSeparator()
        self._add(self.menu, tr("Quit"), "power").triggered.connect(self._quit_app)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self._toggle_window()
