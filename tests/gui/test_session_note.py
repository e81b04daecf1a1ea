"""The person's own note for a step is shown with the step during the session, and a screen
reader hears it with the step's name."""

from __future__ import annotations

import pytest
from own_routine_example import PHYSIO
from pytestqt.qtbot import QtBot

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.session_controller import SessionController
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Library
from backcare_desktop.core.routine_book import RoutineBook, with_own
from backcare_desktop.gui.session import player
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.storage.store import shipped_defaults


def test_a_step_with_a_note_shows_and_says_it_and_the_next_step_does_not(
    library: Library, qtbot: QtBot, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(player, "announce", lambda _source, text: said.append(text))
    preferences = shipped_defaults().with_changes(first_run_acknowledged=True)
    window = MainWindow(
        with_own(library, RoutineBook((PHYSIO,))),
        PreferencesModel(preferences),
        SessionController(clock),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_prepare(PHYSIO.id)
    window.prepare.start_button.click()
    session = window.session
    assert not session.note.isVisible()  # the warm-up has no note
    clock.advance(60)
    window.controller.tick()
    assert session.note.isVisible()
    assert session.note.text() == "Your note: physio: keep the elbow low"
    assert said[-1].endswith("Your note: physio: keep the elbow low")
    clock.advance(40)
    window.controller.tick()  # the right side: the same note
    assert session.note.isVisible()
    clock.advance(40)
    window.controller.tick()
    assert not session.note.isVisible()
    assert "Your note" not in said[-1]
