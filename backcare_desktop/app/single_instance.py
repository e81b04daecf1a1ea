"""One BackCare per person: a second launch hands its request to the first and exits.

The guard is a Unix socket private to the user's BackCare folders (so separate `--home`
folders, as tests use, never see each other), watched by a QSocketNotifier. Plain sockets
rather than QLocalServer because QtNetwork costs an idle tray app about 3 MiB (issue 5 counts
resident memory); where Python has no Unix sockets (Windows), QLocalServer does the job. A stale
socket left by a crash is detected (nobody answers) and replaced.

The protocol is one JSON object per line from the second launch, answered by "ok".
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

from backcare_desktop import APP_SLUG

log = logging.getLogger(__name__)
CONNECT_TIMEOUT_S = 0.8
MAX_MESSAGE_BYTES = 64 * 1024
UNIX_SOCKETS = hasattr(socket, "AF_UNIX")


def server_name(runtime_dir: Path, config_dir: Path) -> str:
    if not UNIX_SOCKETS:
        import hashlib  # here only: hashlib loads OpenSSL, megabytes an idle app would carry

        digest = hashlib.sha1(str(config_dir).encode()).hexdigest()[:12]
        return f"{APP_SLUG}-{digest}"
    return str(runtime_dir / "instance.sock")


def send_to_running(name: str, message: dict[str, str]) -> bool:
    """Deliver a request to an already-running BackCare; False if none is listening."""
    line = (json.dumps(message) + "\n").encode()
    if not UNIX_SOCKETS:
        return _send_with_qt(name, line)
    if not Path(name).exists():
        return False  # nothing listens: no connection attempt on the start-up path
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(CONNECT_TIMEOUT_S)
            client.connect(name)
            client.sendall(line)
            client.recv(16)  # "ok": the request was read
    except OSError:  # refused (a stale socket), or no answer in time
        return False
    return True


def _send_with_qt(name: str, line: bytes) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    timeout_ms = int(CONNECT_TIMEOUT_S * 1000)
    client = QLocalSocket()
    client.connectToServer(name)
    if not client.waitForConnected(timeout_ms):
        return False
    client.write(line)
    client.waitForBytesWritten(timeout_ms)
    client.waitForReadyRead(timeout_ms)
    client.disconnectFromServer()
    return True


class InstanceGuard(QObject):
    """Listens for later launches; emits their requests as `messageReceived`."""

    messageReceived = Signal(dict)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: socket.socket | None = None
        self._inode = 0
        self._notifier: QSocketNotifier | None = None
        self._qt_server: QLocalServer | None = None

    def listen(self) -> bool:
        if not UNIX_SOCKETS:
            return self._listen_with_qt()
        try:
            self._server = self._bind()
        except OSError as error:
            log.warning("single-instance guard unavailable: %s", error)
            return False
        self._inode = os.stat(self.name).st_ino
        self._notifier = QSocketNotifier(self._server.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def _bind(self) -> socket.socket:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            try:
                server.bind(self.name)
            except OSError:
                # Nobody answered (run() asked first), so the socket is stale: replace it.
                os.unlink(self.name)
                server.bind(self.name)
            os.chmod(self.name, 0o600)
            server.listen(4)
            server.setblocking(False)
        except OSError:
            server.close()
            raise
        return server

    def _accept(self) -> None:
        if self._server is None:
            return
        try:
            client, _address = self._server.accept()
        except OSError:  # BlockingIOError: the caller gave up meanwhile
            return
        with client:
            client.settimeout(CONNECT_TIMEOUT_S)  # a launch sends its line at once
            data = b""
            try:
                while b"\n" not in data and len(data) < MAX_MESSAGE_BYTES:
                    chunk = client.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                for raw in data.splitlines():
                    if self._handle(raw):
                        client.sendall(b"ok\n")
            except OSError as error:
                log.warning("a second launch's message was not read: %s", error)

    def _handle(self, raw: bytes) -> bool:
        try:
            message = json.loads(raw.decode("utf-8", "replace"))
        except ValueError:
            log.warning("ignored a malformed message from a second launch")
            return False
        if not isinstance(message, dict):
            return False
        self.messageReceived.emit({str(k): str(v) for k, v in message.items()})
        return True

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._server is not None:
            self._server.close()
            self._server = None
            try:  # ours still (a later instance may have replaced a socket it took as stale)
                if os.stat(self.name).st_ino == self._inode:
                    os.unlink(self.name)
            except OSError:
                pass
        if self._qt_server is not None:
            self._qt_server.close()

    # -- QLocalServer, where Python has no Unix sockets --------------------------------------

    def _listen_with_qt(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._accept_with_qt)
        self._qt_server = server
        if server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)  # nobody answered: a stale name
        ok = server.listen(self.name)
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
            while client.canReadLine():
                if self._handle(bytes(client.readLine().data()).strip()):
                    client.write(b"ok\n")

        return read
