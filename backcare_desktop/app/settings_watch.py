"""Notice settings another process saved (`backcare remind add ...`, a second app) and follow.

The settings file is replaced atomically on every save (a new inode), so the folder is watched
rather than the file: inotify through QFileSystemWatcher, costing nothing while idle. Each
change of the folder is debounced, then the file's stamp (mtime, size, inode) is compared; only
a new stamp reads the file. Where the folder cannot be watched, the owner calls `check()` on
its coarse timer instead.

The read takes the store's lock, which a `backcare remind` process may hold for up to the lock's
timeout, so it runs on the app's job runner: the same runner that writes the app's own
settings, so a read queued after a save sees that save. The result is handed to the model on
the GUI thread. One read at a time: a change noticed while a read is running asks for one more
read when it ends, never a pile of them.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from backcare_desktop.app.jobs import InlineJobs, QueuedJobs
from backcare_desktop.app.preferences_model import PreferencesModel

if TYPE_CHECKING:
    from backcare_desktop.core.settings.preferences import Preferences
    from backcare_desktop.storage.notices import StoreNotice

log = logging.getLogger(__name__)

DEBOUNCE_MS = 250


class PreferencesFile(Protocol):
    """The settings store, as far as noticing another process's changes goes."""

    @property
    def path(self) -> Path: ...

    def load(self) -> tuple[Preferences, list[StoreNotice]]: ...


ReadJobs = QueuedJobs
"""Where the re-read runs."""


class SettingsFileWatcher(QObject):
    """Adopts what another process saved; the app's own unsaved changes stay on top."""

    def __init__(
        self,
        source: PreferencesFile,
        preferences: PreferencesModel,
        parent: QObject | None = None,
        *,
        jobs: ReadJobs | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._preferences = preferences
        self._jobs: ReadJobs = jobs if jobs is not None else InlineJobs()
        self._stamp: tuple[int, int, int] | None = None
        self._reading = False
        self._again = False
        self.watching = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.check)

    def start(self) -> bool:
        """Start watching; False when the folder cannot be watched (then call `check()`).

        The model was read before (at start-up, ahead of the first paint) and the watch begins
        after, so a save in between (`backcare remind add` run as the app opens) would be
        missed for good: once watching, the file is read once more to catch up."""
        watcher = QFileSystemWatcher(self)
        if watcher.addPath(str(self._source.path.parent)):
            watcher.directoryChanged.connect(lambda _path: self._debounce.start())
            self.watching = True
        else:
            log.info("cannot watch %s; checking it every minute instead", self._source.path.parent)
            watcher.deleteLater()
        self._stamp = None
        self.check()
        return self.watching

    def check(self) -> bool:
        """Read the file again if its stamp changed; True when a read was asked for.

        The model follows once the read is done (at once with `InlineJobs`).
        """
        if self._reading:
            self._again = True
            return False
        stamp = _stamp(self._source.path)
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        self._reading = True
        self._jobs.submit(
            self._source.load, self._adopt, self._not_read, what="re-reading the settings"
        )
        return True

    @property
    def reading(self) -> bool:
        """A read is queued or running."""
        return self._reading

    def _adopt(self, loaded: tuple[Preferences, list[StoreNotice]]) -> None:
        saved, notices = loaded
        for notice in notices:
            log.info("settings: %s", notice.message)
        before = self._preferences.value.reminders
        if self._preferences.follow(saved):
            changed = self._preferences.value.reminders != before
            what = "reminders were" if changed else "settings were"
            log.info("%s changed outside the app; following the change", what)
        self._read_done()

    def _not_read(self, reason: str) -> None:
        log.info("could not re-read the settings: %s", reason)
        self._stamp = None  # try again on the next change or tick
        self._read_done()

    def _read_done(self) -> None:
        self._reading = False
        if self._again:
            self._again = False
            self.check()


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino
