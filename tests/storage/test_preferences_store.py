"""The settings store: saves, recovers from damage, and never overwrites a newer file."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.settings.preferences import SCHEMA_VERSION, Preferences, to_document
from backcare_desktop.paths import resolve_paths
from backcare_desktop.storage.memory import MemoryPreferencesStore
from backcare_desktop.storage.notices import NoticeKind, ReadOnlyStoreError
from backcare_desktop.storage.store import PREFERENCES_FILE, PreferencesSource, PreferencesStore


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "preferences.json"


@pytest.fixture
def store(path: Path, defaults: Preferences, clock: FakeClock) -> PreferencesStore:
    return PreferencesStore(path, defaults, clock)


def write_document(path: Path, doc: object) -> None:
    path.write_text(json.dumps({"preferences": {"1": doc}}), encoding="utf-8")


def test_a_first_run_loads_the_defaults_without_notices_or_files(
    store: PreferencesStore, defaults: Preferences, path: Path
) -> None:
    assert store.load() == (defaults, [])
    assert not path.exists()


def test_saved_settings_load_in_a_new_store(
    store: PreferencesStore, defaults: Preferences, path: Path, clock: FakeClock
) -> None:
    changed = defaults.with_changes(theme="dark", favourite_oils=["bergamot", "lavender"])
    store.apply(lambda _old: changed)
    assert PreferencesStore(path, defaults, clock).load() == (changed, [])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_file_is_readable_json_with_its_schema_version(
    store: PreferencesStore, defaults: Preferences, path: Path
) -> None:
    store.apply(lambda _old: defaults)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == {"preferences": {"1": to_document(defaults)}}
    assert data["preferences"]["1"]["schema_version"] == SCHEMA_VERSION
    assert "\n  " in path.read_text(encoding="utf-8")  # indented for hand-editing


def test_an_unparseable_file_is_moved_aside_and_defaults_load(
    store: PreferencesStore, defaults: Preferences, path: Path
) -> None:
    path.write_bytes(b'{"preferences": {"1": {"theme": "da')
    prefs, notices = store.load()
    assert prefs == defaults
    backup = path.with_name("preferences.corrupt-20260105-093015.json")
    assert backup.read_bytes() == b'{"preferences": {"1": {"theme": "da'
    assert not path.exists()
    (notice,) = notices
    assert notice.kind is NoticeKind.MOVED_ASIDE and notice.needs_dialog
    assert notice.moved_to == backup
    assert str(backup) in notice.message


def test_a_second_damaged_file_in_the_same_second_gets_its_own_backup_name(
    store: PreferencesStore, path: Path
) -> None:
    for _ in range(2):
        path.write_text("not json")
        store.load()
    names = sorted(p.name for p in path.parent.glob("preferences.corrupt-*"))
    assert names == [
        "preferences.corrupt-20260105-093015-2.json",
        "preferences.corrupt-20260105-093015.json",
    ]


@pytest.mark.parametrize(
    "content",
    [
        {"preferences": []},
        {"preferences": {"1": "theme=dark"}},
        {"preferences": {"one": {}}},
        {"preferences": {"1": {"schema_version": "two"}}},
    ],
)
def test_a_file_of_the_wrong_shape_is_moved_aside_too(
    store: PreferencesStore, defaults: Preferences, path: Path, content: object
) -> None:
    path.write_text(json.dumps(content))
    prefs, notices = store.load()
    assert prefs == defaults
    assert [n.kind for n in notices] == [NoticeKind.MOVED_ASIDE]


def test_after_recovery_the_next_save_writes_a_fresh_file(
    store: PreferencesStore, defaults: Preferences, path: Path, clock: FakeClock
) -> None:
    path.write_text("{")
    store.load()
    store.apply(lambda _old: defaults.with_changes(muted=True))
    assert PreferencesStore(path, defaults, clock).load()[0].muted is True


def test_a_bad_value_falls_back_alone_and_is_logged(
    store: PreferencesStore,
    defaults: Preferences,
    path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    write_document(path, {"schema_version": 2, "routine_minutes": 99, "theme": "dim"})
    with caplog.at_level(logging.WARNING):
        prefs, notices = store.load()
    assert (prefs.routine_minutes, prefs.theme) == (defaults.routine_minutes, "dim")
    assert [n.kind for n in notices] == [NoticeKind.VALUE_RESET]
    assert not notices[0].needs_dialog
    assert "routine_minutes" in caplog.text
    assert path.exists()  # the file is kept; the next save corrects it


def test_a_newer_file_is_read_but_never_written(
    store: PreferencesStore, defaults: Preferences, path: Path
) -> None:
    write_document(path, {"schema_version": SCHEMA_VERSION + 1, "theme": "dim", "aura": 3})
    before = path.read_bytes()
    prefs, notices = store.load()
    assert prefs.theme == "dim"
    assert store.read_only
    (notice,) = notices
    assert notice.kind is NoticeKind.READ_ONLY and notice.needs_dialog
    assert "newer version" in notice.message
    with pytest.raises(ReadOnlyStoreError):
        store.apply(lambda _old: prefs.with_changes(theme="light"))
    with pytest.raises(ReadOnlyStoreError):
        store.apply(lambda p: p)
    assert path.read_bytes() == before


def test_a_file_that_became_newer_since_loading_is_not_overwritten(
    store: PreferencesStore, defaults: Preferences, path: Path
) -> None:
    store.load()
    write_document(path, {"schema_version": SCHEMA_VERSION + 1})
    before = path.read_bytes()
    with pytest.raises(ReadOnlyStoreError):
        store.apply(lambda _old: defaults)
    assert path.read_bytes() == before
    assert [n.kind for n in store.take_notices()] == [NoticeKind.READ_ONLY]


def test_an_older_file_is_migrated_and_saved_in_the_new_format(
    store: PreferencesStore, defaults: Preferences, path: Path
) -> None:
    write_document(path, {"schema_version": 1, "session_minutes": 20, "dark_mode": True})
    prefs, notices = store.load()
    assert (prefs.routine_minutes, prefs.theme) == (20, "dark")
    assert [n.kind for n in notices] == [NoticeKind.MIGRATED]
    store.apply(lambda _old: prefs)
    saved = json.loads(path.read_text())["preferences"]["1"]
    assert saved["schema_version"] == SCHEMA_VERSION
    assert "session_minutes" not in saved and "dark_mode" not in saved


def test_apply_keeps_a_change_another_process_made_meanwhile(
    path: Path, defaults: Preferences, clock: FakeClock
) -> None:
    gui = PreferencesStore(path, defaults, clock)
    other = PreferencesStore(path, defaults, clock)
    gui.load()
    other.apply(lambda _old: defaults.with_changes(theme="dark"))
    result = gui.apply(lambda p: p.with_changes(muted=True))
    assert (result.theme, result.muted) == ("dark", True)
    assert PreferencesStore(path, defaults, clock).load()[0] == result


def test_temp_files_left_by_a_killed_writer_are_cleared(
    store: PreferencesStore, path: Path
) -> None:
    leftover = path.with_name(".preferences.json.x1y2.tmp")
    leftover.write_text('{"half')
    store.load()
    assert not leftover.exists()


def test_the_store_lives_in_the_data_folder(defaults: Preferences) -> None:
    paths = resolve_paths()
    store = PreferencesStore.in_data_dir(paths, defaults)
    store.apply(lambda _old: defaults)
    assert (paths.data_dir / PREFERENCES_FILE).is_file()
    assert store.path == paths.data_dir / PREFERENCES_FILE


def test_the_memory_store_stands_in_for_the_real_one(defaults: Preferences) -> None:
    fake: PreferencesSource = MemoryPreferencesStore(defaults)
    fake.apply(lambda _old: defaults.with_changes(muted=True))
    assert fake.load()[0].muted is True
    with pytest.raises(ReadOnlyStoreError):
        MemoryPreferencesStore(defaults, read_only=True).apply(lambda _old: defaults)
