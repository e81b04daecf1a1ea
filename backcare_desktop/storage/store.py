"""The person's settings on disk, in a TinyDB file that never loses a thing.

preferences.json holds one document in the table "preferences", carrying its `schema_version`,
so the version and the values always change together, in one atomic write. Every change
re-reads the file under a lock first (see store_file.py) and applies a *change* to what it
finds, never a whole document read earlier, so the GUI, a second app and any number of
`backcare remind` processes can all write without losing each other's changes. The journal
lives in journal_store.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, MutableMapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol

from tinydb.table import Document

from backcare_desktop.core.clock import Clock, SystemClock
from backcare_desktop.core.json_data import JsonObject
from backcare_desktop.core.settings.preferences import (
    SCHEMA_VERSION,
    Preferences,
    PreferencesChange,
    UnknownSchemaError,
    load_defaults,
    read_document,
    to_document,
)
from backcare_desktop.paths import AppPaths
from backcare_desktop.storage.atomic import UnreadableFileError
from backcare_desktop.storage.lock import DEFAULT_TIMEOUT_S, FileLock
from backcare_desktop.storage.notices import NoticeKind, ReadOnlyStoreError, StoreNotice

if TYPE_CHECKING:
    from backcare_desktop.core.journal import SessionRecord

from backcare_desktop.storage.store_file import (
    SINGLE_DOC_ID,
    StoreFile,
    first_document,
    moved_notice,
)

log = logging.getLogger(__name__)

PREFERENCES_FILE: Final = "preferences.json"


@cache
def shipped_defaults() -> Preferences:
    """The defaults from assets/preferences_defaults.json (read once)."""
    from backcare_desktop.resources import asset_path

    return load_defaults(asset_path("preferences_defaults.json"))


class PreferencesSource(Protocol):
    """What the GUI needs from a settings store (PreferencesStore or an in-memory fake)."""

    @property
    def read_only(self) -> bool: ...
    def load(self) -> tuple[Preferences, list[StoreNotice]]: ...
    def apply(self, change: PreferencesChange) -> Preferences: ...


class JournalSource(Protocol):
    """What the GUI needs from a journal store (JournalStore or an in-memory fake)."""

    @property
    def read_only(self) -> bool: ...
    def load(self) -> tuple[list[SessionRecord], list[StoreNotice]]: ...
    def add(self, record: SessionRecord) -> None: ...
    def update(self, record: SessionRecord) -> bool: ...
    def delete_all(self) -> None: ...
    def export_csv(self, path: Path) -> int: ...


class PreferencesStore:
    """Settings in preferences.json. Bad values fall back key by key; see `load`."""

    TABLE: Final = "preferences"

    def __init__(
        self,
        path: Path,
        defaults: Preferences,
        clock: Clock | None = None,
        lock_timeout: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        lock = FileLock(path.with_name(path.name + ".lock"), lock_timeout)
        self._file = StoreFile(path, clock or SystemClock(), indent=2, lock=lock)
        self._defaults = defaults
        self._read_only = False
        self._notices: list[StoreNotice] = []

    @classmethod
    def in_data_dir(
        cls, paths: AppPaths, defaults: Preferences | None = None, clock: Clock | None = None
    ) -> PreferencesStore:
        return cls(paths.data_dir / PREFERENCES_FILE, defaults or shipped_defaults(), clock)

    @property
    def path(self) -> Path:
        return self._file.path

    @property
    def read_only(self) -> bool:
        """True once a newer BackCare's file was found: then `apply` refuses to write."""
        return self._read_only

    def load(self) -> tuple[Preferences, list[StoreNotice]]:
        """The settings, and notices about anything that needed care. Never raises for bad
        content: an unreadable file is moved aside (defaults load), a bad value takes its
        default, a newer file is read as well as possible and the store turns read-only."""
        with self._file.locked():
            prefs = self._read(self._notices)
        return prefs, self.take_notices()

    def apply(self, change: PreferencesChange) -> Preferences:
        """Apply one change to the settings as they are on disk now, in one locked step.

        Read, change and write happen under the lock, so a change made meanwhile by another
        process (`backcare remind add`, a second app) is kept: nobody writes back a document
        they read earlier. Returns the settings as written.

        Raises ReadOnlyStoreError when the file is (or has just become) a newer version's,
        LockTimeoutError when another program holds the lock too long (nothing was written),
        and whatever `change` raises (nothing is written then either).
        """
        self._refuse_if_read_only()
        with self._file.locked():
            current = self._read(self._notices)
            self._refuse_if_read_only()
            changed = change(current)
            self._write(changed)  # also when unchanged: the file then holds only valid data
        return changed

    def take_notices(self) -> list[StoreNotice]:
        """Notices gathered since last asked (`load` returns them itself)."""
        notices, self._notices = self._notices, []
        return notices

    def _refuse_if_read_only(self) -> None:
        if self._read_only:
            raise ReadOnlyStoreError(f"{self.path} belongs to a newer BackCare; not writing")

    def _read(self, notices: list[StoreNotice]) -> Preferences:
        try:
            data = self._file.read((self.TABLE,))
            doc = first_document(data, self.TABLE)
            if doc is None:
                return self._defaults
            reading = read_document(doc, self._defaults)
        except (UnreadableFileError, UnknownSchemaError):
            moved = self._file.move_aside()
            notices.append(moved_notice(_UNREADABLE_SETTINGS, moved))
            return self._defaults
        if reading.newer:
            self._read_only = True
            notices.append(StoreNotice(NoticeKind.READ_ONLY, _NEWER_SETTINGS))
        if reading.migrated:
            message = f"Settings from version {reading.version} were updated to {SCHEMA_VERSION}"
            notices.append(StoreNotice(NoticeKind.MIGRATED, message))
        for problem in reading.problems:
            log.warning("settings: %s", problem)
            notices.append(StoreNotice(NoticeKind.VALUE_RESET, f"A setting was reset: {problem}"))
        return reading.preferences

    def _write(self, prefs: Preferences) -> None:
        new = to_document(prefs)
        table = self._file.database().table(self.TABLE)
        if table.contains(doc_id=SINGLE_DOC_ID):
            table.update(_replace_with(new), doc_ids=[SINGLE_DOC_ID])
        else:
            table.insert(Document(new, doc_id=SINGLE_DOC_ID))


_UNREADABLE_SETTINGS: Final = (
    "Your settings file could not be read, so BackCare has started with its usual settings."
)
_NEWER_SETTINGS: Final = (
    "Your settings were saved by a newer version of BackCare. So that nothing is lost, this "
    "version will not change them: changes you make now last until BackCare closes."
)


def _replace_with(new: JsonObject) -> Callable[[MutableMapping[str, object]], None]:
    """A TinyDB update that replaces a document's content (update() alone would merge)."""

    def replace(doc: MutableMapping[str, object]) -> None:
        doc.clear()
        doc.update(new)

    return replace
