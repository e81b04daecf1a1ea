"""What the reminders remember between runs: last occurrences, snoozes, a pause.

Kept in its own file (reminder_state.json) so the `backcare remind` process and the GUI
never contend for the settings or the journal just to note a reminder went off.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from tinydb import Query

from backcare_desktop.core.clock import Clock, SystemClock
from backcare_desktop.core.content.fields import ContentError, readable
from backcare_desktop.core.reminders.state import (
    STATE_FILE,
    Snooze,
    read_entry,
    snooze_from_text,
    snooze_to_text,
    time_from_text,
)
from backcare_desktop.paths import AppPaths
from backcare_desktop.storage.atomic import UnreadableFileError
from backcare_desktop.storage.notices import StoreNotice
from backcare_desktop.storage.store_file import StoreFile, moved_notice

log = logging.getLogger(__name__)

REMINDER_STATE_FILE: Final = STATE_FILE


class KeyValueStore:
    """Text values under text keys in one TinyDB table, safe across processes.

    Entries are read through the shared field reader. An unreadable file is moved aside and
    the store starts empty; a file with some entries that cannot be read (wrong shapes, text
    that could never be saved) keeps its original aside and is rewritten with the good ones.
    Either way one notice is kept for the person (`take_notices`): losing when a reminder last
    fired costs at most one repeated reminder.
    """

    def __init__(self, path: Path, table: str = "values", clock: Clock | None = None) -> None:
        self._file = StoreFile(path, clock or SystemClock())
        self._table = table
        self._notices: list[StoreNotice] = []

    @property
    def path(self) -> Path:
        return self._file.path

    def get(self, key: str) -> str | None:
        return self.items().get(key)

    def items(self) -> dict[str, str]:
        """Every readable key and value."""
        with self._file.locked():
            return self._checked()

    def set(self, key: str, value: str) -> None:
        with self._file.locked():
            self._checked()
            table = self._file.database().table(self._table)
            table.upsert({"key": key, "value": value}, Query().key == key)

    def delete(self, key: str) -> None:
        with self._file.locked():
            self._checked()
            self._file.database().table(self._table).remove(Query().key == key)

    def take_notices(self) -> list[StoreNotice]:
        """Notices gathered since last asked (each damaged file is reported once)."""
        notices, self._notices = self._notices, []
        return notices

    def _checked(self) -> dict[str, str]:
        """The readable entries; the file moved aside or repaired first if it needs it."""
        try:
            data = self._file.read((self._table,))
        except UnreadableFileError:
            moved = self._file.move_aside()
            self._notices.append(moved_notice(_UNREADABLE_STATE, moved))
            return {}
        documents: dict[str, Any] = (data or {}).get(self._table) or {}
        problems: list[ContentError] = []
        kept = readable(documents.items(), lambda raw, key: read_entry(raw, f"[{key}]"), problems)
        if problems or self._file.storage.holds_unsavable_text():
            for problem in problems[:5]:
                log.warning("reminder state: %s", problem)
            clean = {self._table: {key: documents[key] for key, _ in kept}}
            try:
                kept_at = self._file.repair(clean)
            except OSError as error:
                log.warning("reminder state could not be repaired: %s", error)
            else:
                self._notices.append(moved_notice(_DAMAGED_STATE, kept_at))
        return dict(entry for _, entry in kept)


_UNREADABLE_STATE: Final = (
    "What your reminders remembered (snoozes, a pause) could not be read, so it starts afresh."
)
_DAMAGED_STATE: Final = (
    "Part of what your reminders remembered (snoozes, a pause) could not be read and was left out."
)


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
        return time_from_text(self._values.get(_LAST + rule_id))

    def set(self, rule_id: str, when: datetime) -> None:
        self._values.set(_LAST + rule_id, when.isoformat())

    def get_snooze(self, rule_id: str) -> Snooze | None:
        return snooze_from_text(self._values.get(_SNOOZE + rule_id))

    def set_snooze(self, rule_id: str, snooze: Snooze | None) -> None:
        if snooze is None:
            self._values.delete(_SNOOZE + rule_id)
            return
        self._values.set(_SNOOZE + rule_id, snooze_to_text(snooze))

    def get_paused_until(self) -> datetime | None:
        return time_from_text(self._values.get(_PAUSED))

    def set_paused_until(self, until: datetime | None) -> None:
        if until is None:
            self._values.delete(_PAUSED)
        else:
            self._values.set(_PAUSED, until.isoformat())

    def forget(self, rule_id: str) -> None:
        """Drop the last occurrence and any snooze kept for a rule that no longer exists."""
        self._values.delete(_LAST + rule_id)
        self._values.delete(_SNOOZE + rule_id)

    def take_notices(self) -> list[StoreNotice]:
        """What the person should be told about the state file (once per damaged file)."""
        return self._values.take_notices()


_LAST: Final = "last:"
_SNOOZE: Final = "snooze:"
_PAUSED: Final = "paused_until"
