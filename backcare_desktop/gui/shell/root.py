"""The composition root: the one place that builds BackCare's long-lived objects and wires them.

Every object gets what it needs through its constructor; services never see a widget. The
reminder service reaches the screen through `ReminderScreen` (its ReminderPresenter), the sound
engine's news reaches the window through signals connected here, and views send the person's
intents down as signals or calls on the app layer.

Objects are made when first needed, in the order that shows the window soonest (launch.py
decides when): launched normally, the window first and everything else (reminder timers, tray,
sound) after its first paint; started in the tray (`--minimized`, the login entry), the
reminders and the tray only, with no window, no pages and no sound engine until the person
opens one, so an idle tray app stays small.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QGuiApplication

from backcare_desktop.app.persistence import Persistence
from backcare_desktop.core.clock import Clock
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.shell.oil_names import oil_names
from backcare_desktop.gui.shell.sound_wiring import make_sound
from backcare_desktop.paths import AppPaths

if TYPE_CHECKING:
    from backcare_desktop.app.reminders.service import ReminderService
    from backcare_desktop.app.session_recovery import SessionRecovery
    from backcare_desktop.app.single_instance import InstanceClaim, InstanceGuard, LaunchRequest
    from backcare_desktop.app.sound.controller import SoundController
    from backcare_desktop.app.sound.engine import Opener
    from backcare_desktop.app.sound.jobs import Jobs
    from backcare_desktop.core.reminders.scheduler import ReminderStateStore
    from backcare_desktop.core.session_snapshot import SessionSnapshot
    from backcare_desktop.gui.look.theme import Theme
    from backcare_desktop.gui.reminders.screen import ReminderScreen
    from backcare_desktop.gui.shell.main_window import MainWindow
    from backcare_desktop.gui.shell.tray import Tray
    from backcare_desktop.services.desktop.notifications import Notifier
    from backcare_desktop.storage.notices import StoreNotice

log = logging.getLogger(__name__)


class AppRoot(QObject):
    """BackCare's long-lived parts. `window()` makes the window on first call; `reminders()`
    and `sound()` make their services on first use; `start_services()` starts the reminders
    and shows the tray icon (where a tray exists).

    `on_window` is told of the window once it exists (launch.run() finishes start-up after the
    window's first paint), and with `paint_first` the window leaves what its first screen
    does not show (Home's cards below the fold) until just after that paint. With
    `instance_claim` (this process won the single-instance race), later launches' requests
    are answered once `listen_for_second_launches` is called.

    The other keyword seams replace what touches the machine, for tests and screenshots:
    `notifier` (else the desktop's, connected in the background), `reminder_state` (else the
    file in the data folder), `open_player` and `sound_jobs` (else pygame on a worker
    thread), `tray_available` (else asked of Qt).
    """

    def __init__(
        self,
        paths: AppPaths,
        library: Library,
        clock: Clock,
        *,
        on_window: Callable[[MainWindow], None] | None = None,
        paint_first: bool = False,
        instance_claim: InstanceClaim | None = None,
        notifier: Notifier | None = None,
        reminder_state: Callable[[], ReminderStateStore] | None = None,
        open_player: Opener | None = None,
        sound_jobs: Jobs | None = None,
        tray_available: Callable[[], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.clock = clock
        self.persistence = Persistence(paths, parent=self)
        self.routines = self.persistence.routines(library)
        self.library = self.routines.library()
        self.routines.changed.connect(self._routines_changed)
        app = QCoreApplication.instance()
        if app is not None:  # quitting journals a session in progress, then waits for saves
            app.aboutToQuit.connect(self._about_to_quit)
        self.tray: Tray | None = None
        self._on_window = on_window
        self._paint_first = paint_first
        self._notifier = notifier
        self._reminder_state = reminder_state
        self._open_player = open_player
        self._sound_jobs = sound_jobs
        self._tray_available = tray_available
        self._window: MainWindow | None = None
        self._reminders: ReminderService | None = None
        self._screen: ReminderScreen | None = None
        self._sound: SoundController | None = None
        self._guard: InstanceGuard | None = None
        if instance_claim is not None:
            from backcare_desktop.app.single_instance import InstanceGuard

            self._guard = InstanceGuard(instance_claim, self)
            self._guard.messageReceived.connect(self.handle_request)
        self._services_started = False
        self._session_recovery: SessionRecovery | None = None

    # -- the window --------------------------------------------------------------------------

    @property
    def has_window(self) -> bool:
        return self._window is not None

    def window(self) -> MainWindow:
        if self._window is None:
            self._window = self._build_window()
            log.info("main window made")
            if self._reminders is not None:
                show_reminders_in(self._window, self._reminders)
            if self.tray is not None:
                self._window.keep_running_in_tray(True)
            if self._services_started:
                self.sound()  # a routine started in this window has its music and chimes
            if self._on_window is not None:
                self._on_window(self._window)
        return self._window

    def _build_window(self) -> MainWindow:
        from backcare_desktop.app.session_controller import SessionController
        from backcare_desktop.gui.routines.home_actions import connect_routines
        from backcare_desktop.gui.shell.feature_pages import feature_pages, settings_dialog
        from backcare_desktop.gui.shell.main_window import MainWindow
        from backcare_desktop.gui.widgets.after_paint import after_first_paint

        persistence = self.persistence
        controller = SessionController(self.clock)
        window = MainWindow(
            self.library,
            persistence.preferences,
            controller,
            pages=feature_pages(self),
            settings=lambda: settings_dialog(self),
            oil_names=oil_names,
            cards_after_paint=self._paint_first,
        )
        controller.setParent(window)
        connect_routines(window, self.routines)
        if self.routines.has_marks:  # Home's stars and "Yours" marks
            self._show_routines(window)
        # The check-box style is Python code Qt calls for every primitive it draws; the first
        # screen has no check box, so it comes after the first paint (16 ms sooner, measured).
        after_first_paint(window, _use_indicator_style)
        window.destroyed.connect(self._window_gone)
        window.sessionRecorded.connect(persistence.record_session)
        window.sessionRated.connect(persistence.rate_session)
        # Queued behind the journal's save on the same runner: cleared only once journaled.
        window.sessionRecorded.connect(lambda _outcome: self._recovery().forget())
        window.sessionMoved.connect(lambda place: self._recovery().keep(place))
        window.hiddenDuringSession.connect(self._tell_session_paused_in_tray)
        # Read after the write: the job runner keeps the order they were queued in.
        window.sessionRecorded.connect(lambda _outcome: self._read_today(window))
        after_first_paint(window, lambda: self._follow_today(window))
        persistence.preferences.saveProblem.connect(
            lambda problem: window.statusBar().showMessage(
                tr("Your settings are busy: your change is kept and will be saved in a moment.")
                if problem.busy
                else tr("Your settings could not be saved: %1", problem.detail),
                10000,
            )
        )
        persistence.problem.connect(lambda text: window.statusBar().showMessage(text, 10000))
        return window

    def _follow_today(self, window: MainWindow) -> None:
        """After the first paint (the journal's first read stays off the start-up path), and
        whenever Home is shown again: a new day, or a session recorded meanwhile."""
        window.home.todayWanted.connect(lambda: self._read_today(window))
        self._read_today(window)

    def _read_today(self, window: MainWindow) -> None:
        """Home's glance at today, worked out from the journal on the job runner's worker."""
        from backcare_desktop.core.journal import local_day, today_glance

        today = local_day(self.clock.now())
        self.persistence.queued_journal.read(
            lambda records, _notices: today_glance(records, today),
            window.home.set_today,
            lambda problem: log.info("today's glance could not be read: %s", problem),
        )

    # -- services ----------------------------------------------------------------------------

    def sound(self) -> SoundController:
        """The sound engine, following the window's sessions (made with or after the window)."""
        if self._sound is None:
            self._sound = make_sound(
                self.window(), self.clock, open_player=self._open_player, jobs=self._sound_jobs
            )
        return self._sound

    def reminders(self) -> ReminderService:
        """The reminder service (made on first use; `start_services` starts it)."""
        if self._reminders is None:
            from PySide6.QtCore import Qt

            from backcare_desktop.app.reminders.service import ReminderService
            from backcare_desktop.gui.reminders.screen import ReminderScreen
            from backcare_desktop.resources import asset_path

            self._screen = ReminderScreen(self.window, lambda: self.tray, parent=self)
            self._reminders = ReminderService(
                self.persistence.preferences,
                self._reminder_state or self._reminder_state_file,
                self.clock,
                notifier=self._notifier,
                preferences_file=self.persistence.preferences_store,
                file_jobs=self.persistence.jobs,
                presenter=self._screen,
                app_icon=str(asset_path("icons", "backcare.svg")),
                parent=self,
            )
            self._screen.answered.connect(self._reminders.delivery.answer_in_window)
            # Queued: the first read happens inside start_services, which must not wait on a dialog.
            self._reminders.stateSetAside.connect(
                self._tell_reminder_memory_set_aside, Qt.ConnectionType.QueuedConnection
            )
            if self._window is not None:
                show_reminders_in(self._window, self._reminders)
        return self._reminders

    def _reminder_state_file(self) -> ReminderStateStore:
        from backcare_desktop.app.reminders.queued_state import QueuedReminderState
        from backcare_desktop.storage.reminder_state import TinyDBReminderState

        state = TinyDBReminderState.in_data_dir(self.paths, self.clock)
        return QueuedReminderState(state, self.persistence.jobs)

    def start_services(self) -> None:
        """Start the reminders and show the tray icon; with a window, its sound engine too."""
        if self._services_started:
            return
        self._services_started = True
        reminders = self.reminders()
        available = self._tray_available
        if available is None:
            from backcare_desktop.gui.shell.tray import Tray

            available = Tray.available
        if available():
            self._show_tray(reminders)
        else:
            log.info("no system tray: BackCare runs as a normal window")
        if self._window is not None:
            self.sound()
        reminders.start()

    def _show_tray(self, reminders: ReminderService) -> None:
        from backcare_desktop.gui.shell.tray import Tray

        tray = Tray(
            self.library,
            show_window=lambda: self.window().bring_to_front(),
            toggle_window=self.toggle_window,
            quit_app=self.quit,
            next_reminder_text=reminders.next_reminder_text,
            pending_reminder=lambda: getattr(reminders.pending(), "title", ""),
            answer_reminder=reminders.answer_pending,
            session_paused=self.session_paused,
            resume_session=self.resume_session,
            theme=self._current_theme,
            parent=self,
        )
        self.tray = tray
        tray.icon.messageClicked.connect(reminders.delivery.bring_window_forward)
        tray.routineRequested.connect(lambda routine: self.window().open_prepare(routine))
        tray.show()
        if self._window is not None:
            self._window.keep_running_in_tray(True)
        QGuiApplication.setQuitOnLastWindowClosed(False)

    def session_paused(self) -> bool:
        """A session waits, paused (the tray's menu then offers "Resume session")."""
        window = self._window
        return window is not None and window.controller.is_paused

    def resume_session(self) -> None:
        """The tray's "Resume session": the window, on the session's page, running again."""
        window = self.window()
        window.bring_to_front()
        window.return_to_session()
        window.controller.resume()

    def _current_theme(self) -> Theme:
        """The window's theme, or with no window yet, the one the settings choose."""
        if self._window is not None:
            return self._window.theme
        from backcare_desktop.gui.look.theme import load_theme, resolve_theme_name

        value = self.persistence.preferences.value
        return load_theme(resolve_theme_name(value.theme, value.desktop_theme))

    def listen_for_second_launches(self) -> None:
        """Answer later launches; those that come before this wait for their answer (the
        claim's lock makes them hand over)."""
        if self._guard is not None:
            self._guard.listen()

    def handle_request(self, request: LaunchRequest) -> None:
        """A second launch asked to show the window, or to start a routine."""
        log.info("request from a second launch: %s", request)
        window = self.window()
        if request.command == "start" and request.routine:
            window.open_prepare(request.routine)
        else:
            window.bring_to_front()

    def show_notices(self) -> None:
        """Tell the person, once, about what happened at start (in the window, if there is one)."""
        from backcare_desktop.gui.shell.notices import show_start_notices

        show_start_notices(self._window, self.persistence)

    def offer_unfinished_session(self) -> None:
        """Look (off the GUI thread) for a session the last run could not journal; the window
        offers it back when one is found."""
        self._recovery().look()

    def _recovery(self) -> SessionRecovery:
        """The running session's place on disk (made when first needed)."""
        if self._session_recovery is None:
            from backcare_desktop.app.session_recovery import SessionRecovery
            from backcare_desktop.storage.session_recovery import SessionRecoveryFile

            place_file = SessionRecoveryFile.in_data_dir(self.paths, self.clock)
            recovery = SessionRecovery(place_file, self.persistence.jobs, parent=self)
            recovery.found.connect(self._offer_session_back)
            recovery.setAside.connect(self._tell_session_place_set_aside)
            self._session_recovery = recovery
        return self._session_recovery

    def _offer_session_back(self, place: SessionSnapshot) -> None:
        from backcare_desktop.core.session_snapshot import routine_of

        window = self.window()
        window.bring_to_front()
        window.offer_session_back(place, routine_of(place, self.library))

    def _tell_session_place_set_aside(self, notice: StoreNotice) -> None:
        from backcare_desktop.gui.shell.notices import show_session_place_notice

        show_session_place_notice(self._window, notice)

    def _tell_reminder_memory_set_aside(self, notice: StoreNotice) -> None:
        from backcare_desktop.gui.shell.notices import show_reminder_memory_notice

        show_reminder_memory_notice(self._window, notice)

    def close(self) -> None:
        """Stop the reminders and give up the single-instance claim (at quit)."""
        if self._guard is not None:
            self._guard.close()
            self._guard = None
        if self._reminders is not None:
            self._reminders.close()

    def toggle_window(self) -> None:
        """The tray icon's click: hide a shown window, otherwise bring it (or make it) forward."""
        window = self._window
        if window is not None and window.isVisible() and not window.isMinimized():
            window.close()  # as closing it does: a running session pauses, with a notice
        else:
            self.window().bring_to_front()

    def _tell_session_paused_in_tray(self) -> None:
        if self.tray is not None:
            self.tray.show_message(
                tr("BackCare is still here"),
                tr("Your session is paused. Open BackCare from the tray icon to continue."),
            )

    def _routines_changed(self) -> None:
        """A routine of the person's own was saved, starred, removed or imported: Home, the
        tray, Settings and Reminders all show the new set."""
        self.library = self.routines.library()
        if self._window is not None:
            self._show_routines(self._window)
        if self.tray is not None:
            self.tray.set_library(self.library)

    def _show_routines(self, window: MainWindow) -> None:
        book = self.routines.book()
        window.set_library(self.library, book.favourites, book.ids)

    def _window_gone(self) -> None:
        self._window = None

    def _about_to_quit(self) -> None:
        """However the app quits (its menu, the tray, the desktop ending the session), a
        session in progress is journaled as stopped before the pending saves are awaited."""
        if self._window is not None:
            self._window.end_for_quit()
        self.persistence.wait_for_saves()

    def quit(self) -> None:
        if self._window is not None:
            self._window.quit_app()  # stops a running session first, so it is recorded
            return
        QCoreApplication.quit()


def show_reminders_in(window: MainWindow, reminders: ReminderService) -> None:
    """The window's home line follows the next reminder; its routines hold reminders."""
    reminders.nextReminderChanged.connect(window.show_next_reminder)
    window.show_next_reminder(reminders.next_reminder_text())
    reminders.follow_session(window.controller)
    reminders.awayChanged.connect(window.step_away)


def _use_indicator_style() -> None:
    from backcare_desktop.gui.look.style import use_indicator_style  # QStyle's enums: 6 ms

    use_indicator_style()
