"""The few seconds after Esc in which a stopped session can still be taken back.

Esc used to end a session at once, with no way back. Now the session only pauses and the
summary shows, with a bar offering Resume; the stop becomes final when UNDO_SECONDS have
passed on the injected clock, or as soon as the person does anything else (Done, another
page, closing, quitting). Only then is the session journaled, so the journal holds what was
chosen in the end.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from backcare_desktop.core.clock import Clock
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.widgets.notice_bar import NoticeBar

UNDO_SECONDS = 10.0
CHECK_MS = 500
"""How often the deadline is compared with the clock (the clock decides, not the timer)."""


class StopUndo(QObject):
    """Holds a stop open for UNDO_SECONDS; `resumeChosen` or `expired` ends the wait."""

    resumeChosen = Signal()
    expired = Signal()

    def __init__(self, bar: NoticeBar, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self._clock = clock
        self._deadline: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        bar.acted.connect(self.resume)

    @property
    def pending(self) -> bool:
        return self._deadline is not None

    def start(self) -> None:
        self._deadline = self._clock.monotonic() + UNDO_SECONDS
        self.bar.show_text(
            tr("Session stopped. You can resume it for a few seconds."),
            tr("Session stopped. Press Resume within %n seconds to continue.", None, 10),
        )
        self.bar.button.setFocus()
        self._timer.start()

    def check(self) -> None:
        """Make the stop final once the deadline has passed on the clock."""
        if self._deadline is not None and self._clock.monotonic() >= self._deadline:
            self._end()
            self.expired.emit()

    def resume(self) -> None:
        if self.pending:
            self._end()
            self.resumeChosen.emit()

    def settle(self) -> bool:
        """End the wait without resuming; True when one was open (the caller stops)."""
        if not self.pending:
            return False
        self._end()
        return True

    def _end(self) -> None:
        self._deadline = None
        self._timer.stop()
        self.bar.hide()
