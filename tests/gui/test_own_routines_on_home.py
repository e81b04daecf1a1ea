"""The person's own routines on Home, beside the built-in ones, favourites first, startable."""

from __future__ import annotations

from dataclasses import replace

from own_routine_example import PHYSIO
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.session_controller import SessionController
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Library
from backcare_desktop.core.routine_book import RoutineBook, with_own
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.storage.store import shipped_defaults

MINE = replace(PHYSIO, summary="What Ana showed me")


def window_with(library: Library, qtbot: QtBot, clock: FakeClock, **prefs: object) -> MainWindow:
    preferences = shipped_defaults().with_changes(first_run_acknowledged=True, **prefs)
    window = MainWindow(library, PreferencesModel(preferences), SessionController(clock))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_starred_routine_of_ones_own_is_the_first_card_and_starts(
    library: Library, qtbot: QtBot, clock: FakeClock
) -> None:
    book = RoutineBook((MINE,), frozenset({MINE.id, "morning_wake_up"}))
    window = window_with(with_own(library, book), qtbot, clock)
    ids = [card.routine.id for card in window.home.cards]
    assert ids[:2] == ["morning_wake_up", MINE.id]
    assert sorted(ids) == sorted([r.id for r in library.routines] + [MINE.id])
    mine = window.home.cards[1]
    qtbot.mouseClick(mine.start_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.prepare
    assert window.prepare.title.text() == "Physio’s routine"


def test_an_unstarred_routine_of_ones_own_comes_after_the_built_in_ones_at_its_own_length(
    library: Library, qtbot: QtBot, clock: FakeClock
) -> None:
    window = window_with(with_own(library, RoutineBook((MINE,))), qtbot, clock, routine_minutes=25)
    last = window.home.cards[-1].routine
    assert last.id == MINE.id
    assert last.total_seconds == 60 + 80 + 45 + 120  # the physio's durations, not 25 minutes


def test_a_reminder_naming_a_routine_of_ones_own_opens_it(
    library: Library, qtbot: QtBot, clock: FakeClock
) -> None:
    """Reminders and the tray reach a routine through open_prepare by id, as for built-ins."""
    window = window_with(with_own(library, RoutineBook((MINE,))), qtbot, clock)
    routine = window.open_prepare(MINE.id)
    assert routine is not None and routine.id == MINE.id
    assert window.prepare.title.text() == "Physio’s routine"
