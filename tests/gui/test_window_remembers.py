"""The window remembers: size, place and maximised state survive a restart, and F11 twice
leaves the window exactly as it was."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.gui.shell.root import AppRoot
from backcare_desktop.gui.shell.window_state import restore_geometry, saved_geometry

MakeWindow = Callable[..., MainWindow]


def free_area() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def test_size_and_place_survive_a_restart(start_app: Callable[[], AppRoot]) -> None:
    first = start_app()
    window = first.window()
    window.setGeometry(QRect(30, 40, 640, 480))
    wanted = window.geometry()
    window.close()
    assert first.persistence.wait_for_saves()
    again = start_app().window()
    assert again.geometry() == wanted
    assert not again.isMaximized()


def test_the_maximised_state_survives_a_restart(
    start_app: Callable[[], AppRoot], qtbot: QtBot
) -> None:
    first = start_app()
    first.window().showMaximized()
    qtbot.waitUntil(first.window().isMaximized)
    first.window().close()
    assert first.persistence.wait_for_saves()
    again = start_app().window()
    qtbot.waitUntil(again.isMaximized)


def test_a_place_beyond_the_screen_is_brought_back_onto_it(make_window: MakeWindow) -> None:
    window = make_window()
    window.setGeometry(QRect(9000, 7000, 1040, 700))
    saved = saved_geometry(window)
    other = make_window()
    assert restore_geometry(other, saved)
    free = free_area()
    assert free.contains(other.geometry().topLeft())


def test_a_damaged_saved_place_is_ignored(make_window: MakeWindow) -> None:
    window = make_window()
    before = window.geometry()
    assert not restore_geometry(window, "not base64 at all!")
    assert not restore_geometry(window, "AAAA")
    assert window.geometry() == before


@pytest.mark.parametrize("maximised", [False, True])
def test_f11_twice_leaves_the_window_as_it_was(
    make_window: MakeWindow, qtbot: QtBot, maximised: bool
) -> None:
    window = make_window()
    window.open_prepare("desk_break")
    window.prepare.start_button.click()
    if maximised:
        window.showMaximized()
        qtbot.waitUntil(window.isMaximized)
    before = window.geometry()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.isMaximized() == maximised
    qtbot.waitUntil(lambda: window.geometry() == before)
