"""How the main window closes and quits: closing never ends a session unasked (with a tray
it hides the window and the session waits, paused; without one it asks), quitting journals a
session in progress as stopped, and both keep the window's size and place for the next start.

A base class of MainWindow, kept apart so the window's module holds building and navigation.
`hiddenDuringSession` says the window was closed into the tray with a session running (now
paused), so the tray can tell the person where BackCare went.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication

from backcare_desktop.gui.shell.window_state import saved_geometry
from backcare_desktop.gui.shell.window_theme import ThemedWindow


class ClosingWindow(ThemedWindow):
    """See the module docstring."""

    hiddenDuringSession = Signal()

    close_to_tray = False
    _quitting = False

    def keep_running_in_tray(self, on: bool) -> None:
        """With a tray icon, closing the window hides it and BackCare keeps running."""
        self.close_to_tray = on

    def save_window_state(self) -> None:
        """Keep the window's size, place and maximised state for the next start."""
        geometry = saved_geometry(self)
        if geometry != self.preferences.value.window_geometry:
            self.preferences.update(window_geometry=geometry)

    def end_for_quit(self) -> None:
        """However BackCare quits, a session in progress is journaled as stopped."""
        self.actions_by_name["focus"].setChecked(False)
        if self.isVisible():
            self.save_window_state()
        self.settle_stop()
        self.controller.stop()

    def quit_app(self) -> None:
        self._quitting = True
        self.end_for_quit()
        QApplication.quit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._quitting:
            event.accept()
            return
        self.actions_by_name["focus"].setChecked(False)
        self.save_window_state()
        self.settle_stop()
        if self.controller.active:  # closing never hides or ends a session unasked
            event.ignore()
            self.controller.pause()
            if self.close_to_tray:
                self.hide()
                self.hiddenDuringSession.emit()
            else:
                self._ask_keep_going_or_stop()
            return
        if self.close_to_tray:
            event.ignore()
            self.hide()
            return
        event.accept()

    def _ask_keep_going_or_stop(self) -> None:
        """Without a tray, closing mid-session asks: keep going, or stop, save and close."""
        from backcare_desktop.gui.session.session_questions import ask_keep_going_or_stop

        def stop_and_close() -> None:
            self.controller.stop()
            self.close()

        ask_keep_going_or_stop(self, self.controller.resume, stop_and_close)
