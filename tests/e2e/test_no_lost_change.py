"""No change is ever lost: the app, a second app-side writer and 160 CLI runs, all at once.

The real app runs under Xvfb (following the file as it changes). In this test's process the
app's own settings path (Persistence: the model, its queued writer on the job runner and the
real store) changes a setting every 150 ms, and a second app-side writer adds and removes
reminders of its own, while `backcare remind add` runs 100 times and
`backcare remind remove 1` 60 times, two at a time. Afterwards the file must hold every
reminder still expected and the last value of each setting: before changes were applied to
the latest file under the lock, 44 of 44 expected reminders were lost this way.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest
from desktop_rig import start_xvfb
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from backcare_desktop.app.persistence import Persistence
from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.settings_watch import SettingsFileWatcher
from backcare_desktop.core.reminders import reminder_list
from backcare_desktop.core.reminders.rules import ReminderRule
from backcare_desktop.paths import resolve_paths
from backcare_desktop.storage.store import PreferencesStore

pytestmark = [pytest.mark.slow, pytest.mark.xvfb]

ADDS = 100
REMOVES = 60
AT_ONCE = 2
REMOVED = re.compile(r"Removed reminder \d+: (\d\d:\d\d)\.")


@pytest.fixture
def x_display() -> Iterator[str]:
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed (Debian: xvfb)")
    server, display = start_xvfb()
    if display is None:
        pytest.skip("Xvfb did not start")
    yield display
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def real_app(x_display: str, isolated_home: Path, qtbot: QtBot) -> Iterator[subprocess.Popen[str]]:
    store = PreferencesStore.in_data_dir(resolve_paths())
    store.apply(lambda prefs: prefs.with_changes(first_run_acknowledged=True))
    env = dict(
        os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=x_display, BACKCARE_HOME=str(isolated_home)
    )
    app = subprocess.Popen(
        [sys.executable, "-m", "backcare_desktop"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    socket = isolated_home / "run" / "instance.sock"
    qtbot.waitUntil(lambda: socket.exists() or app.poll() is not None, timeout=60_000)
    assert app.poll() is None, app.communicate()[1]
    yield app
    app.terminate()
    app.wait(timeout=20)


def cli_jobs() -> list[list[str]]:
    """100 adds at distinct times, with 3 removes after every 5 adds."""
    jobs: list[list[str]] = []
    for number in range(ADDS):
        jobs.append(["add", f"{number // 10 + 8:02d}:{number % 10 * 5:02d}"])
        if number % 5 == 4:
            jobs += [["remove", "1"]] * 3
    assert sum(job[0] == "remove" for job in jobs) == REMOVES
    return jobs


def app_side_model() -> PreferencesModel:
    store = PreferencesStore.in_data_dir(resolve_paths())
    return PreferencesModel(store.load()[0], store)


SECOND_WRITER_STEPS = 200


def test_no_change_is_lost_while_the_app_and_the_cli_write_at_once(
    real_app: subprocess.Popen[str], isolated_home: Path, qtbot: QtBot
) -> None:
    persistence = Persistence(resolve_paths())
    app = persistence.preferences
    watcher = SettingsFileWatcher(
        PreferencesStore.in_data_dir(resolve_paths()), app, jobs=persistence.jobs
    )
    watcher.start()
    second = app_side_model()

    minutes = iter(range(10**6))
    settings_timer = QTimer()
    settings_timer.setInterval(150)
    last_set: list[tuple[int, bool]] = []

    def change_a_setting() -> None:
        step = next(minutes)
        wanted = (5 + step % 26, step % 2 == 0)
        app.update(routine_minutes=wanted[0], muted=wanted[1])
        last_set.append(wanted)

    settings_timer.timeout.connect(change_a_setting)
    own: list[ReminderRule] = []
    own_removed: set[str] = set()

    def second_writer_step() -> None:
        """Adds one reminder in the evening, first removing its oldest when it has two.

        It stops after 200 (20:00 to 23:19): on a machine slow enough for the terminal
        commands to take minutes, the evening would otherwise run out of hours."""
        count = len(own)
        if count >= SECOND_WRITER_STEPS:
            return
        kept = [rule for rule in own if rule.time_text not in own_removed]
        if len(kept) >= 2:
            gone = kept[0]
            own_removed.add(gone.time_text)
            second.change_reminders(lambda rules: reminder_list.remove(rules, gone.id))
        rule = ReminderRule(f"second{count}", time(20 + count // 60, count % 60), frozenset({6}))
        own.append(rule)
        second.change_reminders(lambda rules: reminder_list.replace(rules, rule))

    second_timer = QTimer()
    second_timer.setInterval(400)
    second_timer.timeout.connect(second_writer_step)

    jobs = cli_jobs()
    running: list[tuple[list[str], subprocess.Popen[str]]] = []
    finished: list[tuple[list[str], int, str, str]] = []
    env = dict(os.environ, BACKCARE_HOME=str(isolated_home))
    env.pop("DISPLAY", None)

    def launch_and_reap() -> bool:
        for entry in list(running):
            job, process = entry
            if process.poll() is not None:
                out, err = process.communicate()
                finished.append((job, process.returncode, out, err))
                running.remove(entry)
        while jobs and len(running) < AT_ONCE:
            job = jobs.pop(0)
            command = [sys.executable, "-m", "backcare_desktop", "remind", *job]
            running.append(
                (job, subprocess.Popen(command, env=env, stdout=-1, stderr=-1, text=True))
            )
        return not jobs and not running

    settings_timer.start()
    second_timer.start()
    qtbot.waitUntil(launch_and_reap, timeout=900_000)
    settings_timer.stop()
    second_timer.stop()
    assert real_app.poll() is None, "the app must still be running"

    failed = [(job, code, err) for job, code, _out, err in finished if code != 0]
    assert failed == []
    added = {job[1] for job, _code, _out, _err in finished if job[0] == "add"}
    removed = set()
    for job, _code, out, _err in finished:
        if job[0] == "remove":
            match = REMOVED.search(out)
            assert match, out
            removed.add(match[1])
    assert len(added) == ADDS and len(removed) == REMOVES
    expected = (added | {rule.time_text for rule in own}) - removed - own_removed

    assert persistence.wait_for_saves() and second.flush()
    on_disk = PreferencesStore.in_data_dir(resolve_paths()).load()[0]
    assert sorted(rule.time_text for rule in on_disk.reminders) == sorted(expected)
    assert len(last_set) > 20  # the app changed a setting all along the loop
    assert (on_disk.routine_minutes, on_disk.muted) == last_set[-1]
    qtbot.waitUntil(lambda: app.value == on_disk, timeout=10_000)  # the app shows the file
