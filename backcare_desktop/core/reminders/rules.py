"""Reminder rules and when they fall due, in the person's own time zone.

A rule says "at 19:00 on these weekdays". Turning that into an instant needs the time zone's
rules, because twice a year a local time may not exist (clocks spring forward) or may happen
twice (clocks fall back). The promise made here:

- a local time that does not exist that day fires at the first valid minute after it
  (02:30 on spring-forward day in Europe/Berlin fires at 03:00);
- a local time that happens twice fires once, at its first occurrence.

Every comparison between instants happens in UTC: Python compares and subtracts two datetimes
that share a tzinfo by their wall-clock fields, which is wrong across a DST change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

from backcare_desktop.core.json_data import JsonObject
from backcare_desktop.core.plain_text import refused_characters

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_ALIASES = {
    "monday": 0,
    "tues": 1,
    "tuesday": 1,
    "wednesday": 2,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    **{name: index for index, name in enumerate(DAY_NAMES)},
}
_DAY_GROUPS = {
    "daily": frozenset(range(7)),
    "everyday": frozenset(range(7)),
    "every day": frozenset(range(7)),
    "all": frozenset(range(7)),
    "weekdays": frozenset(range(5)),
    "workdays": frozenset(range(5)),
    "weekends": frozenset({5, 6}),
    "weekend": frozenset({5, 6}),
}
_DAYS_HINT = "expected names like mon-fri, mon,wed,fri, daily or weekends"
_TIME_PATTERN = re.compile(r"(\d{1,2}):(\d{2})")
# A local time can be skipped by at most a day (Samoa crossed the date line in 2011).
_MAX_GAP_MINUTES = 26 * 60


class ReminderRuleError(ValueError):
    """A reminder rule (or a piece of one) is not valid; the message names the field."""


def parse_time(text: str) -> time:
    """'19:00' -> time(19, 0); anything else raises with a message a person can act on."""
    match = _TIME_PATTERN.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ReminderRuleError(f"time: expected HH:MM, got {text!r}")
    return time(int(match[1]), int(match[2]))


def parse_days(text: str) -> frozenset[int]:
    """Weekdays (Monday=0) from 'mon-fri', 'mon,wed,fri', 'daily', 'weekends' and similar.

    Ranges may wrap around the week ('fri-mon'); items may be mixed ('mon-wed,sat').
    """
    if not isinstance(text, str) or not text.strip():
        raise ReminderRuleError(f"days: {_DAYS_HINT}, got {text!r}")
    days: set[int] = set()
    for raw_item in text.lower().split(","):
        item = raw_item.strip()
        if item in _DAY_GROUPS:
            days |= _DAY_GROUPS[item]
            continue
        ends = [part.strip() for part in item.split("-")]
        if len(ends) == 1 and ends[0] in _DAY_ALIASES:
            days.add(_DAY_ALIASES[ends[0]])
        elif len(ends) == 2 and all(end in _DAY_ALIASES for end in ends):
            first, last = _DAY_ALIASES[ends[0]], _DAY_ALIASES[ends[1]]
            days.update((first + step) % 7 for step in range((last - first) % 7 + 1))
        else:
            raise ReminderRuleError(f"days: {_DAYS_HINT}, got {text!r}")
    return frozenset(days)


def format_days(weekdays: frozenset[int]) -> str:
    """The shortest text `parse_days` reads back to the same days: 'daily', 'mon-fri', ..."""
    for name in ("daily", "weekends"):
        if weekdays == _DAY_GROUPS[name]:
            return name
    ordered = sorted(weekdays)
    if len(ordered) >= 3 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{DAY_NAMES[ordered[0]]}-{DAY_NAMES[ordered[-1]]}"
    return ",".join(DAY_NAMES[day] for day in ordered)


def format_time(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


@dataclass(frozen=True)
class ReminderRule:
    """One daily reminder: a local time on some weekdays, offering one routine.

    `routine_id` None means "the routine the person has chosen as their default".
    """

    id: str
    time: time
    weekdays: frozenset[int]
    enabled: bool = True
    label: str = ""
    routine_id: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise ReminderRuleError(f"id: expected a non-empty text, got {self.id!r}")
        for name in ("id", "label", "routine_id"):
            _refuse_unsaveable(name, getattr(self, name))
        if not isinstance(self.time, time) or self.time.second or self.time.microsecond:
            raise ReminderRuleError(f"time: expected HH:MM, got {self.time!r}")
        if self.time.tzinfo is not None:
            raise ReminderRuleError("time: expected a local time without a time zone")
        days = self.weekdays
        if not isinstance(days, frozenset) or not all(
            isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in days
        ):
            raise ReminderRuleError(f"weekdays: expected days 0-6 (Monday=0), got {days!r}")
        if not days:
            raise ReminderRuleError("weekdays: choose at least one day")
        if not isinstance(self.enabled, bool):
            raise ReminderRuleError(f"enabled: expected true or false, got {self.enabled!r}")
        if not isinstance(self.label, str):
            raise ReminderRuleError(f"label: expected a text, got {self.label!r}")
        refused = refused_characters(self.label)
        if refused:  # a label that breaks a line or reads in another order than it is stored
            raise ReminderRuleError(label_refusal(refused))
        if self.routine_id is not None and (
            not isinstance(self.routine_id, str) or not self.routine_id.strip()
        ):
            raise ReminderRuleError(f"routine_id: expected a routine id, got {self.routine_id!r}")

    @property
    def time_text(self) -> str:
        """'19:00', as the person set it."""
        return format_time(self.time)

    def to_dict(self) -> JsonObject:
        """A JSON-ready dict; `from_dict` reads it back unchanged."""
        return {
            "id": self.id,
            "time": self.time_text,
            "weekdays": [day for day in sorted(self.weekdays)],
            "enabled": self.enabled,
            "label": self.label,
            "routine_id": self.routine_id,
        }

    @classmethod
    def from_dict(cls, data: object) -> ReminderRule:
        """Validate stored data; weekdays may be a list of 0-6 or a text like 'mon-fri'.

        Any shape at any depth is answered with ReminderRuleError, never another exception:
        the data comes from a file a person may have edited.
        """
        if not isinstance(data, Mapping):
            raise ReminderRuleError(f"reminder: expected an object, got {type(data).__name__}")
        for key in ("id", "time", "weekdays"):
            if key not in data:
                raise ReminderRuleError(f"{key}: missing")
        raw_time = data["time"]
        if not isinstance(raw_time, str):
            raise ReminderRuleError(f"time: expected HH:MM, got {type(raw_time).__name__}")
        label = data.get("label") or ""
        return cls(
            id=data["id"],
            time=parse_time(raw_time),
            weekdays=_weekdays_from(data["weekdays"]),
            enabled=data.get("enabled", True),
            label=label,
            routine_id=data.get("routine_id"),
        )


def _weekdays_from(raw: object) -> frozenset[int]:
    """Weekdays from a text ('mon-fri') or a list of whole numbers 0-6, nothing else."""
    if isinstance(raw, str):
        return parse_days(raw)
    if isinstance(raw, list | tuple | set | frozenset) and all(
        isinstance(day, int) and not isinstance(day, bool) and 0 <= day <= 6 for day in raw
    ):
        return frozenset(raw)
    raise ReminderRuleError(
        f"weekdays: expected days 0-6 (Monday=0) or a text like mon-fri, "
        f"got a {type(raw).__name__} holding something else"
    )


def _refuse_unsaveable(field: str, value: object) -> None:
    """A lone surrogate ("\\ud800") reads fine from JSON but can never be written back."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ReminderRuleError(f"{field}: holds characters that cannot be saved") from None


def label_refusal(refused: list[str]) -> str:
    """Why a label was refused, naming the characters (U+202E), in the CLI's words."""
    return f"label: control or text-direction characters are not allowed ({', '.join(refused)})"


def as_utc(moment: datetime) -> datetime:
    """The same instant in UTC; naive datetimes are refused (they have no instant)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("expected a time-zone aware datetime")
    return moment.astimezone(UTC)


def resolve_local(day: date, at: time, zone: tzinfo) -> datetime:
    """The instant a wall-clock time happens on `day` in `zone`, with the DST rules above.

    Returns an aware datetime in `zone` (with the right `fold`).
    """
    return _resolve_cached(day, at, zone)


@lru_cache(maxsize=4096)
def _resolve_cached(day: date, at: time, zone: tzinfo) -> datetime:
    wanted = datetime.combine(day, at)
    candidate = wanted
    for _ in range(_MAX_GAP_MINUTES):
        instant = candidate.replace(tzinfo=zone, fold=0).astimezone(UTC)
        local = instant.astimezone(zone)
        if local.replace(tzinfo=None) == candidate:
            return local
        candidate += timedelta(minutes=1)
    raise ValueError(f"{wanted} never happens in {zone}")


def occurrence_on(rule: ReminderRule, day: date, zone: tzinfo) -> datetime | None:
    """When `rule` falls due on the local date `day`, or None if it does not run that weekday."""
    if day.weekday() not in rule.weekdays:
        return None
    return resolve_local(day, rule.time, zone)


def _zone_of(moment: datetime, zone: tzinfo | None) -> tzinfo:
    if zone is not None:
        return zone
    if moment.tzinfo is None:
        raise ValueError("expected a time-zone aware datetime")
    return moment.tzinfo


def _scan(rule: ReminderRule, now: datetime, zone: tzinfo, offsets: range) -> Iterator[datetime]:
    """Occurrences on the local dates `now`'s date + each offset (skipping days it rests)."""
    today = as_utc(now).astimezone(zone).date()
    for offset in offsets:
        occurrence = occurrence_on(rule, today + timedelta(days=offset), zone)
        if occurrence is not None:
            yield occurrence


def next_due(rule: ReminderRule, now: datetime, zone: tzinfo | None = None) -> datetime:
    """The first time at or after `now` that `rule` falls due, as a local time in `zone`.

    `zone` defaults to `now`'s own tzinfo; pass a ZoneInfo when `now` carries only a fixed
    offset (as `datetime.now().astimezone()` does), or DST changes will be missed.
    """
    tz = _zone_of(now, zone)
    moment = as_utc(now)
    # Yesterday is included: a time skipped by a gap just before midnight lands on today.
    for occurrence in _scan(rule, now, tz, range(-1, 9)):
        if as_utc(occurrence) >= moment:
            return occurrence
    raise AssertionError("a rule with weekdays always has a next occurrence")  # pragma: no cover


def next_after(rule: ReminderRule, moment: datetime, zone: tzinfo) -> datetime:
    """The first occurrence strictly after `moment` (local, in `zone`)."""
    return next_due(rule, as_utc(moment) + timedelta(microseconds=1), zone)


def latest_due(rule: ReminderRule, now: datetime, zone: tzinfo | None = None) -> datetime:
    """The last time at or before `now` that `rule` fell due, as a local time in `zone`."""
    tz = _zone_of(now, zone)
    moment = as_utc(now)
    for occurrence in _scan(rule, now, tz, range(1, -9, -1)):
        if as_utc(occurrence) <= moment:
            return occurrence
    raise AssertionError("a rule with weekdays always has a past occurrence")  # pragma: no cover


def short_when(moment: datetime) -> str:
    """'Tue 19:00' — how the home screen, tray and CLI name the next reminder."""
    return f"{DAY_NAMES[moment.weekday()].title()} {moment:%H:%M}"
