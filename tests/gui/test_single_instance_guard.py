"""The single-instance guard: a second launch's request reaches the first, stale sockets are
replaced, and where Python has no Unix sockets QLocalServer does the same job."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcare_desktop.app import single_instance
from backcare_desktop.app.single_instance import InstanceGuard, send_to_running


class SecondLaunch:
    """The second launch, on a thread: it waits for the answer the GUI thread gives."""

    def __init__(self, name: str, message: dict[str, str]) -> None:
        self.sent: bool | None = None
        self._thread = threading.Thread(target=lambda: self._send(name, message), daemon=True)
        self._thread.start()

    def _send(self, name: str, message: dict[str, str]) -> None:
        self.sent = send_to_running(name, message)

    def result(self, qtbot: QtBot) -> bool | None:
        qtbot.waitUntil(lambda: not self._thread.is_alive(), timeout=5000)
        return self.sent


@pytest.fixture
def name(tmp_path: Path) -> str:
    return str(tmp_path / "instance.sock")


@pytest.fixture
def guard(name: str, qtbot: QtBot) -> Iterator[InstanceGuard]:
    made = InstanceGuard(name)
    assert made.listen()
    yield made
    made.close()


def test_a_second_launch_hands_its_request_to_the_first(
    guard: InstanceGuard, name: str, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(guard.messageReceived, timeout=5000) as received:
        launch = SecondLaunch(name, {"cmd": "start", "routine": "desk_break"})
    assert received.args == [{"cmd": "start", "routine": "desk_break"}]
    assert launch.result(qtbot) is True


def test_with_nobody_running_a_launch_starts_normally(name: str) -> None:
    assert send_to_running(name, {"cmd": "show"}) is False


def test_a_socket_left_by_a_crash_is_not_mistaken_for_a_running_app(
    name: str, qtbot: QtBot
) -> None:
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(name)
    stale.close()  # the file stays, nobody listens: what a crash leaves behind
    assert send_to_running(name, {"cmd": "show"}) is False
    guard = InstanceGuard(name)
    assert guard.listen()
    with qtbot.waitSignal(guard.messageReceived, timeout=5000):
        launch = SecondLaunch(name, {"cmd": "show"})
    assert launch.result(qtbot) is True
    guard.close()
    assert not Path(name).exists()


def test_a_malformed_request_is_ignored(guard: InstanceGuard, name: str, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(guard.messageReceived, wait=300):
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.connect(name)
        client.sendall(b"not json\n")
        client.close()


QT_CLIENT = """
import sys
from backcare_desktop.app import single_instance
single_instance.UNIX_SOCKETS = False
print(single_instance.send_to_running(sys.argv[1], {"cmd": "show"}))
"""


def test_without_unix_sockets_qlocalserver_carries_the_request(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qtbot: QtBot
) -> None:
    """The second launch is a real process here: Qt sockets belong to the thread that made them."""
    monkeypatch.setattr(single_instance, "UNIX_SOCKETS", False)
    name = str(tmp_path / "qt-instance")
    guard = InstanceGuard(name)
    assert guard.listen()
    with qtbot.waitSignal(guard.messageReceived, timeout=10_000) as received:
        launch = subprocess.Popen(
            [sys.executable, "-c", QT_CLIENT, name], stdout=subprocess.PIPE, text=True
        )
    assert received.args == [{"cmd": "show"}]
    qtbot.waitUntil(lambda: launch.poll() is not None, timeout=10_000)
    assert launch.communicate()[0].strip() == "True"
    guard.close()
