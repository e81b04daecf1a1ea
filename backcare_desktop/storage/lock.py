"""A lock file, so the GUI and a `backcare remind` run never interleave a read-modify-write.

On Linux and macOS this is `fcntl.flock` on a small side file: the kernel drops the lock when
its holder dies, so a killed process never leaves a stale lock behind. Where fcntl is missing
(Windows) only threads of one process are kept apart.

Waiting is bounded: a holder that hangs (a stopped process, a network folder) must not freeze
the app or a script for ever. flock itself has no timeout, so the lock is tried without
blocking, in short and slowly growing steps, until `timeout` seconds have passed; then
`LockTimeoutError` says so in words a person can act on. (The `filelock` library does the
same, but version 4 imports hashlib, decimal, secrets and platform on the way: 8-78 ms
measured on this machine, too much for start-up, where settings are read.)
"""

from __future__ import annotations

import errno
import os
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Final

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

DEFAULT_TIMEOUT_S: Final = 5.0
_READ_ONLY: Final = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
_FIRST_STEP_S: Final = 0.005
_LONGEST_STEP_S: Final = 0.1


class LockTimeoutError(TimeoutError):
    """Another program held the lock for longer than we wait; try again later."""

    def __init__(self, path: Path, waited: float) -> None:
        super().__init__(
            f"another BackCare program is still saving (waited {waited:.0f} s for {path.name})"
        )
        self.path = path


class FileLock:
    """An exclusive, re-entrant lock held through `path` (created 0600 if missing)."""

    def __init__(self, path: Path, timeout: float = DEFAULT_TIMEOUT_S) -> None:
        self.path = path
        self.timeout = timeout
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None
        self._pause = threading.Event()  # never set: waiting on it is an interruptible pause

    def __enter__(self) -> FileLock:
        if not self._thread_lock.acquire(timeout=self.timeout):
            raise LockTimeoutError(self.path, self.timeout)
        try:
            if self._depth == 0:
                self._fd = self._acquire()
            self._depth += 1
        except BaseException:
            self._thread_lock.release()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            self._depth -= 1
            if self._depth == 0 and self._fd is not None:
                fd, self._fd = self._fd, None
                try:
                    if fcntl is not None:
                        fcntl.flock(fd, fcntl.LOCK_UN)
                finally:
                    os.close(fd)
        finally:
            self._thread_lock.release()

    def _acquire(self) -> int | None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            if error.errno not in _READ_ONLY:
                raise
            # The folder can't be written (a read-only disk, or a data folder the person
            # cannot write to): nothing can change the files under a reader, and a writer is
            # refused by its own write, which says so plainly. So a read goes ahead, under the
            # lock file if it exists (flock works on a file opened for reading), or without
            # one if it was never made (set read-only before its first session was read).
            try:
                fd = os.open(self.path, os.O_RDONLY)
            except OSError:
                return None
        if fcntl is None:
            return fd
        try:
            self._wait_for(fd)
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _wait_for(self, fd: int) -> None:
        deadline = time.monotonic() + self.timeout
        step = _FIRST_STEP_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise LockTimeoutError(self.path, self.timeout) from None
                self._pause.wait(min(step, left))
                step = min(step * 2, _LONGEST_STEP_S)
