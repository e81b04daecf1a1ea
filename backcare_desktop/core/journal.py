"""The practice journal: one record per session, and the kind numbers drawn from it.

Days are the person's local calendar days. A session's day is found by converting its start
instant with the time-zone *rules* (a ZoneInfo, or the system's rules when none is given), not
with today's UTC offset, so a summer session stays on its day when read in winter.
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Final

from backcare_desktop.core.content.fields import (
    check_storable,
    join,
    read_flag,
    read_identifier,
    read_list,
    read_object,
    read_optional_text,
    read_text,
    read_time,
    read_whole,
)

PRACTICE_MIN_SECONDS: Final = 60
TENSION_MAX: Final = 10
TENSION_SESSIONS: Final = 30
"""How many of the most recent rated sessions the tension chart shows, so each dot keeps room
to breathe."""
CSV_COLUMNS: Final = (
    "id",
    "routine_id",
    "routine_name",
    "started_at",
    "planned_seconds",
    "completed_seconds",
    "steps_done",
    "steps_skipped",
    "oil",
    "tension_before",
    "tension_after",
    "completed",
    "areas",
)
AREAS_SEPARATOR: Final = ";"
"""Between the areas in a CSV cell ("neck;shoulders"), as a comma would split the cell."""
MAX_AREAS: Final = 50


@dataclass(frozen=True)
class SessionRecord:
    """One session as it happened. Invalid values raise ValueError naming the field."""

    id: str
    routine_id: str
    routine_name: str
    started_at: datetime
    planned_seconds: int
    completed_seconds: int
    steps_done: int
    steps_skipped: int
    oil: str | None
    tension_before: int | None
    tension_after: int | None
    completed: bool
    areas: tuple[str, ...] = ()
    """Where the back felt tense (region ids, in the order chosen on the body map), for a
    session of a composed routine; empty for any other, and in records written before."""

    def __post_init__(self) -> None:
        for name in ("id", "routine_id", "routine_name"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name):
                raise ValueError(f"{name}: expected a non-empty text")
        if not isinstance(self.started_at, datetime) or self.started_at.utcoffset() is None:
            raise ValueError("started_at: expected a date and time with a time zone")
        for name in ("planned_seconds", "completed_seconds", "steps_done", "steps_skipped"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name}: expected a whole number ≥ 0, got {value!r}")
        if self.oil is not None and (not isinstance(self.oil, str) or not self.oil):
            raise ValueError(f"oil: expected an oil id or nothing, got {self.oil!r}")
        for name in ("tension_before", "tension_after"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10
            ):
                raise ValueError(f"{name}: expected 0 to {TENSION_MAX} or nothing, got {value!r}")
        if not isinstance(self.completed, bool):
            raise ValueError(f"completed: expected true or false, got {self.completed!r}")
        if (
            not isinstance(self.areas, tuple)
            or len(self.areas) > MAX_AREAS
            or not all(isinstance(area, str) and area for area in self.areas)
        ):
            raise ValueError(f"areas: expected a list of area ids, got {self.areas!r}")


RECORD_FIELDS: Final = tuple(f.name for f in fields(SessionRecord))
OPTIONAL_FIELDS: Final = ("areas",)
"""Fields a record written by an earlier version may lack."""


def record_to_dict(record: SessionRecord) -> dict[str, Any]:
    """A record as JSON-ready data (the start time as ISO 8601 with its UTC offset)."""
    data = {name: getattr(record, name) for name in RECORD_FIELDS}
    data["started_at"] = record.started_at.isoformat()
    data["areas"] = list(record.areas)
    return data


_MAX_SECONDS: Final = 10**7
_MAX_STEPS: Final = 10_000


def record_from_dict(data: object, file: str = "journal", path: str = "(entry)") -> SessionRecord:
    """A record from stored data through the shared field reader.

    Raises ContentError (a ValueError) naming the field that does not fit, including text
    that could be read but never saved again; fields a later version added are ignored.
    """
    required = [name for name in RECORD_FIELDS if name not in OPTIONAL_FIELDS]
    fields = read_object(data, file, path, required, OPTIONAL_FIELDS, others_allowed=True)
    check_storable(data, file, path)

    def whole(name: str, high: int) -> int:
        return read_whole(fields[name], file, join(path, name), 0, high)

    def tension(name: str) -> int | None:
        value = fields[name]
        return None if value is None else read_whole(value, file, join(path, name), 0, TENSION_MAX)

    return SessionRecord(
        id=read_text(fields["id"], file, join(path, "id"), max_length=200),
        routine_id=read_text(fields["routine_id"], file, join(path, "routine_id"), 200),
        routine_name=read_text(fields["routine_name"], file, join(path, "routine_name"), 500),
        started_at=read_time(
            fields["started_at"], file, join(path, "started_at"), naive_as_utc=False
        ),
        planned_seconds=whole("planned_seconds", _MAX_SECONDS),
        completed_seconds=whole("completed_seconds", _MAX_SECONDS),
        steps_done=whole("steps_done", _MAX_STEPS),
        steps_skipped=whole("steps_skipped", _MAX_STEPS),
        oil=read_optional_text(fields["oil"], file, join(path, "oil"), max_length=200),
        tension_before=tension("tension_before"),
        tension_after=tension("tension_after"),
        completed=read_flag(fields["completed"], file, join(path, "completed")),
        areas=read_areas(fields.get("areas", []), file, join(path, "areas")),
    )


def read_areas(value: object, file: str, path: str) -> tuple[str, ...]:
    """Area ids as stored; one this version does not know (written by a later one) is kept,
    so the record reads and saves whole, and Progress simply does not count it."""
    items = read_list(value, file, path, maximum=MAX_AREAS)
    return tuple(read_identifier(item, file, f"{path}[{i}]") for i, item in enumerate(items))


def is_practice(record: SessionRecord) -> bool:
    """A session counts as practice when finished, or when it lasted at least a minute."""
    return record.completed or record.completed_seconds >= PRACTICE_MIN_SECONDS


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day of an instant in `tz`, or under the system's own rules when None."""
    return (moment.astimezone(tz) if tz is not None else moment.astimezone()).date()


def practice_days(records: Iterable[SessionRecord], tz: tzinfo | None = None) -> set[date]:
    """The local days on which the person practised."""
    return {local_day(r.started_at, tz) for r in records if is_practice(r)}


def week_start(day: date) -> date:
    """The Monday of the calendar week that holds `day`."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekProgress:
    """Practice in the current calendar week (Monday to Sunday)."""

    days_practised: int
    week_start: date
    days_in_week: int = 7

    @property
    def label(self) -> str:
        return f"{self.days_practised} of {self.days_in_week} days"


def week_progress(
    records: Iterable[SessionRecord], today: date, tz: tzinfo | None = None
) -> WeekProgress:
    """How many days of this Monday-to-Sunday week had practice, e.g. "4 of 7 days"."""
    monday = week_start(today)
    days = {d for d in practice_days(records, tz) if monday <= d <= monday + timedelta(days=6)}
    return WeekProgress(len(days), monday)


@dataclass(frozen=True)
class Streak:
    """A kind streak: its length in practised days and the missed days it forgave."""

    days: int
    forgiven: tuple[date, ...]
    includes_today: bool


def kind_streak(records: Iterable[SessionRecord], today: date, tz: tzinfo | None = None) -> Streak:
    """The current streak, forgiving one missed day per calendar week.

    Precisely: walk back one day at a time from today.
    - Today counts when practised; when not, it is skipped, neither counted nor missed — the
      day is not over yet.
    - A practised day adds one to the streak.
    - A missed day is forgiven if it is the first missed day met in its calendar week (Monday to
      Sunday); it adds nothing. A second missed day in the same week ends the walk.
    - Forgiven days older than the oldest practised day in the streak are not reported (they
      forgave nothing); with no practised day at all the streak is 0.
    So Mon–Wed, rest Thu, Fri–Sun is a streak of 6; two rest days in one week start afresh.
    """
    days = practice_days(records, tz)
    if not days:
        return Streak(0, (), False)
    includes_today = today in days
    count = 0
    forgiven: list[date] = []
    forgiven_weeks: set[date] = set()
    oldest_counted: date | None = None
    earliest = min(days)
    day = today if includes_today else today - timedelta(days=1)
    while day >= earliest:
        if day in days:
            count += 1
            oldest_counted = day
        elif week_start(day) not in forgiven_weeks:
            forgiven_weeks.add(week_start(day))
            forgiven.append(day)
        else:
            break
        day -= timedelta(days=1)
    kept = tuple(d for d in forgiven if oldest_counted is not None and d > oldest_counted)
    return Streak(count, kept, includes_today)


@dataclass(frozen=True)
class TodayGlance:
    """What Home shows at a glance: practised today or not, the kind streak, this week."""

    practised_today: bool
    streak: Streak
    week: WeekProgress


def today_glance(
    records: Iterable[SessionRecord], today: date, tz: tzinfo | None = None
) -> TodayGlance:
    """Home's line about today, from the journal (pure: run it on the job runner's worker)."""
    records = list(records)
    return TodayGlance(
        practised_today=today in practice_days(records, tz),
        streak=kind_streak(records, today, tz),
        week=week_progress(records, today, tz),
    )


def total_minutes(records: Iterable[SessionRecord]) -> int:
    """All practice time in whole minutes (rounded to the nearest minute, halves up)."""
    return math.floor(sum(r.completed_seconds for r in records) / 60 + 0.5)


@dataclass(frozen=True)
class DayMinutes:
    """One cell of the heat-map."""

    day: date
    minutes: int
    in_future: bool


def heatmap(
    records: Iterable[SessionRecord], today: date, weeks: int = 12, tz: tzinfo | None = None
) -> tuple[tuple[DayMinutes, ...], ...]:
    """Minutes practised per day for the last `weeks` calendar weeks, oldest week first.

    Each row is one Monday-to-Sunday week (7 cells); the last row is the current week, whose
    days after today are marked `in_future`. Minutes are summed per day, then rounded.
    """
    if weeks < 1:
        raise ValueError("weeks: expected at least 1")
    first = week_start(today) - timedelta(weeks=weeks - 1)
    seconds: dict[date, int] = defaultdict(int)
    for record in records:
        day = local_day(record.started_at, tz)
        if day >= first:
            seconds[day] += record.completed_seconds
    grid = []
    for week in range(weeks):
        row = []
        for weekday in range(7):
            day = first + timedelta(weeks=week, days=weekday)
            row.append(DayMinutes(day, math.floor(seconds[day] / 60 + 0.5), day > today))
        grid.append(tuple(row))
    return tuple(grid)


@dataclass(frozen=True)
class TensionPoint:
    """Tension rated before and after one session (either may be missing)."""

    started_at: datetime
    before: int | None
    after: int | None


def tension_series(records: Iterable[SessionRecord]) -> tuple[TensionPoint, ...]:
    """Sessions with at least one tension rating, oldest first, for the before/after chart."""
    rated = [r for r in records if r.tension_before is not None or r.tension_after is not None]
    rated.sort(key=lambda r: r.started_at)
    return tuple(TensionPoint(r.started_at, r.tension_before, r.tension_after) for r in rated)


@dataclass(frozen=True)
class TensionAverages:
    """Mean tension before and after, over the sessions rated both times (and only those)."""

    before: float
    after: float
    sessions: int


def paired_tension(points: Iterable[TensionPoint]) -> tuple[TensionPoint, ...]:
    """The sessions rated both before and after: the only ones that say what a session changed.

    A before from one session set against an after from another would claim a change nobody
    felt, so a session with one rating is left out of every comparison.
    """
    return tuple(p for p in points if p.before is not None and p.after is not None)


def tension_averages(points: Iterable[TensionPoint]) -> TensionAverages | None:
    """Averages over the paired sessions, or None when no session was rated both times."""
    paired = paired_tension(points)
    if not paired:
        return None
    before = sum(p.before for p in paired if p.before is not None) / len(paired)
    after = sum(p.after for p in paired if p.after is not None) / len(paired)
    return TensionAverages(before, after, len(paired))


def to_csv(records: Iterable[SessionRecord]) -> str:
    """The journal as CSV text with a header row, oldest session first.

    Times are ISO 8601 with their UTC offset; empty cells mean "not recorded". Text cells that
    a spreadsheet would run as a formula get a leading apostrophe.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in sorted(records, key=lambda r: r.started_at):
        row = record_to_dict(record)
        writer.writerow([_csv_cell(row[name]) for name in CSV_COLUMNS])
    return buffer.getvalue()


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return AREAS_SEPARATOR.join(str(item) for item in value)
    text = str(value)
    return "'" + text if isinstance(value, str) and text[:1] in ("=", "+", "-", "@") else text
