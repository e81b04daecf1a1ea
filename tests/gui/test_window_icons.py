"""The window's action icons: those the first screen shows are drawn with it, the rest (the
session's controls, the app menu's entries) right after its first paint, yet every action has
its icon in the end, painted or not."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.session_controller import SessionController
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.shell.actions import icon_names
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.storage.store import shipped_defaults


def _missing_icons(window: MainWindow) -> list[str]:
    return [name for name in icon_names() if window.actions_by_name[name].icon().isNull()]


def _unshown_window(qtbot: QtBot, library: Library, clock: FakeClock) -> MainWindow:
    prefs = shipped_defaults().with_changes(first_run_acknowledged=True)
    window = MainWindow(library, PreferencesModel(prefs), SessionController(clock))
    qtbot.addWidget(window)
    return window


def test_every_action_has_its_icon_once_the_window_has_painted(
    make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    window = make_window()

    qtbot.waitUntil(lambda: not _missing_icons(window))


def test_a_window_that_is_never_shown_still_gets_every_icon(
    qtbot: QtBot, library: Library, clock: FakeClock
) -> None:
    window = _unshown_window(qtbot, library, clock)

    qtbot.waitUntil(lambda: not _missing_icons(window), timeout=10000)


def test_the_navigation_icons_are_there_for_the_first_paint(
    qtbot: QtBot, library: Library, clock: FakeClock
) -> None:
    window = _unshown_window(qtbot, library, clock)

    assert not window.actions_by_name["home"].icon().isNull()
    assert not window.actions_by_name["guide"].icon().isNull()
