"""A session's place, kept for a crash: taken from the machine, written and read back through
the shared field reader, and started again where it was."""

from __future__ import annotations

import json

import pytest

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.content.fields import ContentError
from backcare_desktop.core.routine import Library
from backcare_desktop.core.session import SessionMachine, SessionState, StepOutcome
from backcare_desktop.core.session_snapshot import (
    SessionSnapshot,
    routine_of,
    snapshot_from_dict,
    snapshot_of,
    snapshot_to_dict,
    stopped_summary,
)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def three_steps_in(library: Library, clock: FakeClock) -> SessionSnapshot:
    machine = SessionMachine(library.routine("daily_back_reset"), clock)
    machine.start()
    machine.skip()
    for _ in range(2):
        clock.advance(machine.step_remaining())
        machine.tick()
    clock.advance(4)
    machine.pause()
    return snapshot_of(machine, "abc", 6, "lavender")


def test_a_place_reads_back_as_it_was_written(library: Library, clock: FakeClock) -> None:
    place = three_steps_in(library, clock)
    written = json.loads(json.dumps(snapshot_to_dict(place)))
    assert snapshot_from_dict(written, "session-in-progress.json") == place
    assert (place.step_number, place.step_elapsed) == (4, 4.0)
    assert place.outcomes[:3] == (StepOutcome.SKIPPED, StepOutcome.DONE, StepOutcome.DONE)


@pytest.mark.parametrize(
    ("field", "value"),
    [("step_index", 99), ("outcomes", ["done"]), ("started_at", "yesterday"), ("version", 7)],
)
def test_a_damaged_place_names_the_field_that_does_not_fit(
    library: Library, clock: FakeClock, field: str, value: object
) -> None:
    data = {**snapshot_to_dict(three_steps_in(library, clock)), field: value}
    with pytest.raises(ContentError, match=field):
        snapshot_from_dict(data, "session-in-progress.json")


def test_a_session_started_from_its_place_carries_on_where_it_was(
    library: Library, clock: FakeClock
) -> None:
    place = three_steps_in(library, clock)
    routine = routine_of(place, library)
    assert routine is not None
    machine = SessionMachine(routine, FakeClock())
    machine.start_from(
        place.step_index, place.step_elapsed, place.outcomes, place.started_at, 100.0
    )
    assert machine.state is SessionState.RUNNING
    assert machine.index == 3
    assert machine.step_elapsed() == 4.0
    assert machine.summary().active_seconds == 100.0
    assert machine.summary().started_at == place.started_at


def test_a_place_recorded_as_stopped_keeps_what_was_done(
    library: Library, clock: FakeClock
) -> None:
    summary = stopped_summary(three_steps_in(library, clock))
    assert not summary.completed
    assert (summary.steps_done, summary.steps_skipped) == (2, 1)


def test_a_routine_that_changed_shape_cannot_be_resumed(library: Library, clock: FakeClock) -> None:
    place = three_steps_in(library, clock)
    shorter = SessionSnapshot(**{**place.__dict__, "step_seconds": place.step_seconds[:-1]})
    assert routine_of(shorter, library) is None
    gone = SessionSnapshot(**{**place.__dict__, "routine_id": "no_such_routine"})
    assert routine_of(gone, library) is None


def test_a_composed_session_cut_short_is_journaled_with_its_areas(
    library: Library, clock: FakeClock
) -> None:
    from backcare_desktop.core.composer import compose
    from backcare_desktop.core.composition import Request

    machine = SessionMachine(compose(library, Request(("glutes", "neck"), 10)).routine, clock)
    machine.start()
    clock.advance(30)
    machine.pause()
    place = snapshot_from_dict(
        json.loads(json.dumps(snapshot_to_dict(snapshot_of(machine, "x", None, None)))), "f"
    )
    assert place.areas == ("glutes", "neck")
    assert stopped_summary(place).areas == ("glutes", "neck")
    older = snapshot_to_dict(place)
    del older["areas"]
    assert snapshot_from_dict(older, "f").areas == ()
