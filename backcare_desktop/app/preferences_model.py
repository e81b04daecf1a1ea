"""The person's preferences as the app sees them: one current value, a signal when it changes.

Views never write storage and never hand it a whole document: they ask for a *change*
(`update(theme="dark")`, `change_reminders(...)`). The model applies it to its own value at
once (so the screen answers immediately), then hands the same change to the store, which
applies it to the settings as they are on disk at that moment, under the lock. So a reminder
that `backcare remind add` wrote a moment ago survives a setting changed here.

Changes not yet written stay queued in order. When the lock is busy for too long the person
is told, the change is kept, and it is written again a little later; nothing is dropped.
What another process saved arrives through `follow`, with any queued changes put back on top.

A few settings are what the app remembers rather than what the person chose (the desktop's
theme, last time): `remember` changes those, and one that cannot be written (a read-only
folder) is only logged, since the person changed nothing and would not know what was meant.
"""

from __future__ import annotations

import logging
from typing import Final, NamedTuple, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from backcare_desktop.core.reminders.reminder_list import ReminderChange
from backcare_desktop.core.settings.preferences import Preferences, PreferencesChange

log = logging.getLogger(__name__)

RETRY_MS: Final = 2000
"""How soon a change the busy lock held back is tried again."""


class PreferencesWriter(Protocol):
    """Where changes go to be saved: applied to the latest settings on disk, under the lock.

    Today PreferencesStore does it on the calling thread; a job runner may do it later on a
    worker, so nothing here relies on what `apply` returns.
    """

    def apply(self, change: PreferencesChange) -> object: ...


class SaveProblem(NamedTuple):
    """A change that could not be written. `busy`: another program held the lock, and the
    change is kept and retried; otherwise it lasts only for this run. `detail` is the
    store's own sentence (the view words the rest, translated)."""

    busy: bool
    detail: str


class Remembered:
    """A change to what the app remembers, not to what the person chose (see the module
    docstring): writers log its failure instead of telling the person."""

    def __init__(self, **changes: object) -> None:
        self.changes = changes

    def __call__(self, prefs: Preferences) -> Preferences:
        return prefs.with_changes(**self.changes)


def _lock_busy(error: Exception) -> bool:
    """True for a lock that stayed busy (storage.lock.LockTimeoutError is a TimeoutError)."""
    return isinstance(error, TimeoutError)


class PreferencesModel(QObject):
    """The current Preferences and the queue of changes on their way to disk."""

    changed = Signal(Preferences)
    """The new value, after every change (made here or followed from the file)."""
    saveProblem = Signal(SaveProblem)
    """A change was not written (yet); the settings dialog and the status line say so."""
    saved = Signal()
    """Every queued change has been written."""

    def __init__(
        self,
        preferences: Preferences,
        writer: PreferencesWriter | None = None,
        parent: QObject | None = None,
        retry_ms: int = RETRY_MS,
        confirmed_later: bool = False,
    ) -> None:
        """`confirmed_later`: the writer saves on a worker and calls `confirm(change)` once
        the change is on disk; until then it stays on top of whatever `follow` adopts."""
        super().__init__(parent)
        self._value = preferences
        self._writer = writer
        self._queue: list[PreferencesChange] = []
        self._confirmed_later = confirmed_later
        self._in_flight: list[PreferencesChange] = []
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(retry_ms)
        self._retry.timeout.connect(self._write_queued)

    @property
    def value(self) -> Preferences:
        return self._value

    @property
    def unsaved(self) -> int:
        """How many changes are waiting to be written (0 when all are on disk)."""
        return len(self._queue)

    def update(self, **changes: object) -> None:
        """Change some settings by name (raises ValueError for a value that does not fit)."""
        self._value.with_changes(**changes)  # refuse a bad value here, where it was asked for

        def change(prefs: Preferences) -> Preferences:
            return prefs.with_changes(**changes)

        self.apply(change)

    def remember(self, **changes: object) -> None:
        """Like `update`, for what the app remembers (`Remembered`)."""
        self._value.with_changes(**changes)
        self.apply(Remembered(**changes))

    def change_reminders(self, change: ReminderChange) -> None:
        """Apply one core/reminders/reminder_list.py operation to the reminder list."""

        def on_settings(prefs: Preferences) -> Preferences:
            return prefs.with_reminders(change)

        self.apply(on_settings)

    def apply(self, change: PreferencesChange) -> None:
        """Apply `change` here at once, and on disk to the latest settings there."""
        new = change(self._value)
        if new == self._value:
            return
        self._value = new
        if self._writer is not None:
            self._queue.append(change)
            self._write_queued()
        self.changed.emit(new)

    def follow(self, saved: Preferences) -> bool:
        """Adopt settings another process saved, with changes still queued here on top.

        True when the value changed. Nothing is written: this is news, not a change.
        """
        new = saved
        for change in (*self._in_flight, *self._queue):
            new = _applied_if_possible(change, new)
        if new == self._value:
            return False
        self._value = new
        self.changed.emit(new)
        return True

    def confirm(self, change: PreferencesChange) -> None:
        """A change handed to a `confirmed_later` writer is on disk now."""
        if change in self._in_flight:
            self._in_flight.remove(change)

    def report(self, problem: SaveProblem) -> None:
        """Say that a change could not be written (yet): for a writer that saves later, on
        a worker, and so cannot raise into `apply`."""
        self.saveProblem.emit(problem)

    def flush(self) -> bool:
        """Try to write what is queued now (at quit, say); True when nothing is left."""
        self._write_queued()
        return not self._queue

    def _write_queued(self) -> None:
        writer = self._writer
        while self._queue and writer is not None:
            change = self._queue[0]
            try:
                writer.apply(change)
            except Exception as error:
                if isinstance(change, Remembered) and not _lock_busy(error):
                    log.info("could not remember %s: %s", sorted(change.changes), error)
                    self._queue.pop(0)
                    continue
                if _lock_busy(error):
                    log.warning("settings are busy; will try again: %s", error)
                    self.saveProblem.emit(SaveProblem(busy=True, detail=str(error)))
                    self._retry.start()
                    return
                # A full disk, a read-only folder, a newer version's file, or a change that no
                # longer fits the latest list: it stays in this run, and the person is told.
                log.exception("could not save a settings change")
                self._queue.pop(0)
                self.saveProblem.emit(SaveProblem(False, str(error) or type(error).__name__))
                continue
            self._queue.pop(0)
            if self._confirmed_later:
                self._in_flight.append(change)
        if not self._queue:
            self._retry.stop()
            self.saved.emit()


def _applied_if_possible(change: PreferencesChange, prefs: Preferences) -> Preferences:
    try:
        return change(prefs)
    except ValueError:
        return prefs
