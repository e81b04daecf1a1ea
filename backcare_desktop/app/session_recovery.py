"""Keeps the running session's place on disk, off the GUI thread, and finds a session the
last run could not journal, so the window can offer it back.

Every write, clear and read is queued on the app's one job runner, behind the journal's own
saves: a session journaled and then cleared is cleared only after its entry is written, so
no moment exists in which a crash would lose it from both places.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from backcare_desktop.app.jobs import JobRunner
from backcare_desktop.core.session_snapshot import SessionSnapshot
from backcare_desktop.storage.notices import StoreNotice

log = logging.getLogger(__name__)


class RecoveryFile(Protocol):
    """What SessionRecovery needs of the file (storage/session_recovery.py, or a fake)."""

    def write(self, snapshot: SessionSnapshot) -> None: ...
    def clear(self) -> None: ...
    def read(self) -> tuple[SessionSnapshot | None, StoreNotice | None]: ...


class SessionRecovery(QObject):
    """`found` carries a session cut short last time; `setAside` a damaged file's notice."""

    found = Signal(SessionSnapshot)
    setAside = Signal(StoreNotice)

    def __init__(self, file: RecoveryFile, jobs: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._file = file
        self._jobs = jobs

    def keep(self, snapshot: SessionSnapshot) -> None:
        self._jobs.submit(
            lambda: self._file.write(snapshot),
            failed=lambda reason: log.warning("the session's place was not kept: %s", reason),
            what="keeping the session's place",
        )

    def forget(self) -> None:
        self._jobs.submit(
            self._file.clear,
            failed=lambda reason: log.warning("the session's place stays on disk: %s", reason),
            what="clearing the session's place",
        )

    def look(self) -> None:
        """Read the file left by the last run; `found` or `setAside` follow on the GUI thread."""
        self._jobs.submit(
            self._file.read, done=self._read, what="looking for an unfinished session"
        )

    def _read(self, result: tuple[SessionSnapshot | None, StoreNotice | None]) -> None:
        snapshot, notice = result
        if notice is not None:
            self.setAside.emit(notice)
        if snapshot is not None:
            self.found.emit(snapshot)
