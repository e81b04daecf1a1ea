"""The reminder service: runs the scheduler on timers and carries out the person's answers.

What wakes it: the due and coarse timers (reminder_timers.py; the coarse one runs only while
some reminder is on, and also notices a held reminder whose hold has ended and a changed time
zone), and logind's PrepareForSleep signal (where there is logind), so a reminder missed during
sleep is offered the moment the machine wakes. Settings written by another process
(`backcare remind add ...`) are noticed through a file watcher on the data folder, with a stat
on the coarse timer as a backstop.

Showing a reminder is delivery.py's job (through the GUI's ReminderPresenter, presenter.py);
holding one while the person is busy or the desktop is in do-not-disturb is hold.py's. The
next reminder's wording reaches whoever shows it through `nextReminderChanged`; a memory file
that had to be set aside when first read reaches the person through `stateSetAside`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.reminders.delivery import Background, ReminderDelivery
from backcare_desktop.app.reminders.hold import HeldReminders, app_is_busy
from backcare_desktop.app.reminders.presenter import ReminderPresenter
from backcare_desktop.app.reminders.timers import ReminderTimers
from backcare_desktop.app.settings_watch import PreferencesFile, ReadJobs, SettingsFileWatcher
from backcare_desktop.app.translate import tr, translated
from backcare_desktop.core.clock import Clock
from backcare_desktop.core.reminders.answers import snooze_minutes
from backcare_desktop.core.reminders.from_settings import grace_of, rules_from
from backcare_desktop.core.reminders.reminder_list import routine_of
from backcare_desktop.core.reminders.scheduler import ReminderEvent
from backcare_desktop.core.settings.preferences import Preferences

if TYPE_CHECKING:
    from backcare_desktop.app.session_controller import SessionController
    from backcare_desktop.core.reminders.scheduler import ReminderScheduler, ReminderStateStore
    from backcare_desktop.services.desktop.notifications import Notifier
    from backcare_desktop.storage.notices import StoreNotice

log = logging.getLogger(__name__)


@runtime_checkable
class _NoticingState(Protocol):
    """A state store that can say it had to set its file aside (the real one can)."""

    def take_notices(self) -> list[StoreNotice]: ...


class ReminderService(QObject):
    """Arms the timers, offers each reminder and carries out the person's answer.

    Call `start()` once the app is up.
    `state` may be a function that opens the store: it is called on first use, so opening the
    state file stays off the start-up path. `presenter` shows reminders in the window and the
    tray (the GUI's; none by default). The other keyword arguments are seams for tests: a
    ready `notifier` (else one is connected in the background), `busy` and `do_not_disturb`
    probes, and `background`, which runs the D-Bus jobs (a JobRunner of their own by default).
    `file_jobs` re-reads `preferences_file` off the GUI thread: pass the runner that saves the
    settings, so a read sees every save queued before it.
    """

    nextReminderChanged = Signal(str)  # "Next reminder: today 19:00", or "" (none, or paused)
    pausedChanged = Signal(object)  # datetime | None: when the pause ends (Qt has no Optional)
    reminderHeld = Signal(ReminderEvent)
    stateSetAside = Signal(object)  # StoreNotice: the memory file was damaged and kept aside
    awayChanged = Signal(bool)  # True: the screen locked or the machine goes to sleep; False: back

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
        file_jobs: ReadJobs | None = None,
        presenter: ReminderPresenter | None = None,
        app_icon: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._preferences = preferences
        self._session: SessionController | None = None
        self._clock = clock
        self._follow_system_zone = zone is None
        self._zone = zone
        self._state = state
        self._scheduler: ReminderScheduler | None = None
        self._opened_state: ReminderStateStore | None = None
        self.delivery = ReminderDelivery(
            notifier=notifier,
            do_not_disturb=do_not_disturb,
            background=background,
            presenter=presenter,
            app_icon=app_icon,
            parent=self,
        )
        self.delivery.answered.connect(lambda answered: self.answer(answered.event, answered.key))
        self.delivery.shown.connect(lambda shown: self._set_pending(shown.event))
        self._holds = HeldReminders(
            clock,
            busy=busy or (lambda: app_is_busy(self._session)),
            grace=lambda: self.scheduler.grace,
            deliver=self.delivery.deliver,
            on_hold=self.reminderHeld.emit,
            changed=self._update_coarse_timer,
        )
        self.delivery.deferred.connect(
            lambda deferred: self._holds.hold(
                deferred.event, deferred.since, "the desktop's do-not-disturb is on"
            )
        )
        self._settings_watch = (
            SettingsFileWatcher(preferences_file, preferences, self, jobs=file_jobs)
            if preferences_file is not None
            else None
        )
        self._pending: ReminderEvent | None = None
        self._text = ""
        self._next_at: datetime | None = None
        self._paused: datetime | None = None
        self._started = False
        self._closed = False

        self._timers = ReminderTimers(clock, self.check_now, self._coarse_tick, self)
        self.due_timer = self._timers.due_timer
        self.coarse_timer = self._timers.coarse_timer
        preferences.changed.connect(self._preferences_changed)

    @property
    def scheduler(self) -> ReminderScheduler:
        """Made on first use (after the first paint in the app): it opens the state file."""
        if self._scheduler is None:
            from backcare_desktop.core.reminders.scheduler import ReminderScheduler
            from backcare_desktop.services.desktop.time_zone import read_local_zone

            state = self._state() if callable(self._state) else self._state
            self._opened_state = state
            prefs = self._preferences.value
            zone = self._zone or read_local_zone().zone
            self._scheduler = ReminderScheduler(
                rules_from(prefs), state, zone, grace=grace_of(prefs), translate=translated
            )
        return self._scheduler

    # -- wiring ------------------------------------------------------------------------------

    def follow_session(self, session: SessionController) -> None:
        """Hold reminders while `session` runs a routine; one that runs to its end lets the
        held ones go, one stopped early releases them (made with the window, so later)."""
        self._session = session
        session.finished.connect(lambda _summary: self._holds.routine_done())
        # A session pauses when the person steps away: hear sleep and the screen lock
        # during one even when no reminder needed the desktop yet.
        session.stepStarted.connect(lambda _event: self._open_desktop())
        session.stopped.connect(lambda _summary: self._release_soon())

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
        self._timers.mark()
        if self._has_enabled_rules():
            self._open_desktop()
        self.check_now()

    def close(self) -> None:
        """Stop the timers and release the D-Bus connections (at quit)."""
        if self._closed:
            return
        self._closed = True
        self._timers.stop()
        self.delivery.close()

    # -- what the page and the tray read, and the page's commands ----------------------------

    def next_reminder_text(self) -> str:
        return self._text

    def paused_until(self) -> datetime | None:
        return self._paused

    def when_text(self, moment: datetime, now: datetime | None = None) -> str:
        """'today 19:30', 'tomorrow 07:30' or 'Thu 19:30': `moment` seen from now."""
        from backcare_desktop.core.reminders.scheduler import when_from_now

        now = now if now is not None else self._clock.now()
        return when_from_now(moment, now, tr("today %1"), tr("tomorrow %1"))

    @property
    def next_wakeup(self) -> datetime | None:
        """When the due timer fires (UTC), or None when nothing is armed."""
        return self._timers.wakeup

    @property
    def held(self) -> list[ReminderEvent]:
        return self._holds.events

    def pause_until_tomorrow(self) -> datetime | None:
        now = self._clock.now()
        try:
            until = self.scheduler.pause_until_tomorrow(now)
        except Exception:
            log.exception("could not pause the reminders")
            return None
        log.info("reminders paused until %s", until.isoformat(timespec="minutes"))
        self._holds.clear()
        self._pending = None
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
        else:
            self._tell_what_the_state_found()
        for event in events:
            self._holds.offer(event, now)
        self._rearm(now)
        return events

    def _tell_what_the_state_found(self) -> None:
        """A damaged memory file is set aside when first read (by a check, after the first
        paint): the person hears of it then. The store hands each notice out once."""
        if isinstance(self._opened_state, _NoticingState):
            for notice in self._opened_state.take_notices():
                if notice.needs_dialog:
                    self.stateSetAside.emit(notice)
                else:
                    log.info("reminder state: %s", notice.message)

    def _open_desktop(self) -> None:
        if self._started:
            self.delivery.open_desktop(self.sleep_changed, self.screen_lock_changed)

    def screen_lock_changed(self, locked: bool) -> None:
        """The screen locked (True) or unlocked (False)."""
        log.info("the screen %s", "locked" if locked else "unlocked")
        self.awayChanged.emit(locked)

    def sleep_changed(self, going_to_sleep: bool) -> None:
        """logind says the machine goes to sleep (True) or has woken (False)."""
        self.awayChanged.emit(going_to_sleep)
        if going_to_sleep:
            log.info("the machine is going to sleep")
            return
        log.info("the machine woke up: checking the reminders")
        self._timers.mark()
        self.check_now()

    def _rearm(self, now: datetime) -> None:
        try:
            upcoming = self.scheduler.upcoming(now)
            paused = self.scheduler.paused_until(now)
        except Exception:
            log.exception("could not work out the next reminder")
            upcoming, paused = None, None
        self._timers.arm(upcoming[1] if upcoming else None, now)
        self._update_coarse_timer()
        self._next_at = upcoming[1] if upcoming is not None and paused is None else None
        self._show_next(now)
        if paused != self._paused:
            self._paused = paused
            self.pausedChanged.emit(paused)

    def _show_next(self, now: datetime) -> None:
        """Word the next reminder for `now`; again on each coarse tick, so "tomorrow" turns
        into "today" at midnight."""
        text = ""
        if self._next_at is not None:
            text = tr("Next reminder: %1", self.when_text(self._next_at, now))
        if text != self._text:
            self._text = text
            self.nextReminderChanged.emit(text)

    def _update_coarse_timer(self) -> None:
        watch = self._settings_watch
        unwatched = watch is not None and not watch.watching
        needed = self._has_enabled_rules() or self._holds.waiting or unwatched
        self._timers.run_coarse(needed and self._started and not self._closed)

    def _has_enabled_rules(self) -> bool:
        return any(rule.enabled for rule in self.scheduler.rules)

    def _coarse_tick(self) -> None:
        now, jumped = self._timers.tick()
        if self._settings_watch is not None and not self._settings_watch.watching:
            self._settings_watch.check()
        if self._follow_system_zone:
            from backcare_desktop.services.desktop.time_zone import read_local_zone

            zone = read_local_zone(reread=True).zone
            if str(zone) != str(self.scheduler.zone):
                log.info("the time zone changed to %s", zone)
                self.scheduler.set_zone(zone)
                jumped = True
        if jumped:
            log.info("the wall clock jumped (or the machine slept): checking the reminders")
        if jumped or self._timers.overdue(now):
            self.check_now()
        else:
            self._show_next(now)
        self._release_held()

    # -- holding while busy (reminder_hold.py) -------------------------------------------------

    def _release_soon(self) -> None:
        if self._holds.waiting:
            QTimer.singleShot(0, self._release_held)

    def _release_held(self) -> None:
        if not self._closed:
            self._holds.release()

    # -- answers -----------------------------------------------------------------------------

    def answer(self, event: ReminderEvent, key: str) -> None:
        """Carry out Start now / Snooze (10 min; 5 or 30 from the banner or the tray) / Skip
        today, from the notification, the banner or the tray."""
        log.info("reminder “%s” answered: %s", event.title, key)
        minutes = snooze_minutes(key)
        settled = key in ("start", "skip") or minutes is not None
        if settled and self._pending is not None and self._pending.rule.id == event.rule.id:
            self._pending = None
        prompt = self.delivery.prompt
        if prompt is not None and prompt.rule.id == event.rule.id:
            self.delivery.hide_banner()
        now = self._clock.now()
        try:
            if key == "start":
                self._start_routine(event)
            elif minutes is not None:
                until = self.scheduler.snooze(event.rule.id, now, minutes)
                log.info("snoozed until %s", until.isoformat(timespec="minutes"))
            elif key == "skip":
                self.scheduler.skip_today(event.rule.id, now, day_of=event.scheduled)
            else:  # "default": the notification itself was clicked; unknown keys alike
                if key != "default":
                    log.warning("unknown answer %r: showing the reminder in the window", key)
                self.delivery.show_banner(event)
                self.delivery.bring_window_forward()
        except KeyError:
            log.info("that reminder was removed meanwhile")
        except Exception:
            log.exception("could not carry out the answer %r", key)
        self._rearm(now)

    def _set_pending(self, event: ReminderEvent) -> None:
        self._pending = event

    def pending(self) -> ReminderEvent | None:
        """The reminder shown last and not answered yet, while it is within the grace window:
        the tray offers its answers too (all three snooze lengths among them)."""
        event = self._pending
        if event is None:
            return None
        if self._clock.now() - event.scheduled > self.scheduler.grace:
            self._pending = None
            return None
        return event

    def answer_pending(self, key: str) -> None:
        event = self.pending()
        if event is not None:
            self.answer(event, key)

    def _start_routine(self, event: ReminderEvent) -> None:
        routine_id = routine_of(event.rule, self._preferences.value.default_routine)
        self.delivery.open_routine(routine_id)

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
            self._open_desktop()
        self._rearm(now)
