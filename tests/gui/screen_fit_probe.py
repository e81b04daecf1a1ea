"""Run by test_screen_fit.py in a process of its own (a screen's size and scale are fixed when
Qt starts): opens every page of the real app on the screen the environment describes and
prints, as JSON, where each page's primary action is and whether all of it can be seen."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from backcare_desktop.app.sound.jobs import InlineJobs
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.content.loader import load_library
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.gui.shell.root import AppRoot
from backcare_desktop.paths import resolve_paths
from backcare_desktop.resources import assets_dir
from backcare_desktop.services.audio.player import NullAudio
from backcare_desktop.storage.store import PreferencesStore, shipped_defaults


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def place(widget: QWidget, screen: QRect) -> dict[str, object]:
    """Where `widget` is on the screen, and whether all of it is shown there: inside the
    window's part of the screen and not scrolled or clipped away by any parent."""
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    rect = QRect(top_left, widget.size())
    window = widget.window()
    frame = window.frameGeometry()
    shown = widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()
    return {
        "rect": [rect.x(), rect.y(), rect.width(), rect.height()],
        "on_screen": screen.contains(rect) and screen.contains(frame),
        "shown": shown,
    }


def tab_to(app: QApplication, window: QWidget, target: QWidget) -> None:
    """Press Tab, as a person would, from the window's first control until `target` has the
    keyboard (a scroll area scrolls what gets the focus into view)."""
    window.activateWindow()
    window.setFocus(Qt.FocusReason.OtherFocusReason)
    for _ in range(80):
        settle(app)
        if target.hasFocus():
            return
        QTest.keyClick(app.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName() or target}")


def probe(text_scale: int | None) -> dict[str, dict[str, object]]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    home = Path(tempfile.mkdtemp(prefix="backcare-fit-"))
    paths = resolve_paths(home).ensure()
    changes: dict[str, object] = {"first_run_acknowledged": True}
    if text_scale is not None:
        changes["text_scale"] = text_scale
    prefs = shipped_defaults().with_changes(**changes)
    PreferencesStore.in_data_dir(paths).apply(lambda _old: prefs)
    clock = FakeClock()
    root = AppRoot(
        paths,
        load_library(assets_dir()),
        clock,
        open_player=lambda _settings: NullAudio("the fit probe plays nothing"),
        sound_jobs=InlineJobs(),
        tray_available=lambda: False,
    )
    window: MainWindow = root.window()
    window.show()
    window.finish_startup()
    screen = window.screen().availableGeometry()
    found: dict[str, dict[str, object]] = {"screen": {"rect": screen.getRect()}}

    def look(name: str, widget: QWidget) -> None:
        settle(app)
        found[name] = place(widget, screen)

    # Today's glance comes from the journal on the job runner, and its second line makes the
    # row above the cards taller: measure Home as it settles, however late the answer comes.
    deadline = time.monotonic() + 60
    while not window.home.streak_line.isVisible() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    look("home start", window.home.cards[0].start_button)
    # where the card is taller than the room (200 % on a laptop), Tab brings it into view
    tab_to(app, window, window.home.cards[0].start_button)
    look("home start after tab", window.home.cards[0].start_button)
    window.open_prepare(window.library.routines[0].id)
    look("prepare begin", window.prepare.start_button)
    look("prepare rating", window.prepare.tension)
    window.prepare.start_button.click()
    for name in ("pause", "skip", "stop"):
        look(f"session {name}", window.session.buttons[name])
    look("session countdown", window.session.ring)  # the time left, without scrolling
    window.controller.stop()  # the summary follows a stopped session too
    look("summary done", window.summary.done_button)
    window.summary.done_button.click()
    window.show_page("breathe")
    look("breathe start", window.stack.currentWidget().start_button)
    window.show_page("reminders")
    look("reminders add", window.stack.currentWidget().add_button)
    window.show_page("compose")
    compose = window.stack.currentWidget()
    for area in ("neck", "lower_back"):
        compose.body_map.toggle(area)
    look("compose start", compose.start_button)
    window.open_editor(None)
    look("editor save", window.stack.currentWidget().save_button)
    window.show_settings()
    dialog = window._settings
    assert dialog is not None
    close: QAbstractButton = dialog.close_button
    look("settings close", close)
    dialog.close()
    root.close()
    window.close()
    root.persistence.wait_for_saves()
    return found


if __name__ == "__main__":
    scale = int(sys.argv[1]) if len(sys.argv) > 1 else None
    print(json.dumps(probe(scale)))
