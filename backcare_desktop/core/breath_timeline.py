"""The exact phase timeline the pacer shows and the chimes follow.

A `BreathingTimeline` anchors a pattern at the monotonic instant a breathing step started; every
phase boundary is *computed* from that instant (start + whole cycles + the phase offsets inside
the cycle), never accumulated from timer ticks, so an hour of breathing ends exactly where the
arithmetic says and the circle on screen and the chimes can never drift apart.

Pausing is a shift: the session moves the anchor by the paused time (`shifted`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from backcare_desktop.core.breathing import PHASE_WORDS, BreathingPattern, Cue, Phase, cue_for


@dataclass(frozen=True)
class PhaseState:
    """Where the breath is at one instant.

    `count` is the whole seconds left in the phase, rounded up (a 4 s inhale shows 4, 3, 2, 1);
    `progress` runs from 0 at the start of the phase to 1 at its end.
    """

    phase: Phase
    phase_elapsed: float
    phase_length: float
    progress: float
    count: int
    cycle_index: int

    @property
    def word(self) -> str:
        return PHASE_WORDS[self.phase]


@dataclass(frozen=True)
class BreathingTimeline:
    """A pattern anchored at `start` (a monotonic instant): the exact phase at any moment."""

    pattern: BreathingPattern
    start: float

    @cached_property
    def _rows(self) -> tuple[tuple[Phase, float, float], ...]:
        """(phase, offset from cycle start, length) for the phases that take time."""
        rows = []
        offset = 0.0
        for phase, length in self.pattern.phases:
            rows.append((phase, offset, length))
            offset += length
        return tuple(rows)

    def phase_at(self, elapsed: float) -> PhaseState:
        """The phase `elapsed` seconds after the start (before the start counts as the start)."""
        elapsed = max(0.0, elapsed)
        cycle = self.pattern.cycle_seconds
        cycle_index = int(elapsed // cycle)
        within = elapsed - cycle_index * cycle
        phase, offset, length = self._rows[0]
        for row in self._rows:
            if within >= row[1]:
                phase, offset, length = row
        phase_elapsed = min(max(within - offset, 0.0), length)
        left = length - phase_elapsed
        count = max(1, math.ceil(left - 1e-9))
        return PhaseState(phase, phase_elapsed, length, phase_elapsed / length, count, cycle_index)

    def state_at(self, now: float) -> PhaseState:
        """The phase at monotonic instant `now`."""
        return self.phase_at(now - self.start)

    def boundary(self, k: int) -> tuple[float, Phase]:
        """The k-th phase start (k = 0 is the first inhale) as (monotonic instant, phase)."""
        rows = self._rows
        cycle_index, row = divmod(k, len(rows))
        phase, offset, _ = rows[row]
        return self.start + cycle_index * self.pattern.cycle_seconds + offset, phase

    def boundaries_between(self, t0: float, t1: float) -> list[tuple[float, Phase]]:
        """Phase starts at instants t with t0 < t <= t1 (monotonic), in order.

        Polling with consecutive windows (t0 = the previous t1) yields every boundary exactly
        once, however irregular the polls are.
        """
        if t1 <= t0 or t1 < self.start:
            return []
        rows = len(self._rows)
        cycle = self.pattern.cycle_seconds
        first_cycle = max(0, int((t0 - self.start) // cycle))
        found: list[tuple[float, Phase]] = []
        k = first_cycle * rows
        while True:
            instant, phase = self.boundary(k)
            if instant > t1:
                return found
            if instant > t0:
                found.append((instant, phase))
            k += 1

    def shifted(self, seconds: float) -> BreathingTimeline:
        """The same timeline started `seconds` later (how a pause of that length is applied)."""
        return BreathingTimeline(self.pattern, self.start + seconds)

    def whole_cycles_end(self, at_least: float) -> float:
        """The first cycle end at or after `at_least` seconds from the start, in seconds.

        A "Just breathe" session of N minutes ends on a finished out-breath, not mid-inhale.
        """
        cycle = self.pattern.cycle_seconds
        return max(1, math.ceil(at_least / cycle - 1e-9)) * cycle


class BreathCueTracker:
    """Turns a timeline into the chimes due since the last poll.

    The session's tick calls `poll(now)`; each phase start is reported once. A boundary more
    than `max_late` seconds in the past (the machine slept, the app was frozen) is dropped
    instead of played late, so a stalled app never releases a burst of chimes at once.
    """

    def __init__(self, timeline: BreathingTimeline, max_late: float = 0.5) -> None:
        self._timeline = timeline
        self._max_late = max_late
        self._polled_until = timeline.start - 1e-9

    @property
    def timeline(self) -> BreathingTimeline:
        return self._timeline

    def retime(self, timeline: BreathingTimeline, now: float) -> None:
        """Follow a new timeline (after a pause), without replaying anything before `now`."""
        self._timeline = timeline
        self._polled_until = max(now, timeline.start - 1e-9)

    def poll(self, now: float) -> list[tuple[float, Cue]]:
        """(scheduled instant, cue) for each phase start in (last poll, now] that is not stale."""
        due = self._timeline.boundaries_between(self._polled_until, now)
        self._polled_until = max(self._polled_until, now)
        return [(t, cue_for(phase)) for t, phase in due if now - t <= self._max_late]
