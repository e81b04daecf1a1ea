"""Calling back once a page, just shown, has painted: for the journal reads pages start.

A read on the job runner keeps its worker busy in Python for a good part of a second with ten
years of sessions, and the GUI thread needs the interpreter lock for every Python paint or
event handler of the page it is painting. Started as the page is shown, the read made that
page's first paint wait on the worker, turn after turn (measured in
tests/benchmarks/gui_stall.py: Home's glance at today, 20 ms and more on a loaded machine).
Started once the page has painted, the worker runs while the window has nothing to do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterPaint(QObject):
    """`start()` arms it: `callback` then runs once, in the turn after `painted` next paints
    (a scroll area's column: its viewport paints nothing), or after `fallback_ms` if it does
    not paint by then (a minimized window). Only armed does it watch `painted`'s events."""

    def __init__(self, painted: QWidget, callback: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(painted)
        self._painted = painted
        self._callback = callback
        self._armed = False
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(fallback_ms)
        self._fallback.timeout.connect(self._call)

    @property
    def armed(self) -> bool:
        return self._armed

    def start(self) -> None:
        if not self._armed:
            self._armed = True
            self._painted.installEventFilter(self)
        self._fallback.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._armed:
            self._painted.removeEventFilter(self)
            QTimer.singleShot(0, self._call)  # once this paint's turn is over
        return False

    def _call(self) -> None:
        if self._armed:
            self._armed = False
            self._fallback.stop()
            self._painted.removeEventFilter(self)
            self._callback()
