"""A session cut short by a crash, a kill or a power cut is offered back at the next start:
its place is kept on disk at each step boundary, off the GUI thread, and cleared once it is
journaled. A damaged place file is set aside with a notice, never a crash."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Library
from backcare_desktop.core.session import SessionMachine, SessionState, StepOutcome
from backcare_desktop.core.session_snapshot import snapshot_of
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.gui.shell.root import AppRoot
from backcare_desktop.paths import AppPaths
from backcare_desktop.storage.journal_store import JournalStore
from backcare_desktop.storage.session_recovery import RECOVERY_FILE, SessionRecoveryFile

ROOT = Path(__file__).resolve().parents[2]
APP_MID_SESSION = """
import sys
from backcare_desktop.core.clock import SystemClock
from backcare_desktop.core.content.loader import load_library
from backcare_desktop.gui.shell.launch import make_application
from backcare_desktop.gui.shell.quit_signal import quit_on_terminate
from backcare_desktop.gui.shell.root import AppRoot
from backcare_desktop.paths import resolve_paths
from backcare_desktop.resources import assets_dir

app = make_application()
root = AppRoot(resolve_paths(sys.argv[1]).ensure(), load_library(assets_dir()), SystemClock(),
               tray_available=lambda: False)
quit_on_terminate(root.quit, root)  # as launch.run does
window = root.window()
window.show()
window.open_prepare("daily_back_reset")
window.prepare.tension.set_value(7)
window.prepare.start_button.click()
for _ in range(5):
    window.controller.skip()
app.exec()
"""


def place_file(paths: AppPaths) -> Path:
    return paths.data_dir / RECOVERY_FILE


def kept_step(paths: AppPaths) -> int | None:
    try:
        return int(json.loads(place_file(paths).read_text(encoding="utf-8"))["step_index"])
    except (OSError, ValueError, KeyError):
        return None


def the_offer(window: MainWindow, qtbot: QtBot) -> QMessageBox:
    boxes: list[QMessageBox] = []

    def offered() -> bool:
        boxes[:] = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
        return bool(boxes)

    qtbot.waitUntil(offered, timeout=10_000)
    return boxes[0]


def press(box: QMessageBox, text: str) -> None:
    {button.text(): button for button in box.findChildren(QPushButton)}[text].click()


@pytest.fixture
def six_steps_in(paths: AppPaths, isolated_home: Path) -> Iterator[subprocess.Popen[bytes]]:
    """BackCare in its own process, six steps into 'Daily back reset'."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SDL_AUDIODRIVER="dummy")
    app = subprocess.Popen(
        [sys.executable, "-c", APP_MID_SESSION, str(isolated_home)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while kept_step(paths) != 5:
            assert app.poll() is None, "the app ended before its session got going"
            assert time.monotonic() < deadline, "the session's place was never kept"
            time.sleep(0.05)  # polling another process's file, not app timing
        yield app
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(timeout=30)


@pytest.fixture
def killed_mid_session(six_steps_in: subprocess.Popen[bytes]) -> None:
    """That process killed with SIGKILL, as a crash or a power cut would end it."""
    os.kill(six_steps_in.pid, signal.SIGKILL)
    six_steps_in.wait(timeout=30)


def test_ending_backcare_with_sigterm_mid_session_journals_it_as_stopped(
    six_steps_in: subprocess.Popen[bytes], paths: AppPaths
) -> None:
    six_steps_in.send_signal(signal.SIGTERM)  # the desktop ending the login session
    assert six_steps_in.wait(timeout=60) == 0
    (record,) = JournalStore.in_data_dir(paths).load()[0]
    assert (record.completed, record.steps_skipped, record.tension_before) == (False, 5, 7)
    assert not place_file(paths).exists()


def test_a_session_killed_mid_way_is_offered_back_and_resumes_where_it_was(
    killed_mid_session: None,
    start_app: Callable[[], AppRoot],
    paths: AppPaths,
    qtbot: QtBot,
) -> None:
    root = start_app()
    window = root.window()
    root.offer_unfinished_session()
    offer = the_offer(window, qtbot)
    assert offer.text() == "Resume 'Daily back reset' from step 6?"
    press(offer, "Resume")
    machine = window.controller.machine
    assert machine is not None
    assert machine.state is SessionState.RUNNING
    assert machine.index == 5
    assert machine.outcomes[:5] == (StepOutcome.SKIPPED,) * 5
    assert window.stack.currentWidget() is window.session
    window.controller.stop()
    window.summary.done_button.click()
    assert root.persistence.wait_for_saves()
    (record,) = JournalStore.in_data_dir(paths).load()[0]
    assert (record.routine_id, record.steps_skipped, record.tension_before) == (
        "daily_back_reset",
        5,
        7,
    )
    assert not place_file(paths).exists()


def cut_short(paths: AppPaths, library: Library, clock: FakeClock) -> None:
    """What a run that died three steps into 'Daily back reset' leaves behind."""
    machine = SessionMachine(library.routine("daily_back_reset"), clock)
    machine.start()
    for _ in range(3):
        clock.advance(machine.step_remaining())
        machine.tick()
    SessionRecoveryFile.in_data_dir(paths).write(snapshot_of(machine, "cut-short", 5, None))


def test_a_session_cut_short_can_be_recorded_as_stopped(
    start_app: Callable[[], AppRoot],
    paths: AppPaths,
    library: Library,
    clock: FakeClock,
    qtbot: QtBot,
) -> None:
    cut_short(paths, library, clock)
    root = start_app()
    root.offer_unfinished_session()
    offer = the_offer(root.window(), qtbot)
    assert offer.text() == "Resume 'Daily back reset' from step 4?"
    press(offer, "Record it as stopped")
    assert not root.window().controller.active
    assert root.persistence.wait_for_saves()
    (record,) = JournalStore.in_data_dir(paths).load()[0]
    assert (record.id, record.completed, record.steps_done) == ("cut-short", False, 3)
    assert not place_file(paths).exists()


def test_a_finished_session_leaves_no_place_behind(
    start_app: Callable[[], AppRoot], paths: AppPaths, clock: FakeClock
) -> None:
    root = start_app()
    window = root.window()
    window.open_prepare("desk_break")
    window.prepare.start_button.click()
    window.controller.skip()
    assert root.persistence.wait_for_saves()
    assert kept_step(paths) == 1
    machine = window.controller.machine
    assert machine is not None
    clock.advance(machine.total_remaining() + 1)
    window.controller.tick()
    assert root.persistence.wait_for_saves()
    assert not place_file(paths).exists()


def test_a_damaged_place_file_is_set_aside_with_a_notice_and_nothing_is_offered(
    start_app: Callable[[], AppRoot],
    paths: AppPaths,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    place_file(paths).write_text('{"version": 1, "step_index": "six"', encoding="utf-8")
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text, *_a, **_k: told.append(text)
    )
    root = start_app()
    root.offer_unfinished_session()
    qtbot.waitUntil(lambda: bool(told))
    assert "could not read where your last session stopped" in told[0]
    assert not place_file(paths).exists()
    assert list(paths.data_dir.glob("session-in-progress.corrupt-*.json"))
    assert not root.window().controller.active
