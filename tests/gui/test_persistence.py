"""What the person sets and does survives a restart; a broken settings file is rescued."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from backcare_desktop.app.persistence import Persistence
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.session import SessionMachine
from backcare_desktop.paths import resolve_paths


def test_a_changed_setting_is_there_after_a_restart(isolated_home: Path, qtbot: QtBot) -> None:
    paths = resolve_paths(isolated_home).ensure()
    first = Persistence(paths)
    first.preferences.update(theme="dim", routine_minutes=20, first_run_acknowledged=True)
    again = Persistence(paths)
    assert again.preferences.value.theme == "dim"
    assert again.preferences.value.routine_minutes == 20
    assert again.preferences.value.first_run_acknowledged


def test_a_finished_session_lands_in_the_journal(
    isolated_home: Path, qtbot: QtBot, library
) -> None:  # type: ignore[no-untyped-def]
    paths = resolve_paths(isolated_home).ensure()
    clock = FakeClock()
    machine = SessionMachine(library.routine("desk_break"), clock)
    machine.start()
    clock.advance(machine.routine.total_seconds)
    machine.tick()
    persistence = Persistence(paths)
    record = persistence.record_session(machine.summary(), "lavender", 6, 3)
    assert record is not None
    (saved,) = Persistence(paths).journal.all()
    assert saved.routine_id == "desk_break"
    assert (saved.tension_before, saved.tension_after, saved.oil) == (6, 3, "lavender")
    assert saved.completed and saved.completed_seconds == machine.routine.total_seconds


def test_an_unreadable_settings_file_is_kept_aside_and_the_person_told(
    isolated_home: Path, qtbot: QtBot
) -> None:
    paths = resolve_paths(isolated_home).ensure()
    Persistence(paths).preferences.update(theme="dark")
    settings = next(paths.data_dir.glob("preferences*.json"))
    settings.write_text("{ this is not json")
    persistence = Persistence(paths)
    assert persistence.preferences.value.theme == "system"
    dialogs = [n for n in persistence.notices if n.needs_dialog]
    assert dialogs and dialogs[0].moved_to is not None and dialogs[0].moved_to.exists()
