"""SessionMachine on a FakeClock: every transition, exact timing, pauses excluded."""

from __future__ import annotations

import pytest

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Duration, Routine, Side, Step, Technique
from backcare_desktop.core.session import (
    InvalidTransition,
    SessionFinished,
    SessionMachine,
    SessionPaused,
    SessionResumed,
    SessionState,
    SessionStopped,
    StepOutcome,
    StepStarted,
)


def technique(tid: str, seconds: int, *, per_side: bool = False) -> Technique:
    return Technique(
        id=tid,
        name=tid.replace("_", " ").title(),
        family="effleurage",
        regions=("lower_back",),
        equipment=("none",),
        intensity=1,
        summary="A test technique.",
        instructions=("Do it gently.", "Breathe."),
        cautions=("Stop if it hurts.",),
        duration=Duration(default=seconds, minimum=10, maximum=600),
        per_side=per_side,
    )


def routine_of(*seconds: int) -> Routine:
    steps = tuple(Step(technique(f"step_{i}", s), s) for i, s in enumerate(seconds))
    return Routine(
        id="test", name="Test routine", summary="", steps=steps, follows_length_preference=True
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def started(clock: FakeClock, *seconds: int) -> SessionMachine:
    machine = SessionMachine(routine_of(*seconds), clock)
    machine.start()
    return machine


def test_a_new_session_is_ready_and_shows_the_whole_routine(clock: FakeClock) -> None:
    machine = SessionMachine(routine_of(60, 30), clock)
    assert machine.state is SessionState.READY
    assert machine.total_remaining() == 90
    assert machine.step_remaining() == 60


def test_start_runs_the_first_step(clock: FakeClock) -> None:
    machine = SessionMachine(routine_of(60, 30), clock)
    events = machine.start()
    assert machine.state is SessionState.RUNNING
    assert events == [StepStarted(0, machine.routine.steps[0], clock.monotonic())]


def test_countdown_follows_the_clock(clock: FakeClock) -> None:
    machine = started(clock, 60, 30)
    clock.advance(12.5)
    assert machine.tick() == []
    assert machine.step_remaining() == pytest.approx(47.5)
    assert machine.total_remaining() == pytest.approx(77.5)


def test_the_next_step_starts_exactly_at_the_boundary(clock: FakeClock) -> None:
    machine = started(clock, 60, 30)
    start = clock.monotonic()
    clock.advance(59.999)
    assert machine.tick() == []
    clock.advance(0.5)  # the GUI ticks late
    events = machine.tick()
    assert events == [StepStarted(1, machine.routine.steps[1], start + 60)]
    assert machine.step_remaining() == pytest.approx(29.501)
    assert machine.outcomes[0] is StepOutcome.DONE


def test_a_late_tick_reports_every_missed_step_in_order(clock: FakeClock) -> None:
    machine = started(clock, 10, 10, 10, 10)
    clock.advance(35)
    events = machine.tick()
    assert [e.index for e in events if isinstance(e, StepStarted)] == [1, 2, 3]
    assert machine.step_remaining() == pytest.approx(5)


def test_a_fifteen_minute_routine_ends_on_time_to_the_millisecond(clock: FakeClock) -> None:
    durations = (60, 90, 120, 75, 45, 90, 120, 60, 75, 165)
    assert sum(durations) == 15 * 60
    machine = started(clock, *durations)
    start = clock.monotonic()
    finished: list[SessionFinished] = []
    step = 0.37  # an irregular GUI tick that never lands on a boundary
    while machine.state is SessionState.RUNNING:
        clock.advance(step)
        step = 0.91 if step == 0.37 else 0.37
        finished += [e for e in machine.tick() if isinstance(e, SessionFinished)]
    assert len(finished) == 1
    summary = finished[0].summary
    assert summary.active_seconds == pytest.approx(900, abs=0.001)
    assert summary.completed
    assert summary.steps_done == len(durations)
    assert machine.summary().active_seconds == pytest.approx(900, abs=0.001)
    assert clock.monotonic() - start < 900 + 1


def test_pause_freezes_the_countdown(clock: FakeClock) -> None:
    machine = started(clock, 60, 30)
    clock.advance(20)
    assert machine.pause() == [SessionPaused(0)]
    assert machine.state is SessionState.PAUSED
    clock.advance(300)
    assert machine.tick() == []
    assert machine.step_remaining() == pytest.approx(40)
    assert machine.total_remaining() == pytest.approx(70)


def test_paused_time_does_not_count_toward_the_end(clock: FakeClock) -> None:
    machine = started(clock, 60, 30)
    clock.advance(20)
    machine.pause()
    clock.advance(100)
    assert machine.resume() == [SessionResumed(0)]
    clock.advance(39.9)
    assert machine.tick() == []
    clock.advance(0.1)
    assert [type(e) for e in machine.tick()] == [StepStarted]
    clock.advance(30)
    events = machine.tick()
    assert isinstance(events[-1], SessionFinished)
    assert events[-1].summary.active_seconds == pytest.approx(90)


def test_pause_just_after_a_boundary_pauses_the_new_step(clock: FakeClock) -> None:
    machine = started(clock, 10, 30)
    clock.advance(12)
    events = machine.pause()
    assert [type(e) for e in events] == [StepStarted, SessionPaused]
    assert machine.index == 1
    assert machine.step_remaining() == pytest.approx(28)


def test_toggle_pause_pauses_then_resumes(clock: FakeClock) -> None:
    machine = started(clock, 60)
    machine.toggle_pause()
    assert machine.state is SessionState.PAUSED
    machine.toggle_pause()
    assert machine.state is SessionState.RUNNING


def test_skip_marks_the_step_skipped_and_starts_the_next_in_full(clock: FakeClock) -> None:
    machine = started(clock, 60, 30, 20)
    clock.advance(5)
    events = machine.skip()
    assert events == [StepStarted(1, machine.routine.steps[1], clock.monotonic())]
    assert machine.outcomes[0] is StepOutcome.SKIPPED
    assert machine.step_remaining() == 30
    assert machine.total_remaining() == 50


def test_skip_while_paused_shows_the_next_step_still_paused(clock: FakeClock) -> None:
    machine = started(clock, 60, 30)
    clock.advance(5)
    machine.pause()
    clock.advance(50)
    machine.skip()
    assert machine.state is SessionState.PAUSED
    assert machine.index == 1
    clock.advance(50)
    assert machine.step_remaining() == 30
    machine.resume()
    clock.advance(10)
    assert machine.step_remaining() == pytest.approx(20)


def test_skipping_the_last_step_finishes_the_session(clock: FakeClock) -> None:
    machine = started(clock, 10, 10)
    clock.advance(12)
    machine.tick()
    events = machine.skip()
    assert isinstance(events[-1], SessionFinished)
    summary = events[-1].summary
    assert machine.state is SessionState.FINISHED
    assert (summary.steps_done, summary.steps_skipped) == (1, 1)
    assert summary.active_seconds == pytest.approx(12)


def test_back_returns_to_the_start_of_the_previous_step(clock: FakeClock) -> None:
    machine = started(clock, 10, 30)
    clock.advance(15)
    machine.tick()
    events = machine.back()
    assert events == [StepStarted(0, machine.routine.steps[0], clock.monotonic())]
    assert machine.step_remaining() == 10
    assert machine.outcomes == (StepOutcome.PENDING, StepOutcome.PENDING)


def test_back_on_the_first_step_restarts_it(clock: FakeClock) -> None:
    machine = started(clock, 60, 30)
    clock.advance(45)
    machine.back()
    assert machine.index == 0
    assert machine.step_remaining() == 60


def test_stop_ends_the_session_early_with_an_honest_summary(clock: FakeClock) -> None:
    machine = started(clock, 60, 60)
    clock.advance(70)
    machine.pause()
    clock.advance(30)
    events = machine.stop()
    assert machine.state is SessionState.STOPPED
    assert isinstance(events[-1], SessionStopped)
    summary = events[-1].summary
    assert not summary.completed
    assert summary.active_seconds == pytest.approx(70)
    assert summary.outcomes == (StepOutcome.DONE, StepOutcome.PENDING)
    assert summary.planned_seconds == 120
    assert machine.total_remaining() == 0


def test_summary_records_the_wall_clock_start(clock: FakeClock) -> None:
    wall = clock.now()
    machine = started(clock, 10)
    clock.advance(10)
    machine.tick()
    assert machine.summary().started_at == wall


@pytest.mark.parametrize("action", ["pause", "resume", "skip", "back", "stop"])
def test_actions_on_a_session_that_has_not_started(clock: FakeClock, action: str) -> None:
    machine = SessionMachine(routine_of(10), clock)
    if action in ("pause", "resume"):
        with pytest.raises(InvalidTransition):
            getattr(machine, action)()
    else:
        assert getattr(machine, action)() == []
        assert machine.state is SessionState.READY


def test_a_finished_session_cannot_be_paused_or_started_again(clock: FakeClock) -> None:
    machine = started(clock, 10)
    clock.advance(10)
    machine.tick()
    with pytest.raises(InvalidTransition):
        machine.pause()
    with pytest.raises(InvalidTransition):
        machine.start()
    assert machine.stop() == []


def test_resume_while_running_is_refused(clock: FakeClock) -> None:
    machine = started(clock, 10)
    with pytest.raises(InvalidTransition):
        machine.resume()


def test_sided_steps_keep_their_side(clock: FakeClock) -> None:
    sided = technique("kneading", 30, per_side=True)
    steps = (Step(sided, 30, Side.LEFT), Step(sided, 30, Side.RIGHT))
    routine = Routine("r", "R", "", steps, follows_length_preference=True)
    machine = SessionMachine(routine, clock)
    machine.start()
    clock.advance(30)
    (event,) = machine.tick()
    assert isinstance(event, StepStarted)
    assert event.step.side is Side.RIGHT
