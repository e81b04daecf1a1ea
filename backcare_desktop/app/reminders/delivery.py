"""Getting a reminder in front of the person: notification, tray message or in-window banner.

Never silent. First choice is a desktop notification with Start now / Snooze 10 min / Skip
today (freedesktop Notifications over D-Bus). When the desktop cannot show one, the tray's
message is used together with a banner in the window (the tray message may never reach the
screen, see PLATFORM_NOTES.md); with no tray, the window comes forward with the banner.

D-Bus calls block (up to seconds when a server starts on demand), so the connection, each
notification and each do-not-disturb probe run on a job runner of their own, one after another
(the connection comes first anyway; a slow bus must not hold up settings saves on the app's
runner); their answers, and the person's button presses, come back to the GUI thread through
a queued signal. One session-bus connection serves the notifications and the do-not-disturb
probe; logind's sleep signal comes over the system bus.

The banner, the tray message and the window are reached through a `ReminderPresenter`
(presenter.py) the GUI implements; this module touches no widget.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal

from backcare_desktop.app.jobs import JobRunner
from backcare_desktop.app.reminders.presenter import NullPresenter, ReminderPresenter

if TYPE_CHECKING:
    from backcare_desktop.core.reminders.scheduler import ReminderEvent
    from backcare_desktop.services.desktop.bus import Bus
    from backcare_desktop.services.desktop.notifications import Notifier
    from backcare_desktop.services.desktop.sleep_watch import SleepWatch

log = logging.getLogger(__name__)

Job = Callable[[], None]
Background = Callable[[Job], None]
"""Runs a job off the GUI thread."""

ShownAs = Literal["notification", "tray", "banner"]


@dataclass(frozen=True)
class ReminderShown:
    """A reminder reached the person, and how: each signal carries one typed value, so a
    listener reads fields instead of re-checking loose arguments."""

    event: ReminderEvent
    how: ShownAs


@dataclass(frozen=True)
class ReminderDeferred:
    """A reminder held back because the desktop's do-not-disturb is on; `since` is when it
    was first offered, so its grace period still counts from then."""

    event: ReminderEvent
    since: datetime


@dataclass(frozen=True)
class ReminderAnswered:
    """The person's answer to a reminder: "start", "snooze[-N]", "skip" or "default"."""

    event: ReminderEvent
    key: str


class ReminderDelivery(QObject):
    """Shows reminders and reports the answers; knows nothing of schedules."""

    shown = Signal(ReminderShown)
    deferred = Signal(ReminderDeferred)
    connected = Signal()  # the notification server and logind were looked for (found or not)
    answered = Signal(ReminderAnswered)
    _posted = Signal(object)  # a callable to run on the GUI thread

    def __init__(
        self,
        *,
        notifier: Notifier | None = None,
        do_not_disturb: Callable[[], bool] | None = None,
        background: Background | None = None,
        presenter: ReminderPresenter | None = None,
        app_icon: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # Auto connection: a direct call on the GUI thread, a queued one from any other thread.
        self._posted.connect(self._run_posted)
        self._notifier = notifier
        self._do_not_disturb = do_not_disturb
        self._background = background or JobRunner("reminder-delivery", self).submit
        self._app_icon = app_icon
        self._connecting = False
        self._closed = False
        self._watches: tuple[SleepWatch, ...] = ()  # sleep, and the screen lock
        self._buses: tuple[Bus, ...] = ()
        self._waiting: list[tuple[ReminderEvent, datetime]] = []
        self._presenter: ReminderPresenter = presenter or NullPresenter()
        self.prompt: ReminderEvent | None = None  # the reminder the banner shows

    @property
    def notifier(self) -> Notifier | None:
        return self._notifier

    # -- connecting to the desktop, off the GUI thread ---------------------------------------

    def open_desktop(
        self,
        on_sleep_change: Callable[[bool], None],
        on_lock_change: Callable[[bool], None] = lambda _locked: None,
    ) -> None:
        """Connect to the notification server, logind's sleep signal and the screen lock's
        (once, in the background); reminders offered meanwhile wait and the newest is shown
        after."""
        if self._notifier is not None or self._connecting or self._closed:
            return
        self._connecting = True
        icon, post = self._app_icon, self.post

        def connect() -> None:
            from backcare_desktop.services.desktop.bus import open_bus
            from backcare_desktop.services.desktop.notifications import (
                DBusNotifier,
                create_notifier,
            )
            from backcare_desktop.services.desktop.screen_lock import ScreenLockWatch
            from backcare_desktop.services.desktop.sleep_watch import watch_sleep

            session, system = open_bus("SESSION"), open_bus("SYSTEM")
            notifier = create_notifier(session, app_icon=icon, deliver=post)
            probe: Callable[[], bool] | None = None
            if isinstance(notifier, DBusNotifier):
                from backcare_desktop.services.desktop.do_not_disturb import desktop_do_not_disturb

                def probe() -> bool:
                    return desktop_do_not_disturb(session)

            sleep_watch = watch_sleep(on_sleep_change, bus=system, deliver=post)
            lock_watch = ScreenLockWatch(on_lock_change, session, system, deliver=post)
            log.info("hearing the screen lock from: %s", ", ".join(lock_watch.sources) or "nowhere")
            buses = (session, system)
            post(lambda: self._connected(notifier, (sleep_watch, lock_watch), probe, buses))

        self._background(connect)

    def _connected(
        self,
        notifier: Notifier,
        watches: tuple[SleepWatch, ...],
        probe: Callable[[], bool] | None,
        buses: tuple[Bus, ...],
    ) -> None:
        self._connecting = False
        self._notifier, self._watches, self._buses = notifier, watches, buses
        if self._closed:
            self._release_desktop()
            return
        if self._do_not_disturb is None:
            self._do_not_disturb = probe
        waiting, self._waiting = self._waiting, []
        if waiting:
            event, since = max(waiting, key=lambda item: item[0].scheduled.astimezone(UTC))
            self.deliver(event, since)
        self.connected.emit()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._release_desktop()

    def _release_desktop(self) -> None:
        """Close the notifier and the sleep watch, then the buses they shared."""
        for resource in (self._notifier, *self._watches, *self._buses):
            if resource is None:
                continue
            try:
                resource.close()
            except Exception:
                log.exception("could not close %r", resource)

    # -- showing -----------------------------------------------------------------------------

    def deliver(self, event: ReminderEvent, since: datetime) -> None:
        """Show `event` (offered at `since`): notification first, else the fallbacks."""
        if self._connecting:
            self._waiting.append((event, since))
            return
        notifier = self._notifier
        if notifier is None:
            self._fallback(event)
            return
        from backcare_desktop.app.translate import translated
        from backcare_desktop.services.desktop.notifications import REMINDER_ACTIONS

        actions = tuple((key, translated(label)) for key, label in REMINDER_ACTIONS)
        probe, post = self._do_not_disturb, self.post

        def show() -> None:
            try:
                if probe is not None and probe():
                    post(lambda: self.deferred.emit(ReminderDeferred(event, since)))
                    return
                shown = notifier.notify(
                    event.title,
                    event.body,
                    actions,
                    lambda key: self.answered.emit(ReminderAnswered(event, key)),
                )
            except Exception:
                log.exception("the notification could not be shown")
                shown = False
            post(lambda: self._notified(event, shown))

        self._background(show)

    def _notified(self, event: ReminderEvent, shown: bool) -> None:
        if not shown:
            self._fallback(event)
            return
        log.info(
            "reminder “%s” shown as a desktop notification with the actions start, snooze, skip",
            event.title,
        )
        self.shown.emit(ReminderShown(event, "notification"))

    def _fallback(self, event: ReminderEvent) -> None:
        self.show_banner(event)
        if self._presenter.show_tray_message(event.title, event.body):
            log.info("reminder “%s” shown as a tray message and in the window", event.title)
            self.shown.emit(ReminderShown(event, "tray"))
            return
        self.bring_window_forward()
        log.info("reminder “%s” shown in the window", event.title)
        self.shown.emit(ReminderShown(event, "banner"))

    def show_banner(self, event: ReminderEvent) -> None:
        self.prompt = event
        self._presenter.show_banner(event)

    def hide_banner(self) -> None:
        self.prompt = None
        self._presenter.hide_banner()

    def bring_window_forward(self) -> None:
        self._presenter.bring_forward()

    def open_routine(self, routine_id: str) -> None:
        self._presenter.open_routine(routine_id)

    def answer_in_window(self, key: str) -> None:
        """The person answered the banner: `key` as for the notification's buttons."""
        event = self.prompt
        if event is None:
            return
        withdraw = getattr(self._notifier, "withdraw", None)
        if callable(withdraw):  # answered in the window: take the notification away too
            self._background(withdraw)
        self.answered.emit(ReminderAnswered(event, key))

    # -- the way back to the GUI thread ------------------------------------------------------

    def post(self, call: Job) -> None:
        """Run `call` on the GUI thread (safe from any thread)."""
        with contextlib.suppress(RuntimeError):  # the app is closing and this object is gone
            self._posted.emit(call)

    @staticmethod
    def _run_posted(call: Job) -> None:
        call()
