"""The routines model: one library every view reads, changed only through the file on disk."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from own_routine_example import PHYSIO
from pytestqt.qtbot import QtBot

from backcare_desktop.app.jobs import InlineJobs
from backcare_desktop.app.routines_model import RoutinesModel
from backcare_desktop.core.content.loader import load_library
from backcare_desktop.core.routine import Library
from backcare_desktop.core.routine_book import RoutineBook, adding
from backcare_desktop.core.routine_file import to_bytes
from backcare_desktop.resources import assets_dir
from backcare_desktop.storage.memory import MemoryRoutineStore


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(assets_dir())


def model_on(
    store: MemoryRoutineStore, library: Library, book: RoutineBook | None = None
) -> RoutinesModel:
    return RoutinesModel(library, book, lambda: store, InlineJobs())


def test_without_routines_of_ones_own_the_library_is_the_built_in_one(library: Library) -> None:
    model = model_on(MemoryRoutineStore(), library)
    assert model.library() is library
    assert not model.has_marks
    assert not model.is_own("daily_back_reset")
    assert model.draft("daily_back_reset") is None


def test_saving_applies_the_change_to_the_file_as_it_is_now_and_tells_the_views(
    library: Library, qtbot: QtBot
) -> None:
    store = MemoryRoutineStore()
    model = model_on(store, library)
    other = PHYSIO.with_steps(PHYSIO.steps[:1])
    store.apply(adding(type(PHYSIO)("own_from_the_terminal", "From the terminal", other.steps)))
    saved: list[str] = []
    with qtbot.waitSignal(model.changed):
        model.save(PHYSIO, done=saved.append)
    assert saved == [PHYSIO.id]
    assert [d.id for d in store.book.own] == ["own_from_the_terminal", PHYSIO.id]  # both kept
    assert [r.id for r in model.library().routines][-2:] == ["own_from_the_terminal", PHYSIO.id]
    assert model.is_own(PHYSIO.id) and model.has_marks


def test_a_star_puts_a_built_in_routine_first(library: Library, qtbot: QtBot) -> None:
    model = model_on(MemoryRoutineStore(), library)
    last = library.routines[-1].id
    with qtbot.waitSignal(model.changed):
        model.star(last, True)
    assert model.library().routines[0].id == last
    assert model.is_favourite(last)
    with qtbot.waitSignal(model.changed):
        model.star(last, False)
    assert [r.id for r in model.library().routines] == [r.id for r in library.routines]


def test_a_change_that_cannot_be_saved_keeps_the_model_and_says_why(
    library: Library, qtbot: QtBot
) -> None:
    model = model_on(MemoryRoutineStore(read_only=True), library)
    with qtbot.waitSignal(model.problem) as said:
        model.save(PHYSIO)
    assert "could not be saved" in str(said.args[0])
    assert model.library() is library


def test_export_then_import_gives_the_same_routine_back(
    library: Library, qtbot: QtBot, tmp_path: Path
) -> None:
    store = MemoryRoutineStore(RoutineBook((PHYSIO,)))
    model = model_on(store, library, store.book)
    file = tmp_path / "physio.backcare-routine.json"
    exported: list[Path] = []
    model.export_file(PHYSIO.id, file, exported.append, pytest.fail)
    assert exported == [file]
    assert file.read_bytes() == to_bytes(PHYSIO)
    model.remove(PHYSIO.id)
    imported: list[str] = []
    model.import_file(file, imported.append, pytest.fail)
    assert imported == [PHYSIO.name]
    assert store.book.own == (PHYSIO,)  # the same id, steps, sides and notes


def test_a_built_in_routine_exports_in_the_format_import_reads(
    library: Library, tmp_path: Path
) -> None:
    store = MemoryRoutineStore()
    model = model_on(store, library)
    file = tmp_path / "reset.json"
    model.export_file("daily_back_reset", file, lambda _p: None, pytest.fail)
    model.import_file(file, lambda _n: None, pytest.fail)
    (mine,) = store.book.own
    assert mine.id != "daily_back_reset" and mine.id.startswith("own_")


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (b"{ not json", "JSON"),
        (json.dumps({**json.loads(to_bytes(PHYSIO)), "version": 99}).encode(), "version"),
        (b" " * (1024 * 1024 + 1), "1 MB"),
    ],
    ids=["broken", "unknown-version", "too-large"],
)
def test_a_bad_file_is_refused_with_its_problem_named_and_nothing_kept(
    library: Library, tmp_path: Path, content: bytes, named: str
) -> None:
    store = MemoryRoutineStore()
    model = model_on(store, library)
    file = tmp_path / "shared.json"
    file.write_bytes(content)
    refused: list[str] = []
    model.import_file(file, lambda name: pytest.fail(f"imported {name}"), refused.append)
    assert len(refused) == 1 and named.casefold() in refused[0].casefold()
    assert store.book == RoutineBook()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)


@settings(max_examples=40, deadline=None)
@given(
    content=st.binary(max_size=300)
    | json_values.map(lambda v: json.dumps(v).encode())
    | json_values.map(lambda v: json.dumps({**json.loads(to_bytes(PHYSIO)), "routine": v}).encode())
)
def test_any_file_is_imported_whole_or_refused_with_nothing_kept(
    library: Library, content: bytes
) -> None:
    store = MemoryRoutineStore()
    model = model_on(store, library)
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "fuzzed.json"
        file.write_bytes(content)
        answers: list[str] = []
        model.import_file(file, answers.append, answers.append)
    assert len(answers) == 1
    assert len(store.book.own) in (0, 1)
    if store.book.own:
        (kept,) = store.book.own
        assert answers == [kept.name] and kept.steps  # a whole routine, every step checked
    else:
        assert "fuzzed.json" in answers[0]  # the problem is named with its file
