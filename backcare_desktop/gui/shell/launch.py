"""Start-up: the QApplication, the hand-over to a running BackCare, and the order in which the
composition root (root.py) makes its parts, so the window shows soonest."""

from __future__ import annotations

import argparse
import gc
import linecache
import logging
import os
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from backcare_desktop import APP_ID, APP_NAME, __version__
from backcare_desktop.app.collector import keep_startup_objects
from backcare_desktop.app.single_instance import HandOver, LaunchRequest, claim_or_hand_over
from backcare_desktop.app.translations import install_translations
from backcare_desktop.core.clock import Clock, SystemClock
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.look.icons import app_icon
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.shell.root import AppRoot
from backcare_desktop.gui.widgets.after_paint import after_first_paint
from backcare_desktop.paths import AppPaths
from backcare_desktop.services.desktop.time_zone import settle_process_zone

if TYPE_CHECKING:
    from backcare_desktop.app.persistence import Persistence
    from backcare_desktop.gui.shell.main_window import MainWindow
    from backcare_desktop.gui.shell.tray import Tray

log = logging.getLogger(__name__)
QUIT_AFTER_PAINT_ENV = "BACKCARE_QUIT_AFTER_FIRST_PAINT"
"""Set by benchmarks and tests: quit as soon as the main window has painted once. A value
other than "1" names a file that receives the monotonic time of that first paint."""
COLLECTOR_FALLBACK_MS = 3000
"""How long the paused cycle collector waits for a first paint that may never come."""


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
    install_translations(app)
    return app  # the widget style is set with the window (main_window.py): the tray needs none


def show_fatal_error(message: str) -> None:
    """A dialog for errors that stop the app before the window exists (if a display exists)."""
    try:
        from PySide6.QtWidgets import QMessageBox

        make_application()
        QMessageBox.critical(None, APP_NAME, message)
    except Exception:  # no display at all: the message already went to stderr and the log
        log.exception("could not show the error dialog")


def install_excepthook(paths: AppPaths) -> None:
    """An unexpected error becomes a calm dialog and a log entry, never a silent exit."""
    showing = False

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        log.error("unexpected error: %s", value, exc_info=(kind, value, tb))  # file, not terminal
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                None,
                tr("Something went wrong"),
                tr(
                    "BackCare hit an unexpected problem: %1\n\nYour settings and history are "
                    "safe. The details are in the log file:\n%2",
                    str(value) or kind.__name__,
                    str(paths.log_file),
                ),
            )
        finally:
            showing = False

    sys.excepthook = hook


class AppContext(NamedTuple):
    app: QApplication
    root: AppRoot

    @property
    def window(self) -> MainWindow:
        return self.root.window()

    @property
    def tray(self) -> Tray | None:
        return self.root.tray

    @property
    def persistence(self) -> Persistence:
        return self.root.persistence


def build(
    args: argparse.Namespace, paths: AppPaths, library: Library, clock: Clock | None = None
) -> AppContext:
    """Everything at once, window included (no event loop): for end-to-end tests, screenshots
    and benchmarks. run() makes the same parts, in the order that shows the window soonest."""
    app = make_application()
    root = AppRoot(paths, library, clock or SystemClock(), parent=app)
    root.window()
    root.start_services()
    return AppContext(app, root)


def forget_module_sources() -> None:
    """Drop the source lines linecache holds. PySide6 reads the source of every module
    imported after it (looking for `from __feature__ import ...`) and linecache keeps them
    all: megabytes an idle tray app would carry for nothing. Dropped after each burst of
    imports, the memory is reused by the next burst instead of adding up (measured: 2.5 MiB
    less in the tray). A traceback reads the few lines it shows again."""
    linecache.clearcache()


def run(args: argparse.Namespace, paths: AppPaths, library: Library) -> int:
    forget_module_sources()  # the imports so far: PySide6, the core, the start-up modules
    zone = settle_process_zone()  # before any clock is read: a bogus TZ becomes UTC
    request = LaunchRequest("start", args.start) if args.start else LaunchRequest("show")
    claim = claim_or_hand_over(paths.runtime_dir, paths.config_dir, request)
    if claim is HandOver.HANDED_OVER:
        print("backcare: BackCare is already running; showing its window.", file=sys.stderr)
        return 0
    if claim is HandOver.NO_ANSWER:
        print("backcare: BackCare is already running but did not answer.", file=sys.stderr)
        return 1
    app = make_application([sys.argv[0]])
    install_excepthook(paths)
    quit_after_paint = os.environ.get(QUIT_AFTER_PAINT_ENV)
    root: AppRoot
    hooked: list[bool] = []

    def forget_sources_once_connected() -> None:
        """The D-Bus connection imports jeepney on a worker: let its sources go after it."""
        if not hooked:
            root.reminders().delivery.connected.connect(forget_module_sources)
            hooked.append(True)

    def window_made(window: MainWindow) -> None:
        """The rest of start-up waits for the window's first paint, so the window shows soonest."""
        # The cycle collector, paused by main() for the start, resumes once the window has
        # painted (or soon anyway, should a minimized window never paint).
        after_first_paint(window, gc.enable, COLLECTOR_FALLBACK_MS)
        if quit_after_paint:
            # Quit behind the window's own after-paint work (remembering the desktop's theme),
            # all queued at that paint: the next start is an everyday one.
            after_first_paint(
                window,
                lambda: _run_in_turn(
                    [lambda: _report_first_paint(quit_after_paint), lambda: _quit_soon(app)]
                ),
            )
            return
        after_first_paint(
            window,
            lambda: _run_in_turn(
                [
                    root.listen_for_second_launches,
                    root.start_services,
                    forget_sources_once_connected,
                    window.finish_startup,
                    forget_module_sources,  # finish_startup imported every page
                    keep_startup_objects,  # every page is built: out of later collections
                    root.show_notices,
                    root.offer_unfinished_session,
                    window.maybe_show_safety_notice,
                ]
            ),
        )

    root = AppRoot(
        paths,
        library,
        SystemClock(),
        on_window=window_made,
        paint_first=True,
        instance_claim=claim,
        parent=app,
    )
    from backcare_desktop.gui.shell.quit_signal import quit_on_terminate

    quit_on_terminate(root.quit, root)
    if zone is not None and zone.unusable is not None:
        root.persistence.start_messages.append(
            tr(
                "The time zone '%1' could not be understood, so BackCare uses UTC for reminders "
                "until it is fixed.",
                zone.unusable,
            )
        )
    if args.minimized and _tray_available():
        # In the tray, with no window until the person opens one: an idle BackCare stays small.
        log.info("started minimized to the tray")
        root.start_services()
        forget_module_sources()  # the reminder modules
        forget_sources_once_connected()
        root.listen_for_second_launches()
        root.show_notices()
        root.offer_unfinished_session()
        gc.enable()  # paused by main() for the start, which ends here
        if args.start:
            root.window().open_prepare(args.start)
    else:
        window = root.window()
        if args.minimized:
            window.showMinimized()
            window.statusBar().showMessage(
                tr("No system tray here, so BackCare opened minimized."), 8000
            )
        else:
            window.show()
        if args.start:
            window.open_prepare(args.start)
    try:
        return int(app.exec())
    finally:
        root.close()


def _tray_available() -> bool:
    """Asked only when started minimized: a normal start makes the tray after the first paint,
    so its module (QSystemTrayIcon's bindings: 5 ms, measured) stays off the start-up path."""
    from backcare_desktop.gui.shell.tray import Tray

    return Tray.available()


def _run_in_turn(callbacks: list[Callable[[], object]]) -> None:
    for callback in callbacks:
        callback()


def _quit_soon(app: QApplication) -> None:
    QTimer.singleShot(0, app.quit)


def _report_first_paint(target: str) -> None:
    if target != "1":
        with open(target, "w", encoding="utf-8") as report:
            report.write(repr(time.monotonic()))
