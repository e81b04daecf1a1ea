"""Notice settings another process saved (`backcare remind add ...`, a second app) and follow.

The settings file is replaced atomically on every save (a new inode), so the folder is watched
rather than the file: inotify through QFileSystemWatcher, costing nothing while idle. Each
change of the folder is debounced, then the file's stamp (mtime, size, inode) is compared; only
a new stamp reads the file. Where the folder cannot be watched, the owner calls `check()` on
its coarse timer instead.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

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


class SettingsFileWatcher(QObject):
    """Adopts what another process saved; the app's own unsaved changes stay on top."""

    def __init__(
        self, source: PreferencesFile, preferences: PreferencesModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._preferences = preferences
        self._stamp: tuple[int, int, int] | None = None
        self.watching = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.check)

    def start(self) -> bool:
        """Start watching; False when the folder cannot be watched (then call `check()`)."""
        self._stamp = _stamp(self._source.path)
        watcher = QFileSystemWatcher(self)
        if watcher.addPath(str(self._source.path.parent)):
            watcher.directoryChanged.connect(lambda _path: self._debounce.start())
            self.watching = True
        else:
            log.info("cannot watch %s; checking it every minute instead", self._source.path.parent)
            watcher.deleteLater()
        return self.watching

    def check(self) -> bool:
        """Follow the saved settings if they differ from the app's; True when they did."""
        stamp = _stamp(self._source.path)
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        try:
            saved, notices = self._source.load()
        except Exception:
            log.exception("could not re-read the settings")
            return False
        for notice in notices:
            log.info("settings: %s", notice.message)
        before = self._preferences.value.reminders
        if not self._preferences.follow(saved):
            return False
        what = "reminders were" if self._preferences.value.reminders != before else "settings were"
        log.info("%s changed outside the app; following the change", what)
        return True


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino
