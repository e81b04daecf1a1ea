"""One TinyDB file with the safety every store needs: a lock, a shape check, a way out.

A store does all its reading and writing inside `locked()`, re-reading the file there before
it changes anything, so two processes never overwrite each other's changes. A file that cannot
be read is never deleted or overwritten: it is renamed to `<name>.corrupt-<timestamp>.json`
beside the original and the store starts afresh.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from backcare_desktop.core.clock import Clock
from backcare_desktop.core.content.fields import is_storable
from backcare_desktop.storage.atomic import (
    AtomicJSONStorage,
    UnreadableFileError,
    fsync_folder,
    remove_stale_temp_files,
    write_atomically,
)
from backcare_desktop.storage.lock import FileLock
from backcare_desktop.storage.notices import NoticeKind, StoreNotice

log = logging.getLogger(__name__)

# TinyDB turns document ids into ints; anything else in a table would crash it later.
_DOC_ID = re.compile(r"0|[1-9][0-9]{0,17}")
SINGLE_DOC_ID = 1  # the id of a table's only document (settings, meta)


class StoreFile:
    """A JSON database file, its lock file and its recovery."""

    def __init__(
        self, path: Path, clock: Clock, indent: int | None = None, lock: FileLock | None = None
    ) -> None:
        """`lock` lets several files share one lock (the journal's yearly files do)."""
        self.path = path
        self.clock = clock
        self.storage = AtomicJSONStorage(path, indent=indent)
        self.lock = lock or FileLock(path.with_name(path.name + ".lock"))
        self._swept = False

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the file's lock; the first time, clear temp files a killed writer left."""
        with self.lock:
            if not self._swept:
                removed = remove_stale_temp_files(self.path)
                if removed:
                    log.info("removed %d unfinished temp file(s) beside %s", removed, self.path)
                self._swept = True
            yield

    def database(self) -> TinyDB:
        """A fresh TinyDB over the shared storage: no id or query cache outlives one operation,
        so changes made meanwhile by another process are always seen."""
        return TinyDB(storage=lambda: self.storage)

    def read(self, tables: tuple[str, ...]) -> dict[str, Any] | None:
        """The file's data (None when missing or empty); call while `locked()`.

        Raises UnreadableFileError when it is not JSON, a named table is not shaped as TinyDB
        needs (an object of objects keyed by whole numbers), or text that cannot be saved
        sits outside the named tables.
        """
        try:
            data = self.storage.read()
        except IsADirectoryError as error:  # a folder where the file should be: set it aside
            raise UnreadableFileError(f"{self.path.name} is a folder, not a file") from error
        if data is None:
            return None
        for name in tables:
            if name not in data:
                continue
            table = data[name]
            if not isinstance(table, dict):
                raise UnreadableFileError(f"{self.path.name}: '{name}' is not an object")
            for doc_id, doc in table.items():
                if not _DOC_ID.fullmatch(doc_id) or not isinstance(doc, dict):
                    raise UnreadableFileError(f"{self.path.name}: '{name}' has a damaged entry")
        if self.storage.holds_unsavable_text():
            # Inside its own tables a store leaves out or resets what cannot be saved; text
            # anywhere else would make every later write fail, so the file is set aside.
            others = {key: value for key, value in data.items() if key not in tables}
            if not is_storable(others):
                raise UnreadableFileError(f"{self.path.name} holds text that cannot be saved")
        return data

    def move_aside(self) -> Path:
        """Rename the file to `<stem>.corrupt-<timestamp>.json`; returns the new path."""
        target = self._aside_path()
        os.replace(self.path, target)
        fsync_folder(self.path.parent)
        self.storage.close()
        log.warning("%s could not be read; moved it to %s", self.path, target)
        return target

    def repair(self, clean: dict[str, Any]) -> Path:
        """Keep the file's bytes aside (as `move_aside` names them), then write `clean` in its
        place: a file with a few bad records keeps the good ones and can be saved again.
        Call while `locked()`; raises OSError when the folder cannot be written."""
        target = self._aside_path()
        write_atomically(target, self.path.read_bytes())
        self.storage.write(clean)
        log.warning(
            "%s held data that could not be used; kept the original at %s", self.path, target
        )
        return target

    def _aside_path(self) -> Path:
        stamp = self.clock.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}.json")
        counter = 2
        while target.exists():
            target = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}-{counter}.json")
            counter += 1
        return target


def first_document(data: Mapping[str, Any] | None, table: str) -> dict[str, Any] | None:
    """Document 1 of a table, else the lowest-numbered one; None for an empty table."""
    documents = (data or {}).get(table) or {}
    if not documents:
        return None
    key = str(SINGLE_DOC_ID) if str(SINGLE_DOC_ID) in documents else min(documents, key=int)
    doc: dict[str, Any] = documents[key]
    return doc


def moved_notice(what_happened: str, moved_to: Path) -> StoreNotice:
    """The notice for a file that could not be read and was kept under a new name."""
    message = f"{what_happened} Nothing was deleted: the old file is kept at {moved_to}"
    return StoreNotice(NoticeKind.MOVED_ASIDE, message, moved_to)
