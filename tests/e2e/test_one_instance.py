"""One BackCare per person, even when ten launches race, or someone holds the socket open."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

LAUNCHES = 10


def launch(home: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BACKCARE_HOME=str(home))
    env.pop("BACKCARE_QUIT_AFTER_FIRST_PAINT", None)
    return subprocess.Popen(
        [sys.executable, "-m", "backcare_desktop", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.terminate()
    for process in started:
        process.communicate(timeout=30)


def still_running(started: list[subprocess.Popen[str]]) -> list[subprocess.Popen[str]]:
    return [process for process in started if process.poll() is None]


@pytest.mark.slow
def test_ten_simultaneous_launches_leave_exactly_one_app(
    isolated_home: Path, qtbot: QtBot, processes: list[subprocess.Popen[str]]
) -> None:
    processes.extend(launch(isolated_home) for _ in range(LAUNCHES))
    qtbot.waitUntil(lambda: len(still_running(processes)) <= 1, timeout=120_000)
    assert len(still_running(processes)) == 1
    handed_over = [process for process in processes if process.poll() is not None]
    for process in handed_over:
        _out, err = process.communicate()
        assert process.returncode == 0, err
        assert "already running" in err


@pytest.mark.slow
def test_idle_connections_cannot_make_a_launch_take_over(
    isolated_home: Path, qtbot: QtBot, processes: list[subprocess.Popen[str]]
) -> None:
    first = launch(isolated_home)
    processes.append(first)
    name = isolated_home / "run" / "instance.sock"
    qtbot.waitUntil(lambda: name.exists() or first.poll() is not None, timeout=60_000)
    idle = []
    for _ in range(LAUNCHES):  # connect and say nothing, as a stuck or hostile client would
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.connect(str(name))
        idle.append(client)
    second = launch(isolated_home, "--start", "desk_break")
    processes.append(second)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    assert second.returncode == 0  # 0 only once the first answered that it read the request
    assert "already running" in second.communicate()[1]
    assert first.poll() is None
    for client in idle:
        client.close()
