"""The journal store: yearly files, damage kept aside, newer files read-only, two writers."""

from __future__ import annotations

import csv
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.journal import CSV_COLUMNS, SessionRecord, record_to_dict
from backcare_desktop.paths import resolve_paths
from backcare_desktop.storage.journal_store import JournalStore
from backcare_desktop.storage.memory import MemoryJournalStore
from backcare_desktop.storage.notices import NoticeKind, ReadOnlyStoreError
from backcare_desktop.storage.store import JournalSource

RecordMaker = Callable[..., SessionRecord]


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> JournalStore:
    return JournalStore(tmp_path, clock)


def test_an_empty_folder_is_an_empty_journal(store: JournalStore) -> None:
    assert store.load() == ([], [])


def test_added_sessions_load_oldest_first_from_a_file_per_year(
    store: JournalStore, tmp_path: Path, clock: FakeClock, make_record: RecordMaker
) -> None:
    records = [make_record(5, 2026), make_record(1, 2025), make_record(2, 2026)]
    for record in records:
        store.add(record)
    loaded, notices = JournalStore(tmp_path, clock).load()
    assert notices == []
    assert loaded == sorted(records, key=lambda r: r.started_at)
    assert sorted(p.name for p in tmp_path.glob("journal-*.json")) == [
        "journal-2025.json",
        "journal-2026.json",
    ]
    assert stat.S_IMODE(store.year_file(2026).stat().st_mode) == 0o600


def test_many_sessions_are_added_with_one_write_per_year(
    store: JournalStore, tmp_path: Path, make_record: RecordMaker
) -> None:
    records = [make_record(n, 2024 + n % 3) for n in range(30)]
    assert store.add_many(records) == 30
    store.add(make_record(99, 2025))
    loaded = store.load()[0]
    assert sorted(r.id for r in loaded) == sorted([*(str(n) for n in range(30)), "99"])
    assert len(list(tmp_path.glob("journal-20*.json"))) == 3


def test_a_damaged_year_is_moved_aside_and_the_other_years_still_load(
    store: JournalStore, tmp_path: Path, make_record: RecordMaker
) -> None:
    store.add(make_record(1, 2025))
    store.add(make_record(1, 2026))
    store.year_file(2025).write_bytes(b'{"sessions": {"1": {"id": "1", "rou')
    loaded, notices = store.load()
    assert [r.started_at.year for r in loaded] == [2026]
    (notice,) = notices
    assert notice.kind is NoticeKind.MOVED_ASIDE and notice.needs_dialog
    assert notice.moved_to == tmp_path / "journal-2025.corrupt-20260105-093015.json"
    assert "2025" in notice.message and str(notice.moved_to) in notice.message


@pytest.mark.parametrize(
    "damage",
    [{"tension_after": 42}, {"routine_name": "\ud800"}, {"later_field": ["\udfff"]}],
    ids=["out-of-range", "lone-surrogate", "lone-surrogate-in-an-unknown-field"],
)
def test_an_entry_that_cannot_be_read_is_left_out_its_file_kept_aside_and_told_once(
    store: JournalStore, make_record: RecordMaker, damage: dict[str, object]
) -> None:
    store.add(make_record(1))
    path = store.year_file(2026)
    data = json.loads(path.read_text())
    data["sessions"]["2"] = {**record_to_dict(make_record(2)), **damage}
    original = json.dumps(data).encode()
    path.write_bytes(original)
    loaded, notices = store.load()
    assert [r.id for r in loaded] == ["1"]
    (notice,) = notices
    assert notice.kind is NoticeKind.MOVED_ASIDE and notice.needs_dialog
    assert notice.moved_to is not None and notice.moved_to.read_bytes() == original
    store.add(make_record(3))
    assert [r.id for r in store.load()[0]] == ["1", "3"]
    assert store.load()[1] == []
    path.read_text(encoding="utf-8")


def test_a_journal_from_a_newer_version_is_read_only(
    store: JournalStore, make_record: RecordMaker
) -> None:
    store.add(make_record(1))
    path = store.year_file(2026)
    data = json.loads(path.read_text())
    data["meta"]["1"]["schema_version"] = 99
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    loaded, notices = store.load()
    assert [r.id for r in loaded] == ["1"]
    assert store.read_only
    assert [n.kind for n in notices] == [NoticeKind.READ_ONLY]
    for write in (lambda: store.add(make_record(2)), store.delete_all):
        with pytest.raises(ReadOnlyStoreError):
            write()
    assert path.read_bytes() == before


def test_delete_all_removes_every_year_but_keeps_files_moved_aside(
    store: JournalStore, tmp_path: Path, make_record: RecordMaker
) -> None:
    store.add(make_record(1, 2025))
    store.add(make_record(1, 2026))
    kept = tmp_path / "journal-2024.corrupt-20250101-000000.json"
    kept.write_text("{")
    store.delete_all()
    assert store.load() == ([], [])
    assert sorted(p.name for p in tmp_path.glob("journal*.json")) == [kept.name]


def test_export_writes_a_csv_with_a_header_and_every_session(
    store: JournalStore, tmp_path: Path, make_record: RecordMaker
) -> None:
    for number in range(3):
        store.add(make_record(number))
    target = tmp_path / "export" / "my-sessions.csv"
    assert store.export_csv(target) == 3
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row[0] for row in rows[1:]] == ["0", "1", "2"]


def test_two_stores_on_one_folder_never_lose_each_others_sessions(
    tmp_path: Path, clock: FakeClock, make_record: RecordMaker
) -> None:
    gui, cli = JournalStore(tmp_path, clock), JournalStore(tmp_path, clock)
    gui.add(make_record(1))
    cli.add(make_record(2))
    gui.add(make_record(3))
    cli.add(make_record(4))
    assert [r.id for r in gui.load()[0]] == ["1", "2", "3", "4"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")
def test_two_processes_adding_at_once_lose_nothing(
    tmp_path: Path, clock: FakeClock, make_record: RecordMaker
) -> None:
    per_process = 40
    children = []
    for offset in (0, 1000):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            code = 0
            try:
                child = JournalStore(tmp_path, clock)
                for number in range(offset, offset + per_process):
                    child.add(make_record(number))
            except BaseException:
                code = 1
            os._exit(code)
        children.append(pid)
    for pid in children:
        assert os.waitpid(pid, 0)[1] == 0
    ids = {r.id for r in JournalStore(tmp_path, clock).load()[0]}
    assert ids == {str(n) for n in [*range(per_process), *range(1000, 1000 + per_process)]}


def test_the_journal_lives_in_the_data_folder(make_record: RecordMaker) -> None:
    paths = resolve_paths()
    store = JournalStore.in_data_dir(paths)
    store.add(make_record(1))
    assert (paths.data_dir / "journal-2026.json").is_file()


def test_the_memory_journal_stands_in_for_the_real_one(
    tmp_path: Path, make_record: RecordMaker
) -> None:
    fake: JournalSource = MemoryJournalStore()
    fake.add(make_record(2))
    fake.add(make_record(1))
    assert [r.id for r in fake.load()[0]] == ["1", "2"]
    assert fake.export_csv(tmp_path / "out.csv") == 2
    fake.delete_all()
    assert fake.load() == ([], [])


def test_a_rating_given_later_updates_its_session_and_keeps_sessions_added_meanwhile(
    store: JournalStore, tmp_path: Path, clock: FakeClock, make_record: RecordMaker
) -> None:
    from dataclasses import replace

    first = make_record(1)
    store.add(first)
    JournalStore(tmp_path, clock).add(make_record(2))  # another BackCare, in between
    rated = replace(first, tension_after=3)
    assert store.update(rated)
    loaded = {r.id: r for r in JournalStore(tmp_path, clock).load()[0]}
    assert loaded == {"1": rated, "2": make_record(2)}
    assert not store.update(make_record(77))  # nothing to update: nothing is invented


def test_the_memory_journal_updates_like_the_real_one(make_record: RecordMaker) -> None:
    from dataclasses import replace

    memory = MemoryJournalStore([make_record(1)])
    assert memory.update(replace(make_record(1), tension_after=2))
    assert memory.all()[0].tension_after == 2
    assert not memory.update(make_record(5))
