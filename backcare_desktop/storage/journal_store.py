"""The practice journal on disk: one small TinyDB file per year, so saving stays quick.

TinyDB rewrites a whole file on every change. Ten years of daily sessions in one file would
make each save re-encode a megabyte; a file per year (`journal-2026.json`, the year of the
session's own start time) keeps a save to one year's worth. Each yearly file holds the
table "sessions" (one document per session) and "meta" (its schema version). All yearly files
share one lock (journal.lock), so a read sees every year as of one moment.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from tinydb import Query, TinyDB
from tinydb.table import Document

from backcare_desktop.core.clock import Clock, SystemClock
from backcare_desktop.core.content.fields import ContentError, readable
from backcare_desktop.core.journal import SessionRecord, record_from_dict, record_to_dict, to_csv
from backcare_desktop.paths import AppPaths
from backcare_desktop.storage.atomic import (
    UnreadableFileError,
    fsync_folder,
    remove_stale_temp_files,
    write_atomically,
)
from backcare_desktop.storage.lock import FileLock
from backcare_desktop.storage.notices import NoticeKind, ReadOnlyStoreError, StoreNotice
from backcare_desktop.storage.store_file import (
    SINGLE_DOC_ID,
    StoreFile,
    first_document,
    moved_notice,
)

log = logging.getLogger(__name__)

JOURNAL_SCHEMA_VERSION: Final = 1
JOURNAL_PREFIX: Final = "journal"
_JOURNAL_META: Final = {"schema_version": JOURNAL_SCHEMA_VERSION}
_YEAR_FILE = re.compile(rf"{JOURNAL_PREFIX}-([0-9]{{4}})\.json")
_NEWER_JOURNAL: Final = (
    "Your practice journal was saved by a newer version of BackCare. So that nothing is lost, "
    "this version only reads it and will not add new sessions to it."
)


class JournalStore:
    """Session records in yearly files inside `folder` (the app's data folder)."""

    TABLE: Final = "sessions"
    META: Final = "meta"

    def __init__(self, folder: Path, clock: Clock | None = None) -> None:
        self.folder = folder
        self._clock = clock or SystemClock()
        self._lock = FileLock(folder / f"{JOURNAL_PREFIX}.lock")
        self._files: dict[int, StoreFile] = {}
        self._read_only = False
        self._notices: list[StoreNotice] = []
        self._swept = False

    @classmethod
    def in_data_dir(cls, paths: AppPaths, clock: Clock | None = None) -> JournalStore:
        return cls(paths.data_dir, clock)

    @property
    def read_only(self) -> bool:
        """True once a year's file from a newer BackCare was found: then nothing is written."""
        return self._read_only

    def year_file(self, year: int) -> Path:
        return self.folder / f"{JOURNAL_PREFIX}-{year:04d}.json"

    def load(self) -> tuple[list[SessionRecord], list[StoreNotice]]:
        """All readable sessions, oldest first, and notices. An unreadable file is moved aside;
        a file with entries that cannot be read keeps its original aside and is rewritten with
        the good ones, so the person is told once and the next save writes valid data."""
        records: list[SessionRecord] = []
        with self._lock:
            for year in self._years_on_disk():
                records.extend(self._checked_year(year)[1])
        records.sort(key=lambda r: r.started_at)
        return records, self.take_notices()

    def all(self) -> list[SessionRecord]:
        """`load` without the notices (they are logged)."""
        records, notices = self.load()
        for notice in notices:
            log.info("journal: %s", notice.message)
        return records

    def add(self, record: SessionRecord) -> None:
        """Append one session; raises ReadOnlyStoreError for a newer version's journal."""
        self._refuse_if_read_only()
        year = record.started_at.year
        with self._lock:
            database = self._writable_year(year)
            database.table(self.TABLE).insert(record_to_dict(record))

    def update(self, record: SessionRecord) -> bool:
        """Replace the stored session with `record`'s id by `record` (a rating given after
        the session was recorded); returns False when no such session is on disk. Applied to
        the year's file as it is now, under the lock, so sessions added meanwhile by another
        BackCare are kept."""
        self._refuse_if_read_only()
        with self._lock:
            for year in sorted({record.started_at.year, *self._years_on_disk()}, reverse=True):
                if not self.year_file(year).exists():
                    continue
                table = self._writable_year(year).table(self.TABLE)
                if table.update(record_to_dict(record), Query().id == record.id):
                    return True
        return False

    def add_many(self, records: Iterable[SessionRecord]) -> int:
        """Add many sessions with one write per year (imports, seeding); returns how many."""
        self._refuse_if_read_only()
        by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for record in records:
            by_year[record.started_at.year].append(record_to_dict(record))
        with self._lock:
            for year, documents in sorted(by_year.items()):
                self._writable_year(year).table(self.TABLE).insert_multiple(documents)
        return sum(len(documents) for documents in by_year.values())

    def delete_all(self) -> None:
        """Forget every session: each year's file is removed (the GUI confirms first).

        Files that were moved aside as unreadable are kept; they are the person's to delete.
        """
        self._refuse_if_read_only()
        with self._lock:
            years = self._years_on_disk()
            for year in years:
                self._checked_data(year)
            self._refuse_if_read_only()
            for year in years:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.year_file(year))
                self._file(year).storage.close()
            fsync_folder(self.folder)

    def export_csv(self, path: Path) -> int:
        """Write all readable sessions to `path` as CSV (replacing it); returns how many."""
        records = self.all()
        write_atomically(path, to_csv(records).encode("utf-8"))
        return len(records)

    def take_notices(self) -> list[StoreNotice]:
        """Notices gathered since last asked (`load` returns them itself)."""
        notices, self._notices = self._notices, []
        return notices

    def _refuse_if_read_only(self) -> None:
        if self._read_only:
            raise ReadOnlyStoreError(f"the journal in {self.folder} belongs to a newer BackCare")

    def _years_on_disk(self) -> list[int]:
        """The years with a file (call while locked); clears a killed writer's temp files once,
        including those of a year whose first file never got written."""
        if not self._swept:
            remove_stale_temp_files(self.folder / f"{JOURNAL_PREFIX}-*.json")
            self._swept = True
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return []
        return sorted(int(m.group(1)) for m in map(_YEAR_FILE.fullmatch, names) if m)

    def _file(self, year: int) -> StoreFile:
        if year not in self._files:
            self._files[year] = StoreFile(self.year_file(year), self._clock, lock=self._lock)
        return self._files[year]

    def _writable_year(self, year: int) -> TinyDB:
        """A database for one year's file, checked and given its meta (call while locked)."""
        data = self._checked_data(year)
        self._refuse_if_read_only()
        database = self._file(year).database()
        if not (data or {}).get(self.META):
            database.table(self.META).insert(Document(_JOURNAL_META, doc_id=SINGLE_DOC_ID))
        return database

    def _checked_data(self, year: int) -> dict[str, Any] | None:
        """One year's data under the lock, moved aside when unreadable, repaired when some
        entries cannot be read (see `_checked_year`)."""
        return self._checked_year(year)[0]

    def _checked_year(self, year: int) -> tuple[dict[str, Any] | None, list[SessionRecord]]:
        """One year's data and its readable sessions (call while locked)."""
        store_file = self._file(year)
        with store_file.locked():
            try:
                data = store_file.read((self.TABLE, self.META))
                version = _journal_version(data)
            except UnreadableFileError:
                moved = store_file.move_aside()
                what = (
                    f"The part of your practice journal for {year} could not be read, "
                    "so those sessions are not shown."
                )
                self._notices.append(moved_notice(what, moved))
                return None, []
            if version > JOURNAL_SCHEMA_VERSION and not self._read_only:
                self._read_only = True
                self._notices.append(StoreNotice(NoticeKind.READ_ONLY, _NEWER_JOURNAL))
            sessions: dict[str, Any] = (data or {}).get(self.TABLE) or {}
            problems: list[ContentError] = []
            file = self.year_file(year).name

            def read(raw: object, key: str) -> SessionRecord:
                return record_from_dict(raw, file, f"{self.TABLE}[{key}]")

            kept = readable(sessions.items(), read, problems)
            if data is not None and (problems or store_file.storage.holds_unsavable_text()):
                data = self._repaired(year, store_file, problems, {k: sessions[k] for k, _ in kept})
        return data, [record for _, record in kept]

    def _repaired(
        self,
        year: int,
        store_file: StoreFile,
        problems: list[ContentError],
        good: dict[str, Any],
    ) -> dict[str, Any] | None:
        """Keep the original aside and write back only the good entries (unless read-only)."""
        for problem in problems[:20]:
            log.warning("journal: left out an entry that cannot be read: %s", problem)
        count = len(problems) or "Some"
        what = f"{count} session(s) in your practice journal for {year} could not be read."
        if self._read_only:
            self._notices.append(StoreNotice(NoticeKind.RECORD_SKIPPED, f"{what} Left out."))
            return None
        clean = {self.TABLE: good, self.META: {str(SINGLE_DOC_ID): dict(_JOURNAL_META)}}
        try:
            kept_at = store_file.repair(clean)
        except OSError as error:
            log.warning("journal: could not repair %s: %s", store_file.path, error)
            self._notices.append(StoreNotice(NoticeKind.RECORD_SKIPPED, f"{what} Left out."))
            return None
        self._notices.append(moved_notice(f"{what} They are left out.", kept_at))
        return clean


def _journal_version(data: dict[str, Any] | None) -> int:
    meta = first_document(data, JournalStore.META)
    if meta is None:
        return JOURNAL_SCHEMA_VERSION
    version = meta.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UnreadableFileError("the journal's schema version cannot be read")
    return version
