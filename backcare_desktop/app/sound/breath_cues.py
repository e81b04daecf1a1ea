"""Breath cues on time: one precise single-shot timer, armed for the next phase boundary.

Nothing is counted from ticks. Each time the timer fires, the cues due are read from the
timeline (`BreathCueTracker.poll` at the Clock's instant) and the timer is armed again for the
next boundary the timeline computes, so an hour of breathing chimes exactly where the arithmetic
says. If Qt wakes a millisecond early, the poll finds nothing and the timer is simply armed for
the remaining millisecond: a cue is never early and never accumulates lateness. Between cues no
timer runs at all.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from backcare_desktop.core.breath_timeline import BreathCueTracker, BreathingTimeline
from backcare_desktop.core.breathing import Cue
from backcare_desktop.core.clock import Clock


def next_boundary(timeline: BreathingTimeline, now: float) -> float:
    """The first phase start strictly after `now` (a whole cycle always holds one)."""
    horizon = max(now, timeline.start) + timeline.pattern.cycle_seconds
    found = timeline.boundaries_between(now, horizon)
    return found[0][0]


class BreathCueTimer(QObject):
    """Emits `cue` for each phase start of the timeline it follows, at that instant."""

    cue = Signal(Cue)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._tracker: BreathCueTracker | None = None
        self._due: float | None = None
        self._paused = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.fire_due)

    @property
    def timeline(self) -> BreathingTimeline | None:
        return self._tracker.timeline if self._tracker is not None else None

    @property
    def next_due(self) -> float | None:
        """The monotonic instant the timer is armed for; None while stopped or paused."""
        return self._due if self._timer.isActive() else None

    @property
    def interval_ms(self) -> int:
        """How far ahead the timer is armed (ms); -1 when it is not running."""
        return self._timer.interval() if self._timer.isActive() else -1

    def start(self, timeline: BreathingTimeline, *, paused: bool = False) -> None:
        """Follow `timeline` from its start; a cue due now (the first in-breath) plays at once."""
        self._tracker = BreathCueTracker(timeline)
        self._paused = False
        if paused:
            self.pause()
        else:
            self.fire_due()

    def retime(self, timeline: BreathingTimeline) -> None:
        """Follow a shifted timeline (after a pause) without replaying anything before now."""
        if self._tracker is None:
            self.start(timeline)
            return
        self._paused = False
        self._tracker.retime(timeline, self._clock.monotonic())
        self._arm(self._clock.monotonic())

    def pause(self) -> None:
        """No cues until `retime` (a paused session's breath stands still)."""
        self._paused = True
        self._timer.stop()
        self._due = None

    def stop(self) -> None:
        self.pause()
        self._tracker = None

    def fire_due(self) -> None:
        """Emit the cues that are due now and arm the timer for the next boundary."""
        if self._tracker is None or self._paused:
            return
        now = self._clock.monotonic()
        for _instant, cue in self._tracker.poll(now):
            self.cue.emit(cue)
        if self._tracker is not None:  # a listener may have stopped us
            self._arm(now)

    def _arm(self, now: float) -> None:
        assert self._tracker is not None
        self._due = next_boundary(self._tracker.timeline, now)
        self._timer.start(max(1, math.ceil((self._due - now) * 1000)))
