"""Quit on SIGTERM the way the menu's Quit does, so a session in progress is journaled as
stopped when the desktop ends the login session, a service manager stops BackCare, or
someone runs `kill`.

Python runs a signal handler only when the interpreter next gets control, which an idle Qt
event loop may not give it for a long time. So the signal also writes its number into a
socket pair (`signal.set_wakeup_fd`) that Qt watches, and the quit runs on the GUI thread at
once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)


class TerminateWatch(QObject):
    """Calls `quit` on the GUI thread when the process receives SIGTERM (POSIX only)."""

    def __init__(self, quit: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quit = quit
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        signal.signal(signal.SIGTERM, lambda _number, _frame: None)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woke)

    def _woke(self) -> None:
        with contextlib.suppress(BlockingIOError):
            numbers = self._reader.recv(64)
            if signal.SIGTERM.value in numbers:
                log.info("asked to end (SIGTERM): quitting as the menu's Quit does")
                self._quit()


def quit_on_terminate(quit: Callable[[], None], parent: QObject) -> TerminateWatch | None:
    """Watch for SIGTERM where the platform has it (not on Windows)."""
    if os.name != "posix":
        return None
    try:
        return TerminateWatch(quit, parent)
    except (OSError, ValueError) as error:  # ValueError: not the main thread
        log.info("not watching for SIGTERM: %s", error)
        return None
