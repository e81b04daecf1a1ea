"""Calling back once a widget has painted, so slower work never delays what the person sees.

Two uses, one mechanism:
- start-up (`after_first_paint`): everything the first screen does not need — the tray, the
  reminders, the sound engine, the pages, Home's pictures — waits for the window's first paint;
  started in the tray, a window never paints, so a fallback timer covers that;
- a page just shown starts its journal read once it has painted (`AfterPaint.start`). A read on
  the job runner keeps its worker busy in Python for a good part of a second with ten years of
  sessions, and the GUI thread needs the interpreter lock for every Python paint or event
  handler of the page it is painting. Started as the page is shown, the read made that page's
  first paint wait on the worker, turn after turn (measured in tests/benchmarks/gui_stall.py:
  Home's glance at today, 20 ms and more on a loaded machine). Started once the page has
  painted, the worker runs while the window has nothing to do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterPaint(QObject):
    """`start()` arms it: `callback` then runs once, `delay_ms` after `painted` next paints
    (a scroll area's column: its viewport paints nothing), or after `fallback_ms` if it does
    not paint by then (a minimized window; None: wait for the paint however long). Only armed
    does it watch `painted`'s events; it can be armed again once it has called back."""

    def __init__(
        self,
        painted: QWidget,
        callback: Callable[[], None],
        fallback_ms: int | None = None,
        *,
        delay_ms: int = 0,
    ) -> None:
        super().__init__(painted)
        self._painted = painted
        self._callback = callback
        self._delay_ms = delay_ms
        self._armed = False
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        if fallback_ms is not None:
            self._fallback.setInterval(fallback_ms)
        self._has_fallback = fallback_ms is not None
        self._fallback.timeout.connect(self.fire)

    @property
    def armed(self) -> bool:
        return self._armed

    def start(self) -> AfterPaint:
        if not self._armed:
            self._armed = True
            self._painted.installEventFilter(self)
        if self._has_fallback:
            self._fallback.start()
        return self

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._armed:
            self._painted.removeEventFilter(self)
            QTimer.singleShot(self._delay_ms, self.fire)  # once this paint's turn is over
        return False

    def fire(self) -> None:
        """Call back now, if still armed (the paint, the fallback, or a caller in a hurry)."""
        if self._armed:
            self._armed = False
            self._fallback.stop()
            self._painted.removeEventFilter(self)
            self._callback()


def after_first_paint(
    widget: QWidget,
    callback: Callable[[], None],
    fallback_ms: int | None = None,
    *,
    delay_ms: int = 0,
) -> AfterPaint:
    """Call `callback` once, `delay_ms` after `widget`'s first paint; with a `fallback_ms`,
    after that long if it never paints (started minimized to the tray)."""
    return AfterPaint(widget, callback, fallback_ms, delay_ms=delay_ms).start()
