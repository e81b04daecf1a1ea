"""What the reminder service asks of the screen, as narrow seams the GUI implements.

The service decides *that* a reminder is shown and what an answer does; how it looks (a
banner in the window, a tray message, the window coming forward) is the GUI's business. The
GUI's answers come back the other way as plain calls the composition root connects
(`ReminderDelivery.answer_in_window`, `ReminderService.answer`). Nothing here holds a widget.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from backcare_desktop.core.reminders.scheduler import ReminderEvent

log = logging.getLogger(__name__)


class ReminderPresenter(Protocol):
    """Shows a reminder inside BackCare and opens the routine it asks for."""

    def show_banner(self, event: ReminderEvent) -> None:
        """Show `event` with its answers in the window (making the window if need be)."""
        ...

    def hide_banner(self) -> None: ...

    def bring_forward(self) -> None:
        """Bring the window to the front (making it if need be)."""
        ...

    def open_routine(self, routine_id: str) -> None:
        """Open the routine's prepare screen, or the running routine if one runs."""
        ...

    def show_tray_message(self, title: str, body: str) -> bool:
        """Show a message from the tray icon; False where there is no tray to show it."""
        ...


class NullPresenter:
    """No screen at all (tests of the timers, or a build without a GUI): everything is logged."""

    def show_banner(self, event: ReminderEvent) -> None:
        log.warning("no window to show the reminder “%s” in", event.title)

    def hide_banner(self) -> None:
        return None

    def bring_forward(self) -> None:
        return None

    def open_routine(self, routine_id: str) -> None:
        log.warning("no window to open the routine %s in", routine_id)

    def show_tray_message(self, title: str, body: str) -> bool:
        return False
