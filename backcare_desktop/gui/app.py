"""The composition root: build the QApplication, the services and the window, and wire them."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from backcare_desktop import APP_ID, APP_NAME, __version__
from backcare_desktop.core.clock import Clock, SystemClock
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.first_paint import FirstPaint
from backcare_desktop.gui.icons import app_icon
from backcare_desktop.gui.main_window import MainWindow
from backcare_desktop.gui.persistence import Persistence
from backcare_desktop.gui.qt_bridge import SessionController
from backcare_desktop.gui.single_instance import InstanceGuard, send_to_running, server_name
from backcare_desktop.gui.text import tr
from backcare_desktop.gui.tray import Tray
from backcare_desktop.paths import AppPaths

log = logging.getLogger(__name__)
QUIT_AFTER_PAINT_ENV = "BACKCARE_QUIT_AFTER_FIRST_PAINT"
"""Set by benchmarks and tests: quit as soon as the main window has painted once. A value
other than "1" names a file that receives the monotonic time of that first paint."""


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("BackCare")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    from backcare_desktop.gui.style import IndicatorStyle

    app.setStyle(IndicatorStyle())
    return app


def show_fatal_error(message: str) -> None:
    """A dialog for errors that stop the app before the window exists (if a display exists)."""
    try:
        make_application()
        QMessageBox.critical(None, APP_NAME, message)
    except Exception:  # no display at all: the message already went to stderr and the log
        log.exception("could not show the error dialog")


def install_excepthook(paths: AppPaths) -> None:
    """An unexpected error becomes a calm dialog and a log entry, never a silent exit."""
    showing = False

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            QMessageBox.warning(
                None,
                tr("Something went wrong"),
                tr(
                    "BackCare hit an unexpected problem: %1\n\nYour settings and history are "
                    "safe. The details are in the log file:\n%2"
                )
                .replace("%1", str(value) or kind.__name__)
                .replace("%2", str(paths.log_file)),
            )
        finally:
            showing = False

    sys.excepthook = hook


@dataclass
class AppContext:
    app: QApplication
    window: MainWindow
    tray: Tray | None
    persistence: Persistence


def build(
    args: argparse.Namespace, paths: AppPaths, library: Library, clock: Clock | None = None
) -> AppContext:
    """Create everything (no event loop): used by run(), end-to-end tests and screenshots."""
    app = make_application()
    clock = clock or SystemClock()
    persistence = Persistence(paths)
    controller = SessionController(clock)
    window = MainWindow(library, persistence.preferences, controller)
    controller.setParent(window)
    window.sessionRecorded.connect(persistence.record_session)
    persistence.preferences.saveFailed.connect(
        lambda reason: window.statusBar().showMessage(
            tr("Your settings could not be saved: %1").replace("%1", reason), 10000
        )
    )
    from PySide6.QtWidgets import QWidget

    from backcare_desktop.gui.reminder_service import ReminderService

    reminders = ReminderService.for_app(persistence, paths, clock, window)

    def reminders_page() -> QWidget:
        from backcare_desktop.gui.pages.reminders import RemindersPage

        return RemindersPage(persistence.preferences, library, reminders)

    window.add_page(
        "reminders", tr("Reminders"), reminders_page, icon="bell", tip=tr("Reminder times")
    )
    from backcare_desktop.gui.features import install_features
    from backcare_desktop.gui.sound_settings_adapter import SoundSettingsAdapter
    from backcare_desktop.gui.sound_wiring import install_sound

    sound = install_sound(window, clock)  # audio opens on a worker, after the first paint
    install_features(window, persistence, clock, sound=lambda: SoundSettingsAdapter(sound))
    tray: Tray | None = None
    if Tray.available():
        tray = Tray(
            library,
            window.actions_by_name,
            next_reminder_text=reminders.next_reminder_text,
            parent=window,
        )
        reminders.attach_tray(tray)
        tray.routineRequested.connect(window.open_prepare)
        tray.toggleWindowRequested.connect(
            lambda: (
                window.hide()
                if window.isVisible() and not window.isMinimized()
                else window.bring_to_front()
            )
        )
        tray.show()
        window.close_to_tray = True
        app.setQuitOnLastWindowClosed(False)
    else:
        log.info("no system tray: BackCare runs as a normal window")
    return AppContext(app, window, tray, persistence)


def run(args: argparse.Namespace, paths: AppPaths, library: Library) -> int:
    app = make_application([sys.argv[0]])
    name = server_name(paths.runtime_dir, paths.config_dir)
    request = {"cmd": "start", "routine": args.start} if args.start else {"cmd": "show"}
    if send_to_running(name, request):
        print("backcare: BackCare is already running; showing its window.", file=sys.stderr)
        return 0
    install_excepthook(paths)
    context = build(args, paths, library)
    window = context.window
    guards: list[InstanceGuard] = []

    def listen_for_second_launches() -> None:
        guard = InstanceGuard(name, window)
        guard.listen()
        guard.messageReceived.connect(lambda m: _handle_message(window, m))
        guards.append(guard)

    deferred: list[Callable[[], object]] = [
        listen_for_second_launches,
        window.finish_startup,
        lambda: context.persistence.show_notices(window),
        window.maybe_show_safety_notice,
    ]
    quit_after_paint = os.environ.get(QUIT_AFTER_PAINT_ENV)
    if quit_after_paint:
        deferred = [lambda: _report_first_paint(quit_after_paint), app.quit]
    if args.minimized and context.tray is not None:
        log.info("started minimized to the tray")
        # No paint will come: do the deferred work now, except building the other pages,
        # which waits until the window is first shown (an idle tray app stays small).
        for callback in deferred:
            if callback != window.finish_startup:
                QTimer.singleShot(0, callback)  # type: ignore[call-overload]
        FirstPaint(window, window.finish_startup)
    else:
        FirstPaint(window, lambda: _run_in_turn(deferred))
        if args.minimized:
            window.showMinimized()
            window.statusBar().showMessage(
                tr("No system tray here, so BackCare opened minimized."), 8000
            )
        else:
            window.show()
    if args.start:
        window.open_prepare(args.start)
    code = app.exec()
    for guard in guards:
        guard.close()
    return int(code)


def _run_in_turn(callbacks: list[Callable[[], object]]) -> None:
    for callback in callbacks:
        callback()


def _report_first_paint(target: str) -> None:
    if target != "1":
        with open(target, "w", encoding="utf-8") as report:
            report.write(repr(time.monotonic()))


def _handle_message(window: MainWindow, message: dict[str, str]) -> None:
    log.info("request from a second launch: %s", message)
    if message.get("cmd") == "start" and message.get("routine"):
        window.open_prepare(message["routine"])
    else:
        window.bring_to_front()
