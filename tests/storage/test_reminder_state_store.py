"""The reminders' memory on disk: same behaviour as the in-memory reference, across restarts."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.reminders.state import (
    InMemoryReminderState,
    ReminderStateStore,
    Snooze,
)
from backcare_desktop.paths import resolve_paths
from backcare_desktop.storage.reminder_state import (
    REMINDER_STATE_FILE,
    KeyValueStore,
    TinyDBReminderState,
)

BERLIN = ZoneInfo("Europe/Berlin")
MORNING = datetime(2026, 3, 29, 9, 0, tzinfo=BERLIN)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / REMINDER_STATE_FILE


def open_state(path: Path, clock: FakeClock | None = None) -> TinyDBReminderState:
    return TinyDBReminderState(KeyValueStore(path, "reminders", clock or FakeClock()))


def test_nothing_is_remembered_at_first(path: Path) -> None:
    state: ReminderStateStore = open_state(path)
    assert state.get("morning") is None
    assert state.get_snooze("morning") is None
    assert state.get_paused_until() is None


def test_everything_survives_a_restart_as_the_same_instant(path: Path) -> None:
    first = open_state(path)
    first.set("morning", MORNING)
    first.set_snooze("morning", Snooze(MORNING + timedelta(minutes=10), MORNING))
    first.set_paused_until(MORNING.astimezone(UTC) + timedelta(days=1))
    again = open_state(path)
    assert again.get("morning") == MORNING
    assert again.get_snooze("morning") == Snooze(MORNING + timedelta(minutes=10), MORNING)
    assert again.get_paused_until() == MORNING + timedelta(days=1)


def test_clearing_a_snooze_and_the_pause(path: Path) -> None:
    state = open_state(path)
    state.set_snooze("morning", Snooze(MORNING, MORNING))
    state.set_paused_until(MORNING)
    state.set_snooze("morning", None)
    state.set_paused_until(None)
    assert (state.get_snooze("morning"), state.get_paused_until()) == (None, None)


def test_forgetting_a_rule_drops_its_occurrence_and_snooze(path: Path) -> None:
    state = open_state(path)
    state.set("morning", MORNING)
    state.set_snooze("morning", Snooze(MORNING, MORNING))
    state.set("evening", MORNING)
    state.forget("morning")
    assert (state.get("morning"), state.get_snooze("morning")) == (None, None)
    assert state.get("evening") == MORNING


def test_a_time_without_an_offset_reads_back_as_utc(path: Path) -> None:
    KeyValueStore(path, "reminders").set("last:noon", "2026-01-01T12:00:00")
    assert open_state(path).get("noon") == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def test_values_that_are_not_times_are_ignored(path: Path) -> None:
    values = KeyValueStore(path, "reminders")
    values.set("last:morning", "at tea time")
    values.set("snooze:morning", "{not json")
    values.set("snooze:evening", json.dumps({"until": "soon"}))
    state = open_state(path)
    assert state.get("morning") is None
    assert state.get_snooze("morning") is None and state.get_snooze("evening") is None


def test_entries_of_the_wrong_shape_are_ignored(path: Path) -> None:
    open_state(path).set("morning", MORNING)
    data = json.loads(path.read_text())
    data["reminders"]["7"] = {"key": 5}
    data["reminders"]["8"] = {"value": "x"}
    path.write_text(json.dumps(data))
    assert open_state(path).get("morning") == MORNING


def test_a_damaged_file_is_moved_aside_and_the_state_starts_empty(path: Path) -> None:
    clock = FakeClock(datetime(2026, 1, 5, 9, 30, 15, tzinfo=BERLIN))
    path.write_text("{ torn")
    state = open_state(path, clock)
    assert state.get("morning") is None
    state.set("morning", MORNING)
    assert state.get("morning") == MORNING
    assert [p.name for p in path.parent.glob("reminder_state.corrupt-*.json")] == [
        "reminder_state.corrupt-20260105-093015.json"
    ]


def test_the_state_lives_in_the_data_folder() -> None:
    paths = resolve_paths()
    TinyDBReminderState.in_data_dir(paths).set("morning", MORNING)
    assert (paths.data_dir / REMINDER_STATE_FILE).is_file()


times = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
rules = st.sampled_from(["morning", "noon", "evening"])
operations = st.lists(
    st.one_of(
        st.tuples(st.just("set"), rules, times),
        st.tuples(st.just("set_snooze"), rules, st.none() | st.builds(Snooze, times, times)),
        st.tuples(st.just("set_paused_until"), st.none() | times),
        st.tuples(st.just("forget"), rules),
    ),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(steps=operations)
def test_it_behaves_like_the_in_memory_reference(steps: list[tuple[object, ...]]) -> None:
    reference = InMemoryReminderState()
    with tempfile.TemporaryDirectory() as folder:
        on_disk = open_state(Path(folder) / REMINDER_STATE_FILE)
        for name, *arguments in steps:
            for state in (reference, on_disk):
                getattr(state, str(name))(*arguments)
            if name == "forget":  # the reference keeps snoozes of forgotten rules
                reference.set_snooze(str(arguments[0]), None)
        reopened = open_state(Path(folder) / REMINDER_STATE_FILE)
        for rule in ("morning", "noon", "evening"):
            assert reopened.get(rule) == reference.get(rule)
            assert reopened.get_snooze(rule) == reference.get_snooze(rule)
        assert reopened.get_paused_until() == reference.get_paused_until()
