"""One BackCare per person: a later launch hands its request to the first and exits.

Who is first is decided by a lock, not by the socket: `instance.lock` beside the socket is held
(flock) for the whole life of the app, and the kernel lets go of it when the app ends, however
it ends. A launch that gets the lock binds the socket (any socket file left there belongs to a
dead app, so it is replaced); a launch that does not get it knows a live app holds it, hands its
request over and exits, and never takes the socket over, however busy or silent it is. The
claim itself (lock, then bind) runs under a second, briefly held lock, `instance.start.lock`,
so a launch that loses the race always finds the winner's socket already listening. Giving the
claim up (closing connections and socket, then the lock) runs under that lock too: a launch
left without an answer because the app was quitting re-checks the lock under it, so it finds
the lock already free and takes over, instead of seeing it still held for a moment and
concluding "no answer".

The app reads requests without ever blocking: each connection is watched by its own
QSocketNotifier, may send at most MAX_MESSAGE_BYTES, and is closed after CLIENT_TIMEOUT_MS or
when too many are open, so idle or hostile clients cost nothing. A request is one flat JSON
object per line; anything else (malformed, huge, deeply nested, odd types) is dropped.

Plain sockets rather than QLocalServer because QtNetwork costs an idle tray app about 3 MiB
(issue 5 counts resident memory); where Python has no Unix sockets (Windows), QLockFile and
QLocalServer do the same job.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

from backcare_desktop import APP_SLUG

log = logging.getLogger(__name__)
ANSWER_TIMEOUT_S = 30.0
"""How long a later launch waits for the app's answer. The lock proves the app is alive, but
it may still be building its window (ten launches at once on a busy machine take seconds)."""
MAX_MESSAGE_BYTES = 4096
CLIENT_TIMEOUT_MS = 2000
MAX_CLIENTS = 8
KNOWN_COMMANDS = frozenset({"show", "start"})
MAX_FIELD_CHARS = 200
UNIX_SOCKETS = hasattr(socket, "AF_UNIX")

try:
    import fcntl
except ImportError:  # Windows: QLockFile below
    fcntl = None  # type: ignore[assignment]


class LaunchRequest(NamedTuple):
    """What a later launch asks of the running app: show its window, or open a routine."""

    command: str
    routine: str | None = None

    def to_line(self) -> bytes:
        message = {"cmd": self.command} | ({"routine": self.routine} if self.routine else {})
        return (json.dumps(message) + "\n").encode()


class HandOver(Enum):
    """How a launch that is not the first one ended."""

    HANDED_OVER = "handed over"
    NO_ANSWER = "no answer"


def server_name(runtime_dir: Path, config_dir: Path) -> str:
    if not UNIX_SOCKETS:
        import hashlib  # here only: hashlib loads OpenSSL, megabytes an idle app would carry

        digest = hashlib.sha1(str(config_dir).encode()).hexdigest()[:12]
        return f"{APP_SLUG}-{digest}"
    return str(runtime_dir / "instance.sock")


# -- the claim ------------------------------------------------------------------------------------


class InstanceLock:
    """A lock file held for this process's life (flock; QLockFile where there is no fcntl)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._qt_lock: QLockFile | None = None

    def try_acquire(self, *, wait: bool = False) -> bool:
        if fcntl is None:
            return self._try_with_qt(wait)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # BlockingIOError: held by a live process
            os.close(fd)
            return False
        self._fd = fd
        return True

    def _try_with_qt(self, wait: bool) -> bool:
        from PySide6.QtCore import QLockFile

        lock = QLockFile(str(self.path))
        lock.setStaleLockTime(0)  # held for the app's life; Qt still sees a dead owner by its PID
        if lock.tryLock(10_000 if wait else 0):
            self._qt_lock = lock
            return True
        return False

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None
        if self._qt_lock is not None:
            self._qt_lock.unlock()
            self._qt_lock = None


class InstanceClaim:
    """This process is the one BackCare: it holds the lock, and (on Unix) the bound socket.

    A plain class, not a dataclass: it is made on every start, before the first paint, and a
    dataclass takes 0.3 ms to make; it is a holder of resources, never compared or printed."""

    def __init__(
        self, name: str, lock: InstanceLock, server: socket.socket | None, guarded: bool = True
    ) -> None:
        self.name = name
        self.lock = lock
        self.server = server
        self.guarded = guarded

    def release(self) -> None:
        with self.releasing():
            pass

    @contextmanager
    def releasing(self) -> Iterator[None]:
        """Run the caller's closing (its open connections), then give the claim up, all under
        the start lock: every way a waiting launch can learn the app is going (its connection
        closed, the socket gone) happens while that lock is held, and the instance lock is free
        before the launch can take the start lock to re-check it."""
        with ExitStack() as held:
            if self.guarded:
                with suppress(OSError):  # the runtime folder is gone: nobody left to race
                    held.enter_context(_starting(self.lock.path.parent))
            try:
                yield
            finally:
                if self.server is not None:
                    self.server.close()
                    self.server = None
                    if UNIX_SOCKETS:
                        with suppress(OSError):
                            os.unlink(self.name)
                self.lock.release()


@contextmanager
def _starting(runtime_dir: Path) -> Iterator[None]:
    """Held briefly while a claim is made or given up, so no launch sees one half done."""
    starting = InstanceLock(runtime_dir / "instance.start.lock")
    starting.try_acquire(wait=True)
    try:
        yield
    finally:
        starting.release()


def claim_or_hand_over(
    runtime_dir: Path,
    config_dir: Path,
    request: LaunchRequest,
    answer_timeout: float = ANSWER_TIMEOUT_S,
) -> InstanceClaim | HandOver:
    """Become the one BackCare, or give `request` to the one that is.

    A launch whose answer never comes tries the lock once more: the first may have died while
    starting (then its lock is free). Where no lock or socket can be made at all (a read-only
    runtime folder), BackCare runs unguarded rather than not at all."""
    name = server_name(runtime_dir, config_dir)
    try:
        claim = _claim(runtime_dir, name)
        if claim is None and not send_to_running(name, request, answer_timeout):
            claim = _claim(runtime_dir, name)
            if claim is None:
                return HandOver.NO_ANSWER
    except OSError as error:
        log.warning("running without the single-instance guard: %s", error)
        return InstanceClaim(name, InstanceLock(runtime_dir / "instance.lock"), None, False)
    return HandOver.HANDED_OVER if claim is None else claim


def _claim(runtime_dir: Path, name: str) -> InstanceClaim | None:
    """The lock and the bound socket, or None when a live BackCare holds the lock."""
    runtime_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    with _starting(runtime_dir):
        lock = InstanceLock(runtime_dir / "instance.lock")
        if not lock.try_acquire():
            return None
        try:
            return InstanceClaim(name, lock, _bind(name) if UNIX_SOCKETS else None)
        except OSError:
            lock.release()
            raise


def _bind(name: str) -> socket.socket:
    """Bind the socket; a file already there was left by an app that died (we hold the lock)."""
    with suppress(FileNotFoundError):
        os.unlink(name)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(name)
        os.chmod(name, 0o600)
        server.listen(16)
        server.setblocking(False)
    except OSError:
        server.close()
        raise
    return server


def send_to_running(name: str, request: LaunchRequest, timeout: float = ANSWER_TIMEOUT_S) -> bool:
    """Deliver a request to the running BackCare; False if it cannot be reached or is silent."""
    if not UNIX_SOCKETS:
        return _send_with_qt(name, request.to_line(), timeout)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout)
            client.connect(name)
            client.sendall(request.to_line())
            return client.recv(16).startswith(b"ok")
    except OSError:  # gone, or no answer in time
        return False


def _send_with_qt(name: str, line: bytes, timeout: float) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    timeout_ms = int(timeout * 1000)
    client = QLocalSocket()
    client.connectToServer(name)
    if not client.waitForConnected(timeout_ms):
        return False
    client.write(line)
    client.waitForBytesWritten(timeout_ms)
    answered = client.waitForReadyRead(timeout_ms)
    client.disconnectFromServer()
    return answered


# -- reading requests ------------------------------------------------------------------------------


def parse_request(raw: bytes) -> LaunchRequest | None:
    """A request from one line, or None for anything that is not a small flat known object."""
    if len(raw) > MAX_MESSAGE_BYTES or raw.count(b"{") + raw.count(b"[") > 2:
        return None  # requests are flat: no need to hand deep nesting to the parser at all
    try:
        message = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(message, dict) or not set(message) <= {"cmd", "routine"}:
        return None
    command, routine = message.get("cmd"), message.get("routine")
    if not isinstance(command, str) or command not in KNOWN_COMMANDS:
        return None
    if routine is not None and (not isinstance(routine, str) or len(routine) > MAX_FIELD_CHARS):
        return None
    return LaunchRequest(command, routine or None)


class _Client(QObject):
    """One connection: read without blocking, answer one request, close on timeout or excess."""

    def __init__(
        self,
        connection: socket.socket,
        on_request: Callable[[LaunchRequest], None],
        on_closed: Callable[[_Client], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        connection.setblocking(False)
        self._connection: socket.socket | None = connection
        self._data = b""
        self._on_request = on_request
        self._on_closed = on_closed
        self._notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        self._timer = QTimer(self, singleShot=True, interval=CLIENT_TIMEOUT_MS)
        self._timer.timeout.connect(self._give_up)

    def start(self) -> None:
        self._timer.start()
        self._read()  # a launch writes at once: its line is usually here already

    def _give_up(self) -> None:
        """A busy GUI thread may serve the timer before the notifier: read what came first."""
        self._read()
        self.close()

    def _read(self) -> None:
        if self._connection is None:
            return
        try:
            chunk = self._connection.recv(MAX_MESSAGE_BYTES + 1)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        self._data += chunk
        if b"\n" in self._data:
            request = parse_request(self._data.split(b"\n", 1)[0].strip())
            if request is None:
                log.warning("ignored a malformed message from a second launch")
            else:
                self._answer()
                self._on_request(request)
            self.close()
        elif not chunk or len(self._data) > MAX_MESSAGE_BYTES:
            self.close()

    def _answer(self) -> None:
        try:
            if self._connection is not None:
                self._connection.send(b"ok\n")
        except OSError as error:
            log.warning("a second launch left before its answer: %s", error)

    def close(self) -> None:
        if self._connection is None:
            return
        self._timer.stop()
        self._notifier.setEnabled(False)
        self._connection.close()
        self._connection = None
        self._on_closed(self)
        self.deleteLater()


class InstanceGuard(QObject):
    """Listens for later launches on the claimed socket; emits their requests."""

    messageReceived = Signal(LaunchRequest)

    def __init__(self, claim: InstanceClaim, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.claim = claim
        self._notifier: QSocketNotifier | None = None
        self._clients: list[_Client] = []
        self._qt_server: QLocalServer | None = None

    def listen(self) -> bool:
        """Start answering (again calls change nothing); False where no guard can listen."""
        if self._notifier is not None or self._qt_server is not None:
            return True
        if not self.claim.guarded:
            return False
        server = self.claim.server
        if server is None:
            return self._listen_with_qt()
        self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def _accept(self) -> None:
        server = self.claim.server
        if server is None:
            return
        while True:
            try:
                connection, _address = server.accept()
            except OSError:  # BlockingIOError: none waiting
                return
            if len(self._clients) >= MAX_CLIENTS:
                self._clients[0].close()  # the oldest is the likeliest to be stuck
            client = _Client(connection, self.messageReceived.emit, self._clients.remove, self)
            self._clients.append(client)
            client.start()

    def close(self) -> None:
        """Stop answering and give the claim up; a launch whose connection this closes unanswered
        finds the lock free when it re-checks (see InstanceClaim.releasing)."""
        with self.claim.releasing():
            if self._notifier is not None:
                self._notifier.setEnabled(False)
            for client in list(self._clients):
                client.close()
            if self._qt_server is not None:
                self._qt_server.close()

    # -- QLocalServer, where Python has no Unix sockets --------------------------------------

    def _listen_with_qt(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._accept_with_qt)
        self._qt_server = server
        QLocalServer.removeServer(self.claim.name)  # we hold the lock: any old name is stale
        ok = server.listen(self.claim.name)
        if not ok:
            log.warning("single-instance guard unavailable: %s", server.errorString())
        return ok

    def _accept_with_qt(self) -> None:
        server = self._qt_server
        while server is not None and server.hasPendingConnections():
            client = server.nextPendingConnection()
            client.readyRead.connect(self._reader(client))
            client.disconnected.connect(client.deleteLater)

    def _reader(self, client: QLocalSocket) -> Callable[[], None]:
        def read() -> None:
            if client.bytesAvailable() > MAX_MESSAGE_BYTES:
                client.abort()
                return
            while client.canReadLine():
                request = parse_request(bytes(client.readLine().data()).strip())
                if request is not None:
                    client.write(b"ok\n")
                    self.messageReceived.emit(request)

        return read
