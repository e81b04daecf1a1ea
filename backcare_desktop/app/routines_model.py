"""The person's own routines and stars while the app runs: one model every view reads.

Home, the tray, the default-routine setting, the reminders, the body map and the editor all
show the same routines in the same order. They read `library()` from here and re-read it on
`changed`, so a routine saved in the editor, starred on Home or imported from a file appears
everywhere at once, with no view holding its own copy that could go stale.

Every change is a `routine_book` change applied on the job runner to the routines file as it
is on disk, under its lock (`RoutineStore.apply`): a routine that `backcare routine import`
has just added is kept, never overwritten by a stale book. The answer, the book as written,
becomes the model's state on the GUI thread.

Made at start, but the routine-book code is imported only once the person has routines of
their own or changes one: a first start reads nothing and builds nothing more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from backcare_desktop.app.translate import tr

if TYPE_CHECKING:
    from pathlib import Path

    from backcare_desktop.app.jobs import Failed, QueuedJobs
    from backcare_desktop.core.routine import Library
    from backcare_desktop.core.routine_book import BookChange, RoutineBook
    from backcare_desktop.core.routine_draft import RoutineDraft

log = logging.getLogger(__name__)


class BookFile(Protocol):
    """The routines file as the model needs it (RoutineStore, or a test's in-memory one)."""

    def apply(self, change: BookChange) -> RoutineBook: ...


class RoutinesModel(QObject):
    """See the module docstring. `problem` carries plain words for the status bar."""

    changed = Signal()
    problem = Signal(str)

    def __init__(
        self,
        built_in: Library,
        book: RoutineBook | None,
        store: Callable[[], BookFile],
        jobs: QueuedJobs,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.built_in = built_in
        self._book = book  # None: no routines file, so nothing of the person's own yet
        self._library = built_in if book is None else _with_own(built_in, book)
        self._store = store  # opened on the first change: reading needs no store at all
        self._jobs = jobs

    def library(self) -> Library:
        """The built-in routines and the person's own, favourites first (Home's order)."""
        return self._library

    def book(self) -> RoutineBook:
        if self._book is None:
            from backcare_desktop.core.routine_book import RoutineBook

            self._book = RoutineBook()
        return self._book

    @property
    def has_marks(self) -> bool:
        """The person has routines of their own or stars (Home shows marks on its cards)."""
        return self._book is not None and bool(self._book.own or self._book.favourites)

    def taken_ids(self) -> frozenset[str]:
        """Every id in use, so a new or copied routine gets one of its own."""
        return self.book().ids | {routine.id for routine in self.built_in.routines}

    def is_own(self, routine_id: str) -> bool:
        return self._book is not None and self._book.find(routine_id) is not None

    def is_favourite(self, routine_id: str) -> bool:
        return self._book is not None and routine_id in self._book.favourites

    def draft(self, routine_id: str) -> RoutineDraft | None:
        """The person's routine as they wrote it (None for a built-in or unknown id)."""
        return None if self._book is None else self._book.find(routine_id)

    def save(self, draft: RoutineDraft, done: Callable[[str], None] | None = None) -> None:
        """Add the routine, or replace the person's routine with its id (an edit);
        `done(id)` follows once it is on disk and the views have been told."""
        from backcare_desktop.core.routine_book import adding

        self.apply(
            adding(draft),
            tr("saving your routine"),
            None if done is None else lambda _book: done(draft.id),
        )

    def remove(self, routine_id: str) -> None:
        from backcare_desktop.core.routine_book import removing

        self.apply(removing(routine_id), tr("removing your routine"))

    def star(self, routine_id: str, starred: bool) -> None:
        from backcare_desktop.core.routine_book import starring

        self.apply(starring(routine_id, starred), tr("starring the routine"))

    def apply(
        self,
        change: BookChange,
        what: str,
        done: Callable[[RoutineBook], None] | None = None,
        failed: Failed | None = None,
    ) -> None:
        """Apply `change` to the file on the job runner; the book as written becomes the
        model's. A failure keeps the model as it was and is said in plain words (to
        `failed` when given, else through `problem`)."""

        def written(book: RoutineBook) -> None:
            self.adopt(book)
            if done is not None:
                done(book)

        def refused(reason: str) -> None:
            words = tr("Your routines could not be saved (%1): %2", what, reason)
            if failed is not None:
                failed(words)
            else:
                self.problem.emit(words)

        self._jobs.submit(lambda: self._store().apply(change), written, refused, what=what)

    def import_file(
        self, path: Path, done: Callable[[str], None], failed: Callable[[str], None]
    ) -> None:
        """Read, check and keep a routine file (docs/routine-format.md) on the job runner:
        `done(name)` once it is the person's, else `failed(words)` naming the problem, and
        nothing was kept. Its id is chosen against the book on disk, under the lock."""
        built_in = self.built_in

        def kept(book: RoutineBook) -> None:
            self.adopt(book)
            done(book.own[-1].name if book.own else "")

        def job() -> RoutineBook:
            from backcare_desktop.core.routine_book import adding, for_import
            from backcare_desktop.core.routine_file import read_bytes

            draft = read_bytes(_read_limited(path), built_in, path.name)
            taken = {routine.id for routine in built_in.routines}
            return self._store().apply(lambda book: adding(for_import(draft, book, taken))(book))

        self._jobs.submit(job, kept, failed, what="importing a routine")

    def export_file(
        self,
        routine_id: str,
        path: Path,
        done: Callable[[Path], None],
        failed: Callable[[str], None],
    ) -> None:
        """Write the routine to `path` in the routine file format, on the job runner; a
        built-in routine is written the same way, ready to be edited and imported."""
        from backcare_desktop.core.routine_draft import draft_of
        from backcare_desktop.core.routine_file import to_bytes

        draft = self.draft(routine_id) or draft_of(self._library.routine(routine_id))
        data = to_bytes(draft)

        def job() -> Path:
            from backcare_desktop.storage.atomic import write_atomically

            write_atomically(path, data)
            return path

        self._jobs.submit(job, done, failed, what="exporting a routine")

    def adopt(self, book: RoutineBook) -> None:
        """Take `book` as the person's routines (written by this run, or read anew)."""
        if book == self._book:
            return
        self._book = book
        self._library = _with_own(self.built_in, book)
        log.info("routines: %d of your own, %d starred", len(book.own), len(book.favourites))
        self.changed.emit()


def _read_limited(path: Path) -> bytes:
    """The file's bytes, never more than one past the format's limit (a huge file is
    refused by the reader, which says so, without being read whole)."""
    from backcare_desktop.core.routine_file import MAX_FILE_BYTES

    with path.open("rb") as file:
        return file.read(MAX_FILE_BYTES + 1)


def _with_own(built_in: Library, book: RoutineBook) -> Library:
    from backcare_desktop.core.routine_book import with_own

    return with_own(built_in, book)
