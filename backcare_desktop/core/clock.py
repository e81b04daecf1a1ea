"""Time enters the app only through a Clock, so every timing rule can be tested exactly.

Durations (session steps, breathing phases) are measured on the monotonic clock, which never
jumps; wall-clock time (reminders, journal dates) comes from `now()` in the local time zone.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """The two kinds of time the app needs."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards (not related to the wall clock)."""
        ...

    def now(self) -> datetime:
        """The current wall-clock time, time-zone aware."""
        ...


class SystemClock:
    """The real clocks of the machine."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now().astimezone()


class FakeClock:
    """A clock that moves only when told to, for tests.

    The wall clock and the monotonic clock advance together through `advance`; `jump_wall`
    moves only the wall clock, as when the user or NTP changes the time.
    """

    def __init__(self, start: datetime | None = None, monotonic_start: float = 1000.0) -> None:
        self._wall = start if start is not None else datetime(2026, 1, 5, 9, 0).astimezone()
        if self._wall.tzinfo is None:
            raise ValueError("FakeClock needs a time-zone aware start")
        self._mono = monotonic_start

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("monotonic time cannot go backwards")
        self._mono += seconds
        self._wall = _shift(self._wall, timedelta(seconds=seconds))

    def jump_wall(self, delta: timedelta) -> None:
        self._wall = _shift(self._wall, delta)


def _shift(moment: datetime, delta: timedelta) -> datetime:
    """Elapsed time, not wall-clock arithmetic: correct across a DST change in a ZoneInfo."""
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)
