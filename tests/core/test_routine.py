"""The routine model: loading content into steps, routine properties, and scaling to a length."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcare_desktop.core.content.loader import load_library
from backcare_desktop.core.routine import (
    Duration,
    Library,
    Routine,
    Side,
    Step,
    Technique,
    apply_length_preference,
    scale_to_minutes,
)


def write_routine(assets: Path, routine_id: str, steps: list[dict[str, object]]) -> None:
    document = {
        "schema": 1,
        "id": routine_id,
        "name": "Test routine",
        "summary": "A routine written by a test.",
        "follows_length_preference": True,
        "steps": steps,
    }
    (assets / "routines" / f"{routine_id}.json").write_text(json.dumps(document))


def technique(
    technique_id: str = "t",
    *,
    default: int = 60,
    minimum: int = 30,
    maximum: int = 120,
    per_side: bool = False,
    intensity: int = 1,
    equipment: tuple[str, ...] = ("none",),
) -> Technique:
    return Technique(
        id=technique_id,
        name=technique_id.replace("_", " ").capitalize(),
        family="stretch",
        regions=("upper_back",),
        equipment=equipment,
        intensity=intensity,
        summary="A technique for tests.",
        instructions=("Do this.", "Then that."),
        cautions=("Gently.",),
        duration=Duration(default, minimum, maximum),
        per_side=per_side,
    )


def routine_of(*parts: tuple[Technique, int]) -> Routine:
    """A routine from (technique, seconds) parts; sided techniques expand to left and right."""
    steps: list[Step] = []
    for tech, seconds in parts:
        if tech.per_side:
            steps += [Step(tech, seconds, Side.LEFT), Step(tech, seconds, Side.RIGHT)]
        else:
            steps.append(Step(tech, seconds))
    return Routine("test", "Test", "For tests.", tuple(steps), follows_length_preference=True)


def pairs_of(routine: Routine) -> list[tuple[Step, Step]]:
    steps = routine.steps
    return [
        (steps[i], steps[i + 1])
        for i in range(len(steps) - 1)
        if steps[i].side is Side.LEFT and steps[i + 1].side is Side.RIGHT
    ]


# --- Loading -----------------------------------------------------------------------------------


def test_library_holds_all_techniques_and_routines(library: Library) -> None:
    assert len(library.techniques) == 27
    assert [r.id for r in library.routines] == [
        "daily_back_reset",
        "desk_break",
        "evening_wind_down",
        "foam_roller_upper_back",
        "hips_and_glutes",
        "lower_back_after_driving",
        "massage_ball_release",
        "morning_wake_up",
        "neck_after_screen_day",
    ]
    assert library.breathing_patterns >= {"resonance", "box", "four_seven_eight"}


def test_a_per_side_technique_expands_into_left_then_right(library: Library) -> None:
    desk = library.routine("desk_break")
    kneading = [s for s in desk.steps if s.technique.id == "kneading_shoulder"]
    assert [s.side for s in kneading] == [Side.LEFT, Side.RIGHT]
    assert kneading[0].seconds == kneading[1].seconds == 45
    index = desk.steps.index(kneading[0])
    assert desk.steps[index + 1] is kneading[1]


def test_a_step_without_seconds_takes_the_technique_default(assets: Path) -> None:
    write_routine(
        assets,
        "short",
        [
            {"technique": "warm_up"},
            {"technique": "neck_glide", "seconds": 30},
            {"technique": "deep_breathing"},
        ],
    )
    routine = load_library(assets).routine("short")
    assert [s.seconds for s in routine.steps] == [60, 30, 120]


def test_the_breathing_step_carries_its_pattern(library: Library) -> None:
    evening = library.routine("evening_wind_down")
    assert evening.steps[-1].breathing == "extended_exhale"
    assert all(step.breathing is None for step in evening.steps[:-1])


def test_a_sided_step_title_names_the_side(library: Library) -> None:
    kneading = library.techniques["kneading_shoulder"]
    assert Step(kneading, 45, Side.LEFT).title == "Kneading the top of the shoulder — left side"
    assert Step(kneading, 45, Side.RIGHT).title.endswith(" — right side")
    assert Step(library.techniques["warm_up"], 60).title == library.techniques["warm_up"].name


def test_illustration_file_names_follow_the_side(library: Library) -> None:
    assert library.techniques["warm_up"].illustration_file(None) == "warm_up.svg"
    knee_hug = library.techniques["knee_hug"]
    assert knee_hug.illustration_file(Side.LEFT) == "knee_hug-left.svg"
    assert knee_hug.illustration_file(Side.RIGHT) == "knee_hug-right.svg"
    assert knee_hug.illustration_file(None) == "knee_hug-left.svg"


def test_asking_for_an_unknown_routine_says_which_exist(library: Library) -> None:
    with pytest.raises(KeyError, match=r"no routine called 'nope'.*daily_back_reset"):
        library.routine("nope")


def test_library_techniques_cannot_be_changed(library: Library) -> None:
    with pytest.raises(TypeError):
        library.techniques["x"] = library.techniques["warm_up"]  # type: ignore[index]


# --- Routine properties ------------------------------------------------------------------------


def test_routine_totals_sum_the_steps() -> None:
    routine = routine_of(
        (technique("a", minimum=30, maximum=120), 60),
        (technique("b", minimum=20, maximum=60, per_side=True), 40),
    )
    assert routine.total_seconds == 60 + 2 * 40
    assert routine.min_seconds == 30 + 2 * 20
    assert routine.max_seconds == 120 + 2 * 60


def test_routine_equipment_is_sorted_and_leaves_out_none() -> None:
    routine = routine_of(
        (technique("a"), 60),
        (technique("b", equipment=("wall", "massage_ball")), 60),
        (technique("c", equipment=("chair",)), 60),
    )
    assert routine.equipment == ("chair", "massage_ball", "wall")


def test_routine_intensity_is_its_firmest_step() -> None:
    routine = routine_of((technique("a", intensity=1), 60), (technique("b", intensity=3), 60))
    assert routine.intensity == 3


# --- Scaling -----------------------------------------------------------------------------------


def test_scaling_to_the_natural_length_changes_nothing(library: Library) -> None:
    daily = library.routine("daily_back_reset")
    assert scale_to_minutes(daily, 12) == daily


@pytest.mark.parametrize("minutes", [5, 7.5, 10, 13, 15, 20, 25, 30])
def test_scaled_routines_hit_the_target_and_keep_every_bound(
    library: Library, minutes: float
) -> None:
    for routine in library.routines:
        scaled = scale_to_minutes(routine, minutes)
        target = min(max(round(minutes * 60), routine.min_seconds), routine.max_seconds)
        assert abs(scaled.total_seconds - target) <= 5, routine.id
        for step in scaled.steps:
            assert step.technique.duration.minimum <= step.seconds
            assert step.seconds <= step.technique.duration.maximum
        assert all(left.seconds == right.seconds for left, right in pairs_of(scaled))
        assert [s.technique.id for s in scaled.steps] == [s.technique.id for s in routine.steps]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), minutes=st.floats(0, 40, allow_nan=False))
def test_every_routine_at_any_length_has_steps_in_whole_5_seconds_within_5_s_of_the_length(
    library: Library, data: st.DataObject, minutes: float
) -> None:
    routine = data.draw(st.sampled_from(library.routines))
    scaled = scale_to_minutes(routine, minutes)
    chosen = round(min(max(minutes, 5), 30) * 60)
    target = min(max(chosen, routine.min_seconds), routine.max_seconds)

    assert abs(scaled.total_seconds - target) <= 5
    for step in scaled.steps:
        assert step.seconds % 5 == 0, step.title
        assert step.technique.duration.minimum <= step.seconds <= step.technique.duration.maximum
    assert all(left.seconds == right.seconds for left, right in pairs_of(scaled))


def test_scaling_keeps_proportions_when_no_bound_is_reached() -> None:
    routine = routine_of(
        (technique("a", minimum=10, maximum=600), 60),
        (technique("b", minimum=10, maximum=600), 120),
        (technique("c", minimum=10, maximum=600), 120),
    )
    scaled = scale_to_minutes(routine, 10)
    assert [s.seconds for s in scaled.steps] == [120, 240, 240]


def test_a_step_at_its_bound_stays_there_and_the_others_share_the_rest() -> None:
    capped = technique("capped", minimum=15, maximum=30)
    free = technique("free", minimum=30, maximum=600)
    routine = routine_of((capped, 20), (free, 100), (free, 180))
    scaled = scale_to_minutes(routine, 10)
    assert [s.seconds for s in scaled.steps] == [30, 205, 365]


def test_step_lengths_are_rounded_to_5_seconds() -> None:
    free = technique("free", minimum=10, maximum=600)
    routine = routine_of((free, 60), (free, 45), (free, 70))
    scaled = scale_to_minutes(routine, 7)
    assert [s.seconds % 5 for s in scaled.steps] == [0, 0, 0]
    assert scaled.total_seconds == 420


def test_a_step_whose_range_holds_no_multiple_of_5_keeps_whole_seconds() -> None:
    narrow = technique("narrow", minimum=31, maximum=34)
    free = technique("free", minimum=10, maximum=600)
    routine = routine_of((narrow, 32), (free, 100))
    scaled = scale_to_minutes(routine, 6)
    assert 31 <= scaled.steps[0].seconds <= 34
    assert scaled.steps[1].seconds % 5 == 0
    assert abs(scaled.total_seconds - 360) <= 5


def test_left_and_right_of_a_pair_always_match() -> None:
    sided = technique("sided", minimum=30, maximum=120, per_side=True)
    single = technique("single", minimum=30, maximum=300)
    routine = routine_of((single, 60), (sided, 45), (single, 60), (sided, 60))
    for seconds in range(routine.min_seconds, 1801):
        scaled = scale_to_minutes(routine, seconds / 60)
        assert all(left.seconds == right.seconds for left, right in pairs_of(scaled))


def test_an_odd_number_of_grains_is_absorbed_by_a_single_step() -> None:
    sided = technique("sided", minimum=30, maximum=120, per_side=True)
    single = technique("single", minimum=30, maximum=300)
    routine = routine_of((sided, 60), (single, 60))
    scaled = scale_to_minutes(routine, 365 / 60)
    assert scaled.total_seconds == 365
    assert scaled.steps[0].seconds == scaled.steps[1].seconds


def test_full_single_steps_trade_5_seconds_with_a_pair_to_hit_an_odd_target() -> None:
    sided = technique("sided", minimum=30, maximum=300, per_side=True)
    single = technique("single", minimum=20, maximum=30)
    routine = routine_of((sided, 100), (single, 30))
    scaled = scale_to_minutes(routine, 335 / 60)
    assert scaled.total_seconds == 335
    assert scaled.steps[0].seconds == scaled.steps[1].seconds


def test_a_routine_of_pairs_only_stays_5_seconds_off_an_odd_target() -> None:
    sided = technique("sided", minimum=30, maximum=300, per_side=True)
    routine = routine_of((sided, 100), (sided, 100))
    scaled = scale_to_minutes(routine, 405 / 60)
    assert scaled.total_seconds == 400


@pytest.mark.parametrize(("minutes", "expected_seconds"), [(1, 300), (-4, 300), (45, 1800)])
def test_the_target_is_clamped_to_5_to_30_minutes(minutes: float, expected_seconds: int) -> None:
    roomy = technique("roomy", minimum=10, maximum=3000)
    routine = routine_of((roomy, 600))
    assert scale_to_minutes(routine, minutes).total_seconds == expected_seconds


def test_the_target_is_clamped_to_what_the_steps_allow(library: Library) -> None:
    desk = library.routine("desk_break")
    assert scale_to_minutes(desk, 30).total_seconds == desk.max_seconds
    daily = library.routine("daily_back_reset")
    assert scale_to_minutes(daily, 5).total_seconds == daily.min_seconds


def test_scaling_is_deterministic(library: Library) -> None:
    evening = library.routine("evening_wind_down")
    assert scale_to_minutes(evening, 11.3) == scale_to_minutes(evening, 11.3)


def test_scaling_refuses_a_length_that_is_not_a_number() -> None:
    with pytest.raises(ValueError, match="minutes"):
        scale_to_minutes(routine_of((technique(), 60)), float("nan"))


def test_a_quick_break_ignores_the_length_preference(library: Library) -> None:
    desk = library.routine("desk_break")
    assert not desk.follows_length_preference
    assert apply_length_preference(desk, 20) is desk
    daily = library.routine("daily_back_reset")
    assert apply_length_preference(daily, 20).total_seconds == 1200


@st.composite
def routines(draw: st.DrawFn) -> Routine:
    parts: list[tuple[Technique, int]] = []
    for index in range(draw(st.integers(1, 8))):
        minimum = draw(st.integers(1, 90))
        maximum = draw(st.integers(minimum, minimum + 240))
        seconds = draw(st.integers(minimum, maximum))
        sided = draw(st.booleans())
        tech = technique(f"t{index}", minimum=minimum, maximum=maximum, per_side=sided)
        parts.append((tech, seconds))
    return routine_of(*parts)


@given(routine=routines(), minutes=st.floats(0, 40, allow_nan=False))
def test_any_routine_scales_within_bounds_in_5_second_steps_where_its_ranges_allow(
    routine: Routine, minutes: float
) -> None:
    scaled = scale_to_minutes(routine, minutes)
    if scaled is routine:
        return
    for step in scaled.steps:
        span = step.technique.duration
        assert span.minimum <= step.seconds <= span.maximum
        if (span.minimum + 4) // 5 <= span.maximum // 5:
            assert step.seconds % 5 == 0
    assert all(left.seconds == right.seconds for left, right in pairs_of(scaled))
