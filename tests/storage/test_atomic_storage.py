"""The atomic TinyDB storage: old or new, never a mix; private files; tolerant reads."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from tinydb import TinyDB

from backcare_desktop.storage import atomic
from backcare_desktop.storage.atomic import (
    AtomicJSONStorage,
    UnreadableFileError,
    read_json_object,
    remove_stale_temp_files,
    write_atomically,
)


def test_written_data_reads_back(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write({"t": {"1": {"a": "é"}}})
    assert AtomicJSONStorage(tmp_path / "db.json").read() == {"t": {"1": {"a": "é"}}}


def test_files_are_private_to_the_user(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text("{}")
    path.chmod(0o644)
    AtomicJSONStorage(path).write({})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_missing_file_is_an_empty_database_and_reading_does_not_create_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "absent" / "db.json"
    assert AtomicJSONStorage(path).read() is None
    assert not path.exists()


def test_an_empty_file_is_an_empty_database(tmp_path: Path) -> None:
    (tmp_path / "db.json").write_bytes(b" \n")
    assert AtomicJSONStorage(tmp_path / "db.json").read() is None


def test_the_missing_folder_is_created_on_first_write(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "db.json"
    write_atomically(path, b"{}")
    assert path.read_bytes() == b"{}"


def test_tinydb_works_over_it(tmp_path: Path) -> None:
    database = TinyDB(tmp_path / "db.json", storage=AtomicJSONStorage)
    database.insert({"name": "lavender"})
    database.close()
    again = TinyDB(tmp_path / "db.json", storage=AtomicJSONStorage)
    assert again.all() == [{"name": "lavender"}]


def test_a_write_that_fails_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    write_atomically(path, b'{"old": {}}')

    def refuse(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(path, b'{"new": {}}')
    assert path.read_bytes() == b'{"old": {}}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]


def test_the_file_and_its_folder_are_fsynced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def record(fd: int) -> None:
        synced.append(os.fstat(fd).st_mode)
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", record)
    write_atomically(tmp_path / "db.json", b"{}")
    assert [stat.S_ISREG(m) for m in synced] == [True, False]
    assert stat.S_ISDIR(synced[1])


def test_stale_temp_files_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    (tmp_path / ".db.json.abc123.tmp").write_bytes(b'{"half')
    (tmp_path / ".other.json.abc123.tmp").write_bytes(b"")
    assert remove_stale_temp_files(path) == 1
    assert [p.name for p in tmp_path.iterdir()] == [".other.json.abc123.tmp"]


@pytest.mark.parametrize(
    "content",
    [b'{"a": ', b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'"text"', b"[" * 100_000, b"1" * 5000],
)
def test_anything_but_a_json_object_is_unreadable(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=r"db\.json"):
        read_json_object(path)
    with pytest.raises(UnreadableFileError):
        AtomicJSONStorage(path).read()


def test_a_change_by_another_writer_is_seen_even_at_the_same_size(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    mine = AtomicJSONStorage(path)
    mine.write({"t": {"1": {"v": "aaaa"}}})
    assert mine.read() == {"t": {"1": {"v": "aaaa"}}}
    AtomicJSONStorage(path).write({"t": {"1": {"v": "bbbb"}}})
    assert mine.read() == {"t": {"1": {"v": "bbbb"}}}


def test_a_file_deleted_behind_its_back_reads_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {}})
    path.unlink()
    assert storage.read() is None
