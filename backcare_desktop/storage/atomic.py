"""Files that are either the old version or the new one, never half of each.

TinyDB's own JSONStorage rewrites its file in place, so a crash mid-write leaves a torn file.
Here every write goes to a private temporary file in the same folder, is flushed and fsynced,
then `os.replace`d over the old file (atomic on POSIX and Windows), and the folder is fsynced
so the rename itself survives a power cut. Files are created 0600: the journal is personal.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from backcare_desktop.core.content.fields import is_storable

TEMP_SUFFIX = ".tmp"
# A JSON escape of a UTF-16 surrogate: the only way a file that decodes as UTF-8 can hold text
# that cannot be encoded again (a lone "\ud800"). Pairs written this way are fine; is_storable
# tells the two apart, only for the rare file this matches.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class UnreadableFileError(ValueError):
    """The file exists but is not a JSON object (torn, hand-damaged, or not ours)."""


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers and crashes see the old or the new bytes.

    The new file is private to the user (0600), whatever the old one was.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_folder(folder)


def remove_stale_temp_files(path: Path) -> int:
    """Delete temporary files a killed writer left beside `path`; returns how many.

    Only safe while holding the file's write lock: then no live writer can own one.
    """
    removed = 0
    for leftover in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            removed += 1
    return removed


def read_json_object(path: Path) -> dict[str, Any] | None:
    """The JSON object in `path`; None when the file is missing or empty.

    Raises UnreadableFileError for anything else that is not a JSON object: bad UTF-8,
    torn or invalid JSON, nesting too deep to parse, numbers too long, a list at the top.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise UnreadableFileError(f"{path.name} is a folder, not a file") from None
    return parse_json_object(raw, path.name)


def parse_json_object(raw: bytes, name: str) -> dict[str, Any] | None:
    """`read_json_object` for bytes already read; `name` is used in the error message."""
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as error:
        raise UnreadableFileError(f"{name} is not valid JSON ({_brief(error)})") from None
    if not isinstance(data, dict):
        raise UnreadableFileError(f"{name} holds {type(data).__name__}, not a JSON object")
    return data


class AtomicJSONStorage(Storage):
    """A TinyDB storage that writes atomically (see the module docstring).

    Reading tolerates a missing or empty file (an empty database). To spare re-parsing a
    large journal on every change, the last data read or written is kept with the exact bytes
    it came from; a read that finds the same bytes on disk returns it without parsing.
    Callers that mutate the returned data must write it back (TinyDB does).
    """

    def __init__(self, path: str | os.PathLike[str], indent: int | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self._indent = indent
        self._cached: tuple[bytes, dict[str, Any]] | None = None

    def read(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self._cached = None
            return None
        if self._cached is not None and self._cached[0] == raw:
            return self._cached[1]
        self._cached = None
        data = parse_json_object(raw, self.path.name)
        if data is not None:
            self._cached = (raw, data)
        return data

    def holds_unsavable_text(self) -> bool:
        """True when the data last read holds text that could never be written back (a lone
        surrogate somewhere, at any depth): such a file must be repaired before any write."""
        if self._cached is None or not _SURROGATE_ESCAPE.search(self._cached[0]):
            return False
        return not is_storable(self._cached[1])

    def write(self, data: dict[str, Any]) -> None:
        self._cached = None
        separators = (",", ": ") if self._indent is not None else (",", ":")
        text = json.dumps(data, ensure_ascii=False, indent=self._indent, separators=separators)
        payload = text.encode("utf-8")
        write_atomically(self.path, payload)
        self._cached = (payload, data)

    def close(self) -> None:
        self._cached = None


def fsync_folder(folder: Path) -> None:
    """Make a rename or deletion durable; Windows cannot open folders this way, so skip there."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _brief(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 80 else text[:77] + "..."
