"""The single-instance guard: the lock decides who is first, a later launch's request reaches
the first, sockets left by a crash are replaced, hostile clients are dropped without an
exception, and where Python has no Unix sockets QLocalServer does the same job."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcare_desktop.app import single_instance
from backcare_desktop.app.single_instance import (
    MAX_MESSAGE_BYTES,
    HandOver,
    InstanceClaim,
    InstanceGuard,
    LaunchRequest,
    claim_or_hand_over,
    parse_request,
    send_to_running,
)


class SecondLaunch:
    """The second launch, on a thread: it waits for the answer the GUI thread gives."""

    def __init__(self, run_dir: Path, request: LaunchRequest) -> None:
        self.outcome: InstanceClaim | HandOver | None = None
        self._thread = threading.Thread(target=lambda: self._run(run_dir, request), daemon=True)
        self._thread.start()

    def _run(self, run_dir: Path, request: LaunchRequest) -> None:
        self.outcome = claim_or_hand_over(run_dir, run_dir, request, answer_timeout=10)

    def result(self, qtbot: QtBot) -> InstanceClaim | HandOver | None:
        qtbot.waitUntil(lambda: not self._thread.is_alive(), timeout=15_000)
        return self.outcome


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    return tmp_path / "run"


@pytest.fixture
def guard(run_dir: Path, qtbot: QtBot) -> Iterator[InstanceGuard]:
    claim = claim_or_hand_over(run_dir, run_dir, LaunchRequest("show"))
    assert isinstance(claim, InstanceClaim)
    made = InstanceGuard(claim)
    assert made.listen()
    yield made
    made.close()


def socket_of(run_dir: Path) -> str:
    return str(run_dir / "instance.sock")


def test_a_second_launch_hands_its_request_to_the_first(
    guard: InstanceGuard, run_dir: Path, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(guard.messageReceived, timeout=5000) as received:
        launch = SecondLaunch(run_dir, LaunchRequest("start", "desk_break"))
    assert received.args == [LaunchRequest("start", "desk_break")]
    assert launch.result(qtbot) is HandOver.HANDED_OVER


def test_with_nobody_running_a_launch_becomes_the_first(run_dir: Path) -> None:
    claim = claim_or_hand_over(run_dir, run_dir, LaunchRequest("show"))
    assert isinstance(claim, InstanceClaim)
    claim.release()
    assert not Path(socket_of(run_dir)).exists()


def test_a_socket_left_by_a_crash_is_replaced_by_the_next_launch(
    run_dir: Path, qtbot: QtBot
) -> None:
    run_dir.mkdir()
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(socket_of(run_dir))
    stale.close()  # the file stays, nobody listens or holds the lock: what a crash leaves
    claim = claim_or_hand_over(run_dir, run_dir, LaunchRequest("show"))
    assert isinstance(claim, InstanceClaim)
    guard = InstanceGuard(claim)
    assert guard.listen()
    with qtbot.waitSignal(guard.messageReceived, timeout=5000):
        launch = SecondLaunch(run_dir, LaunchRequest("show"))
    assert launch.result(qtbot) is HandOver.HANDED_OVER
    guard.close()
    assert not Path(socket_of(run_dir)).exists()


def test_while_the_first_holds_the_lock_its_socket_is_never_taken_over(
    guard: InstanceGuard, run_dir: Path
) -> None:
    """Even when the first does not answer (here: no event loop turns), a launch waits and
    gives up; it does not replace the socket and start a second app."""
    outcome = claim_or_hand_over(run_dir, run_dir, LaunchRequest("show"), answer_timeout=0.2)
    assert outcome is HandOver.NO_ANSWER
    assert guard.claim.server is not None
    assert Path(socket_of(run_dir)).exists()


def test_idle_connections_do_not_keep_a_launch_from_handing_over(
    guard: InstanceGuard, run_dir: Path, qtbot: QtBot
) -> None:
    idle = []
    for _ in range(12):
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.connect(socket_of(run_dir))
        idle.append(client)
    with qtbot.waitSignal(guard.messageReceived, timeout=10_000):
        launch = SecondLaunch(run_dir, LaunchRequest("show"))
    assert launch.result(qtbot) is HandOver.HANDED_OVER
    for client in idle:
        client.close()


def test_an_idle_connection_is_closed_after_its_time(
    guard: InstanceGuard, run_dir: Path, qtbot: QtBot
) -> None:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.connect(socket_of(run_dir))
    client.setblocking(False)

    def closed_by_the_app() -> bool:
        try:
            return client.recv(1) == b""
        except BlockingIOError:
            return False

    qtbot.waitUntil(closed_by_the_app, timeout=10_000)
    client.close()


HOSTILE = [
    b"not json",
    b"[" * 100_000 + b"]" * 100_000,
    b'{"cmd": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b'{"cmd": "show", "extra": 1}',
    b'{"cmd": ["show"]}',
    b'{"cmd": {"a": 1}}',
    b'{"cmd": "start", "routine": 7}',
    b'{"cmd": "format-disk"}',
    b'"show"',
    b"\xff\xfe\x00",
    json.dumps({"cmd": "start", "routine": "x" * 10_000}).encode(),
]


@pytest.mark.parametrize("raw", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_message_is_rejected_without_an_exception(raw: bytes) -> None:
    assert parse_request(raw) is None


@pytest.mark.parametrize("raw", [HOSTILE[1], HOSTILE[2], b"x" * (4 * MAX_MESSAGE_BYTES)])
def test_hostile_clients_leave_the_guard_working(
    guard: InstanceGuard, run_dir: Path, qtbot: QtBot, raw: bytes
) -> None:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.connect(socket_of(run_dir))
    client.setblocking(False)
    with (
        qtbot.assertNotEmitted(guard.messageReceived, wait=300),
        qtbot.captureExceptions() as errors,
        suppress(OSError),  # the app closed the connection: the message was too big
    ):
        client.sendall(raw + b"\n")
    client.close()
    assert errors == []
    with qtbot.waitSignal(guard.messageReceived, timeout=5000):
        launch = SecondLaunch(run_dir, LaunchRequest("show"))
    assert launch.result(qtbot) is HandOver.HANDED_OVER


def test_a_plain_request_is_read() -> None:
    assert parse_request(b'{"cmd": "show"}') == LaunchRequest("show")
    assert parse_request(LaunchRequest("start", "desk_break").to_line().strip()) == LaunchRequest(
        "start", "desk_break"
    )


QT_CLIENT = """
import sys
from backcare_desktop.app import single_instance
single_instance.UNIX_SOCKETS = False
print(single_instance.send_to_running(sys.argv[1], single_instance.LaunchRequest("show"), 10))
"""


def test_without_unix_sockets_qlocalserver_carries_the_request(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qtbot: QtBot
) -> None:
    """The second launch is a real process here: Qt sockets belong to the thread that made them."""
    monkeypatch.setattr(single_instance, "UNIX_SOCKETS", False)
    name = str(tmp_path / "qt-instance")
    lock = single_instance.InstanceLock(tmp_path / "instance.lock")
    assert lock.try_acquire()
    guard = InstanceGuard(InstanceClaim(name, lock, None))
    assert guard.listen()
    with qtbot.waitSignal(guard.messageReceived, timeout=10_000) as received:
        launch = subprocess.Popen(
            [sys.executable, "-c", QT_CLIENT, name], stdout=subprocess.PIPE, text=True
        )
    assert received.args == [LaunchRequest("show")]
    qtbot.waitUntil(lambda: launch.poll() is not None, timeout=10_000)
    assert launch.communicate()[0].strip() == "True"
    guard.close()


def test_with_nobody_listening_send_says_so(tmp_path: Path) -> None:
    assert send_to_running(str(tmp_path / "nobody.sock"), LaunchRequest("show"), 1) is False


def test_a_launch_takes_over_when_the_first_dies_before_answering(
    run_dir: Path, qtbot: QtBot
) -> None:
    first = claim_or_hand_over(run_dir, run_dir, LaunchRequest("show"))
    assert isinstance(first, InstanceClaim)
    launch = SecondLaunch(run_dir, LaunchRequest("show"))
    first.release()  # dies while starting: its lock and socket go, no answer is ever given
    taken = launch.result(qtbot)
    assert isinstance(taken, InstanceClaim) and taken.guarded
    taken.release()


def test_where_no_lock_can_be_made_the_app_runs_unguarded(tmp_path: Path) -> None:
    blocker = tmp_path / "run"
    blocker.write_text("a file where the runtime folder should be")
    claim = claim_or_hand_over(blocker, blocker, LaunchRequest("show"))
    assert isinstance(claim, InstanceClaim) and not claim.guarded
    guard = InstanceGuard(claim)
    assert guard.listen() is False
    guard.close()
