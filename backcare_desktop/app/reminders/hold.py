"""Holding a reminder while the person is busy, and offering it once they are free.

Do-not-disturb (best effort): while a routine is running or one of BackCare's windows is
full-screen, or the desktop reports do-not-disturb (services/do_not_disturb.py), a reminder is
held and offered when that ends, if it is still within the grace window. One held during a
routine that then runs to its end is let go: the routine it asked for has just been done.
Windows of other apps cannot be seen from Qt; many desktops switch their do-not-disturb on for
full-screen apps, which covers them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QWindow

from backcare_desktop.core.clock import Clock

if TYPE_CHECKING:
    from backcare_desktop.app.session_controller import SessionController
    from backcare_desktop.core.reminders.scheduler import ReminderEvent

log = logging.getLogger(__name__)


def app_is_busy(session: SessionController | None) -> bool:
    """A routine is running, or one of BackCare's windows is full-screen and in focus."""
    if session is not None and session.active:
        return True
    focus = QGuiApplication.focusWindow()
    return focus is not None and focus.visibility() == QWindow.Visibility.FullScreen


class HeldReminders:
    """The reminders waiting for the person to be free, each with the time it was first due.

    `busy` says whether to hold; `grace` is read when one is released (the scheduler's
    catch-up window); `deliver` shows one; `on_hold` is told of each one held; `changed` is
    called when the list empties or fills, so the service can keep its coarse timer right.
    """

    def __init__(
        self,
        clock: Clock,
        *,
        busy: Callable[[], bool],
        grace: Callable[[], timedelta],
        deliver: Callable[[ReminderEvent, datetime], None],
        on_hold: Callable[[ReminderEvent], None],
        changed: Callable[[], None],
    ) -> None:
        self._clock = clock
        self._busy = busy
        self._grace = grace
        self._deliver = deliver
        self._on_hold = on_hold
        self._changed = changed
        self._held: list[tuple[ReminderEvent, datetime]] = []

    @property
    def waiting(self) -> bool:
        return bool(self._held)

    @property
    def events(self) -> list[ReminderEvent]:
        return [event for event, _since in self._held]

    def offer(self, event: ReminderEvent, now: datetime) -> None:
        """Show `event` now, or hold it while the person is busy."""
        if self._busy():
            self.hold(event, now, "a routine is running or a window is full-screen")
        else:
            self._deliver(event, now)

    def hold(self, event: ReminderEvent, since: datetime, why: str) -> None:
        log.info("holding the reminder “%s”: %s", event.title, why)
        self._held.append((event, since))
        self._on_hold(event)
        self._changed()

    def release(self) -> None:
        """Offer the newest held reminder once nothing holds it any more (one, never a burst)."""
        if not self._held or self._busy():
            return
        now = self._clock.now()
        grace = self._grace()
        fresh = [(event, since) for event, since in self._held if now - since <= grace]
        if len(fresh) < len(self._held):
            log.info(
                "let go of %d held reminder(s) past the grace window", len(self._held) - len(fresh)
            )
        self._held.clear()
        self._changed()
        if fresh:
            event, since = max(fresh, key=lambda item: item[1])
            self._deliver(event, since)

    def routine_done(self) -> None:
        """A routine ran to its end: what the held reminders asked for has just been done."""
        if self._held:
            log.info("a routine was done while %d reminder(s) waited; let them go", len(self._held))
            self._held.clear()
            self._changed()

    def clear(self) -> None:
        """Drop them all quietly (the reminders were paused); the caller re-arms."""
        self._held.clear()
