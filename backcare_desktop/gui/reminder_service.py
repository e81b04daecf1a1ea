"""The reminder service: runs the scheduler on timers and carries out the person's answers.

Timers, chosen so an idle app costs nearly nothing:
- one single-shot precise timer armed for the scheduler's next wake-up (often hours away);
- one very coarse 60 s timer, running only while some reminder is on, that notices wall-clock
  jumps (the clock was changed, or the machine slept: the monotonic clock stops in suspend,
  the wall clock does not), a held reminder whose hold has ended, and a changed time zone;
- logind's PrepareForSleep signal (where there is logind), so a reminder missed during sleep
  is offered the moment the machine wakes.
Settings written by another process (`backcare remind add ...`) are noticed through a file
watcher on the data folder, with a stat on the coarse timer as a backstop.

Showing a reminder is reminder_delivery.py's job. Do-not-disturb (best effort): while a routine
is running or one of BackCare's windows is full-screen, or the desktop reports do-not-disturb
(services/do_not_disturb.py), a reminder is held and offered when that ends, if it is still
within the grace window. One held during a routine that then runs to its end is let go: the
routine it asked for has just been done. Windows of other apps cannot be seen from Qt; many
desktops switch their do-not-disturb on for full-screen apps, which covers them.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from backcare_desktop.core.clock import Clock
from backcare_desktop.core.preferences import Preferences
from backcare_desktop.gui.preferences_model import PreferencesModel
from backcare_desktop.gui.reminder_delivery import Background, ReminderDelivery
from backcare_desktop.gui.settings_file_watch import PreferencesFile, SettingsFileWatcher
from backcare_desktop.gui.text import tr

if TYPE_CHECKING:
    from backcare_desktop.core.reminders import (
        ReminderEvent,
        ReminderRule,
        ReminderScheduler,
        ReminderStateStore,
    )
    from backcare_desktop.gui.main_window import MainWindow
    from backcare_desktop.gui.persistence import Persistence
    from backcare_desktop.gui.tray import Tray
    from backcare_desktop.paths import AppPaths
    from backcare_desktop.services.notifications import Notifier

log = logging.getLogger(__name__)

COARSE_CHECK_MS = 60_000
"""The idle re-check period; the issue allows nothing shorter than 30 s while idle."""
MAX_ARM_MS = 6 * 60 * 60 * 1000
JUMP_TOLERANCE = timedelta(seconds=5)
SNOOZE_MINUTES = 10
START_FALLBACK_MS = 3000
"""Started in the tray, the window never paints: start the reminders after this instead."""


def rules_from(prefs: Preferences) -> list[ReminderRule]:
    """The valid reminder rules in the settings; a damaged one is logged and left out."""
    from backcare_desktop.core.reminders import ReminderRule, ReminderRuleError

    rules: list[ReminderRule] = []
    seen: set[str] = set()
    for data in prefs.reminder_dicts():
        try:
            rule = ReminderRule.from_dict(data)
        except ReminderRuleError as error:
            log.warning("a saved reminder was ignored: %s", error)
            continue
        if rule.id in seen:
            log.warning("a second reminder with id %r was ignored", rule.id)
            continue
        seen.add(rule.id)
        rules.append(rule)
    return rules


def grace_of(prefs: Preferences) -> timedelta:
    """The catch-up window; the scheduler needs at least its on-time window (2 min)."""
    from backcare_desktop.core.reminders import ON_TIME

    return max(ON_TIME, timedelta(minutes=min(prefs.reminder_grace_minutes, 24 * 60)))


class ReminderService(QObject):
    """Arms the timers, offers each reminder and carries out the person's answer.

    Call `start()` once the app is up (`for_app` arranges it after the first paint).
    `state` may be a function that opens the store: it is called on first use, so opening the
    state file stays off the start-up path. The keyword arguments are seams for tests: a
    ready `notifier` (else one is connected in the background), `busy` and `do_not_disturb`
    probes, and `background`, which runs the D-Bus jobs (a thread each by default).
    """

    nextReminderChanged = Signal(str)  # "Next reminder: Tue 19:00", or "" (none, or paused)
    pausedChanged = Signal(object)  # the local time the pause ends, or None
    reminderHeld = Signal(object)  # ReminderEvent

    def __init__(
        self,
        preferences: PreferencesModel,
        state: ReminderStateStore | Callable[[], ReminderStateStore],
        clock: Clock,
        *,
        zone: tzinfo | None = None,
        notifier: Notifier | None = None,
        busy: Callable[[], bool] | None = None,
        do_not_disturb: Callable[[], bool] | None = None,
        background: Background | None = None,
        preferences_file: PreferencesFile | None = None,
        app_icon: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._preferences = preferences
        self._clock = clock
        self._follow_system_zone = zone is None
        self._zone = zone
        self._state = state
        self._scheduler: ReminderScheduler | None = None
        self.delivery = ReminderDelivery(
            notifier=notifier,
            do_not_disturb=do_not_disturb,
            background=background,
            app_icon=app_icon,
            parent=self,
        )
        self.delivery.answered.connect(self.answer)
        self.delivery.deferred.connect(
            lambda event, since: self._hold(event, since, "the desktop's do-not-disturb is on")
        )
        self._busy = busy or self._app_is_busy
        self._settings_watch = (
            SettingsFileWatcher(preferences_file, preferences, self)
            if preferences_file is not None
            else None
        )
        self._window: MainWindow | None = None
        self._held: list[tuple[ReminderEvent, datetime]] = []
        self._wakeup: datetime | None = None
        self._text = ""
        self._paused: datetime | None = None
        self._started = False
        self._closed = False
        self._last_tick: tuple[float, datetime] | None = None

        self.due_timer = QTimer(self)
        self.due_timer.setSingleShot(True)
        self.due_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.due_timer.timeout.connect(self.check_now)
        self.coarse_timer = QTimer(self)
        self.coarse_timer.setInterval(COARSE_CHECK_MS)
        self.coarse_timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.coarse_timer.timeout.connect(self._coarse_tick)
        preferences.changed.connect(self._preferences_changed)

    @property
    def scheduler(self) -> ReminderScheduler:
        """Made on first use (after the first paint in the app): it opens the state file."""
        if self._scheduler is None:
            from backcare_desktop.core.reminders import ReminderScheduler, system_zone

            state = self._state() if callable(self._state) else self._state
            prefs = self._preferences.value
            self._scheduler = ReminderScheduler(
                rules_from(prefs), state, self._zone or system_zone(), grace=grace_of(prefs)
            )
        return self._scheduler

    # -- wiring ------------------------------------------------------------------------------

    @classmethod
    def for_app(
        cls, persistence: Persistence, paths: AppPaths, clock: Clock, window: MainWindow
    ) -> ReminderService:
        """The service the app runs: state in the data folder, the window's banner and home line;
        it starts after the window's first paint."""
        from backcare_desktop.resources import asset_path

        def state() -> ReminderStateStore:
            from backcare_desktop.storage.reminder_state import TinyDBReminderState

            return TinyDBReminderState.in_data_dir(paths, clock)

        service = cls(
            persistence.preferences,
            state,
            clock,
            preferences_file=persistence.preferences_store,
            app_icon=str(asset_path("icons", "backcare.svg")),
            parent=window,
        )
        service.attach_window(window)
        _FirstPaint(window, service.start, START_FALLBACK_MS)
        return service

    def attach_window(self, window: MainWindow) -> None:
        """Open prepare screens in `window`, show the banner there, keep its home line current."""
        self._window = window
        self.delivery.attach_window(window)
        controller = getattr(window, "controller", None)
        if controller is not None:
            controller.finished.connect(lambda _summary: self._routine_done())
            controller.stopped.connect(lambda _summary: self._release_soon())
        self.nextReminderChanged.connect(window.home.set_next_reminder)
        window.home.set_next_reminder(self._text)

    def attach_tray(self, tray: Tray | None) -> None:
        self.delivery.attach_tray(tray)

    def start(self) -> None:
        """Begin: offer what was missed while the app was closed, arm the timers."""
        if self._started or self._closed:
            return
        self._started = True
        if self._settings_watch is not None:
            self._settings_watch.start()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(lambda _window: self._release_soon())
            app.aboutToQuit.connect(self.close)
        self._last_tick = (self._clock.monotonic(), self._clock.now())
        if self._has_enabled_rules():
            self.delivery.open_desktop(self.sleep_changed)
        self.check_now()

    def close(self) -> None:
        """Stop the timers and release the D-Bus connections (at quit)."""
        if self._closed:
            return
        self._closed = True
        self.due_timer.stop()
        self.coarse_timer.stop()
        self.delivery.close()

    # -- what the page and the tray read, and the page's commands ----------------------------

    def next_reminder_text(self) -> str:
        return self._text

    def paused_until(self) -> datetime | None:
        return self._paused

    @property
    def next_wakeup(self) -> datetime | None:
        """When the due timer fires (UTC), or None when nothing is armed."""
        return self._wakeup

    @property
    def held(self) -> list[ReminderEvent]:
        return [event for event, _since in self._held]

    def pause_until_tomorrow(self) -> datetime | None:
        now = self._clock.now()
        try:
            until = self.scheduler.pause_until_tomorrow(now)
        except Exception:
            log.exception("could not pause the reminders")
            return None
        log.info("reminders paused until %s", until.isoformat(timespec="minutes"))
        self._held.clear()
        self.delivery.hide_banner()
        self._rearm(now)
        return until

    def resume(self) -> None:
        now = self._clock.now()
        try:
            self.scheduler.resume(now)
            log.info("reminders resumed")
        except Exception:
            log.exception("could not resume the reminders")
        self._rearm(now)

    # -- checking ----------------------------------------------------------------------------

    def check_now(self) -> list[ReminderEvent]:
        """Ask the scheduler what is due now, offer it, and arm the timer for what comes next."""
        if self._closed:
            return []
        now = self._clock.now()
        try:
            events = self.scheduler.check(now)
        except Exception:  # e.g. a store that cannot be written: the coarse timer tries again
            log.exception("could not check the reminders")
            events = []
        for event in events:
            if self._busy():
                self._hold(event, now, "a routine is running or a window is full-screen")
            else:
                self.delivery.deliver(event, now)
        self._rearm(now)
        return events

    def sleep_changed(self, going_to_sleep: bool) -> None:
        """logind says the machine goes to sleep (True) or has woken (False)."""
        if going_to_sleep:
            log.info("the machine is going to sleep")
            return
        log.info("the machine woke up: checking the reminders")
        self._last_tick = (self._clock.monotonic(), self._clock.now())
        self.check_now()

    def _rearm(self, now: datetime) -> None:
        try:
            upcoming = self.scheduler.upcoming(now)
            paused = self.scheduler.paused_until(now)
        except Exception:
            log.exception("could not work out the next reminder")
            upcoming, paused = None, None
        self.due_timer.stop()
        self._wakeup = upcoming[1].astimezone(UTC) if upcoming else None
        if self._wakeup is not None:
            delay = (self._wakeup - now.astimezone(UTC)).total_seconds()
            # A few ms late rather than early: the timer runs on the monotonic clock.
            self.due_timer.start(max(0, min(MAX_ARM_MS, math.ceil(delay * 1000) + 5)))
        self._update_coarse_timer()
        text = ""
        if upcoming is not None and paused is None:
            from backcare_desktop.core.reminders import short_when

            text = tr("Next reminder: %1").replace("%1", short_when(upcoming[1]))
        if text != self._text:
            self._text = text
            self.nextReminderChanged.emit(text)
        if paused != self._paused:
            self._paused = paused
            self.pausedChanged.emit(paused)

    def _update_coarse_timer(self) -> None:
        watch = self._settings_watch
        unwatched = watch is not None and not watch.watching
        needed = self._has_enabled_rules() or bool(self._held) or unwatched
        if needed and self._started and not self._closed:
            if not self.coarse_timer.isActive():
                self.coarse_timer.start()
        else:
            self.coarse_timer.stop()

    def _has_enabled_rules(self) -> bool:
        return any(rule.enabled for rule in self.scheduler.rules)

    def _coarse_tick(self) -> None:
        now, mono = self._clock.now(), self._clock.monotonic()
        jumped = False
        if self._last_tick is not None:
            last_mono, last_wall = self._last_tick
            expected = last_wall + timedelta(seconds=mono - last_mono)
            jumped = abs(now - expected) > JUMP_TOLERANCE
        self._last_tick = (mono, now)
        if self._settings_watch is not None and not self._settings_watch.watching:
            self._settings_watch.check()
        if self._follow_system_zone:
            from backcare_desktop.core.reminders import system_zone

            zone = system_zone()
            if str(zone) != str(self.scheduler.zone):
                log.info("the time zone changed to %s", zone)
                self.scheduler.set_zone(zone)
                jumped = True
        if jumped:
            log.info("the wall clock jumped (or the machine slept): checking the reminders")
        if jumped or (self._wakeup is not None and now >= self._wakeup):
            self.check_now()
        self._release_held()

    # -- holding while busy --------------------------------------------------------------------

    def _app_is_busy(self) -> bool:
        """A routine is running, or one of BackCare's windows is full-screen and in focus."""
        controller = getattr(self._window, "controller", None)
        if controller is not None and controller.active:
            return True
        focus = QGuiApplication.focusWindow()
        return focus is not None and bool(focus.windowStates() & Qt.WindowState.WindowFullScreen)

    def _hold(self, event: ReminderEvent, since: datetime, why: str) -> None:
        log.info("holding the reminder “%s”: %s", event.title, why)
        self._held.append((event, since))
        self.reminderHeld.emit(event)
        self._update_coarse_timer()

    def _release_soon(self) -> None:
        if self._held:
            QTimer.singleShot(0, self._release_held)

    def _release_held(self) -> None:
        """Offer the newest held reminder once nothing holds it any more (one, never a burst)."""
        if not self._held or self._closed or self._busy():
            return
        now = self._clock.now()
        grace = self.scheduler.grace
        fresh = [(event, since) for event, since in self._held if now - since <= grace]
        if len(fresh) < len(self._held):
            log.info(
                "let go of %d held reminder(s) past the grace window", len(self._held) - len(fresh)
            )
        self._held.clear()
        self._update_coarse_timer()
        if fresh:
            event, since = max(fresh, key=lambda item: item[1])
            self.delivery.deliver(event, since)

    def _routine_done(self) -> None:
        if self._held:
            log.info("a routine was done while %d reminder(s) waited; let them go", len(self._held))
            self._held.clear()
            self._update_coarse_timer()

    # -- answers -----------------------------------------------------------------------------

    def answer(self, event: ReminderEvent, key: str) -> None:
        """Carry out Start now / Snooze 10 min / Skip today, from the notification or banner."""
        log.info("reminder “%s” answered: %s", event.title, key)
        prompt = self.delivery.prompt
        if prompt is not None and prompt.rule.id == event.rule.id:
            self.delivery.hide_banner()
        now = self._clock.now()
        try:
            if key == "start":
                self._start_routine(event)
            elif key == "snooze":
                until = self.scheduler.snooze(event.rule.id, now, SNOOZE_MINUTES)
                log.info("snoozed until %s", until.isoformat(timespec="minutes"))
            elif key == "skip":
                self.scheduler.skip_today(event.rule.id, now, day_of=event.scheduled)
            else:  # "default": the notification itself was clicked
                self.delivery.show_banner(event)
                self.delivery.bring_window_forward()
        except KeyError:
            log.info("that reminder was removed meanwhile")
        except Exception:
            log.exception("could not carry out the answer %r", key)
        self._rearm(now)

    def _start_routine(self, event: ReminderEvent) -> None:
        routine_id = event.rule.routine_id or self._preferences.value.default_routine
        window = self._window
        if window is None:
            log.warning("no window to open the routine %s in", routine_id)
            return
        window.open_prepare(routine_id)
        prepare = window.prepare
        if window.stack.currentWidget() is prepare and prepare.routine is not None:
            log.info("opened prepare for %s", prepare.routine.id)
        else:
            log.info("a routine is already running; showed it instead of %s", routine_id)

    # -- the settings: the person's edits, and another process's -------------------------------

    def _preferences_changed(self, prefs: Preferences) -> None:
        if self._scheduler is None:  # not made yet: it reads the settings when it is
            return
        now = self._clock.now()
        rules = tuple(rules_from(prefs))
        try:
            if rules != self.scheduler.rules:
                self.scheduler.set_rules(rules, now)
            grace = grace_of(prefs)
            if grace != self.scheduler.grace:
                self.scheduler.set_grace(grace)
        except Exception:
            log.exception("could not apply the reminder settings")
        if not self._started:
            return
        if self._has_enabled_rules():
            self.delivery.open_desktop(self.sleep_changed)
        self._rearm(now)

    def reload_if_changed(self) -> bool:
        """Follow reminders another process saved, now; True if they changed."""
        return self._settings_watch is not None and self._settings_watch.check()


class _FirstPaint(QObject):
    """Calls `callback` once: after the widget's first paint, or after `fallback_ms` if it
    never paints (started minimized to the tray)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self.fire)
        self._fallback.start(fallback_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self.fire)
        return False

    def fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self._fallback.stop()
            self._widget.removeEventFilter(self)
            callback()
