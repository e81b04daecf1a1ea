"""A second launch hands over to the running BackCare instead of opening a second window."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop_rig import PrivateDesktop, accessibility_missing, private_desktop, shows_prepare_for
from pytestqt.qtbot import QtBot


@pytest.fixture
def desktop() -> Iterator[PrivateDesktop]:
    for program in ("Xvfb", "dbus-daemon"):
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not installed (Debian: xvfb dbus-daemon)")
    reason = accessibility_missing()
    if reason is not None:
        pytest.skip(reason)
    with private_desktop() as rig:
        yield rig


@pytest.fixture
def running_app(
    desktop: PrivateDesktop, isolated_home: Path, qtbot: QtBot
) -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    env = dict(desktop.env, BACKCARE_HOME=str(isolated_home))
    process = subprocess.Popen(
        [sys.executable, "-m", "backcare_desktop"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    socket = isolated_home / "run" / "instance.sock"
    qtbot.waitUntil(lambda: socket.exists() or process.poll() is not None, timeout=30_000)
    assert process.poll() is None, process.communicate()[1]
    yield process, env
    process.terminate()
    process.wait(timeout=20)


def test_a_second_launch_shows_the_first_and_exits(
    running_app: tuple[subprocess.Popen[str], dict[str, str]], qtbot: QtBot
) -> None:
    process, env = running_app
    second = subprocess.run(
        [sys.executable, "-m", "backcare_desktop", "--start", "desk_break"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 0  # 0 only once the first answered that it read the request
    assert "already running" in second.stderr
    qtbot.waitUntil(lambda: shows_prepare_for(env, "desk_break"), timeout=30_000)
    assert process.poll() is None


def test_a_stale_socket_from_a_crash_does_not_block_start(
    isolated_home: Path, qtbot: QtBot
) -> None:
    run_dir = isolated_home / "run"
    run_dir.mkdir(parents=True)
    (run_dir / "instance.sock").write_text("")  # left behind by a killed process
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        BACKCARE_HOME=str(isolated_home),
        BACKCARE_QUIT_AFTER_FIRST_PAINT="1",
    )
    result = subprocess.run(
        [sys.executable, "-m", "backcare_desktop"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "already running" not in result.stderr
