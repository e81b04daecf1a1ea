"""The job runner: work off the GUI thread, in order, with answers back on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from backcare_desktop.app.jobs import InlineJobs, JobRunner, plain_reason

WAIT = 5.0  # seconds a worker may take on a loaded machine before a test gives up


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[JobRunner]:
    jobs = JobRunner("test-jobs", linger=0.01)
    yield jobs
    assert jobs.drain(WAIT), "a job was still running at the end of the test"


def held_until(gate: threading.Event, value: str = "") -> Callable[[], str]:
    """A job that blocks until the test opens `gate`, then returns `value`."""

    def job() -> str:
        if not gate.wait(WAIT):
            raise TimeoutError("the test never released this job")
        return value

    return job


def test_jobs_run_in_the_order_they_were_submitted(qtbot: QtBot, runner: JobRunner) -> None:
    gate = threading.Event()
    ran: list[int] = []
    answered: list[int] = []
    runner.submit(held_until(gate))

    def job(n: int) -> Callable[[], int]:
        def run() -> int:
            ran.append(n)
            return n

        return run

    for n in range(50):
        runner.submit(job(n), answered.append)
    gate.set()
    qtbot.waitUntil(lambda: len(answered) == 50)
    assert ran == list(range(50)) and answered == list(range(50))


def test_jobs_run_off_the_gui_thread_and_answer_on_it(qtbot: QtBot, runner: JobRunner) -> None:
    gui = threading.current_thread()
    worked_on: list[threading.Thread] = []
    answered_on: list[threading.Thread] = []

    def job() -> str:
        worked_on.append(threading.current_thread())
        return "done"

    runner.submit(job, lambda _result: answered_on.append(threading.current_thread()))
    qtbot.waitUntil(lambda: bool(answered_on))
    assert worked_on[0] is not gui and answered_on == [gui]


def test_a_failing_job_is_reported_in_plain_words_and_the_next_one_still_runs(
    qtbot: QtBot, runner: JobRunner, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise PermissionError(13, "Permission denied", "/data/preferences.json")

    reasons: list[str] = []
    after: list[str] = []
    runner.submit(broken, failed=reasons.append, what="saving settings")
    runner.submit(lambda: "next", after.append)
    qtbot.waitUntil(lambda: after == ["next"])
    assert reasons == ["Permission denied: /data/preferences.json"]
    assert "Traceback" not in reasons[0]
    (logged,) = [r for r in caplog.records if r.message == "saving settings failed"]
    assert logged.exc_info is not None  # the traceback goes to the log


def test_a_failing_job_without_a_listener_is_only_logged(
    qtbot: QtBot, runner: JobRunner, caplog: pytest.LogCaptureFixture
) -> None:
    runner.submit(lambda: 1 / 0)
    after: list[int] = []
    runner.submit(lambda: 2, after.append)
    qtbot.waitUntil(lambda: after == [2])
    assert any(r.exc_info for r in caplog.records)


def test_drain_waits_for_a_pending_save_and_delivers_its_answer(runner: JobRunner) -> None:
    gate = threading.Event()
    saved: list[str] = []
    runner.submit(held_until(gate, "saved"), saved.append)
    assert runner.busy
    assert not runner.drain(0.05)  # still held: drain gives up after its timeout
    threading.Timer(0.05, gate.set).start()
    assert runner.drain(WAIT)
    assert not runner.busy and saved == ["saved"]


def test_quitting_the_app_waits_for_pending_saves(qtbot: QtBot, runner: JobRunner) -> None:
    from PySide6.QtCore import QCoreApplication, QTimer

    app = QCoreApplication.instance()
    assert app is not None
    gate = threading.Event()
    saved: list[str] = []
    runner.submit(held_until(gate, "saved"), saved.append)

    def wait_for_saves() -> None:
        runner.drain(WAIT)

    app.aboutToQuit.connect(wait_for_saves)
    try:
        QTimer.singleShot(0, app.quit)
        threading.Timer(0.05, gate.set).start()
        app.exec()  # returns after aboutToQuit, which drains
        assert saved == ["saved"] and not runner.busy
    finally:
        app.aboutToQuit.disconnect(wait_for_saves)


def test_an_idle_runner_keeps_no_thread(qtbot: QtBot, runner: JobRunner) -> None:
    answered: list[int] = []
    runner.submit(lambda: 1, answered.append)
    qtbot.waitUntil(lambda: answered == [1] and not runner.busy)
    qtbot.waitUntil(lambda: "test-jobs" not in {t.name for t in threading.enumerate()})


def test_inline_jobs_answer_at_once_and_report_failures() -> None:
    jobs = InlineJobs()
    answered: list[int] = []
    reasons: list[str] = []
    jobs.submit(lambda: 7, answered.append)
    jobs.submit(lambda: int("x"), answered.append, reasons.append)
    assert answered == [7] and reasons == ["invalid literal for int() with base 10: 'x'"]


def test_a_reason_is_the_errors_own_words() -> None:
    assert plain_reason(OSError(28, "No space left on device")) == "No space left on device"
    assert plain_reason(RuntimeError()) == "RuntimeError"
