"""One BackCare per person: a second launch hands its request to the first and exits.

The guard is a QLocalServer on a socket private to the user's BackCare folders (so separate
`--home` folders, as tests use, never see each other). A stale socket left by a crash is
detected (nobody answers) and replaced.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

from backcare_desktop import APP_SLUG

log = logging.getLogger(__name__)
CONNECT_TIMEOUT_MS = 800


def server_name(runtime_dir: Path, config_dir: Path) -> str:
    if sys.platform.startswith("win"):
        import hashlib  # here only: hashlib loads OpenSSL, megabytes an idle app would carry

        digest = hashlib.sha1(str(config_dir).encode()).hexdigest()[:12]
        return f"{APP_SLUG}-{digest}"
    return str(runtime_dir / "instance.sock")


def send_to_running(name: str, message: dict[str, str]) -> bool:
    """Deliver a request to an already-running BackCare; False if none is listening."""
    if not sys.platform.startswith("win") and not Path(name).exists():
        return False  # nothing listens: skip the connection attempt on the start-up path
    from PySide6.QtNetwork import QLocalSocket  # only when another instance may be running

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write((json.dumps(message) + "\n").encode())
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.waitForReadyRead(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceGuard(QObject):
    """Listens for later launches; emits their requests as `messageReceived`."""

    messageReceived = Signal(dict)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        if self._server.listen(self.name):
            return True
        # Nobody answered (we checked before), so the socket is stale: remove and retry.
        type(self._server).removeServer(self.name)
        ok = self._server.listen(self.name)
        if not ok:
            log.warning("single-instance guard unavailable: %s", self._server.errorString())
        return ok

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            raw = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
            try:
                message = json.loads(raw)
            except ValueError:
                log.warning("ignored a malformed message from a second launch")
                continue
            if isinstance(message, dict):
                socket.write(b"ok\n")
                self.messageReceived.emit({str(k): str(v) for k, v in message.items()})

    def close(self) -> None:
        self._server.close()
