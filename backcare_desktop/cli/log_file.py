"""The one log set-up for the app and every command: a rotating file, and a terminal that only
ever sees one plain line.

The file rotates at 1 MB and keeps three old ones. `RollingFile` does that in a few lines rather
than logging.handlers' RotatingFileHandler, whose module brings pickle, queue and struct onto
the start path (about 4 ms before the first paint, measured with -X importtime). The terminal
gets errors only, as the first line of their message and never a traceback; tracebacks go to
the file. When the file cannot be written (a read-only or full disk), logging says nothing
rather than printing its own traceback, since the person has already been told in plain words.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from backcare_desktop.paths import AppPaths

LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RollingFile(logging.FileHandler):
    """A log file that starts afresh at `max_bytes`, keeping `backups` old ones (.1 newest)."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self._max_bytes = max_bytes
        self._backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        if self.stream is not None and self.stream.tell() >= self._max_bytes:
            self.roll_over()
        super().emit(record)

    def roll_over(self) -> None:
        """Shift backcare.log.N up by one (the oldest goes) and open an empty file."""
        self.acquire()
        try:
            self.close()
            path = Path(self.baseFilename)
            for n in range(self._backups - 1, 0, -1):
                older = path.with_name(f"{path.name}.{n}")
                if older.exists():
                    older.replace(path.with_name(f"{path.name}.{n + 1}"))
            path.replace(path.with_name(f"{path.name}.1"))
            self.stream = self._open()
        finally:
            self.release()


class OneLineFormatter(logging.Formatter):
    """'backcare: <first line of the message>': no traceback, no stack, no logger name."""

    def __init__(self, prog: str) -> None:
        super().__init__()
        self._prog = prog

    def format(self, record: logging.LogRecord) -> str:
        lines = record.getMessage().strip().splitlines() or [record.levelname.lower()]
        return f"{self._prog}: {lines[0]}"


def _without_traceback(record: logging.LogRecord) -> bool:
    """A record carrying a traceback was caught by code that tells the person in its own words."""
    return record.exc_info is None


def quiet_last_resort(prog: str) -> None:
    """What Python prints for a record no handler takes (a worker thread still finishing after
    this run's handlers are gone) becomes one line, never a traceback, for the whole process."""
    last = logging.StreamHandler(sys.stderr)
    last.setLevel(logging.WARNING)
    last.setFormatter(OneLineFormatter(prog))
    last.addFilter(_without_traceback)
    logging.lastResort = last


@contextmanager
def log_to_file(paths: AppPaths, *, prog: str, console: bool) -> Iterator[bool]:
    """For this run, log to the rotating file (yields True) or nowhere when it cannot be opened
    (False); with `console`, errors also reach the terminal as one line each. The handlers are
    closed and removed on the way out, so a run inside a test leaves no trace in logging."""
    root = logging.getLogger()
    level, raising = root.level, logging.raiseExceptions
    logging.raiseExceptions = False  # a failing write to the log never prints a traceback
    root.setLevel(logging.INFO)
    opened = True
    try:
        rotating = RollingFile(paths.log_file, LOG_MAX_BYTES, LOG_BACKUPS)
        if paths.log_file.stat().st_size >= LOG_MAX_BYTES:  # full already: a quiet run rotates too
            rotating.roll_over()
        rotating.setFormatter(logging.Formatter(FILE_FORMAT))
        handler: logging.Handler = rotating
    except OSError:
        handler = logging.NullHandler()
        opened = False
    added = [handler]
    if console:
        terminal = logging.StreamHandler(sys.stderr)
        terminal.setLevel(logging.ERROR)
        terminal.setFormatter(OneLineFormatter(prog))
        terminal.addFilter(_without_traceback)
        added.append(terminal)
    for each in added:
        root.addHandler(each)
    try:
        yield opened
    finally:
        for each in added:
            root.removeHandler(each)
            with suppress(OSError):  # the last flush, on a full disk
                each.close()
        root.setLevel(level)
        logging.raiseExceptions = raising
