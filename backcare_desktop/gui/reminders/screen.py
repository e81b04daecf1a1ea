"""The reminder service's way onto the screen: the banner in the window, the tray's message,
the window coming forward, a routine's prepare screen (app/reminders/presenter.py's Protocol).

The window is asked for only when something must be shown in it: started in the tray,
BackCare makes its window the first time a reminder needs the banner or a routine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from backcare_desktop.core.reminders.scheduler import ReminderEvent
    from backcare_desktop.gui.reminders.banner import ReminderBanner
    from backcare_desktop.gui.shell.main_window import MainWindow
    from backcare_desktop.gui.shell.tray import Tray

log = logging.getLogger(__name__)


class ReminderScreen(QObject):
    """Implements ReminderPresenter. `window` makes (or gives) the main window; `tray` gives
    the tray icon where one is shown. The banner's answers are emitted as `answered`."""

    answered = Signal(str)  # "start", "snooze[-N]" or "skip"

    def __init__(
        self,
        window: Callable[[], MainWindow],
        tray: Callable[[], Tray | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._tray = tray
        self.banner: ReminderBanner | None = None

    def _banner(self) -> ReminderBanner:
        if self.banner is None:
            from backcare_desktop.gui.reminders.banner import ReminderBanner

            self.banner = ReminderBanner()
            self.banner.answered.connect(self.answered)
            self._window().add_banner(self.banner)
        return self.banner

    def show_banner(self, event: ReminderEvent) -> None:
        self._banner().show_reminder(event.title, event.body)

    def hide_banner(self) -> None:
        if self.banner is not None:
            self.banner.hide()

    def bring_forward(self) -> None:
        self._window().bring_to_front()

    def open_routine(self, routine_id: str) -> None:
        if self._window().open_prepare(routine_id):
            log.info("opened prepare for %s", routine_id)
        else:
            log.info("a routine is already running; showed it instead of %s", routine_id)

    def show_tray_message(self, title: str, body: str) -> bool:
        tray = self._tray()
        return tray is not None and tray.show_message(title, body)
