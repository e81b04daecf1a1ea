"""The reminders' memory is written on the job runner: in order, off the GUI thread, and
waited for at quit."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from backcare_desktop.app.jobs import JobRunner
from backcare_desktop.app.reminders.queued_state import QueuedReminderState
from backcare_desktop.core.reminders.state import Snooze
from backcare_desktop.storage.notices import StoreNotice
from backcare_desktop.storage.reminder_state import KeyValueStore, TinyDBReminderState

EIGHT = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class HeldFile:
    """The state file while its lock is held: every write waits until `release`."""

    def __init__(self, file: TinyDBReminderState) -> None:
        self.file = file
        self.released = threading.Event()
        self.written_on: list[threading.Thread] = []

    def _held(self) -> None:
        self.written_on.append(threading.current_thread())
        if not self.released.wait(timeout=30):
            raise TimeoutError("the test never released the lock")

    def get(self, rule_id: str) -> datetime | None:
        return self.file.get(rule_id)

    def set(self, rule_id: str, when: datetime) -> None:
        self._held()
        self.file.set(rule_id, when)

    def get_snooze(self, rule_id: str) -> Snooze | None:
        return self.file.get_snooze(rule_id)

    def set_snooze(self, rule_id: str, snooze: Snooze | None) -> None:
        self._held()
        self.file.set_snooze(rule_id, snooze)

    def get_paused_until(self) -> datetime | None:
        return self.file.get_paused_until()

    def set_paused_until(self, until: datetime | None) -> None:
        self._held()
        self.file.set_paused_until(until)

    def forget(self, rule_id: str) -> None:
        self._held()
        self.file.forget(rule_id)

    def take_notices(self) -> list[StoreNotice]:
        return self.file.take_notices()


def state_file(tmp_path: Path) -> TinyDBReminderState:
    return TinyDBReminderState(KeyValueStore(tmp_path / "reminder_state.json", "reminders"))


def test_a_write_does_not_wait_for_the_file_and_is_seen_at_once(
    tmp_path: Path, qtbot: QtBot
) -> None:
    held = HeldFile(state_file(tmp_path))
    jobs = JobRunner(linger=0.1)
    state = QueuedReminderState(held, jobs)
    state.set("evening", EIGHT)  # returns although the file's lock is held
    state.set_paused_until(NINE)
    assert state.get("evening") == EIGHT and state.get_paused_until() == NINE
    qtbot.waitUntil(lambda: bool(held.written_on), timeout=5000)
    assert held.written_on[0] is not threading.main_thread()
    assert state_file(tmp_path).get("evening") is None  # not on disk yet
    held.released.set()
    assert jobs.drain(10)  # what quitting does
    assert state_file(tmp_path).get("evening") == EIGHT
    assert state_file(tmp_path).get_paused_until() == NINE


def test_writes_land_in_the_order_they_were_made(tmp_path: Path) -> None:
    jobs = JobRunner(linger=0.1)
    state = QueuedReminderState(state_file(tmp_path), jobs)
    for hour in range(6, 20):
        state.set("evening", datetime(2026, 3, 2, hour, 0, tzinfo=UTC))
    state.set_paused_until(EIGHT)
    state.set_paused_until(None)
    state.set("gone", NINE)
    state.forget("gone")
    assert jobs.drain(10)
    on_disk = state_file(tmp_path)
    assert on_disk.get("evening") == datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
    assert on_disk.get_paused_until() is None
    assert on_disk.get("gone") is None
    assert state.get("gone") is None
