"""The reminder scheduler's memory, kept in memory and written on the app's job runner.

The scheduler notes each reminder it dealt with, each snooze and a pause as they happen, on the
GUI thread; writing them straight to the state file took its lock and wrote TinyDB there. Here
every write updates a copy in memory at once (so the next read sees it) and is queued on the
runner that saves the settings: the writes land in the order they were made, and quitting
waits for them with the settings (`Persistence.wait_for_saves`). The app is the only writer of
this file (one instance; `backcare remind next` only reads it), so the copy cannot go stale.
A value is read from the file once, the first time it is asked for; a write that fails is
logged and costs at most one repeated reminder. The file's store is not made for two threads
at once, so such a first read and the worker's writes take turns (`_turn`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from backcare_desktop.core.reminders.state import ReminderStateStore, Snooze
from backcare_desktop.storage.notices import StoreNotice


class WriteJobs(Protocol):
    """Runs writes one after another, off the GUI thread (the app's JobRunner)."""

    def submit(self, job: Callable[[], None], *, what: str = ...) -> None: ...


class NoticedStateStore(ReminderStateStore, Protocol):
    """The state file, which can also say it had to be set aside."""

    def take_notices(self) -> list[StoreNotice]: ...


_UNREAD = object()


class QueuedReminderState:
    """A ReminderStateStore whose writes run on `jobs`, in order, never on the caller's thread."""

    def __init__(self, file: NoticedStateStore, jobs: WriteJobs) -> None:
        self._file = file
        self._jobs = jobs
        self._last: dict[str, datetime | None] = {}
        self._snoozes: dict[str, Snooze | None] = {}
        self._paused: datetime | object | None = _UNREAD
        self._turn = threading.Lock()

    def get(self, rule_id: str) -> datetime | None:
        if rule_id not in self._last:
            with self._turn:
                self._last[rule_id] = self._file.get(rule_id)
        return self._last[rule_id]

    def set(self, rule_id: str, when: datetime) -> None:
        self._last[rule_id] = when
        self._write(lambda: self._file.set(rule_id, when))

    def get_snooze(self, rule_id: str) -> Snooze | None:
        if rule_id not in self._snoozes:
            with self._turn:
                self._snoozes[rule_id] = self._file.get_snooze(rule_id)
        return self._snoozes[rule_id]

    def set_snooze(self, rule_id: str, snooze: Snooze | None) -> None:
        self._snoozes[rule_id] = snooze
        self._write(lambda: self._file.set_snooze(rule_id, snooze))

    def get_paused_until(self) -> datetime | None:
        if self._paused is _UNREAD:
            with self._turn:
                self._paused = self._file.get_paused_until()
        return self._paused if isinstance(self._paused, datetime) else None

    def set_paused_until(self, until: datetime | None) -> None:
        self._paused = until
        self._write(lambda: self._file.set_paused_until(until))

    def forget(self, rule_id: str) -> None:
        self._last[rule_id] = None
        self._snoozes[rule_id] = None
        self._write(lambda: self._file.forget(rule_id))

    def take_notices(self) -> list[StoreNotice]:
        """What the file had to say (a damaged file set aside), once."""
        with self._turn:
            return self._file.take_notices()

    def _write(self, job: Callable[[], None]) -> None:
        def in_turn() -> None:
            with self._turn:
                job()

        self._jobs.submit(in_turn, what="saving what the reminders remember")
