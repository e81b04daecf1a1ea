"""What the reminder scheduler must remember across restarts, and an in-memory keeper of it.

The TinyDB-backed store (storage/) implements the same Protocol; InMemoryReminderState is the
reference behaviour and what the tests use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final, Protocol

from backcare_desktop.core.content.fields import (
    ContentError,
    check_storable,
    parse_json,
    read_object,
    read_text,
    read_time,
)

STATE_FILE: Final = "reminder_state.json"


@dataclass(frozen=True)
class Snooze:
    """A prompt put off until `until`; `scheduled` is the occurrence it is about."""

    until: datetime
    scheduled: datetime


class ReminderStateStore(Protocol):
    """Where the scheduler keeps what must survive a restart.

    Datetimes go in aware (the scheduler writes UTC) and must come back as the same instant;
    a naive datetime read back is taken as UTC.
    """

    def get(self, rule_id: str) -> datetime | None:
        """The last scheduled occurrence of the rule that was dealt with."""
        ...

    def set(self, rule_id: str, when: datetime) -> None: ...

    def get_snooze(self, rule_id: str) -> Snooze | None: ...

    def set_snooze(self, rule_id: str, snooze: Snooze | None) -> None:
        """Store or (with None) clear the rule's snooze."""
        ...

    def get_paused_until(self) -> datetime | None: ...

    def set_paused_until(self, until: datetime | None) -> None: ...

    def forget(self, rule_id: str) -> None:
        """Drop everything kept for a rule that no longer exists."""
        ...


class InMemoryReminderState:
    """A ReminderStateStore in plain dicts, for tests and as the reference behaviour."""

    def __init__(self) -> None:
        self.records: dict[str, datetime] = {}
        self.snoozes: dict[str, Snooze] = {}
        self.paused_until: datetime | None = None

    def get(self, rule_id: str) -> datetime | None:
        return self.records.get(rule_id)

    def set(self, rule_id: str, when: datetime) -> None:
        self.records[rule_id] = when

    def get_snooze(self, rule_id: str) -> Snooze | None:
        return self.snoozes.get(rule_id)

    def set_snooze(self, rule_id: str, snooze: Snooze | None) -> None:
        if snooze is None:
            self.snoozes.pop(rule_id, None)
        else:
            self.snoozes[rule_id] = snooze

    def get_paused_until(self) -> datetime | None:
        return self.paused_until

    def set_paused_until(self, until: datetime | None) -> None:
        self.paused_until = until

    def forget(self, rule_id: str) -> None:
        self.records.pop(rule_id, None)
        self.snoozes.pop(rule_id, None)


def instant(moment: datetime) -> datetime:
    """A stored datetime as UTC; a naive one (a store that dropped the offset) counts as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def stored(moment: datetime | None) -> datetime | None:
    return None if moment is None else instant(moment)


# --- What the state file holds, read through the shared field reader -------------------------
# Each entry is {"key": text, "value": text}; a snooze's value is itself a small JSON object.


def read_entry(raw: object, path: str) -> tuple[str, str]:
    """(key, value) of one stored entry; ContentError when it is not two savable texts."""
    fields = read_object(raw, STATE_FILE, path, {"key", "value"}, others_allowed=True)
    check_storable(raw, STATE_FILE, path)
    return (
        read_text(fields["key"], STATE_FILE, f"{path}.key", max_length=300),
        read_text(fields["value"], STATE_FILE, f"{path}.value", max_length=300),
    )


def time_from_text(text: str | None) -> datetime | None:
    """A stored instant (naive taken as UTC), or None when missing or not a time."""
    if text is None:
        return None
    try:
        return read_time(text, STATE_FILE, "value")
    except ContentError:
        return None


def snooze_from_text(text: str | None) -> Snooze | None:
    """A stored snooze, or None when missing or damaged (at worst one prompt comes early)."""
    if text is None:
        return None
    try:
        fields = read_object(
            parse_json(text.encode("utf-8", "surrogatepass"), STATE_FILE),
            STATE_FILE,
            "value",
            {"until", "scheduled"},
        )
        until = read_time(fields["until"], STATE_FILE, "value.until")
        scheduled = read_time(fields["scheduled"], STATE_FILE, "value.scheduled")
    except ContentError:
        return None
    return Snooze(until, scheduled)


def snooze_to_text(snooze: Snooze) -> str:
    return json.dumps(
        {"until": snooze.until.isoformat(), "scheduled": snooze.scheduled.isoformat()}
    )
