"""Faults met at start are told to the person once, in plain words, and the app goes on."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from backcare_desktop.app.persistence import Persistence
from backcare_desktop.gui.shell.notices import show_start_notices
from backcare_desktop.paths import resolve_paths
from backcare_desktop.storage.lock import FileLock
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
