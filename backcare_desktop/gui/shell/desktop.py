"""What runs while BackCare is open: preferences, reminders and the tray, and the window.

The window is made when it is first needed. Started in the tray (`--minimized`, the login
entry), BackCare waits for reminders with no window, no pages and no sound engine: an idle
tray app stays small (issue 5 measures it), and the window appears whole the first time the
person opens it. Launched normally, the window is made at once and everything else (reminder
timers, tray, sound) follows after its first paint (issue 2 measures the start-up).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from backcare_desktop.app.persistence import Persistence
from backcare_desktop.core.clock import Clock
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.look.text import tr
from backcare_desktop.paths import AppPaths

if TYPE_CHECKING:
    from backcare_desktop.app.reminders.service import ReminderService
    from backcare_desktop.app.sound.controller import SoundController
    from backcare_desktop.gui.settings.sound import SoundSettingsBackend
    from backcare_desktop.gui.shell.main_window import MainWindow
    from backcare_desktop.gui.shell.tray import Tray

log = logging.getLogger(__name__)


class Desktop(QObject):
    """The app's long-lived parts. `window()` makes the window on first call;
    `start_services()` starts the reminders and shows the tray icon (where a tray exists).

    `on_window` is told of the window once it exists (run() uses it to finish start-up after
    the window's first paint).
    """

    def __init__(
        self,
        paths: AppPaths,
        library: Library,
        clock: Clock,
        *,
        on_window: Callable[[MainWindow], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.library = library
        self.clock = clock
        self.persistence = Persistence(paths, parent=self)
        app = QCoreApplication.instance()
        if app is not None:  # quitting waits for pending saves
            app.aboutToQuit.connect(self.persistence.wait_for_saves)
        self.tray: Tray | None = None
        self._on_window = on_window
        self._window: MainWindow | None = None
        self._reminders: ReminderService | None = None
        self._sound: SoundController | None = None
        self._services_started = False

    # -- the window --------------------------------------------------------------------------

    @property
    def has_window(self) -> bool:
        return self._window is not None

    def window(self) -> MainWindow:
        if self._window is None:
            self._window = self._build_window()
            log.info("main window made")
            if self._reminders is not None:
                self._reminders.attach_window(self._window)
            if self.tray is not None:
                self._window.close_to_tray = True
            if self._services_started:
                self.sound()  # a routine started in this window has its music and chimes
            if self._on_window is not None:
                self._on_window(self._window)
        return self._window

    def _build_window(self) -> MainWindow:
        from backcare_desktop.app.session_controller import SessionController
        from backcare_desktop.gui.shell.features import install_features
        from backcare_desktop.gui.shell.first_paint import FirstPaint
        from backcare_desktop.gui.shell.main_window import MainWindow
        from backcare_desktop.gui.shell.sound_wiring import add_breathe_page

        persistence = self.persistence
        controller = SessionController(self.clock)
        window = MainWindow(self.library, persistence.preferences, controller)
        controller.setParent(window)
        # The check-box style is Python code Qt calls for every primitive it draws; the first
        # screen has no check box, so it comes after the first paint (16 ms sooner, measured).
        FirstPaint(window, _use_indicator_style)
        window.sessionRecorded.connect(persistence.record_session)
        persistence.preferences.saveFailed.connect(
            lambda reason: window.statusBar().showMessage(
                tr("Your settings could not be saved: %1", reason), 10000
            )
        )
        persistence.problem.connect(lambda text: window.statusBar().showMessage(text, 10000))
        persistence.writer.busy.connect(
            lambda _reason: window.statusBar().showMessage(
                tr("Your settings are busy: your change is kept and will be saved in a moment."),
                10000,
            )
        )

        def reminders_page() -> QWidget:
            from backcare_desktop.gui.reminders.page import RemindersPage

            return RemindersPage(persistence.preferences, self.library, self.reminders())

        window.add_page(
            "reminders", tr("Reminders"), reminders_page, icon="bell", tip=tr("Reminder times")
        )
        # The Breathe page's button is there from the first paint; the sound engine behind it
        # is made after that paint (start_services) or when the page is first opened.
        add_breathe_page(window, self.sound, self.clock)

        def sound_settings() -> SoundSettingsBackend:
            from backcare_desktop.app.sound.settings_adapter import SoundSettingsAdapter

            return SoundSettingsAdapter(self.sound())

        install_features(window, persistence, self.clock, sound=sound_settings)
        return window

    # -- services ----------------------------------------------------------------------------

    def sound(self) -> SoundController:
        """The sound engine, following the window's sessions (made with or after the window)."""
        if self._sound is None:
            from backcare_desktop.gui.shell.sound_wiring import install_sound

            self._sound = install_sound(self.window(), self.clock, breathe_page=False)
        return self._sound

    def reminders(self) -> ReminderService:
        """The reminder service (made on first use; `start_services` starts it)."""
        if self._reminders is None:
            from backcare_desktop.app.reminders.service import ReminderService

            self._reminders = ReminderService.for_app(
                self.persistence, self.paths, self.clock, parent=self
            )
            self._reminders.attach_window_provider(self.window)
            if self._window is not None:
                self._reminders.attach_window(self._window)
        return self._reminders

    def start_services(self) -> None:
        """Start the reminders and show the tray icon; with a window, its sound engine too."""
        if self._services_started:
            return
        self._services_started = True
        reminders = self.reminders()
        from backcare_desktop.gui.shell.tray import Tray

        if Tray.available():
            tray = Tray(
                self.library,
                show_window=lambda: self.window().bring_to_front(),
                toggle_window=self.toggle_window,
                quit_app=self.quit,
                next_reminder_text=reminders.next_reminder_text,
                pending_reminder=lambda: getattr(reminders.pending(), "title", ""),
                answer_reminder=reminders.answer_pending,
                parent=self,
            )
            self.tray = tray
            reminders.attach_tray(tray)
            tray.routineRequested.connect(lambda routine: self.window().open_prepare(routine))
            tray.show()
            if self._window is not None:
                self._window.close_to_tray = True
            QGuiApplication.setQuitOnLastWindowClosed(False)
        else:
            log.info("no system tray: BackCare runs as a normal window")
        if self._window is not None:
            self.sound()
        reminders.start()

    def toggle_window(self) -> None:
        """The tray icon's click: hide a shown window, otherwise bring it (or make it) forward."""
        window = self._window
        if window is not None and window.isVisible() and not window.isMinimized():
            window.hide()
        else:
            self.window().bring_to_front()

    def quit(self) -> None:
        if self._window is not None:
            self._window.quit_app()  # stops a running session first, so it is recorded
            return
        QCoreApplication.quit()


def _use_indicator_style() -> None:
    from backcare_desktop.gui.look.style import use_indicator_style  # QStyle's enums: 6 ms

    use_indicator_style()
