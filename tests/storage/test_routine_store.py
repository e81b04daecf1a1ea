"""The person's routines on disk: kept across restarts and upgrades, one writer at a time,
and a damaged or newer file never costs a routine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from own_routine_example import PHYSIO

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.content.loader import load_library
from backcare_desktop.core.routine_book import RoutineBook, adding, removing, starring
from backcare_desktop.core.routine_draft import DraftStep, RoutineDraft, StepSide
from backcare_desktop.core.routine_file import to_document
from backcare_desktop.resources import assets_dir
from backcare_desktop.storage.memory import MemoryRoutineStore
from backcare_desktop.storage.notices import NoticeKind, ReadOnlyStoreError
from backcare_desktop.storage.routine_store import ROUTINES_FILE, RoutineSource, RoutineStore

LIBRARY = load_library(assets_dir())
MINE = PHYSIO
OTHER = RoutineDraft("own_evening", "Evening", MINE.steps)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / ROUTINES_FILE


def open_store(path: Path, clock: FakeClock | None = None) -> RoutineStore:
    return RoutineStore(path, LIBRARY, clock or FakeClock())


def test_an_empty_book_at_first_and_no_file_written(path: Path) -> None:
    book, notices = open_store(path).load()
    assert book == RoutineBook() and notices == []
    assert not path.exists()


def test_routines_and_stars_survive_a_restart(path: Path) -> None:
    store = open_store(path)
    store.apply(adding(MINE))
    store.apply(adding(OTHER))
    store.apply(starring(OTHER.id, True))
    store.apply(starring("desk_break", True))
    book, notices = open_store(path).load()
    assert book.own == (MINE, OTHER)
    assert book.favourites == {OTHER.id, "desk_break"}
    assert notices == []


def test_two_writers_keep_each_others_changes(path: Path) -> None:
    app, terminal = open_store(path), open_store(path)
    app.load()
    terminal.apply(adding(OTHER))
    app.apply(adding(MINE))  # re-reads under the lock: OTHER stays
    assert [d.id for d in open_store(path).load()[0].own] == [OTHER.id, MINE.id]


def test_a_failed_change_writes_nothing(path: Path) -> None:
    store = open_store(path)
    store.apply(adding(MINE))
    before = path.read_bytes()
    with pytest.raises(KeyError):
        store.apply(removing("own_not_there"))
    assert path.read_bytes() == before


def test_an_unreadable_file_is_set_aside_with_a_notice_and_nothing_is_deleted(path: Path) -> None:
    path.write_text("{ not json", encoding="utf-8")
    book, notices = open_store(path).load()
    assert book == RoutineBook()
    assert [n.kind for n in notices] == [NoticeKind.MOVED_ASIDE]
    kept = notices[0].moved_to
    assert kept is not None and kept.read_text(encoding="utf-8") == "{ not json"


def write_raw(path: Path, routines: list[object], meta: dict[str, object] | None = None) -> None:
    data = {
        "routines": {str(i): doc for i, doc in enumerate(routines, start=1)},
        "meta": {"1": meta or {"schema_version": 1, "favourites": []}},
    }
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_routine_that_cannot_be_read_is_left_out_and_the_original_kept(path: Path) -> None:
    broken = to_document(OTHER)
    broken["routine"]["steps"][0]["technique"] = "removed_in_a_later_version"  # type: ignore[index]
    write_raw(path, [to_document(MINE), broken])
    original = path.read_bytes()
    book, notices = open_store(path).load()
    assert book.own == (MINE,)
    assert [n.kind for n in notices] == [NoticeKind.MOVED_ASIDE]
    assert notices[0].moved_to is not None and notices[0].moved_to.read_bytes() == original
    assert open_store(path).load() == (book, [])  # repaired once, told once


def test_an_upgrade_that_narrows_a_techniques_bounds_keeps_the_routine(path: Path) -> None:
    older = to_document(MINE)
    older["routine"]["steps"][1]["seconds"] = 500  # type: ignore[index]
    older["routine"]["steps"][1].pop("side")  # type: ignore[index]
    write_raw(path, [older])
    book, notices = open_store(path).load()
    assert book.own[0].steps[1] == DraftStep(
        "kneading_shoulder", 120, StepSide.BOTH, note="physio: keep the elbow low"
    )
    assert notices == []


def test_a_newer_versions_file_is_read_and_never_written(path: Path) -> None:
    write_raw(path, [to_document(MINE)], {"schema_version": 2, "favourites": ["own_physio"]})
    before = path.read_bytes()
    store = open_store(path)
    book, notices = store.load()
    assert book.own == (MINE,) and book.favourites == {"own_physio"}
    assert [n.kind for n in notices] == [NoticeKind.READ_ONLY]
    assert store.read_only
    with pytest.raises(ReadOnlyStoreError):
        store.apply(adding(OTHER))
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [
        {"routines": [], "meta": {}},
        {"routines": {"x": {}}},
        {"routines": {}, "meta": {"1": {"schema_version": "one"}}},
        [],
    ],
)
def test_a_file_of_the_wrong_shape_is_set_aside(path: Path, content: object) -> None:
    path.write_text(json.dumps(content), encoding="utf-8")
    store = open_store(path)
    book, notices = store.load()
    assert book == RoutineBook()
    assert [n.kind for n in notices] == [NoticeKind.MOVED_ASIDE]
    store.apply(adding(MINE))
    assert open_store(path).load()[0].own == (MINE,)


def test_a_built_in_id_or_a_repeated_id_in_the_file_is_left_out(path: Path) -> None:
    built_in = to_document(RoutineDraft("desk_break", "Hijacked", MINE.steps))
    write_raw(path, [to_document(MINE), to_document(MINE), built_in])
    book, notices = open_store(path).load()
    assert book.own == (MINE,)
    assert notices and notices[0].kind is NoticeKind.MOVED_ASIDE


@pytest.mark.parametrize("make", [lambda p: open_store(p), lambda p: MemoryRoutineStore()])
def test_the_memory_store_behaves_like_the_file(path: Path, make: object) -> None:
    store: RoutineSource = make(path)  # type: ignore[operator]
    store.apply(adding(MINE))
    store.apply(starring(MINE.id, True))
    book = store.apply(removing(MINE.id))
    assert book == RoutineBook()
