"""Where the sound engine's slow calls run: one worker thread, answers back on the GUI thread.

Opening the audio device, importing pygame and decoding the chimes take 10–300 ms; the GUI thread
must never wait for them (the window would stutter). They run here, strictly one after another
(the device must be opened before a session can prepare it), and each result comes back to the
GUI thread through a queued signal. The thread exists only while there is work: an idle BackCare
has no audio thread at all.

Tests pass `InlineJobs`, which runs each job at once on the calling thread, so a whole session can
be stepped through deterministically without waiting for threads.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


class Jobs(Protocol):
    """Runs `job` somewhere that may block, then `done(result)` on the GUI thread."""

    def submit(self, job: Callable[[], T], done: Callable[[T], None]) -> None: ...


class InlineJobs:
    """Runs every job immediately on the caller's thread (tests, and tools with no event loop)."""

    def submit(self, job: Callable[[], T], done: Callable[[T], None]) -> None:
        try:
            result = job()
        except Exception:
            log.exception("a sound job failed")
            return
        done(result)


class ThreadJobs(QObject):
    """One short-lived worker thread that drains a queue of jobs in order, then ends."""

    _finished = Signal(object, object)  # done callback, result

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._queue: deque[tuple[Callable[[], Any], Callable[[Any], None]]] = deque()
        self._running = False
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(self, job: Callable[[], T], done: Callable[[T], None]) -> None:
        with self._lock:
            self._queue.append((job, done))
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._work, name="backcare-sound", daemon=True).start()

    @property
    def busy(self) -> bool:
        """A job is queued or running (for tests and the benchmark)."""
        with self._lock:
            return self._running

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._running = False
                    return
                job, done = self._queue.popleft()
            try:
                result = job()
            except Exception:  # a job must never take the thread down with it
                log.exception("a sound job failed")
                continue
            try:
                self._finished.emit(done, result)
            except RuntimeError:  # the window is gone (quitting): nobody is waiting any more
                return

    @Slot(object, object)
    def _deliver(self, done: Callable[[Any], None], result: object) -> None:
        done(result)
