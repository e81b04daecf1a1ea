"""Faults met at start are told to the person once, in plain words, and the app goes on.

A damaged reminders' memory file is found later, when the reminders first read it (after the
first paint): it is told once too, in the same dialog, naming where the old file was kept."""

from __future__ import annotations

import errno
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from backcare_desktop.app.persistence import Persistence
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.shell.notices import show_start_notices
from backcare_desktop.gui.shell.root import AppRoot
from backcare_desktop.paths import AppPaths, resolve_paths
from backcare_desktop.storage.lock import FileLock
from backcare_desktop.storage.reminder_state import REMINDER_STATE_FILE, TinyDBReminderState
from backcare_desktop.storage.store import PreferencesStore, shipped_defaults


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text: shown.append(text)
    )
    return shown


def test_a_read_only_data_folder_shows_the_settings_and_says_changes_cannot_be_saved(
    isolated_home: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, dialogs: list[str]
) -> None:
    paths = resolve_paths(isolated_home).ensure()
    first = Persistence(paths)
    first.preferences.update(theme="dim", first_run_acknowledged=True)
    assert first.wait_for_saves()
    enter = FileLock.__enter__

    def read_only(lock: FileLock) -> FileLock:
        if lock.path.parent == paths.data_dir:  # the lock file cannot be opened there
            raise OSError(errno.EROFS, "Read-only file system", str(lock.path))
        return enter(lock)

    monkeypatch.setattr(FileLock, "__enter__", read_only)
    persistence = Persistence(paths)
    assert persistence.preferences.value.theme == "dim", "what can be shown is shown"
    show_start_notices(None, persistence)
    (said,) = dialogs
    assert "cannot be saved" in said and "Read-only file system" in said
    assert str(paths.data_dir) in said
    show_start_notices(None, persistence)
    assert len(dialogs) == 1, "told once"


def test_settings_that_cannot_be_read_at_all_start_on_defaults(
    isolated_home: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, dialogs: list[str]
) -> None:
    def unreadable(_store: PreferencesStore) -> None:
        raise OSError(errno.EIO, "Input/output error", "preferences.json")

    monkeypatch.setattr(PreferencesStore, "load", unreadable)
    persistence = Persistence(resolve_paths(isolated_home).ensure())
    assert persistence.preferences.value == shipped_defaults()
    show_start_notices(None, persistence)
    assert len(dialogs) == 1 and "cannot be saved" in dialogs[0]


def test_a_start_message_is_shown_once(
    isolated_home: Path, qtbot: QtBot, dialogs: list[str]
) -> None:
    persistence = Persistence(resolve_paths(isolated_home).ensure())
    persistence.start_messages.append("The time zone 'XXX+99:99' could not be understood")
    show_start_notices(None, persistence)
    show_start_notices(None, persistence)
    assert dialogs == ["The time zone 'XXX+99:99' could not be understood"]


def test_a_folder_in_place_of_the_settings_file_is_set_aside_and_told(
    isolated_home: Path, qtbot: QtBot, dialogs: list[str]
) -> None:
    paths = resolve_paths(isolated_home).ensure()
    (paths.data_dir / "preferences.json").mkdir()
    persistence = Persistence(paths)
    assert persistence.preferences.value == shipped_defaults()
    show_start_notices(None, persistence)
    (said,) = dialogs
    kept = next(paths.data_dir.glob("preferences.corrupt*"))
    assert str(kept) in said
    persistence.preferences.update(theme="dim")
    assert persistence.wait_for_saves()
    assert Persistence(paths).preferences.value.theme == "dim"


@pytest.fixture
def started(paths: AppPaths, library: Library, clock: FakeClock) -> Iterator[AppRoot]:
    """The app's reminders started on the real memory file, as after the first paint."""
    root = AppRoot(paths, library, clock, tray_available=lambda: False)
    yield root
    root.close()
    assert root.persistence.wait_for_saves()
    root.deleteLater()


def write_state(paths: AppPaths, entries: dict[str, str]) -> None:
    documents = {str(n): {"key": k, "value": v} for n, (k, v) in enumerate(entries.items(), 1)}
    (paths.data_dir / REMINDER_STATE_FILE).write_text(
        json.dumps({"reminders": documents}), encoding="utf-8"
    )


def kept_aside(paths: AppPaths) -> list[Path]:
    return sorted(paths.data_dir.glob("reminder_state.corrupt*"))


def test_a_memory_file_holding_a_lone_surrogate_is_set_aside_and_told_once(
    paths: AppPaths, started: AppRoot, qtbot: QtBot, dialogs: list[str]
) -> None:
    write_state(paths, {"paused_until": "\ud800"})  # json.dumps writes it as \\ud800
    started.start_services()
    qtbot.waitUntil(lambda: len(dialogs) == 1)
    (kept,) = kept_aside(paths)
    assert str(kept) in dialogs[0]
    started.reminders().check_now()
    started.reminders().check_now()
    qtbot.wait(50)  # the dialog is queued: give a second one every chance to arrive
    assert len(dialogs) == 1, "told once"


def test_a_memory_file_that_cannot_be_read_at_all_is_set_aside_and_told(
    paths: AppPaths, started: AppRoot, qtbot: QtBot, dialogs: list[str]
) -> None:
    (paths.data_dir / REMINDER_STATE_FILE).write_text("[" * 100_000, encoding="utf-8")
    started.start_services()
    qtbot.waitUntil(lambda: len(dialogs) == 1)
    (kept,) = kept_aside(paths)
    assert str(kept) in dialogs[0]


def test_a_clean_memory_file_tells_nothing(
    paths: AppPaths, started: AppRoot, qtbot: QtBot, dialogs: list[str]
) -> None:
    TinyDBReminderState.in_data_dir(paths).set_paused_until(datetime(2026, 1, 5, tzinfo=UTC))
    started.start_services()
    started.reminders().check_now()
    qtbot.wait(50)
    assert dialogs == [] and kept_aside(paths) == []
