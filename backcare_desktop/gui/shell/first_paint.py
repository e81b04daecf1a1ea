"""Calling back once a widget has first been painted, so slower work stays off the start-up path.

Started in the tray, a window never paints: a fallback timer covers that.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Calls `callback` once, `delay_ms` after the widget's first paint; or, with a
    `fallback_ms`, after that long if it never paints (started minimized to the tray)."""

    def __init__(
        self,
        widget: QWidget,
        callback: Callable[[], None],
        fallback_ms: int | None = None,
        *,
        delay_ms: int = 0,
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], None] | None = callback
        self._delay_ms = delay_ms
        widget.installEventFilter(self)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self.fire)
        if fallback_ms is not None:
            self._fallback.start(fallback_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(self._delay_ms, self.fire)
        return False

    def fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self._fallback.stop()
            self._widget.removeEventFilter(self)
            callback()
