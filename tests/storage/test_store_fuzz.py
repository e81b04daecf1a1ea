"""Fuzzed store files never crash a load, and each kind of damage gets its own recovery.

- not a JSON object at all (random bytes, torn JSON, too deep, too long) -> the file is moved
  aside byte for byte, the defaults load, and a dialog-worthy notice says where it went;
- a JSON document with wrong or huge values -> each bad key falls back alone;
- a document from a newer schema -> read, never written.
"""

from __future__ import annotations

import contextlib
import json
import math
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.content.fields import ContentError, parse_json
from backcare_desktop.core.journal import RECORD_FIELDS, record_from_dict, record_to_dict
from backcare_desktop.core.reminders.state import read_entry, snooze_from_text
from backcare_desktop.core.settings.preferences import (
    FIELD_NAMES,
    SCHEMA_VERSION,
    Preferences,
    Volumes,
    to_document,
)
from backcare_desktop.storage.journal_store import JournalStore
from backcare_desktop.storage.notices import NoticeKind, ReadOnlyStoreError, StoreNotice
from backcare_desktop.storage.reminder_state import (
    REMINDER_STATE_FILE,
    KeyValueStore,
    TinyDBReminderState,
)
from backcare_desktop.storage.store import PreferencesStore

FUZZ = settings()  # the profile's budget (tests/conftest.py)
CLOCK_START = datetime(2026, 1, 5, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=30)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@contextmanager
def preferences_file(
    content: bytes, defaults: Preferences
) -> Iterator[tuple[Path, PreferencesStore]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "preferences.json"
        path.write_bytes(content)
        yield path, PreferencesStore(path, defaults, FakeClock(CLOCK_START))


def settings_bytes(doc: dict[str, Any]) -> bytes:
    return json.dumps({"preferences": {"1": doc}}).encode()


def assert_moved_aside(path: Path, content: bytes, notices: list[Any]) -> None:
    (notice,) = notices
    assert notice.kind is NoticeKind.MOVED_ASIDE and notice.needs_dialog
    assert notice.moved_to is not None and notice.moved_to.read_bytes() == content
    assert not path.exists()


# ----------------------------------------------------------------------------- not JSON at all


@FUZZ
@given(content=st.binary(max_size=600) | st.text(max_size=300).map(str.encode))
def test_random_bytes_never_crash_and_are_kept_aside(content: bytes, defaults: Preferences) -> None:
    with preferences_file(content, defaults) as (path, store):
        prefs, notices = store.load()
        if not content.strip():
            assert (prefs, notices) == (defaults, [])
        elif not notices or notices[0].kind is not NoticeKind.MOVED_ASIDE:
            assert isinstance(json.loads(content), dict)  # it really was a JSON object
        else:
            assert prefs == defaults
            assert_moved_aside(path, content, notices)
        if not store.read_only:
            store.apply(lambda _old: prefs)


@FUZZ
@given(data=st.data())
def test_a_torn_settings_file_is_kept_aside_and_defaults_load(
    data: st.DataObject, defaults: Preferences
) -> None:
    full = settings_bytes(to_document(defaults.with_changes(theme="dark", muted=True)))
    cut = data.draw(st.integers(min_value=1, max_value=len(full) - 1))
    with preferences_file(full[:cut], defaults) as (path, store):
        prefs, notices = store.load()
        assert prefs == defaults
        assert_moved_aside(path, full[:cut], notices)


@pytest.mark.parametrize(
    "content",
    [
        b'{"preferences": {"1": {"reminders": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}}",
        b'{"preferences": {"1": {"routine_minutes": ' + b"9" * 5000 + b"}}}",
        b'{"preferences": {"1": {"theme": "\xff\xfe"}}}',
        b'{"preferences": {"1": {"theme": "dark"}}, "oops"',
    ],
    ids=["too-deep", "number-too-long", "not-utf8", "trailing-junk"],
)
def test_files_json_cannot_parse_are_kept_aside(content: bytes, defaults: Preferences) -> None:
    with preferences_file(content, defaults) as (path, store):
        prefs, notices = store.load()
        assert prefs == defaults
        assert_moved_aside(path, content, notices)


# ----------------------------------------------------------------------------- wrong values


def expected_value(name: str, value: object, defaults: Preferences) -> object:
    """What a single key should become: the value if the setting accepts it, else the default."""
    if name == "volumes":
        if not isinstance(value, dict):
            return defaults.volumes
        levels = []
        for part in ("music", "cues", "chimes"):
            level = value.get(part)
            ok = (
                isinstance(level, int | float)
                and not isinstance(level, bool)
                and math.isfinite(level)
                and 0 <= level <= 1
            )
            levels.append(float(level) if ok else getattr(defaults.volumes, part))  # type: ignore[arg-type]
        return Volumes(*levels)
    try:
        return getattr(defaults.with_changes(**{name: value}), name)
    except ValueError:
        return getattr(defaults, name)


@FUZZ
@given(
    values=st.dictionaries(
        st.sampled_from([*FIELD_NAMES, "mystery"]), json_values, min_size=1, max_size=6
    )
)
def test_wrong_values_fall_back_key_by_key(values: dict[str, Any], defaults: Preferences) -> None:
    content = settings_bytes({"schema_version": SCHEMA_VERSION, **values})
    with preferences_file(content, defaults) as (path, store):
        prefs, notices = store.load()
        assert {n.kind for n in notices} <= {NoticeKind.VALUE_RESET}
        for name in FIELD_NAMES:
            wanted = expected_value(name, values[name], defaults) if name in values else None
            assert getattr(prefs, name) == (wanted if name in values else getattr(defaults, name))
        store.apply(lambda _old: prefs)
        assert PreferencesStore(path, defaults, FakeClock(CLOCK_START)).load() == (prefs, [])


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("routine_minutes", 10**4000),
        ("music_folder", "x" * 2_000_000),
        ("favourite_oils", ["lavender"] * 200_000),
        ("reminders", [{}] * 100_000),
        ("reminders", [{"note": "y" * 1_000_000}]),
        ("volumes", {"music": 1e308 * 10, "cues": -1e308, "chimes": 1e-320}),
        ("default_routine", "z" * 100_000),
    ],
    ids=[
        "giant-int",
        "giant-text",
        "giant-list",
        "many-reminders",
        "giant-reminder",
        "extreme-floats",
        "giant-id",
    ],
)
def test_huge_values_fall_back_to_their_defaults(
    name: str, value: object, defaults: Preferences
) -> None:
    content = settings_bytes({"schema_version": SCHEMA_VERSION, name: value})
    with preferences_file(content, defaults) as (_, store):
        prefs, notices = store.load()
        assert getattr(prefs, name) == expected_value(name, value, defaults)
        assert all(n.kind is NoticeKind.VALUE_RESET for n in notices) and notices
        store.apply(lambda _old: prefs)


# ----------------------------------------------------------------------------- newer schema


@FUZZ
@given(
    version=st.integers(min_value=SCHEMA_VERSION + 1, max_value=10**9),
    values=st.dictionaries(st.text(max_size=12), json_values, max_size=6),
)
def test_a_newer_file_is_never_written(
    version: int, values: dict[str, Any], defaults: Preferences
) -> None:
    content = settings_bytes({**values, "schema_version": version})
    with preferences_file(content, defaults) as (path, store):
        prefs, notices = store.load()
        assert store.read_only
        assert NoticeKind.READ_ONLY in {n.kind for n in notices}
        with pytest.raises(ReadOnlyStoreError):
            store.apply(lambda _old: prefs)
        assert path.read_bytes() == content


# ----------------------------------------------------------------------------- the journal

VALID_RECORD = {
    "id": "a1",
    "routine_id": "daily_back_reset",
    "routine_name": "Daily back reset",
    "started_at": "2026-01-05T09:00:00+01:00",
    "planned_seconds": 720,
    "completed_seconds": 700,
    "steps_done": 9,
    "steps_skipped": 1,
    "oil": "lavender",
    "tension_before": 6,
    "tension_after": 3,
    "completed": True,
}
record_like = st.builds(
    lambda changes, dropped: {
        k: v for k, v in {**VALID_RECORD, **changes}.items() if k not in dropped
    },
    st.dictionaries(st.sampled_from(RECORD_FIELDS), json_scalars, max_size=3),
    st.sets(st.sampled_from(RECORD_FIELDS), max_size=1),
)


@FUZZ
@given(
    content=st.binary(max_size=400)
    | st.dictionaries(st.sampled_from(["sessions", "meta", "x"]), json_values, max_size=3).map(
        lambda d: json.dumps(d).encode()
    )
)
def test_a_fuzzed_journal_file_never_crashes_a_load(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = JournalStore(Path(folder), FakeClock(CLOCK_START))
        store.year_file(2026).write_bytes(content)
        records, notices = store.load()
        moved = [n for n in notices if n.kind is NoticeKind.MOVED_ASIDE]
        if moved:
            assert records == []
            assert moved[0].moved_to is not None and moved[0].moved_to.read_bytes() == content


@FUZZ
@given(docs=st.lists(record_like, max_size=5))
def test_journal_entries_that_cannot_be_read_are_left_out_and_the_original_kept(
    docs: list[dict[str, Any]],
) -> None:
    def readable(doc: dict[str, Any]) -> bool:
        try:
            record_from_dict(doc)
        except (ValueError, TypeError):
            return False
        return True

    good = sum(readable(doc) for doc in docs)
    sessions = {str(i + 1): doc for i, doc in enumerate(docs)}
    content = json.dumps({"sessions": sessions}).encode()
    with tempfile.TemporaryDirectory() as folder:
        store = JournalStore(Path(folder), FakeClock(CLOCK_START))
        store.year_file(2026).write_bytes(content)
        records, notices = store.load()
        assert len(records) == good
        moved = [n for n in notices if n.kind is NoticeKind.MOVED_ASIDE]
        assert bool(moved) == (good < len(docs))
        if moved:
            assert moved[0].moved_to is not None and moved[0].moved_to.read_bytes() == content


# ----------------------------------------------------------------------------- every file of the
# person's: whatever is on disk, loading never crashes, an unusable file is kept aside and the
# person told (once), and the next save writes a file that reads back cleanly.

UNSAVABLE = st.sampled_from(["\ud800", "a\udfffb", "\udc80" * 3])
HUGE = st.sampled_from([10**4000 // 10**3990, 10**300, -(10**40), 1e308, -1e-320])
hostile_scalars = json_scalars | UNSAVABLE | HUGE
hostile_values = st.recursive(
    hostile_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8) | UNSAVABLE, inner, max_size=4)
    ),
    max_leaves=12,
)
PERSON_FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None)
MORNING = datetime(2026, 1, 5, 7, 0, tzinfo=ZoneInfo("Europe/Berlin"))


class PersonFile:
    """One of the person's data files, opened afresh for each step as a new process would."""

    name: str = ""
    text_field: str = ""
    """A text field inside one record of the file."""

    def __init__(self, folder: Path, defaults: Preferences) -> None:
        self.folder = folder
        self.defaults = defaults

    @property
    def path(self) -> Path:
        return self.folder / self.name

    def load(self) -> list[StoreNotice]:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError

    def shaped(self, damage: Any) -> Any:
        """A document of this file's own shape with `damage` inside one record."""
        raise NotImplementedError


class SettingsFile(PersonFile):
    name = "preferences.json"
    text_field = "music_folder"

    def store(self) -> PreferencesStore:
        return PreferencesStore(self.path, self.defaults, FakeClock(CLOCK_START))

    def load(self) -> list[StoreNotice]:
        return self.store().load()[1]

    def save(self) -> None:
        store = self.store()
        prefs, _ = store.load()
        if not store.read_only:
            store.apply(lambda _old: prefs.with_changes(theme="dark"))

    def shaped(self, damage: Any) -> Any:
        return {"preferences": {"1": {"schema_version": SCHEMA_VERSION, **damage}}}


class JournalFile(PersonFile):
    name = "journal-2026.json"
    text_field = "routine_name"

    def store(self) -> JournalStore:
        return JournalStore(self.folder, FakeClock(CLOCK_START))

    def load(self) -> list[StoreNotice]:
        return self.store().load()[1]

    def save(self) -> None:
        store = self.store()
        store.load()
        if not store.read_only:
            store.add(record_from_dict({**VALID_RECORD, "id": "after"}))

    def shaped(self, damage: Any) -> Any:
        return {"sessions": {"1": VALID_RECORD, "2": {**VALID_RECORD, **damage}}}


class ReminderStateFile(PersonFile):
    name = REMINDER_STATE_FILE
    text_field = "value"

    def state(self) -> TinyDBReminderState:
        return TinyDBReminderState(KeyValueStore(self.path, "reminders", FakeClock(CLOCK_START)))

    def load(self) -> list[StoreNotice]:
        state = self.state()
        state.get("morning"), state.get_snooze("morning"), state.get_paused_until()
        return state.take_notices()

    def save(self) -> None:
        self.state().set("morning", MORNING)

    def shaped(self, damage: Any) -> Any:
        entry = {"key": "snooze:morning", "value": '{"until": "x", "scheduled": "y"}', **damage}
        return {"reminders": {"1": {"key": "last:noon", "value": MORNING.isoformat()}, "2": entry}}


PERSON_FILES = [SettingsFile, JournalFile, ReminderStateFile]


def check_recovery(kind: type[PersonFile], content: bytes, defaults: Preferences) -> int:
    """Load, save, load again: no crash, the original kept if it was set aside, told once, and
    the saved file is valid UTF-8 JSON that loads without any further notice needing a dialog.
    Returns the saved file's size."""
    with tempfile.TemporaryDirectory() as folder:
        person = kind(Path(folder), defaults)
        person.path.write_bytes(content)
        notices = person.load()
        for notice in notices:
            if notice.moved_to is not None:
                assert notice.moved_to.read_bytes() == content
        person.save()
        saved = person.path.read_bytes()
        json.loads(saved.decode("utf-8"))
        assert [n for n in person.load() if n.needs_dialog] == []
        return len(saved)


@pytest.mark.parametrize("kind", PERSON_FILES, ids=lambda k: k.name)
@PERSON_FUZZ
@given(damage=st.dictionaries(st.text(max_size=20) | UNSAVABLE, hostile_values, max_size=4))
def test_hostile_values_inside_a_record_fall_back_and_the_next_save_is_valid(
    kind: type[PersonFile], damage: dict[str, Any], defaults: Preferences
) -> None:
    person = kind(Path("."), defaults)
    if kind is SettingsFile:
        damage = {name: value for name, value in zip(FIELD_NAMES, damage.values(), strict=False)}
    content = json.dumps(person.shaped(damage)).encode()  # surrogates travel as \\u escapes
    check_recovery(kind, content, defaults)


@pytest.mark.parametrize("kind", PERSON_FILES, ids=lambda k: k.name)
@PERSON_FUZZ
@given(content=st.binary(max_size=300) | hostile_values.map(lambda v: json.dumps(v).encode()))
def test_any_bytes_in_a_persons_file_never_crash_and_the_next_save_is_valid(
    kind: type[PersonFile], content: bytes, defaults: Preferences
) -> None:
    check_recovery(kind, content, defaults)


def deep(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


@pytest.mark.parametrize("kind", PERSON_FILES, ids=lambda k: k.name)
@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b'{"a": ' + deep(100_000) + b"}", id="nested-100k-levels"),
        pytest.param(b"\x00\xff" * (25 * 2**20), id="50MB-of-bytes"),
        pytest.param(b'{"x": ' + b"9" * 5000 + b"}", id="a-5000-digit-number"),
    ],
)
def test_monster_files_are_kept_aside_and_the_next_save_is_valid(
    kind: type[PersonFile], content: bytes, defaults: Preferences
) -> None:
    check_recovery(kind, content, defaults)


def nested_900_deep() -> Any:
    nested: Any = "\ud800"
    for _ in range(900):
        nested = [nested]
    return nested


@pytest.mark.parametrize("kind", PERSON_FILES, ids=lambda k: k.name)
@pytest.mark.parametrize(
    "value",
    [
        pytest.param("y" * (50 * 2**20), id="50MB-of-text"),
        pytest.param(nested_900_deep(), id="900-levels-around-a-lone-surrogate"),
    ],
)
def test_a_monster_inside_a_record_falls_back_and_the_next_save_is_small_and_valid(
    kind: type[PersonFile], value: Any, defaults: Preferences
) -> None:
    person = kind(Path("."), defaults)
    content = json.dumps(person.shaped({kind.text_field: value})).encode()
    assert check_recovery(kind, content, defaults) < 10_000


@pytest.mark.parametrize("kind", PERSON_FILES, ids=lambda k: k.name)
def test_a_folder_in_place_of_the_file_is_set_aside_and_the_next_save_is_valid(
    kind: type[PersonFile], defaults: Preferences
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        person = kind(Path(folder), defaults)
        person.path.mkdir()
        (person.path / "inside.txt").write_text("mine")
        notices = person.load()
        (moved,) = [n for n in notices if n.moved_to is not None]
        assert moved.needs_dialog
        assert moved.moved_to is not None and (moved.moved_to / "inside.txt").read_text() == "mine"
        person.save()
        json.loads(person.path.read_bytes().decode("utf-8"))
        assert [n for n in person.load() if n.needs_dialog] == []


# ----------------------------------------------------------------------------- the instance-free
# readers: any decoded value, any bytes -> a typed value or a ContentError, nothing else.


@FUZZ
@given(raw=st.binary(max_size=200) | hostile_values.map(lambda v: json.dumps(v).encode()))
def test_the_shared_json_reader_gives_a_value_or_a_content_error(raw: bytes) -> None:
    with contextlib.suppress(ContentError):
        parse_json(raw, "x.json")


@FUZZ
@given(value=hostile_values, record=record_like)
def test_a_journal_record_read_is_savable_or_refused(value: Any, record: dict[str, Any]) -> None:
    for candidate in (value, record, {**record, "routine_name": value}):
        try:
            read = record_from_dict(candidate)
        except ContentError:
            continue
        json.dumps(record_to_dict(read), ensure_ascii=False).encode("utf-8")


@FUZZ
@given(entry=hostile_values, text=st.text(max_size=60) | UNSAVABLE)
def test_reminder_state_entries_are_savable_or_refused(entry: Any, text: str) -> None:
    with contextlib.suppress(ContentError):
        key, value = read_entry(entry, "[1]")
        (key + value).encode("utf-8")
    snooze_from_text(text)
    snooze_from_text(json.dumps({"until": entry, "scheduled": entry}))
    snooze_from_text("[" * 100_000)
