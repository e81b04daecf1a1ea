"""Following the desktop's own theme without asking it before the first paint: the window
paints in the answer remembered from the last start, then asks, re-dresses itself if the
desktop changed its mind, and remembers the new answer (docs/ARCHITECTURE.md, "Before the
first paint")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.session_controller import SessionController
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.shell import window_theme as window_theme_module
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.storage.store import shipped_defaults


class Desktop:
    """Stands in for the desktop's answer; counts the questions."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.asked = 0

    def __call__(self) -> str:
        self.asked += 1
        return self.answer


@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> Iterator[Desktop]:
    answer = Desktop("light")
    monkeypatch.setattr(window_theme_module, "desktop_theme_name", answer)
    yield answer


def unshown_window(
    qtbot: QtBot, library: Library, clock: FakeClock, **preferences: object
) -> MainWindow:
    prefs = shipped_defaults().with_changes(first_run_acknowledged=True, **preferences)
    window = MainWindow(library, PreferencesModel(prefs), SessionController(clock))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    return window


def test_the_window_paints_in_the_remembered_theme_then_follows_the_desktop(
    qtbot: QtBot, library: Library, clock: FakeClock, desktop: Desktop
) -> None:
    window = unshown_window(qtbot, library, clock, theme="system", desktop_theme="dark")
    assert window.theme.name == "dark" and desktop.asked == 0
    window.show()
    qtbot.waitUntil(lambda: desktop.asked == 1)
    assert window.theme.name == "light"
    assert window.preferences.value.desktop_theme == "light"


def test_the_first_start_asks_before_painting_and_dresses_the_window_once(
    qtbot: QtBot,
    library: Library,
    clock: FakeClock,
    desktop: Desktop,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desktop.answer = "contrast"
    window = unshown_window(qtbot, library, clock, theme="system")
    assert window.theme.name == "contrast" and desktop.asked == 1
    dressed: list[str] = []
    monkeypatch.setattr(window, "apply_theme_choice", dressed.append)
    window.show()
    qtbot.waitUntil(lambda: desktop.asked == 2)
    assert dressed == []  # the same answer: nothing to re-dress
    assert window.preferences.value.desktop_theme == "contrast"


def test_a_chosen_theme_needs_no_answer_before_painting(
    qtbot: QtBot, library: Library, clock: FakeClock, desktop: Desktop
) -> None:
    desktop.answer = "dark"
    window = unshown_window(qtbot, library, clock, theme="dim")
    assert window.theme.name == "dim" and desktop.asked == 0
    window.show()
    qtbot.waitUntil(lambda: window.preferences.value.desktop_theme == "dark")
    assert window.theme.name == "dim"


def test_a_change_of_the_desktops_theme_is_followed(
    qtbot: QtBot, library: Library, clock: FakeClock, desktop: Desktop
) -> None:
    window = unshown_window(qtbot, library, clock, theme="system", desktop_theme="light")
    window.show()
    qtbot.waitUntil(lambda: desktop.asked == 1)
    desktop.answer = "dark"
    QApplication.sendEvent(window, QEvent(QEvent.Type.ThemeChange))
    assert window.theme.name == "dark"
    assert window.preferences.value.desktop_theme == "dark"
