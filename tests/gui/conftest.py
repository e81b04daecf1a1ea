"""Fixtures for driving the real main window offscreen on a FakeClock."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.session_controller import SessionController
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.content.loader import load_library
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.resources import assets_dir
from backcare_desktop.storage.store import shipped_defaults


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(assets_dir())


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_window(qtbot: QtBot, library: Library, clock: FakeClock) -> Callable[..., MainWindow]:
    def make(**preferences: object) -> MainWindow:
        prefs = shipped_defaults().with_changes(first_run_acknowledged=True, **preferences)
        window = MainWindow(library, PreferencesModel(prefs), SessionController(clock))
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make
