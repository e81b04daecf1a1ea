"""Breathing patterns and their timeline: exact, drift-free, and honest about bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcare_desktop.core.breath_timeline import BreathCueTracker, BreathingTimeline
from backcare_desktop.core.breathing import (
    CUE_CAPTIONS,
    BreathingPattern,
    Cue,
    PatternError,
    Phase,
    caption_for,
    cue_for,
    custom_pattern,
    load_patterns,
)

PATTERNS_FILE = Path(__file__).resolve().parents[2] / "assets" / "breathing_patterns.json"
BOX = BreathingPattern("box", "Box", 4, 4, 4, 4)
RESONANCE = BreathingPattern("resonance", "Resonance", 5.5, 0, 5.5, 0)


def test_the_shipped_patterns_load_with_their_published_timings() -> None:
    patterns = load_patterns(PATTERNS_FILE)
    assert list(patterns) == ["resonance", "box", "four_seven_eight", "extended_exhale"]
    timings = {pid: (p.inhale, p.hold_in, p.exhale, p.hold_out) for pid, p in patterns.items()}
    assert timings == {
        "resonance": (5.5, 0, 5.5, 0),
        "box": (4, 4, 4, 4),
        "four_seven_eight": (4, 7, 8, 0),
        "extended_exhale": (4, 0, 8, 0),
    }
    assert patterns["resonance"].breaths_per_minute == pytest.approx(60 / 11)
    assert all(p.name and p.summary for p in patterns.values())


def test_cycle_seconds_is_the_sum_of_the_phases() -> None:
    assert BOX.cycle_seconds == 16
    assert custom_pattern(2, 1, 2, 0).cycle_seconds == 5


@pytest.mark.parametrize(
    ("lengths", "message"),
    [
        ((0, 0, 4, 0), "inhale: expected longer than 0"),
        ((4, 0, 0, 0), "exhale: expected longer than 0"),
        ((4, 20.5, 4, 0), "between 0 and 20"),
        ((4, -1, 4, 0), "between 0 and 20"),
        ((4.25, 0, 4, 0), "in steps of 0.5"),
        ((4, 0, float("nan"), 0), "between 0 and 20"),
    ],
)
def test_a_custom_pattern_outside_the_rules_is_refused(
    lengths: tuple[float, float, float, float], message: str
) -> None:
    with pytest.raises(PatternError, match=message):
        custom_pattern(*lengths)


def test_custom_pattern_accepts_the_limits() -> None:
    pattern = custom_pattern(0.5, 20, 20, 0)
    assert pattern.id == "custom"
    assert [phase for phase, _ in pattern.phases] == [Phase.INHALE, Phase.HOLD_IN, Phase.EXHALE]


def test_a_broken_patterns_file_names_the_file_and_the_field(tmp_path: Path) -> None:
    path = tmp_path / "patterns.json"
    path.write_text(
        json.dumps(
            {
                "schema": 1,
                "patterns": [{"id": "odd", "name": "Odd", "inhale": 4, "exhale": 4, "hold_in": 0}],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(PatternError, match=r"patterns\.json: patterns\[0\]\.hold_out: expected a"):
        load_patterns(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(PatternError, match=r"patterns\.json: line 1, column 2: expected valid"):
        load_patterns(path)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    entry = {"id": "a", "name": "A", "inhale": 4, "hold_in": 0, "exhale": 4, "hold_out": 0}
    path = tmp_path / "patterns.json"
    path.write_text(json.dumps({"schema": 1, "patterns": [entry, entry]}), encoding="utf-8")
    with pytest.raises(PatternError, match=r"patterns\[1\]\.id: expected a unique id"):
        load_patterns(path)


def test_phase_at_reports_phase_count_and_progress() -> None:
    timeline = BreathingTimeline(BOX, start=100.0)
    state = timeline.phase_at(0.0)
    assert (state.phase, state.count, state.progress, state.cycle_index) == (
        Phase.INHALE,
        4,
        0.0,
        0,
    )
    state = timeline.phase_at(3.2)
    assert (state.phase, state.count) == (Phase.INHALE, 1)
    assert state.progress == pytest.approx(0.8)
    assert timeline.phase_at(4.0).phase is Phase.HOLD_IN
    assert timeline.phase_at(9.0).phase is Phase.EXHALE
    assert timeline.phase_at(13.5).phase is Phase.HOLD_OUT
    assert timeline.phase_at(16.0).cycle_index == 1
    assert timeline.state_at(100.0 + 9.0).phase is Phase.EXHALE


def test_the_count_runs_down_in_whole_seconds() -> None:
    timeline = BreathingTimeline(custom_pattern(4, 0, 4, 0), start=0.0)
    counts = [timeline.phase_at(t / 10).count for t in range(0, 40, 5)]
    assert counts == [4, 4, 3, 3, 2, 2, 1, 1]


def test_zero_length_holds_are_skipped() -> None:
    timeline = BreathingTimeline(RESONANCE, start=0.0)
    phases = [phase for _, phase in timeline.boundaries_between(-1.0, 22.0)]
    assert phases == [Phase.INHALE, Phase.EXHALE] * 2 + [Phase.INHALE]


def test_boundaries_are_exact_after_an_hour() -> None:
    timeline = BreathingTimeline(RESONANCE, start=1000.0)
    hour = 3600.0
    found = timeline.boundaries_between(1000.0 + hour - 10.0, 1000.0 + hour)
    # 3600 s = 327 cycles of 11 s + 3 s: the last inhale began at 327 * 11 s,
    # the exhale 5.5 s before it.
    assert found == [(1000.0 + 327 * 11 - 5.5, Phase.EXHALE), (1000.0 + 327 * 11, Phase.INHALE)]


@given(
    polls=st.lists(st.floats(min_value=0.001, max_value=3.0), min_size=1, max_size=80),
)
def test_polling_in_any_rhythm_yields_every_boundary_exactly_once(polls: list[float]) -> None:
    timeline = BreathingTimeline(BreathingPattern("x", "x", 4, 7, 8, 0), start=50.0)
    now = 50.0 - 0.5
    seen: list[float] = []
    for gap in polls:
        seen.extend(t for t, _ in timeline.boundaries_between(now, now + gap))
        now += gap
    expected = [t for t, _ in timeline.boundaries_between(49.0, now)]
    assert seen == expected
    assert seen == sorted(set(seen))


def test_a_shifted_timeline_is_how_a_pause_is_applied() -> None:
    timeline = BreathingTimeline(BOX, start=0.0)
    resumed = timeline.shifted(30.0)
    assert resumed.phase_at(5.0) == timeline.phase_at(5.0)
    assert resumed.boundary(1) == (34.0, Phase.HOLD_IN)


def test_a_just_breathe_session_ends_on_a_finished_breath() -> None:
    timeline = BreathingTimeline(BreathingPattern("x", "x", 4, 7, 8, 0), start=0.0)
    assert timeline.whole_cycles_end(60.0) == 76.0
    assert timeline.whole_cycles_end(57.0) == 57.0


def test_each_phase_has_its_cue_and_every_cue_a_caption() -> None:
    assert cue_for(Phase.INHALE) is Cue.INHALE
    assert cue_for(Phase.EXHALE) is Cue.EXHALE
    assert cue_for(Phase.HOLD_IN) is cue_for(Phase.HOLD_OUT) is Cue.HOLD
    assert set(CUE_CAPTIONS) == set(Cue)
    assert caption_for(Cue.END) == "Session complete"
    assert caption_for(Cue.INHALE) == "Breathe in"


def test_the_cue_tracker_reports_each_phase_start_once() -> None:
    tracker = BreathCueTracker(BreathingTimeline(custom_pattern(2, 1, 2, 0), start=10.0))
    assert tracker.poll(10.0) == [(10.0, Cue.INHALE)]
    assert tracker.poll(11.9) == []
    assert tracker.poll(12.05) == [(12.0, Cue.HOLD)]
    assert tracker.poll(13.0) == [(13.0, Cue.EXHALE)]
    assert tracker.poll(13.0) == []


def test_the_cue_tracker_drops_cues_that_are_long_overdue() -> None:
    tracker = BreathCueTracker(BreathingTimeline(custom_pattern(2, 1, 2, 0), start=10.0))
    tracker.poll(10.0)
    # The app froze for 20 s: the missed chimes are not played in a burst.
    assert tracker.poll(30.2) == [(30.0, Cue.INHALE)]


def test_the_cue_tracker_follows_a_paused_timeline_without_replaying() -> None:
    timeline = BreathingTimeline(custom_pattern(2, 1, 2, 0), start=10.0)
    tracker = BreathCueTracker(timeline)
    tracker.poll(11.0)
    tracker.retime(timeline.shifted(5.0), now=16.0)  # paused from 11 to 16
    assert tracker.poll(16.9) == []
    assert tracker.poll(17.0) == [(17.0, Cue.HOLD)]
