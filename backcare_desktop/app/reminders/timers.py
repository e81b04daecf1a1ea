"""The timers that wake the reminder service, chosen so an idle app costs nearly nothing.

- one single-shot precise timer armed for the scheduler's next wake-up (often hours away);
- one very coarse 60 s timer, running only while the service needs it, that notices wall-clock
  jumps (the clock was changed, or the machine slept: the monotonic clock stops in suspend,
  the wall clock does not). What else the coarse tick looks at is the service's business.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer

from backcare_desktop.core.clock import Clock

COARSE_CHECK_MS = 60_000
"""The idle re-check period; the issue allows nothing shorter than 30 s while idle."""
MAX_ARM_MS = 6 * 60 * 60 * 1000
JUMP_TOLERANCE = timedelta(seconds=5)


def set_timer_type(timer: QTimer, name: str) -> None:
    """Set a timer's Qt::TimerType by its name, through the property system.

    Touching any Qt.* enum from Python makes PySide6 build every enum of the Qt namespace
    (1.4 MiB and 15 ms, measured): the idle tray app needs none of them otherwise.
    """
    if not timer.setProperty("timerType", name):
        raise ValueError(f"unknown timer type {name!r}")


class ReminderTimers:
    """The due timer, the coarse timer, and the last coarse tick the jump check compares with.

    The timers are children of `parent` (the service), so they live and die with it.
    """

    def __init__(
        self,
        clock: Clock,
        on_due: Callable[[], object],
        on_coarse: Callable[[], None],
        parent: QObject,
    ) -> None:
        self._clock = clock
        self._last_tick: tuple[float, datetime] | None = None
        self.wakeup: datetime | None = None
        """When the due timer fires (UTC), or None when nothing is armed."""

        self.due_timer = QTimer(parent)
        self.due_timer.setSingleShot(True)
        set_timer_type(self.due_timer, "PreciseTimer")
        self.due_timer.timeout.connect(on_due)
        self.coarse_timer = QTimer(parent)
        self.coarse_timer.setInterval(COARSE_CHECK_MS)
        set_timer_type(self.coarse_timer, "VeryCoarseTimer")
        self.coarse_timer.timeout.connect(on_coarse)

    def mark(self) -> None:
        """Take the clocks' readings now as the base the next jump check compares with."""
        self._last_tick = (self._clock.monotonic(), self._clock.now())

    def arm(self, wakeup: datetime | None, now: datetime) -> None:
        """Arm the due timer for `wakeup` (any zone), or leave it stopped for None."""
        self.due_timer.stop()
        self.wakeup = wakeup.astimezone(UTC) if wakeup is not None else None
        if self.wakeup is not None:
            delay = (self.wakeup - now.astimezone(UTC)).total_seconds()
            # A few ms late rather than early: the timer runs on the monotonic clock.
            self.due_timer.start(max(0, min(MAX_ARM_MS, math.ceil(delay * 1000) + 5)))

    def run_coarse(self, needed: bool) -> None:
        """Keep the coarse timer running while `needed`, stopped otherwise."""
        if needed:
            if not self.coarse_timer.isActive():
                self.coarse_timer.start()
        else:
            self.coarse_timer.stop()

    def tick(self) -> tuple[datetime, bool]:
        """On a coarse tick: the wall-clock time now, and whether it jumped since the last one."""
        now, mono = self._clock.now(), self._clock.monotonic()
        jumped = False
        if self._last_tick is not None:
            last_mono, last_wall = self._last_tick
            expected = last_wall + timedelta(seconds=mono - last_mono)
            jumped = abs(now - expected) > JUMP_TOLERANCE
        self._last_tick = (mono, now)
        return now, jumped

    def overdue(self, now: datetime) -> bool:
        """The armed wake-up has passed (the due timer was late, e.g. after a suspend)."""
        return self.wakeup is not None and now >= self.wakeup

    def stop(self) -> None:
        self.due_timer.stop()
        self.coarse_timer.stop()
