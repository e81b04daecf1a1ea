"""The lock's wait is bounded: a stuck holder costs a clear error, never a frozen program."""

from __future__ import annotations

import errno
import os
import threading
import time
from pathlib import Path

import pytest

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.settings.preferences import Preferences
from backcare_desktop.storage import lock as lock_module
from backcare_desktop.storage.lock import FileLock, LockTimeoutError
from backcare_desktop.storage.store import PreferencesStore


def test_a_lock_held_elsewhere_times_out_with_words_a_person_can_act_on(tmp_path: Path) -> None:
    lock_path = tmp_path / "preferences.json.lock"
    with FileLock(lock_path), pytest.raises(LockTimeoutError) as caught:  # a second open file
        FileLock(lock_path, timeout=0.05).__enter__()
    assert "another BackCare program is still saving" in str(caught.value)
    assert isinstance(caught.value, TimeoutError)


def test_the_lock_is_taken_as_soon_as_its_holder_lets_go(tmp_path: Path) -> None:
    lock_path = tmp_path / "x.lock"
    taken, let_go = threading.Event(), threading.Event()

    def hold() -> None:
        with FileLock(lock_path):
            taken.set()
            let_go.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait(5)
    let_go.set()
    started = time.monotonic()
    with FileLock(lock_path, timeout=30):
        waited = time.monotonic() - started
    thread.join()
    assert waited < 10  # far below the timeout: it did not wait the whole time


def test_the_lock_stays_reentrant_within_one_holder(tmp_path: Path) -> None:
    lock = FileLock(tmp_path / "x.lock", timeout=0.05)
    with lock, lock:
        pass
    with lock:  # released completely after the outer block
        pass


def test_a_change_meeting_a_busy_lock_writes_nothing_and_says_so(
    tmp_path: Path, defaults: Preferences, clock: FakeClock
) -> None:
    path = tmp_path / "preferences.json"
    store = PreferencesStore(path, defaults, clock, lock_timeout=0.05)
    store.apply(lambda prefs: prefs.with_changes(theme="dark"))
    before = path.read_bytes()
    with FileLock(path.with_name("preferences.json.lock")), pytest.raises(LockTimeoutError):
        store.apply(lambda prefs: prefs.with_changes(muted=True))
    assert path.read_bytes() == before
    assert store.apply(lambda prefs: prefs.with_changes(muted=True)).muted is True


def _refuse_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening anything for writing fails as on a read-only disk."""
    real_open = os.open

    def read_only_open(path: object, flags: int, *args: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(lock_module.os, "open", read_only_open)


def test_a_read_in_a_read_only_folder_goes_ahead_without_its_lock_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing can change the files under a reader there, and the lock file can't be made."""
    _refuse_writes(monkeypatch)
    lock = FileLock(tmp_path / "journal.lock", timeout=0.2)
    with lock:
        pass
    assert not (tmp_path / "journal.lock").exists()


def test_a_read_only_folder_s_existing_lock_file_is_still_honoured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.lock"
    path.touch()
    holder = FileLock(path, timeout=0.2)
    with holder:
        _refuse_writes(monkeypatch)
        with pytest.raises(LockTimeoutError), FileLock(path, timeout=0.2):
            pass
