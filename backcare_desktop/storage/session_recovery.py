"""The running session's place on disk (`session-in-progress.json` in the data folder).

Written whole-or-nothing at each step boundary and pause, removed when the session is
journaled; so a file found at start means BackCare ended without journaling a session (a
crash, a kill, a power cut) and the person can be offered it back. One BackCare runs per
person (app/single_instance.py), so no lock is needed. A file that cannot be read is moved
aside, as every store does, and the person is told: it is never a reason not to start.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path
from typing import Final

from backcare_desktop.core.clock import Clock, SystemClock
from backcare_desktop.core.content.fields import ContentError
from backcare_desktop.core.session_snapshot import (
    SessionSnapshot,
    snapshot_from_dict,
    snapshot_to_dict,
)
from backcare_desktop.paths import AppPaths
from backcare_desktop.storage.atomic import (
    UnreadableFileError,
    fsync_folder,
    read_json_object,
    write_atomically,
)
from backcare_desktop.storage.notices import StoreNotice
from backcare_desktop.storage.store_file import StoreFile, moved_notice

log = logging.getLogger(__name__)

RECOVERY_FILE: Final = "session-in-progress.json"


class SessionRecoveryFile:
    """Write, read back and clear the snapshot of the session in progress."""

    def __init__(self, folder: Path, clock: Clock | None = None) -> None:
        self.path = folder / RECOVERY_FILE
        self._clock = clock or SystemClock()

    @classmethod
    def in_data_dir(cls, paths: AppPaths, clock: Clock | None = None) -> SessionRecoveryFile:
        return cls(paths.data_dir, clock)

    def write(self, snapshot: SessionSnapshot) -> None:
        text = json.dumps(snapshot_to_dict(snapshot), ensure_ascii=False, indent=1)
        write_atomically(self.path, text.encode("utf-8"))

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
            fsync_folder(self.path.parent)

    def read(self) -> tuple[SessionSnapshot | None, StoreNotice | None]:
        """The session cut short last time, if any; a damaged file is moved aside and
        described in the notice."""
        try:
            data = read_json_object(self.path)
            if data is None:
                return None, None
            return snapshot_from_dict(data, self.path.name), None
        except (UnreadableFileError, ContentError) as problem:
            log.warning("the unfinished session cannot be read: %s", problem)
        moved = StoreFile(self.path, self._clock).move_aside()
        return None, moved_notice(
            "BackCare could not read where your last session stopped, so it cannot offer it back.",
            moved,
        )
