"""Where a running session is, kept so that one cut short by a crash, a kill or a power cut
can be offered back at the next start ("Resume 'Daily back reset' from step 6?").

A snapshot is taken at each step boundary and at each pause. It holds the routine as it ran
(its id and every step's length, since the person's length preference may change before the
next start), the step reached, how far into it, what became of the earlier steps, and the
person's words before the session (tension, oil). Read back through the shared field reader,
so a damaged file is named and set aside rather than trusted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Final

from backcare_desktop.core.content.fields import (
    ContentError,
    check_storable,
    join,
    read_choice,
    read_list,
    read_number,
    read_object,
    read_optional_text,
    read_text,
    read_time,
    read_whole,
)
from backcare_desktop.core.journal import TENSION_MAX, read_areas
from backcare_desktop.core.routine import Library, Routine
from backcare_desktop.core.session import SessionMachine, SessionSummary, StepOutcome

SNAPSHOT_VERSION: Final = 1
_MAX_STEPS: Final = 1000
_MAX_SECONDS: Final = 10**6
_FIELDS: Final = (
    "version",
    "record_id",
    "routine_id",
    "routine_name",
    "step_seconds",
    "step_index",
    "step_elapsed",
    "outcomes",
    "active_seconds",
    "started_at",
    "tension_before",
    "oil",
)


@dataclass(frozen=True)
class SessionSnapshot:
    """A session's place at its last step boundary or pause."""

    record_id: str
    routine_id: str
    routine_name: str
    step_seconds: tuple[int, ...]
    step_index: int
    step_elapsed: float
    outcomes: tuple[StepOutcome, ...]
    active_seconds: float
    started_at: datetime
    tension_before: int | None
    oil: str | None
    areas: tuple[str, ...] = ()
    """A composed routine's areas, so a session cut short is journaled with them."""

    @property
    def step_number(self) -> int:
        """The step to resume from, counted from 1 as the person sees it."""
        return self.step_index + 1


def snapshot_of(
    machine: SessionMachine, record_id: str, tension_before: int | None, oil: str | None
) -> SessionSnapshot:
    summary = machine.summary()
    return SessionSnapshot(
        record_id=record_id,
        routine_id=machine.routine.id,
        routine_name=machine.routine.name,
        step_seconds=tuple(step.seconds for step in machine.routine.steps),
        step_index=machine.index,
        step_elapsed=round(machine.step_elapsed(), 3),
        outcomes=machine.outcomes,
        active_seconds=round(summary.active_seconds, 3),
        started_at=summary.started_at,
        tension_before=tension_before,
        oil=oil,
        areas=machine.routine.areas,
    )


def routine_of(snapshot: SessionSnapshot, library: Library) -> Routine | None:
    """The routine as it ran (its steps at the lengths they had), or None when this version
    no longer has it in that shape."""
    try:
        routine = library.routine(snapshot.routine_id)
    except KeyError:
        return None
    if len(routine.steps) != len(snapshot.step_seconds):
        return None
    steps = tuple(
        replace(step, seconds=seconds)
        for step, seconds in zip(routine.steps, snapshot.step_seconds, strict=True)
    )
    return replace(routine, steps=steps)


def stopped_summary(snapshot: SessionSnapshot) -> SessionSummary:
    """The session as it was when cut short, for the journal: stopped, not finished."""
    return SessionSummary(
        routine_id=snapshot.routine_id,
        routine_name=snapshot.routine_name,
        started_at=snapshot.started_at,
        planned_seconds=sum(snapshot.step_seconds),
        active_seconds=snapshot.active_seconds,
        outcomes=snapshot.outcomes,
        completed=False,
        areas=snapshot.areas,
    )


def snapshot_to_dict(snapshot: SessionSnapshot) -> dict[str, Any]:
    return {
        "version": SNAPSHOT_VERSION,
        "record_id": snapshot.record_id,
        "routine_id": snapshot.routine_id,
        "routine_name": snapshot.routine_name,
        "step_seconds": list(snapshot.step_seconds),
        "step_index": snapshot.step_index,
        "step_elapsed": snapshot.step_elapsed,
        "outcomes": [outcome.value for outcome in snapshot.outcomes],
        "active_seconds": snapshot.active_seconds,
        "started_at": snapshot.started_at.isoformat(),
        "tension_before": snapshot.tension_before,
        "oil": snapshot.oil,
        "areas": list(snapshot.areas),
    }


def snapshot_from_dict(data: object, file: str) -> SessionSnapshot:
    """A snapshot read back; raises ContentError naming the field that does not fit."""
    fields = read_object(data, file, "", _FIELDS, others_allowed=True)
    check_storable(data, file, "")
    read_whole(fields["version"], file, "version", SNAPSHOT_VERSION, SNAPSHOT_VERSION)
    lengths = tuple(
        read_whole(value, file, join("step_seconds", str(i)), 1, _MAX_SECONDS)
        for i, value in enumerate(read_list(fields["step_seconds"], file, "step_seconds", 1))
    )
    if len(lengths) > _MAX_STEPS:
        raise ContentError(file, "step_seconds", f"at most {_MAX_STEPS} steps", str(len(lengths)))
    index = read_whole(fields["step_index"], file, "step_index", 0, len(lengths) - 1)
    raw_outcomes = read_list(fields["outcomes"], file, "outcomes", len(lengths), len(lengths))
    allowed = [outcome.value for outcome in StepOutcome]
    tension = fields["tension_before"]
    return SessionSnapshot(
        record_id=read_text(fields["record_id"], file, "record_id", 200),
        routine_id=read_text(fields["routine_id"], file, "routine_id", 200),
        routine_name=read_text(fields["routine_name"], file, "routine_name", 500),
        step_seconds=lengths,
        step_index=index,
        step_elapsed=read_number(fields["step_elapsed"], file, "step_elapsed", 0, lengths[index]),
        outcomes=tuple(
            StepOutcome(read_choice(value, file, join("outcomes", str(i)), allowed))
            for i, value in enumerate(raw_outcomes)
        ),
        active_seconds=read_number(
            fields["active_seconds"], file, "active_seconds", 0, _MAX_SECONDS * _MAX_STEPS
        ),
        started_at=read_time(fields["started_at"], file, "started_at", naive_as_utc=False),
        tension_before=None
        if tension is None
        else read_whole(tension, file, "tension_before", 0, TENSION_MAX),
        oil=read_optional_text(fields["oil"], file, "oil", max_length=200),
        areas=read_areas(fields.get("areas", []), file, "areas"),
    )
