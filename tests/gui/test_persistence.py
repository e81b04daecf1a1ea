"""What the person sets and does survives a restart; a broken settings file is rescued."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from own_routine_example import PHYSIO
from pytestqt.qtbot import QtBot

from backcare_desktop.app.jobs import JobRunner
from backcare_desktop.app.persistence import Persistence
from backcare_desktop.app.preferences_model import SaveProblem
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Library
from backcare_desktop.core.routine_book import adding, starring
from backcare_desktop.core.session import SessionMachine, SessionOutcome
from backcare_desktop.paths import resolve_paths
from backcare_desktop.storage.lock import FileLock
from backcare_desktop.storage.routine_store import RoutineStore

MINE = PHYSIO


def test_a_changed_setting_is_there_after_a_restart(isolated_home: Path, qtbot: QtBot) -> None:
    paths = resolve_paths(isolated_home).ensure()
    first = Persistence(paths)
    first.preferences.update(theme="dim", routine_minutes=20, first_run_acknowledged=True)
    assert first.wait_for_saves()  # as quitting does
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
    record = persistence.record_session(SessionOutcome(machine.summary(), "lavender", 6, 3))
    assert record is not None
    assert persistence.wait_for_saves()
    (saved,) = Persistence(paths).journal.all()
    assert saved.routine_id == "desk_break"
    assert (saved.tension_before, saved.tension_after, saved.oil) == (6, 3, "lavender")
    assert saved.completed and saved.completed_seconds == machine.routine.total_seconds


def test_an_unreadable_settings_file_is_kept_aside_and_the_person_told(
    isolated_home: Path, qtbot: QtBot
) -> None:
    paths = resolve_paths(isolated_home).ensure()
    first = Persistence(paths)
    first.preferences.update(theme="dark")
    assert first.wait_for_saves()
    settings = next(paths.data_dir.glob("preferences*.json"))
    settings.write_text("{ this is not json")
    persistence = Persistence(paths)
    assert persistence.preferences.value.theme == "system"
    dialogs = [n for n in persistence.notices if n.needs_dialog]
    assert dialogs and dialogs[0].moved_to is not None and dialogs[0].moved_to.exists()


def hold(runner: JobRunner) -> threading.Event:
    """Occupy the runner's worker until the returned gate is opened."""
    gate = threading.Event()
    runner.submit(lambda: gate.wait(10))
    return gate


def test_a_setting_is_saved_off_the_gui_thread_and_in_order(
    isolated_home: Path, qtbot: QtBot
) -> None:
    paths = resolve_paths(isolated_home).ensure()
    persistence = Persistence(paths)
    gate = hold(persistence.jobs)
    for minutes in (5, 10, 15, 20):
        persistence.preferences.update(routine_minutes=minutes)
    assert persistence.preferences.value.routine_minutes == 20  # the window sees it at once
    assert not (paths.data_dir / "preferences.json").exists()  # the disk has not been touched
    gate.set()
    qtbot.waitUntil(lambda: not persistence.jobs.busy)
    assert Persistence(paths).preferences.value.routine_minutes == 20  # the last change won


def test_a_settings_save_that_fails_is_reported_on_the_model(
    isolated_home: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = resolve_paths(isolated_home).ensure()
    persistence = Persistence(paths)

    def full_disk(change: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(persistence.preferences_store, "apply", full_disk)
    with qtbot.waitSignal(persistence.preferences.saveProblem, timeout=5000) as failed:
        persistence.preferences.update(theme="dark")
    assert failed.args == [SaveProblem(busy=False, detail="No space left on device")]
    assert persistence.preferences.value.theme == "dark"  # the change stays for this run


def test_what_the_app_remembers_is_not_reported_when_it_cannot_be_saved(
    isolated_home: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desktop's theme, remembered after the first paint: on a full disk the person,
    who changed nothing, is not told that a change could not be saved."""
    paths = resolve_paths(isolated_home).ensure()
    persistence = Persistence(paths)

    def full_disk(change: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(persistence.preferences_store, "apply", full_disk)
    told: list[SaveProblem] = []
    persistence.preferences.saveProblem.connect(told.append)
    persistence.preferences.remember(desktop_theme="dark")
    qtbot.waitUntil(lambda: not persistence.jobs.busy)
    persistence.preferences.update(theme="dark")  # a choice of the person's is still told
    qtbot.waitUntil(lambda: len(told) == 1)
    assert told == [SaveProblem(busy=False, detail="No space left on device")]
    assert persistence.preferences.value.desktop_theme == "dark"  # kept for this run


def test_a_busy_settings_lock_is_reported_and_the_change_still_reaches_the_disk(
    isolated_home: Path, qtbot: QtBot
) -> None:
    paths = resolve_paths(isolated_home).ensure()
    persistence = Persistence(paths)
    path = paths.data_dir / "preferences.json"
    persistence.preferences_store._file.lock.timeout = 0.05  # not the 5 s a person would wait
    holder = FileLock(path.with_name(path.name + ".lock"))
    holder.__enter__()
    try:
        with qtbot.waitSignal(persistence.preferences.saveProblem, timeout=5000) as busy:
            persistence.preferences.update(theme="dim")
        assert busy.args[0].busy
    finally:
        holder.__exit__(None, None, None)
    qtbot.waitUntil(lambda: not persistence.jobs.busy, timeout=10_000)
    assert Persistence(paths).preferences.value.theme == "dim"


def test_a_session_that_cannot_be_journaled_is_reported_not_raised(
    isolated_home: Path, qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = resolve_paths(isolated_home).ensure()
    clock = FakeClock()
    machine = SessionMachine(library.routine("desk_break"), clock)
    machine.start()
    persistence = Persistence(paths)

    def unplugged(record: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(persistence.journal, "add", unplugged)
    with qtbot.waitSignal(persistence.problem, timeout=5000) as problem:
        persistence.record_session(SessionOutcome(machine.summary(), None, None, None))
    assert "could not be added to your journal" in problem.args[0]
    assert "Input/output error" in problem.args[0]


def test_the_progress_page_reads_after_a_session_queued_before_it(
    isolated_home: Path, qtbot: QtBot, library: Library
) -> None:
    paths = resolve_paths(isolated_home).ensure()
    clock = FakeClock()
    machine = SessionMachine(library.routine("desk_break"), clock)
    machine.start()
    persistence = Persistence(paths)
    gate = hold(persistence.jobs)
    persistence.record_session(SessionOutcome(machine.summary(), None, None, None))
    read: list[int] = []
    persistence.queued_journal.read(
        lambda records, _notices: len(records), read.append, lambda _reason: None
    )
    gate.set()
    qtbot.waitUntil(lambda: read == [1])


class BusyThenFree:
    """A settings file whose lock stays busy past its timeout `busy_for` times."""

    def __init__(self, busy_for: int) -> None:
        self.busy_for = busy_for
        self.written: list[str] = []

    def apply(self, change: Callable[[str], str]) -> str:
        if self.busy_for:
            self.busy_for -= 1
            raise TimeoutError("another program is using your settings")
        self.written.append(change(""))
        return self.written[-1]


def test_a_save_waits_out_a_busy_lock_and_keeps_its_place(qtbot: QtBot) -> None:
    from backcare_desktop.app.persistence import QueuedPreferencesWriter

    store = BusyThenFree(busy_for=2)
    runner = JobRunner(linger=0.01)
    writer = QueuedPreferencesWriter(store, runner)  # type: ignore[arg-type]
    told: list[str] = []
    writer.busy.connect(told.append)
    writer.failed.connect(lambda reason: pytest.fail(f"reported as failed: {reason}"))
    writer.apply(lambda _on_disk: "first")  # type: ignore[arg-type,return-value]
    writer.apply(lambda _on_disk: "second")  # type: ignore[arg-type,return-value]
    qtbot.waitUntil(lambda: store.written == ["first", "second"])
    qtbot.waitUntil(lambda: told == ["another program is using your settings"])
    assert runner.drain(5)


def test_the_persons_routines_join_the_library_read_at_start(
    isolated_home: Path, qtbot: QtBot, library: Library
) -> None:
    paths = resolve_paths(isolated_home).ensure()
    store = RoutineStore.in_data_dir(paths, library)
    store.apply(adding(MINE))
    store.apply(starring(MINE.id, True))
    persistence = Persistence(paths)
    merged = persistence.routines(library).library()
    assert merged.routines[0].id == MINE.id
    assert merged.routine(MINE.id).steps[1].note == "physio: keep the elbow low"
    assert merged.techniques is library.techniques
    assert persistence.take_notices() == ([], [])


def test_a_damaged_routines_file_is_told_once_and_the_built_ins_remain(
    isolated_home: Path, qtbot: QtBot, library: Library
) -> None:
    paths = resolve_paths(isolated_home).ensure()
    (paths.data_dir / "routines.json").write_text("{ damaged", encoding="utf-8")
    persistence = Persistence(paths)
    merged = persistence.routines(library).library()
    assert [r.id for r in merged.routines] == [r.id for r in library.routines]
    messages, _ = persistence.take_notices()
    assert len(messages) == 1 and "could not be read" in messages[0]
    assert "routines.corrupt-" in messages[0]


def test_the_routines_file_name_is_the_stores(isolated_home: Path) -> None:
    from backcare_desktop.app import persistence
    from backcare_desktop.storage import routine_store

    assert persistence.ROUTINES_FILE == routine_store.ROUTINES_FILE
