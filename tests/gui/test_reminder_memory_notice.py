"""A damaged reminders' memory file is set aside when the app first reads it (after the first
paint), and the person is told once, in the same calm dialog as a settings file set aside,
naming where the old file was kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.shell.root import AppRoot
from backcare_desktop.paths import AppPaths, resolve_paths
from backcare_desktop.storage.reminder_state import REMINDER_STATE_FILE, TinyDBReminderState
from backcare_desktop.storage.store import PreferencesStore


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text: shown.append(text)
    )
    return shown


@pytest.fixture
def paths(isolated_home: Path) -> AppPaths:
    made = resolve_paths(isolated_home).ensure()
    PreferencesStore.in_data_dir(made).apply(
        lambda prefs: prefs.with_changes(first_run_acknowledged=True)
    )
    return made


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
