"""What the reminders remember between runs: last occurrences, snoozes, a pause.

Kept in its own file (reminder_state.json) so the `backcare remind` process and the GUI
never contend for the settings or the journal just to note a reminder went off.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from tinydb import Query

from backcare_desktop.core.clock import Clock, SystemClock
from backcare_desktop.core.reminders.state import Snooze
from backcare_desktop.paths import AppPaths
from backcare_desktop.storage.atomic import UnreadableFileError
from backcare_desktop.storage.store_file import StoreFile

log = logging.getLogger(__name__)

REMINDER_STATE_FILE: Final = "reminder_state.json"


class KeyValueStore:
    """Text values under text keys in one TinyDB table, safe across processes.

    An unreadable file is moved aside (logged) and the store starts empty: losing when a
    reminder last fired costs at most one repeated reminder.
    """

    def __init__(self, path: Path, table: str = "values", clock: Clock | None = None) -> None:
        self._file = StoreFile(path, clock or SystemClock())
        self._table = table

    @property
    def path(self) -> Path:
        return self._file.path

    def get(self, key: str) -> str | None:
        return self.items().get(key)

    def items(self) -> dict[str, str]:
        """Every readable key and value; entries of the wrong shape are ignored."""
        with self._file.locked():
            self._checked()
            documents = self._file.database().table(self._table).all()
        return {
            doc["key"]: doc["value"]
            for doc in documents
            if isinstance(doc.get("key"), str) and isinstance(doc.get("value"), str)
        }

    def set(self, key: str, value: str) -> None:
        with self._file.locked():
            self._checked()
            table = self._file.database().table(self._table)
            table.upsert({"key": key, "value": value}, Query().key == key)

    def delete(self, key: str) -> None:
        with self._file.locked():
            self._checked()
            self._file.database().table(self._table).remove(Query().key == key)

    def _checked(self) -> None:
        try:
            self._file.read((self._table,))
        except UnreadableFileError:
            moved = self._file.move_aside()
            log.warning("reminder state could not be read; kept it at %s and started afresh", moved)


class TinyDBReminderState:
    """The reminder scheduler's memory on disk (core.reminder_state.ReminderStateStore).

    Everything sits in one key-value table: `last:<rule>` (the last occurrence dealt with),
    `snooze:<rule>` (a JSON object with `until` and `scheduled`) and `paused_until`. Times are
    stored as ISO 8601 with their offset; one read back without an offset is taken as UTC.
    """

    def __init__(self, values: KeyValueStore) -> None:
        self._values = values

    @classmethod
    def in_data_dir(cls, paths: AppPaths, clock: Clock | None = None) -> TinyDBReminderState:
        return cls(KeyValueStore(paths.data_dir / REMINDER_STATE_FILE, "reminders", clock))

    def get(self, rule_id: str) -> datetime | None:
        return _parse_time(self._values.get(_LAST + rule_id))

    def set(self, rule_id: str, when: datetime) -> None:
        self._values.set(_LAST + rule_id, when.isoformat())

    def get_snooze(self, rule_id: str) -> Snooze | None:
        text = self._values.get(_SNOOZE + rule_id)
        try:
            data = json.loads(text) if text is not None else None
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return None
        until, scheduled = _parse_time(data.get("until")), _parse_time(data.get("scheduled"))
        return Snooze(until, scheduled) if until and scheduled else None

    def set_snooze(self, rule_id: str, snooze: Snooze | None) -> None:
        if snooze is None:
            self._values.delete(_SNOOZE + rule_id)
            return
        text = json.dumps(
            {"until": snooze.until.isoformat(), "scheduled": snooze.scheduled.isoformat()}
        )
        self._values.set(_SNOOZE + rule_id, text)

    def get_paused_until(self) -> datetime | None:
        return _parse_time(self._values.get(_PAUSED))

    def set_paused_until(self, until: datetime | None) -> None:
        if until is None:
            self._values.delete(_PAUSED)
        else:
            self._values.set(_PAUSED, until.isoformat())

    def forget(self, rule_id: str) -> None:
        """Drop the last occurrence and any snooze kept for a rule that no longer exists."""
        self._values.delete(_LAST + rule_id)
        self._values.delete(_SNOOZE + rule_id)


_LAST: Final = "last:"
_SNOOZE: Final = "snooze:"
_PAUSED: Final = "paused_until"


def _parse_time(text: object) -> datetime | None:
    """An ISO 8601 time (naive ones taken as UTC); None when missing or not a time (logged)."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        log.warning("reminder state: %r is not a time; ignored", text[:60])
        return None
    return moment if moment.utcoffset() is not None else moment.replace(tzinfo=UTC)
