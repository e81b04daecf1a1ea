"""Where the app meets storage: load preferences at start, journal each session as it ends.

Kept apart from the views so that no page ever touches a store: pages emit intents, this
module turns them into saved records. Every write and every journal read goes through one
`JobRunner`, so the GUI thread never waits on a lock or a disk, and saves land in the order
they were made. Loading the settings at start stays on the calling thread: nothing can be
shown before they are known.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

from backcare_desktop.app.jobs import JobRunner, plain_reason
from backcare_desktop.app.preferences_model import PreferencesModel, Remembered, SaveProblem
from backcare_desktop.app.translate import tr
from backcare_desktop.core.routine import Library
from backcare_desktop.core.settings.preferences import Preferences, PreferencesChange
from backcare_desktop.paths import AppPaths
from backcare_desktop.storage.notices import NoticeKind, StoreNotice
from backcare_desktop.storage.store import PreferencesStore, shipped_defaults

if TYPE_CHECKING:
    from pathlib import Path

    from backcare_desktop.app.routines_model import RoutinesModel
    from backcare_desktop.core.journal import SessionRecord
    from backcare_desktop.core.routine_book import RoutineBook
    from backcare_desktop.core.session import SessionOutcome, SessionRating
    from backcare_desktop.storage.journal_store import JournalStore
    from backcare_desktop.storage.routine_store import RoutineStore
    from backcare_desktop.storage.store import JournalSource

log = logging.getLogger(__name__)

ROUTINES_FILE: Final = "routines.json"  # storage.routine_store's, named here to stay unimported

T = TypeVar("T")
QUIT_WAIT_SECONDS = 5.0
"""How long quitting waits for pending saves (a save normally takes a few milliseconds)."""
BUSY_ATTEMPTS = 30
"""How many times a save waits out the lock's timeout before it is reported as failed."""


class SettingsFile(Protocol):
    """The settings store as the writer needs it (PreferencesStore, or a test's fake)."""

    def apply(self, change: PreferencesChange) -> object: ...


class QueuedPreferencesWriter(QObject):
    """Applies settings changes to the file on disk, off the GUI thread and in order.

    Each change is applied to the latest settings on disk under the file's lock
    (`PreferencesStore.apply`), so a reminder a `backcare remind` process just added is kept.
    A lock another program holds past its timeout is waited out on the worker, where waiting
    blocks nothing the person sees: the change is neither dropped nor overtaken by a later one,
    and `busy` says once that it is on its way. A failure comes back on the GUI thread as
    `failed` (plain words for the status bar); a change on disk as `written(change)`, so the
    model stops keeping it on top of what other processes save.
    """

    failed = Signal(str)
    busy = Signal(str)
    written = Signal(object)  # the PreferencesChange now on disk (a function: no class to name)

    def __init__(self, store: SettingsFile, jobs: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._jobs = jobs

    def apply(self, change: PreferencesChange) -> None:
        remembered = isinstance(change, Remembered)  # the person changed nothing: only logged
        self._jobs.submit(
            lambda: self._write(change),
            done=lambda _none: self.written.emit(change),
            failed=self._forget if remembered else self.failed.emit,
            what="remembering a setting" if remembered else "saving settings",
        )

    def _write(self, change: PreferencesChange) -> None:
        """On the worker: write `change`, trying again while the lock stays busy."""
        for attempt in range(1, BUSY_ATTEMPTS + 1):
            try:
                self._store.apply(change)
                return
            except TimeoutError as error:
                if attempt == BUSY_ATTEMPTS:
                    raise
                if attempt == 1 and not isinstance(change, Remembered):
                    self.busy.emit(plain_reason(error))  # queued to the GUI thread

    def _forget(self, words: str) -> None:
        log.info("a remembered setting could not be written: %s", words)


class QueuedJournal:
    """The journal as the Progress page uses it: every call queued on the job runner.

    `read` also runs `prepare` on the worker, so turning thousands of sessions into the
    page's figures never stalls the window either.
    """

    def __init__(self, source: Callable[[], JournalSource], jobs: JobRunner) -> None:
        self._source = source
        self._jobs = jobs

    def read(
        self,
        prepare: Callable[[list[SessionRecord], list[StoreNotice]], T],
        done: Callable[[T], None],
        failed: Callable[[str], None],
    ) -> None:
        """`prepare(records, notices)` on the worker, then `done(prepared)` on the GUI thread."""
        self._jobs.submit(
            lambda: prepare(*self._source().load()), done, failed, what="reading the journal"
        )

    def export_csv(
        self, path: Path, done: Callable[[int], None], failed: Callable[[str], None]
    ) -> None:
        self._jobs.submit(
            lambda: self._source().export_csv(path), done, failed, what="exporting the journal"
        )

    def delete_all(self, done: Callable[[None], None], failed: Callable[[str], None]) -> None:
        self._jobs.submit(
            lambda: self._source().delete_all(), done, failed, what="deleting the journal"
        )


class Persistence(QObject):
    """The person's stores for this run; `notices` are problems found while loading.

    `problem` carries a sentence for the status bar when a session could not be journaled.
    """

    problem = Signal(str)

    def __init__(
        self, paths: AppPaths, jobs: JobRunner | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.jobs = jobs if jobs is not None else JobRunner(parent=self)
        self.preferences_store = PreferencesStore.in_data_dir(paths)
        try:
            preferences, self.notices = self.preferences_store.load()
        except OSError as error:  # a read-only or full disk, a file that cannot be moved aside
            log.exception("the settings could not be used; reading a copy for this run")
            preferences = _read_a_copy(self.preferences_store.path)
            self.notices = [_unsaved_notice(paths, error)]
        self.writer = QueuedPreferencesWriter(self.preferences_store, self.jobs, parent=self)
        self.preferences = PreferencesModel(preferences, self.writer, confirmed_later=True)
        self.writer.written.connect(self.preferences.confirm)
        self.writer.failed.connect(
            lambda words: self.preferences.report(SaveProblem(busy=False, detail=words))
        )
        self.writer.busy.connect(
            lambda words: self.preferences.report(SaveProblem(busy=True, detail=words))
        )
        self._paths = paths
        self._journal: JournalStore | None = None
        self._routines_file: RoutineStore | None = None
        self._recorded: dict[str, SessionRecord] = {}
        """Sessions journaled in this run, by id: a later rating updates the whole record."""
        self.queued_journal = QueuedJournal(lambda: self.journal, self.jobs)
        self.start_messages: list[str] = []
        """Problems found at start outside the stores (a bogus time zone), said once."""

    def routines(self, library: Library) -> RoutinesModel:
        """The person's own routines beside the built-in ones, favourites first, as the model
        every view reads (Home, the tray, the default-routine setting, reminders, the body map
        and the editor). Read once at start, like the settings (a small file; without one,
        nothing is imported: the readers cost some 5 ms). A routines file that had to be set
        aside is told once with the start notices. Changes go through this run's job
        runner, to the file as it is on disk."""
        from backcare_desktop.app.routines_model import RoutinesModel

        return RoutinesModel(
            library,
            self._own_routines(library),
            lambda: self._routine_store(library),
            self.jobs,
            parent=self,
        )

    def _own_routines(self, library: Library) -> RoutineBook | None:
        if not (self._paths.data_dir / ROUTINES_FILE).exists():
            return None  # no routines of one's own yet: nothing more to import or read
        try:
            book, notices = self._routine_store(library).load()
        except OSError as error:  # a locked, unreadable or vanished folder: built-ins only
            log.warning("your own routines could not be read: %s", error)
            return None
        for notice in notices:
            if notice.needs_dialog:
                self.start_messages.append(_notice_words(notice))
            else:
                log.info("routines: %s", notice.message)
        return book

    def _routine_store(self, library: Library) -> RoutineStore:
        """Opened on first use, then kept: the store knows if the file is a newer version's."""
        if self._routines_file is None:
            from backcare_desktop.storage.routine_store import RoutineStore

            self._routines_file = RoutineStore.in_data_dir(self._paths, library)
        return self._routines_file

    @property
    def journal(self) -> JournalStore:
        """Opened on first use: the journal is not needed to show the first screen."""
        if self._journal is None:
            from backcare_desktop.storage.journal_store import JournalStore

            self._journal = JournalStore.in_data_dir(self._paths)
        return self._journal

    def wait_for_saves(self) -> bool:
        """Called as the app quits: let pending saves finish (up to QUIT_WAIT_SECONDS)."""
        return self.jobs.drain(QUIT_WAIT_SECONDS)

    def record_session(self, outcome: SessionOutcome) -> SessionRecord:
        """Queue one finished or stopped session for the journal, the moment it ends; a
        failure is logged and reported through `problem`, never raised."""
        import uuid

        from backcare_desktop.core.journal import SessionRecord

        summary = outcome.summary
        record = SessionRecord(
            id=outcome.record_id or uuid.uuid4().hex,
            routine_id=summary.routine_id,
            routine_name=summary.routine_name,
            started_at=summary.started_at,
            planned_seconds=summary.planned_seconds,
            completed_seconds=round(summary.active_seconds),
            steps_done=summary.steps_done,
            steps_skipped=summary.steps_skipped,
            oil=outcome.oil,
            tension_before=outcome.tension_before,
            tension_after=outcome.tension_after,
            completed=summary.completed,
            areas=summary.areas,
        )
        self.jobs.submit(
            lambda: self.journal.add(record),
            failed=self._journal_failed,
            what="saving the session to the journal",
        )
        self._recorded[record.id] = record
        return record

    def rate_session(self, rating: SessionRating) -> None:
        """Queue the tension rated after a session onto its journal entry (queued after the
        entry itself, so it always finds it)."""
        from dataclasses import replace

        record = self._recorded.get(rating.record_id)
        if record is None or record.tension_after == rating.tension_after:
            return
        record = self._recorded[record.id] = replace(record, tension_after=rating.tension_after)
        self.jobs.submit(
            lambda: self.journal.update(record),
            failed=self._journal_failed,
            what="saving the session's rating to the journal",
        )

    def _journal_failed(self, reason: str) -> None:
        self.problem.emit(tr("This session could not be added to your journal: %1", reason))

    def take_notices(self) -> tuple[list[str], list[StoreNotice]]:
        """What to tell the person about this start, once: plain messages (a time zone that
        could not be understood) and what the stores found while loading. The GUI shows them."""
        messages, self.start_messages = self.start_messages, []
        notices, self.notices = self.notices, []
        return messages, notices


def _read_a_copy(path: Path) -> Preferences:
    """The settings as they are, read from a copy: on a read-only disk the store cannot take
    its lock (nor could anyone write meanwhile), yet the person's reminders and choices are
    still there to show. Defaults when even a copy cannot be read."""
    import shutil
    import tempfile

    from backcare_desktop.paths import resolve_paths

    try:
        with tempfile.TemporaryDirectory(prefix="backcare-") as scratch:
            copy = resolve_paths(scratch).ensure()
            shutil.copyfile(path, copy.data_dir / path.name)
            preferences, notices = PreferencesStore.in_data_dir(copy).load()
    except (OSError, shutil.Error) as error:
        log.warning("the settings could not be copied either, using defaults: %s", error)
        return shipped_defaults()
    for notice in notices:
        log.info("reading a copy of the settings: %s", notice.message)
    return preferences


def _unsaved_notice(paths: AppPaths, error: OSError) -> StoreNotice:
    """Said at start when the data folder cannot be used: BackCare runs, but keeps nothing."""
    reason = error.strerror or str(error)
    message = tr(
        "BackCare cannot use its data folder (%1), so it started with its usual settings. "
        "Changes you make now cannot be saved.\n\nThe folder is:\n%2",
        reason,
        str(paths.data_dir),
    )
    return StoreNotice(NoticeKind.READ_ONLY, message)


def _notice_words(notice: StoreNotice) -> str:
    """A store notice as one start message, naming where a set-aside file was kept."""
    if notice.moved_to is None:
        return notice.message
    return tr("%1\n\nThe old file was kept as:\n%2", notice.message, str(notice.moved_to))
