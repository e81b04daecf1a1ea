"""The one way BackCare runs slow work off the GUI thread, and hears back on it.

The GUI thread must never wait on a disk: a settings save takes a file lock (which a
`backcare remind` process may hold) and fsyncs, and the journal may hold ten years of
sessions. A `JobRunner` runs such jobs on one worker thread, strictly in the order they were
submitted, so two saves never land the wrong way round and a read submitted after a write sees
it. Each result, or a plain-words reason for a failure, comes back to the GUI thread through a
queued signal; the traceback goes to the log only.

The worker thread exists only while there is work, lingering a few seconds for the next job
(an idle tray app has no extra thread; a burst of saves does not start one thread each, and
starting a thread makes the caller wait until it runs). `drain(timeout)` lets the composition
root wait for pending saves when the app quits.

A worker busy in Python holds the interpreter lock, and the GUI thread needs that lock for
every Python paint or event handler. By default a waiting thread gets it only after 5 ms, so a
page with a few Python-painted widgets could wait several frames while the journal was read.
Making a runner asks for a 1 ms switch interval instead (measured in
tests/benchmarks/gui_stall.py); the worker's throughput barely changes.

`InlineJobs` runs each job at once on the caller's thread: tests and tools with no event loop
step through the same code deterministically.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, NamedTuple, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
LINGER_SECONDS = 5.0
"""How long an idle worker waits for more work before its thread ends."""
GUI_SWITCH_INTERVAL = 0.001
"""Seconds a thread waits for the interpreter lock before asking its holder to let go."""
Failed = Callable[[str], None]
"""Told, on the GUI thread, why a job failed, in words for the person."""


class Jobs(Protocol):
    """Runs `job` somewhere that may block, then `done(result)` on the GUI thread (the narrow
    seam the sound engine needs; a failed job is logged)."""

    def submit(self, job: Callable[[], T], done: Callable[[T], None]) -> None: ...


class QueuedJobs(Protocol):
    """Where slow work runs, with its answer or its failure back on the GUI thread (the app's
    JobRunner; `InlineJobs` in tests with no event loop)."""

    def submit(
        self,
        job: Callable[[], T],
        done: Callable[[T], None] | None = None,
        failed: Failed | None = None,
        *,
        what: str = ...,
    ) -> None: ...


def plain_reason(error: BaseException) -> str:
    """Why a job failed, for a status line: the error's own words, never a traceback."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror if not error.filename else f"{error.strerror}: {error.filename}"
    return str(error) or type(error).__name__


class _Job(NamedTuple):
    """A job as queued. This record and _Answer are named tuples, not dataclasses: the app
    makes its runner before the first paint, and a frozen dataclass takes 0.5 ms to make."""

    run: Callable[[], Any]
    done: Callable[[Any], None] | None
    failed: Failed | None
    what: str


class _Answer(NamedTuple):
    """What the worker hands back to the GUI thread: one callback and its argument."""

    callback: Callable[[Any], None]
    value: object


def _answer(job: _Job) -> _Answer | None:
    """Run `job` and say which callback to call with what (None: nobody asked to be told).
    A failure is logged with its traceback and answered in plain words; a job must never
    take its worker down with it."""
    try:
        result = job.run()
    except Exception as error:
        log.exception("%s failed", job.what)
        return None if job.failed is None else _Answer(job.failed, plain_reason(error))
    return None if job.done is None else _Answer(job.done, result)


class InlineJobs:
    """Runs every job immediately on the caller's thread (tests, and tools with no event loop)."""

    def submit(
        self,
        job: Callable[[], T],
        done: Callable[[T], None] | None = None,
        failed: Failed | None = None,
        *,
        what: str = "a background job",
    ) -> None:
        answer = _answer(_Job(job, done, failed, what))
        if answer is not None:
            answer.callback(answer.value)


class JobRunner(QObject):
    """One worker thread that runs submitted jobs one after another, in submission order."""

    _answered = Signal(object)  # an _Answer, delivered on the thread this object lives in

    def __init__(
        self,
        name: str = "backcare-jobs",
        parent: QObject | None = None,
        *,
        linger: float = LINGER_SECONDS,
    ) -> None:
        super().__init__(parent)
        if sys.getswitchinterval() > GUI_SWITCH_INTERVAL:
            sys.setswitchinterval(GUI_SWITCH_INTERVAL)
        self._name = name
        self._linger = linger
        self._condition = threading.Condition()
        self._queue: deque[_Job] = deque()
        self._running = False  # a worker thread exists
        self._pending = 0  # jobs queued or running
        # Emitted only on the worker thread, so Qt queues each answer to this object's thread.
        self._answered.connect(self._deliver)

    def submit(
        self,
        job: Callable[[], T],
        done: Callable[[T], None] | None = None,
        failed: Failed | None = None,
        *,
        what: str = "a background job",
    ) -> None:
        """Queue `job`; `done(result)` or `failed(reason)` follows on the GUI thread.

        `what` names the job in the log ("saving settings").
        """
        with self._condition:
            self._queue.append(_Job(job, done, failed, what))
            self._pending += 1
            if self._running:
                self._condition.notify_all()
                return
            self._running = True
        threading.Thread(target=self._work, name=self._name, daemon=True).start()

    @property
    def busy(self) -> bool:
        """A job is queued or running."""
        with self._condition:
            return self._pending > 0

    def drain(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for every queued job to finish (quitting waits for
        pending saves); then deliver their answers. False when time ran out first."""
        with self._condition:
            finished = self._condition.wait_for(lambda: self._pending == 0, timeout)
        if not finished:
            log.warning("%s: jobs still running after %.1f s; not waiting", self._name, timeout)
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall.value)
        return finished

    def _work(self) -> None:
        while True:
            with self._condition:
                if not self._condition.wait_for(lambda: bool(self._queue), self._linger):
                    self._running = False
                    return
                job = self._queue.popleft()
            answer = _answer(job)
            if answer is not None:
                try:
                    self._answered.emit(answer)
                except RuntimeError:  # the runner is gone (quitting): nobody is listening
                    log.info("%s: an answer came after the app closed", self._name)
            with self._condition:
                self._pending -= 1
                self._condition.notify_all()

    @Slot(object)
    def _deliver(self, answer: _Answer) -> None:
        try:
            answer.callback(answer.value)
        except Exception:  # a broken callback is a bug to log, not a reason to crash the app
            log.exception("%s: a job's answer could not be handled", self._name)
