"""Killed at any instant, the stores hold the previous state or the new one — never a mix.

A child process saves settings and adds journal sessions in a loop, telling the parent through
a pipe before ("B") and after ("D") each write, with a sequence number. The parent kills it
with SIGKILL at a random moment, then opens fresh stores and checks, for each file:
- the last write the child finished must be there;
- a write the child had begun but not finished may be there or not, nothing in between;
- nothing is reported as damaged, and no leftover temp file survives the next open.

Children are forked from the test process (storage and core already imported), so each of the
200+ runs costs milliseconds, not an interpreter start-up.
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.journal import SessionRecord
from backcare_desktop.core.settings.preferences import Preferences
from backcare_desktop.storage.journal_store import JournalStore
from backcare_desktop.storage.store import PreferencesStore

KILLS = 220
SEED = 20260105


@dataclass
class Disk:
    """What the parent knows must be on disk: last settings number and journal length."""

    settings: int = 0
    sessions: int = 0


def _settings_number(prefs: Preferences) -> int:
    return int(prefs.music_track.removeprefix("seq-")) if prefs.music_track else 0


def _child(
    folder: Path,
    defaults: Preferences,
    start: Disk,
    make_record: Callable[[int], SessionRecord],
    pipe: int,
) -> None:  # pragma: no cover - runs in the forked child
    clock = FakeClock()
    settings = PreferencesStore(folder / "preferences.json", defaults, clock)
    journal = JournalStore(folder, clock)
    number, sessions = start.settings, start.sessions
    while True:
        number += 1
        os.write(pipe, f"P B {number}\n".encode())
        settings.apply(lambda _old, n=number: defaults.with_changes(music_track=f"seq-{n}"))
        os.write(pipe, f"P D {number}\n".encode())
        sessions += 1
        os.write(pipe, f"J B {sessions}\n".encode())
        journal.add(make_record(sessions))
        os.write(pipe, f"J D {sessions}\n".encode())


def _read_lines(fd: int, until_events: int, timeout: float) -> tuple[list[str], bool]:
    """Read the child's lines until `until_events` have arrived (or EOF / timeout)."""
    buffer = b""
    deadline = time.monotonic() + timeout
    while buffer.count(b"\n") < until_events:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            return buffer.decode().splitlines(), True
        buffer += chunk
    return buffer.decode().splitlines(), False


def _drain(fd: int) -> list[str]:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks).decode().splitlines()


def _allowed(before: int, lines: list[str], kind: str) -> set[int]:
    """The states the file may hold after the kill, from the child's own account."""
    events = [line.split() for line in lines if line.startswith(kind)]
    if not events:
        return {before}
    _, phase, number = events[-1]
    return {int(number)} if phase == "D" else {int(number) - 1, int(number)}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")
def test_killed_writers_leave_the_old_or_the_new_state(
    tmp_path: Path, defaults: Preferences, make_record: Callable[[int], SessionRecord]
) -> None:
    rng = random.Random(SEED)
    disk = Disk()
    mid_write = 0
    started = time.monotonic()
    for _ in range(KILLS):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            os.close(read_end)
            try:
                _child(tmp_path, defaults, disk, make_record, write_end)
            finally:
                os._exit(1)
        os.close(write_end)
        lines, ended = _read_lines(read_end, rng.randint(0, 8), timeout=10)
        assert not ended, f"the writer stopped by itself: {lines[-3:]}"
        time.sleep(rng.uniform(0, 0.003))  # land anywhere, often inside a write
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        lines += _drain(read_end)
        os.close(read_end)
        mid_write += bool(lines) and lines[-1].split()[1] == "B"

        prefs, notices = PreferencesStore(tmp_path / "preferences.json", defaults).load()
        records, journal_notices = JournalStore(tmp_path).load()
        assert notices == [] and journal_notices == []
        assert _settings_number(prefs) in _allowed(disk.settings, lines, "P")
        assert len(records) in _allowed(disk.sessions, lines, "J")
        assert sorted(int(r.id) for r in records) == list(range(1, len(records) + 1))
        assert not list(tmp_path.glob(".*.tmp"))
        disk = Disk(_settings_number(prefs), len(records))

    elapsed = time.monotonic() - started
    print(f"\n{KILLS} kills in {elapsed:.1f} s; {mid_write} landed between begin and done")
    assert disk.settings > KILLS / 2 and disk.sessions > KILLS / 2
    assert mid_write > KILLS / 4
