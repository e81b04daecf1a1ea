"""In-memory stores with the same shape as the real ones, for GUI tests and previews."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from backcare_desktop.core.journal import SessionRecord, to_csv
from backcare_desktop.core.routine_book import BookChange, RoutineBook
from backcare_desktop.core.settings.preferences import Preferences, PreferencesChange
from backcare_desktop.storage.notices import ReadOnlyStoreError, StoreNotice


class MemoryPreferencesStore:
    """Keeps settings in memory; `read_only=True` behaves like a newer version's file."""

    def __init__(
        self,
        prefs: Preferences,
        notices: list[StoreNotice] | None = None,
        read_only: bool = False,
    ) -> None:
        self.prefs = prefs
        self.saves = 0
        self._notices = list(notices or [])
        self._read_only = read_only

    @property
    def read_only(self) -> bool:
        return self._read_only

    def load(self) -> tuple[Preferences, list[StoreNotice]]:
        notices, self._notices = self._notices, []
        return self.prefs, notices

    def apply(self, change: PreferencesChange) -> Preferences:
        """Like PreferencesStore.apply: the change meets the latest settings, not a copy."""
        if self._read_only:
            raise ReadOnlyStoreError("this settings store is read-only")
        self.prefs = change(self.prefs)
        self.saves += 1
        return self.prefs


class MemoryJournalStore:
    """Keeps session records in memory."""

    def __init__(self, records: list[SessionRecord] | None = None, read_only: bool = False) -> None:
        self.records = list(records or [])
        self._read_only = read_only

    @property
    def read_only(self) -> bool:
        return self._read_only

    def load(self) -> tuple[list[SessionRecord], list[StoreNotice]]:
        return sorted(self.records, key=lambda r: r.started_at), []

    def all(self) -> list[SessionRecord]:
        return self.load()[0]

    def add(self, record: SessionRecord) -> None:
        if self._read_only:
            raise ReadOnlyStoreError("this journal store is read-only")
        self.records.append(record)

    def update(self, record: SessionRecord) -> bool:
        if self._read_only:
            raise ReadOnlyStoreError("this journal store is read-only")
        for index, kept in enumerate(self.records):
            if kept.id == record.id:
                self.records[index] = record
                return True
        return False

    def add_many(self, records: Iterable[SessionRecord]) -> int:
        added = list(records)
        for record in added:
            self.add(record)
        return len(added)

    def delete_all(self) -> None:
        if self._read_only:
            raise ReadOnlyStoreError("this journal store is read-only")
        self.records.clear()

    def export_csv(self, path: Path) -> int:
        path.write_text(to_csv(self.records), encoding="utf-8")
        return len(self.records)


class MemoryRoutineStore:
    """The person's routines in memory, with the same change semantics as RoutineStore."""

    def __init__(self, book: RoutineBook | None = None, read_only: bool = False) -> None:
        self.book = book or RoutineBook()
        self._read_only = read_only

    @property
    def read_only(self) -> bool:
        return self._read_only

    def load(self) -> tuple[RoutineBook, list[StoreNotice]]:
        return self.book, []

    def apply(self, change: BookChange) -> RoutineBook:
        if self._read_only:
            raise ReadOnlyStoreError("in-memory routines are read-only")
        self.book = change(self.book)
        return self.book
