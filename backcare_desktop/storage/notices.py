"""What the stores tell the app about a file they had to treat carefully.

Two kinds need the person's attention (a dialog): a file that could not be read and was moved
aside, and a file from a newer BackCare that is now read-only. The rest go to the log.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import NamedTuple


class NoticeKind(Enum):
    MOVED_ASIDE = "moved_aside"  # unreadable file kept under a new name; fresh start
    READ_ONLY = "read_only"  # written by a newer version; this one will not write over it
    VALUE_RESET = "value_reset"  # one setting did not fit and went back to its default
    MIGRATED = "migrated"  # an older file was read and will be saved in the new format
    RECORD_SKIPPED = "record_skipped"  # journal entries that could not be read were left out


class StoreNotice(NamedTuple):
    """One thing worth telling: plain words for the person, and where a moved file went."""

    kind: NoticeKind
    message: str
    moved_to: Path | None = None

    @property
    def needs_dialog(self) -> bool:
        """True when the person should see this now rather than find it in the log."""
        return self.kind in (NoticeKind.MOVED_ASIDE, NoticeKind.READ_ONLY)


class ReadOnlyStoreError(RuntimeError):
    """A write was asked of a store that must not write (its file is from a newer version)."""
