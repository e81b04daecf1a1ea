"""Fixtures for driving the real main window offscreen on a FakeClock."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.session_controller import SessionController
from backcare_desktop.app.sound.controller import SoundController
from backcare_desktop.app.sound.engine import Opener
from backcare_desktop.app.sound.jobs import InlineJobs
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.content.loader import load_library
from backcare_desktop.core.reminders.scheduler import InMemoryReminderState
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.look.focus_ring import focus_ring
from backcare_desktop.gui.shell.main_window import MainWindow, Page
from backcare_desktop.gui.shell.root import AppRoot
from backcare_desktop.gui.shell.sound_wiring import breathe_page, make_sound
from backcare_desktop.paths import AppPaths, resolve_paths
from backcare_desktop.resources import assets_dir
from backcare_desktop.services.audio.player import NullAudio
from backcare_desktop.storage.store import PreferencesStore, shipped_defaults


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(assets_dir())


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_window(qtbot: QtBot, library: Library, clock: FakeClock) -> Callable[..., MainWindow]:
    def make(
        *,
        pages: Sequence[Page] = (),
        oil_names: Callable[[], dict[str, str]] = dict,
        **preferences: object,
    ) -> MainWindow:
        """The window as the app builds it; `pages` and `oil_names` are its constructor's."""
        prefs = shipped_defaults().with_changes(first_run_acknowledged=True, **preferences)
        window = MainWindow(
            library,
            PreferencesModel(prefs),
            SessionController(clock),
            pages=pages,
            oil_names=oil_names,
        )
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        # Painted, as the person first sees it: the focus ring follows the focus from then on.
        ring = focus_ring()
        qtbot.waitUntil(lambda: ring is None or ring.awake)
        return window

    return make


@pytest.fixture
def make_sounding_window(
    make_window: Callable[..., MainWindow], clock: FakeClock
) -> Callable[..., tuple[MainWindow, SoundController]]:
    """The window with its Breathe page and a SoundController following its session, built
    the way the composition root builds them; `open_player` stands in for the audio engine."""

    def make(open_player: Opener, **preferences: object) -> tuple[MainWindow, SoundController]:
        sounds: list[SoundController] = []
        window = make_window(
            pages=[breathe_page(lambda: sounds[0], lambda: window, clock)], **preferences
        )
        sounds.append(make_sound(window, clock, open_player=open_player, jobs=InlineJobs()))
        return window, sounds[0]

    return make


@pytest.fixture
def paths(isolated_home: Path) -> AppPaths:
    """The person's folders, with the safety notice already read."""
    made = resolve_paths(isolated_home).ensure()
    PreferencesStore.in_data_dir(made).apply(
        lambda prefs: prefs.with_changes(first_run_acknowledged=True)
    )
    return made


@pytest.fixture
def start_app(
    qtbot: QtBot, paths: AppPaths, library: Library, clock: FakeClock
) -> Iterator[Callable[[], AppRoot]]:
    """`start_app()` starts BackCare on `paths` with its window shown, silent and with no tray;
    called again, it starts afresh on the same data folder, as a restart would."""
    roots: list[AppRoot] = []

    def start() -> AppRoot:
        root = AppRoot(
            paths,
            library,
            clock,
            reminder_state=InMemoryReminderState,
            open_player=lambda _settings: NullAudio("no sound in this test"),
            sound_jobs=InlineJobs(),
            tray_available=lambda: False,
        )
        roots.append(root)
        window = root.window()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return root

    yield start
    for root in roots:
        if root.has_window:
            root.window().controller.stop()
            root.window().close()
        root.close()
        root.deleteLater()


@pytest.fixture(autouse=True)
def no_mouse_button_left_held() -> Iterator[None]:
    """A test that presses a mouse button lets go of it: Qt keeps the pressed buttons for the
    whole application, and the focus ring takes every later focus change for a click."""
    yield
    if QGuiApplication.instance() is not None:
        assert QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton, "a mouse button is held"
