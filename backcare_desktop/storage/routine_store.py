"""The person's own routines and their stars on disk, in routines.json, losing nothing.

The file has two TinyDB tables: "routines", one document per routine in the routine file
format (core/routine_file.py, versioned on its own), and "meta", one document holding the
file's `schema_version` and the starred routine ids. Every change re-reads the file under its
lock and applies a change to the book found there (store.py does the same for settings), so
the app and `backcare routine ...` never overwrite each other.

Nothing is lost:
- an unreadable file is renamed aside (`routines.corrupt-<time>.json`) and the book starts
  empty, with a notice for the person;
- a routine that can no longer be read (a later BackCare removed one of its techniques) is
  left out, and the file's original is kept aside before it is rewritten, with a notice;
- a file from a newer BackCare is read as well as possible and never written: the store turns
  read-only and says so;
- a routine written under older content is mended (core.routine_rules.mend: a duration moved
  into the technique's current bounds), so an upgrade does not cost the person a routine.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final, Protocol

from tinydb.table import Document

from backcare_desktop.core.clock import Clock, SystemClock
from backcare_desktop.core.content.fields import ContentError, is_storable
from backcare_desktop.core.routine import Library
from backcare_desktop.core.routine_book import BookChange, RoutineBook
from backcare_desktop.core.routine_draft import RoutineDraft, is_own
from backcare_desktop.core.routine_file import (
    RoutineFileError,
    checked,
    parse_value,
    to_document,
)
from backcare_desktop.core.routine_rules import mend
from backcare_desktop.paths import AppPaths
from backcare_desktop.storage.atomic import UnreadableFileError
from backcare_desktop.storage.lock import DEFAULT_TIMEOUT_S, FileLock
from backcare_desktop.storage.notices import NoticeKind, ReadOnlyStoreError, StoreNotice
from backcare_desktop.storage.store_file import (
    SINGLE_DOC_ID,
    StoreFile,
    first_document,
    moved_notice,
)

log = logging.getLogger(__name__)

ROUTINES_FILE: Final = "routines.json"
SCHEMA_VERSION: Final = 1


class RoutineSource(Protocol):
    """What the app and the command line need from the person's routines (RoutineStore, or
    MemoryRoutineStore in tests)."""

    @property
    def read_only(self) -> bool: ...
    def load(self) -> tuple[RoutineBook, list[StoreNotice]]: ...
    def apply(self, change: BookChange) -> RoutineBook: ...


class RoutineStore:
    """The person's routines in routines.json (see the module's docstring)."""

    TABLE: Final = "routines"
    META: Final = "meta"

    def __init__(
        self,
        path: Path,
        library: Library,
        clock: Clock | None = None,
        lock_timeout: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        lock = FileLock(path.with_name(path.name + ".lock"), lock_timeout)
        self._file = StoreFile(path, clock or SystemClock(), indent=2, lock=lock)
        self._library = library
        self._read_only = False
        self._notices: list[StoreNotice] = []

    @classmethod
    def in_data_dir(
        cls, paths: AppPaths, library: Library, clock: Clock | None = None
    ) -> RoutineStore:
        return cls(paths.data_dir / ROUTINES_FILE, library, clock)

    @property
    def path(self) -> Path:
        return self._file.path

    @property
    def read_only(self) -> bool:
        """True once a newer BackCare's file was found: then `apply` refuses to write."""
        return self._read_only

    def load(self) -> tuple[RoutineBook, list[StoreNotice]]:
        """The person's routines and stars, and notices about anything that needed care.
        Never raises for bad content (see the module's docstring)."""
        with self._file.locked():
            book = self._read()
        return book, self.take_notices()

    def apply(self, change: BookChange) -> RoutineBook:
        """Apply one change to the book as it is on disk now, in one locked step; returns the
        book as written. Raises ReadOnlyStoreError for a newer version's file,
        LockTimeoutError when another program holds the lock too long, and whatever `change`
        raises (KeyError for a routine that is not there); nothing is written then."""
        self._refuse_if_read_only()
        with self._file.locked():
            current = self._read()
            self._refuse_if_read_only()
            changed = change(current)
            self._write(changed)
        return changed

    def take_notices(self) -> list[StoreNotice]:
        notices, self._notices = self._notices, []
        return notices

    def _refuse_if_read_only(self) -> None:
        if self._read_only:
            raise ReadOnlyStoreError(f"{self.path} belongs to a newer BackCare; not writing")

    def _read(self) -> RoutineBook:
        try:
            data = self._file.read((self.TABLE, self.META))
        except UnreadableFileError:
            moved = self._file.move_aside()
            self._notices.append(moved_notice(_UNREADABLE, moved))
            return RoutineBook()
        meta = first_document(data, self.META) or {}
        version = meta.get("schema_version", SCHEMA_VERSION)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            moved = self._file.move_aside()
            self._notices.append(moved_notice(_UNREADABLE, moved))
            return RoutineBook()
        if version > SCHEMA_VERSION and not self._read_only:
            self._read_only = True
            self._notices.append(StoreNotice(NoticeKind.READ_ONLY, _NEWER))
        documents: dict[str, Any] = (data or {}).get(self.TABLE) or {}
        drafts, skipped = self._drafts(documents.items())
        favourites = _favourites(meta.get("favourites"))
        if (skipped or self._file.storage.holds_unsavable_text()) and not self._read_only:
            self._set_aside_and_keep(drafts, favourites, skipped)
        return RoutineBook(tuple(drafts), favourites)

    def _drafts(self, documents: Iterable[tuple[str, Any]]) -> tuple[list[RoutineDraft], int]:
        drafts: list[RoutineDraft] = []
        skipped = 0
        seen: set[str] = set()
        ordered = sorted(documents, key=lambda item: int(item[0]))
        for key, raw in ordered:
            try:
                draft = _read_stored(raw, self._library, f"{ROUTINES_FILE}[{key}]")
            except (ContentError, RoutineFileError) as error:
                log.warning("a routine of your own could not be read: %s", error)
                skipped += 1
                continue
            if draft.id in seen or not is_own(draft.id):
                log.warning("routines: left out a routine with the id %r", draft.id)
                skipped += 1
                continue
            seen.add(draft.id)
            drafts.append(draft)
        return drafts, skipped

    def _set_aside_and_keep(
        self, drafts: list[RoutineDraft], favourites: frozenset[str], skipped: int
    ) -> None:
        try:
            kept_at = self._file.repair(_document(drafts, favourites))
        except OSError as error:
            log.warning("routines.json could not be repaired: %s", error)
            return
        message = _SKIPPED if skipped else _UNSAVABLE
        self._notices.append(moved_notice(message, kept_at))

    def _write(self, book: RoutineBook) -> None:
        self._file.storage.write(_document(book.own, book.favourites))


def _read_stored(raw: object, library: Library, file: str) -> RoutineDraft:
    """A stored routine, mended to this version's content, then checked like an import."""
    return checked(mend(parse_value(raw, file), library), library, file)


def _favourites(raw: object) -> frozenset[str]:
    if not isinstance(raw, list):
        return frozenset()
    return frozenset(item for item in raw if isinstance(item, str) and is_storable(item))


def _document(drafts: Iterable[RoutineDraft], favourites: frozenset[str]) -> dict[str, Any]:
    routines = {
        str(index): Document(to_document(draft), doc_id=index)
        for index, draft in enumerate(drafts, start=1)
    }
    meta = {"schema_version": SCHEMA_VERSION, "favourites": sorted(favourites)}
    return {
        RoutineStore.TABLE: routines,
        RoutineStore.META: {str(SINGLE_DOC_ID): meta},
    }


_UNREADABLE: Final = "Your own routines could not be read, so BackCare has started without them."
_SKIPPED: Final = "Some of your own routines could not be read and were left out."
_UNSAVABLE: Final = "Some text in your own routines could not be kept and was left out."
_NEWER: Final = (
    "Your own routines were saved by a newer version of BackCare. So that nothing is lost, "
    "this version will not change them."
)
