"""The guided session as an explicit state machine, driven by an injected clock.

Step boundaries are computed, never counted: each step ends at the instant its step started plus
its duration, and the next step starts exactly there. However late or irregular the GUI's ticks
are, a 15-minute routine ends 15 minutes (plus pauses) after it began. Pausing shifts the current
step's start by the paused time, so paused time never counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from backcare_desktop.core.clock import Clock
from backcare_desktop.core.routine import Routine, Step


class SessionState(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class StepOutcome(StrEnum):
    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class SessionSummary:
    """What happened in a session, for the summary screen and the journal."""

    routine_id: str
    routine_name: str
    started_at: datetime
    planned_seconds: int
    active_seconds: float
    outcomes: tuple[StepOutcome, ...]
    completed: bool
    areas: tuple[str, ...] = ()
    """Where the back felt tense, for a routine composed from the body map."""

    @property
    def steps_done(self) -> int:
        return self.outcomes.count(StepOutcome.DONE)

    @property
    def steps_skipped(self) -> int:
        return self.outcomes.count(StepOutcome.SKIPPED)


@dataclass(frozen=True)
class SessionOutcome:
    """A session as it is journaled: what happened, with what the person said around it.

    One value, so the summary screen hands the journal a typed record instead of four loose
    arguments each receiver has to re-check."""

    summary: SessionSummary
    oil: str | None
    tension_before: int | None
    tension_after: int | None
    record_id: str = ""
    """The journal entry's id, chosen when the session began, so a rating given on the
    summary afterwards updates that entry ("" lets the journal choose one)."""


@dataclass(frozen=True)
class SessionRating:
    """The tension rated on the summary, for the journal entry already written."""

    record_id: str
    tension_after: int | None


@dataclass(frozen=True)
class StepStarted:
    index: int
    step: Step
    started_at: float
    """Monotonic instant the step began (as if there had been no pause since)."""


@dataclass(frozen=True)
class SessionPaused:
    index: int


@dataclass(frozen=True)
class SessionResumed:
    index: int


@dataclass(frozen=True)
class SessionFinished:
    summary: SessionSummary


@dataclass(frozen=True)
class SessionStopped:
    summary: SessionSummary


SessionEvent = StepStarted | SessionPaused | SessionResumed | SessionFinished | SessionStopped


class InvalidTransition(RuntimeError):
    """An action that makes no sense in the current state (e.g. resume while running)."""


class SessionMachine:
    """Runs one routine: start, pause, resume, skip, back, stop; `tick` advances steps on time.

    Every method returns the events it caused, in order; the GUI bridge turns them into signals
    and sound cues. Actions first catch up with the clock, so a pause that arrives just after a
    boundary pauses the new step, not the old one.
    """

    def __init__(self, routine: Routine, clock: Clock) -> None:
        if not routine.steps:
            raise ValueError(f"routine {routine.id!r} has no steps")
        self.routine = routine
        self._clock = clock
        self.state = SessionState.READY
        self.index = 0
        self._outcomes = [StepOutcome.PENDING] * len(routine.steps)
        self._step_start = 0.0
        self._session_start = 0.0
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._ended_at: float | None = None
        self._started_wall: datetime | None = None

    # -- queries ---------------------------------------------------------------------------

    @property
    def current_step(self) -> Step:
        return self.routine.steps[self.index]

    @property
    def step_started_at(self) -> float:
        """Monotonic start of the current step, shifted by any pause since (for breathing)."""
        return self._step_start

    @property
    def outcomes(self) -> tuple[StepOutcome, ...]:
        return tuple(self._outcomes)

    @property
    def running(self) -> bool:
        return self.state is SessionState.RUNNING

    @property
    def paused(self) -> bool:
        return self.state is SessionState.PAUSED

    @property
    def under_way(self) -> bool:
        """Begun and not over yet: running or paused."""
        return self.state in (SessionState.RUNNING, SessionState.PAUSED)

    def _reference(self, now: float) -> float:
        """The instant the countdown shows: frozen at the pause while paused."""
        if self.state is SessionState.PAUSED and self._paused_at is not None:
            return self._paused_at
        if self._ended_at is not None:
            return self._ended_at
        return now

    def step_elapsed(self, now: float | None = None) -> float:
        if self.state is SessionState.READY:
            return 0.0
        now = self._now(now)
        return max(0.0, min(self.current_step.seconds, self._reference(now) - self._step_start))

    def step_remaining(self, now: float | None = None) -> float:
        if self.state in (SessionState.FINISHED, SessionState.STOPPED):
            return 0.0
        return self.current_step.seconds - self.step_elapsed(now)

    def total_remaining(self, now: float | None = None) -> float:
        if self.state in (SessionState.FINISHED, SessionState.STOPPED):
            return 0.0
        later = sum(step.seconds for step in self.routine.steps[self.index + 1 :])
        return self.step_remaining(now) + later

    def summary(self) -> SessionSummary:
        end = self._ended_at if self._ended_at is not None else self._clock.monotonic()
        if self.state is SessionState.READY:
            active = 0.0
        else:
            paused_now = 0.0
            if self.state is SessionState.PAUSED and self._paused_at is not None:
                paused_now = end - self._paused_at
            active = end - self._session_start - self._paused_total - paused_now
        return SessionSummary(
            routine_id=self.routine.id,
            routine_name=self.routine.name,
            started_at=self._started_wall or self._clock.now(),
            planned_seconds=self.routine.total_seconds,
            active_seconds=max(0.0, active),
            outcomes=self.outcomes,
            completed=self.state is SessionState.FINISHED,
            areas=self.routine.areas,
        )

    # -- actions ---------------------------------------------------------------------------

    def start(self) -> list[SessionEvent]:
        self._require(SessionState.READY, action="start")
        now = self._clock.monotonic()
        self._session_start = self._step_start = now
        self._started_wall = self._clock.now()
        self.state = SessionState.RUNNING
        return [StepStarted(0, self.current_step, now)]

    def tick(self, now: float | None = None) -> list[SessionEvent]:
        """Advance past every step boundary that `now` has reached."""
        now = self._now(now)
        events: list[SessionEvent] = []
        while self.state is SessionState.RUNNING:
            boundary = self._step_start + self.current_step.seconds
            if now < boundary:
                break
            self._outcomes[self.index] = StepOutcome.DONE
            events.extend(self._enter_next(boundary))
        return events

    def start_from(
        self,
        index: int,
        elapsed: float,
        outcomes: tuple[StepOutcome, ...],
        started_at: datetime,
        active_seconds: float,
    ) -> list[SessionEvent]:
        """Start again where a session cut short was: at step `index`, `elapsed` seconds in,
        with the earlier steps' outcomes and the time already spent (a crash, a kill, a power
        cut ended the last run before the session was journaled)."""
        self._require(SessionState.READY, action="start")
        if not 0 <= index < len(self.routine.steps) or len(outcomes) != len(self._outcomes):
            raise ValueError("the saved place does not fit this routine")
        now = self._clock.monotonic()
        self.index = index
        self._outcomes = list(outcomes)
        self._outcomes[index] = StepOutcome.PENDING
        self._step_start = now - min(max(0.0, elapsed), self.current_step.seconds)
        self._session_start = now - max(0.0, active_seconds)
        self._started_wall = started_at
        self.state = SessionState.RUNNING
        return [StepStarted(index, self.current_step, self._step_start)]

    def pause(self) -> list[SessionEvent]:
        now = self._clock.monotonic()
        events = self.tick(now)
        if events and self.state is SessionState.FINISHED:
            return events
        self._require(SessionState.RUNNING, action="pause")
        self._paused_at = now
        self.state = SessionState.PAUSED
        return [*events, SessionPaused(self.index)]

    def resume(self) -> list[SessionEvent]:
        self._require(SessionState.PAUSED, action="resume")
        assert self._paused_at is not None
        shift = self._clock.monotonic() - self._paused_at
        self._step_start += shift
        self._paused_total += shift
        self._paused_at = None
        self.state = SessionState.RUNNING
        return [SessionResumed(self.index)]

    def toggle_pause(self) -> list[SessionEvent]:
        return self.resume() if self.state is SessionState.PAUSED else self.pause()

    def skip(self) -> list[SessionEvent]:
        """Leave the current step now, marked skipped; skipping the last step ends the session."""
        now = self._clock.monotonic()
        events = self.tick(now)
        if not self.under_way:
            return events
        self._outcomes[self.index] = StepOutcome.SKIPPED
        return [*events, *self._enter_next(self._reference(now))]

    def back(self) -> list[SessionEvent]:
        """Go to the start of the previous step (or restart the first step)."""
        now = self._clock.monotonic()
        events = self.tick(now)
        if not self.under_way:
            return events
        self._outcomes[self.index] = StepOutcome.PENDING
        if self.index > 0:
            self.index -= 1
            self._outcomes[self.index] = StepOutcome.PENDING
        self._step_start = self._reference(now)
        return [*events, StepStarted(self.index, self.current_step, self._step_start)]

    def stop(self) -> list[SessionEvent]:
        now = self._clock.monotonic()
        events = self.tick(now)
        if not self.under_way:
            return events
        if self.state is SessionState.PAUSED and self._paused_at is not None:
            self._paused_total += now - self._paused_at
            self._paused_at = None
        self._ended_at = now
        self.state = SessionState.STOPPED
        return [*events, SessionStopped(self.summary())]

    # -- internals -------------------------------------------------------------------------

    def _enter_next(self, at: float) -> list[SessionEvent]:
        if self.index + 1 >= len(self.routine.steps):
            if self.state is SessionState.PAUSED and self._paused_at is not None:
                self._paused_total += self._clock.monotonic() - self._paused_at
                self._paused_at = None
                at = self._clock.monotonic()
            self._ended_at = at
            self.state = SessionState.FINISHED
            return [SessionFinished(self.summary())]
        self.index += 1
        self._step_start = at
        return [StepStarted(self.index, self.current_step, at)]

    def _now(self, now: float | None) -> float:
        return self._clock.monotonic() if now is None else now

    def _require(self, state: SessionState, *, action: str) -> None:
        if self.state is not state:
            raise InvalidTransition(f"cannot {action} a session that is {self.state.value}")
