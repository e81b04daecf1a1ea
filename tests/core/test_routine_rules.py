"""The routine editor's rules, drafts and the book of the person's routines, without a screen."""

from __future__ import annotations

import pytest

from backcare_desktop.core.composer import compose
from backcare_desktop.core.composition import Request
from backcare_desktop.core.content.loader import load_library
from backcare_desktop.core.routine import Side
from backcare_desktop.core.routine_book import (
    RoutineBook,
    adding,
    as_new,
    for_import,
    in_display_order,
    removing,
    starring,
)
from backcare_desktop.core.routine_draft import (
    DraftStep,
    RoutineDraft,
    StepSide,
    build,
    draft_of,
    new_id,
    total_seconds,
)
from backcare_desktop.core.routine_rules import SAFETY, Code, check, enforce, mend
from backcare_desktop.resources import assets_dir

LIBRARY = load_library(assets_dir())
WARM = DraftStep("warm_up", 60)
GLIDE = DraftStep("effleurage_back", 60)
BREATHE = DraftStep("deep_breathing", 120, breathing="resonance")


def draft(*steps: DraftStep, name: str = "My physio routine") -> RoutineDraft:
    return RoutineDraft("own_my_physio_routine", name, steps)


def codes(problems: tuple[object, ...]) -> list[Code]:
    return [problem.code for problem in problems]  # type: ignore[attr-defined]


def test_a_well_shaped_routine_has_no_errors_and_no_advice() -> None:
    kneading = DraftStep("kneading_shoulder", 45, StepSide.BOTH, note="physio: keep the elbow low")
    result = check(draft(WARM, kneading, GLIDE, BREATHE), LIBRARY)
    assert result.ok and result.advice == ()


def test_both_sides_become_two_steps_and_one_side_one_step_with_the_note_on_each() -> None:
    both = DraftStep("kneading_shoulder", 45, StepSide.BOTH, note="physio: keep the elbow low")
    left = DraftStep("side_bend", 30, StepSide.LEFT)
    routine = build(draft(WARM, both, left, GLIDE, BREATHE), LIBRARY.techniques)
    sides = [(s.technique.id, s.side) for s in routine.steps[1:4]]
    assert sides == [
        ("kneading_shoulder", Side.LEFT),
        ("kneading_shoulder", Side.RIGHT),
        ("side_bend", Side.LEFT),
    ]
    assert routine.steps[1].note == routine.steps[2].note == "physio: keep the elbow low"
    assert routine.total_seconds == total_seconds(draft(WARM, both, left, GLIDE, BREATHE))
    assert not routine.follows_length_preference


@pytest.mark.parametrize(
    ("step", "code"),
    [
        (DraftStep("cartwheel", 30), Code.UNKNOWN_TECHNIQUE),
        (DraftStep("neck_glide", 10), Code.DURATION),
        (DraftStep("neck_glide", 121), Code.DURATION),
        (DraftStep("kneading_shoulder", 45), Code.SIDE),
        (DraftStep("neck_glide", 45, StepSide.LEFT), Code.SIDE),
        (DraftStep("neck_glide", 45, breathing="box"), Code.BREATHING),
        (DraftStep("deep_breathing", 120, breathing="panting"), Code.BREATHING),
        (DraftStep("neck_glide", 45, note="   "), Code.NOTE),
        (DraftStep("neck_glide", 45, note="x" * 201), Code.NOTE),
        (DraftStep("neck_glide", 45, note="bell\x07"), Code.NOTE),
        (DraftStep("neck_glide", 45, region="lower_back"), Code.REGION),
        (DraftStep("roller_upper_back", 60, region="lower_back"), Code.ROLLER_ON_LOWER_BACK),
        (DraftStep("shoulder_tapping", 20, region="mid_back"), Code.TAPPING_OVER_KIDNEYS),
    ],
)
def test_a_step_breaking_a_hard_rule_is_an_error_naming_the_step(
    step: DraftStep, code: Code
) -> None:
    result = check(draft(WARM, step, GLIDE, BREATHE), LIBRARY)
    assert codes(result.errors) == [code]
    assert result.errors[0].step == 1
    assert result.errors[0].text.startswith(("Step 2", "No "))


@pytest.mark.parametrize(
    ("name", "steps"),
    [("", (WARM,)), ("x" * 81, (WARM,)), ("line\nbreak", (WARM,)), ("Fine", ())],
)
def test_a_routine_needs_a_plain_name_and_a_step(name: str, steps: tuple[DraftStep, ...]) -> None:
    assert not check(draft(*steps, name=name), LIBRARY).ok


def test_the_safety_rules_remove_the_step_and_say_so() -> None:
    roller = DraftStep("roller_upper_back", 60, region="lower_back")
    cleaned, removed = enforce(draft(WARM, roller, GLIDE, BREATHE), LIBRARY)
    assert cleaned.steps == (WARM, GLIDE, BREATHE)
    assert [p.text for p in removed] == ["No foam roller on the lower back: this step was removed."]
    assert {p.code for p in removed} <= SAFETY


def test_advice_can_be_dismissed_because_it_never_blocks_saving() -> None:
    ball = DraftStep("ball_glutes", 60, StepSide.LEFT)
    result = check(draft(ball), LIBRARY)
    assert result.ok
    assert codes(result.advice) == [
        Code.WARM_UP_FIRST,
        Code.END_GLIDING_AND_BREATHING,
        Code.OTHER_SIDE,
    ]
    assert result.advice[0].text == "Consider a warm-up first."
    jump = check(draft(WARM, DraftStep("ball_glutes", 60, StepSide.BOTH), GLIDE, BREATHE), LIBRARY)
    assert codes(jump.advice) == [Code.BUILD_GRADUALLY]


def test_a_longer_routine_than_half_an_hour_gets_advice() -> None:
    long = draft(WARM, *[DraftStep("neck_glide", 120)] * 15, GLIDE, BREATHE)
    assert Code.LONG in codes(check(long, LIBRARY).advice)


def test_mending_fits_an_older_routine_to_todays_bounds_and_keeps_its_steps() -> None:
    old = draft(
        DraftStep("warm_up", 500),
        DraftStep("kneading_shoulder", 45),
        DraftStep("neck_glide", 45, StepSide.LEFT, breathing="box", region="glutes"),
        DraftStep("deep_breathing", 120, breathing="gone"),
    )
    mended = mend(old, LIBRARY)
    assert check(mended, LIBRARY).ok
    assert [s.seconds for s in mended.steps] == [120, 45, 45, 120]
    assert mended.steps[1].side is StepSide.BOTH and mended.steps[2].side is None


def test_every_built_in_routine_drafts_and_builds_back_to_itself() -> None:
    for routine in LIBRARY.routines:
        again = build(draft_of(routine), LIBRARY.techniques)
        assert again.steps == routine.steps
        assert check(draft_of(routine), LIBRARY).ok


def test_a_composed_routine_saved_as_ones_own_keeps_why_each_step_is_there() -> None:
    composition = compose(LIBRARY, Request(("neck", "shoulders"), 10, frozenset({"wall"})))
    regions = [reason.region for reason in composition.reasons]
    saved = as_new(draft_of(composition.routine, regions), (), name="Neck and shoulders")
    assert saved.id == "own_neck_and_shoulders"
    assert {s.region for s in saved.steps} >= {"neck", "shoulders"}
    assert check(saved, LIBRARY).ok
    assert build(saved, LIBRARY.techniques).steps == composition.routine.steps


def test_new_ids_are_readable_unused_and_never_a_built_ins() -> None:
    assert new_id("Physio – Dr. Ümit's", ()) == "own_physio_dr_umit_s"
    assert new_id("My routine", {"own_my_routine"}) == "own_my_routine_2"
    assert new_id("!!!", ()) == "own_routine"


def test_the_book_adds_edits_stars_and_removes_only_the_persons_routines() -> None:
    mine = draft(WARM, GLIDE, BREATHE)
    book = adding(mine)(RoutineBook())
    edited = RoutineDraft(mine.id, "Renamed", mine.steps)
    book = adding(edited)(book)
    assert book.own == (edited,)
    book = starring("desk_break", True)(starring(mine.id, True)(book))
    assert book.favourites == {"desk_break", mine.id}
    book = removing(mine.id)(book)
    assert book.own == () and book.favourites == {"desk_break"}
    with pytest.raises(ValueError, match="built-in"):
        removing("desk_break")
    with pytest.raises(ValueError, match="not the id of a routine of your own"):
        adding(RoutineDraft("desk_break", "Mine now", mine.steps))
    with pytest.raises(KeyError):
        removing("own_nothing")(book)


def test_an_import_keeps_a_free_id_of_its_own_and_renames_any_other() -> None:
    book = adding(draft(WARM))(RoutineBook())
    built_in = {r.id for r in LIBRARY.routines}
    free = RoutineDraft("own_from_a_friend", "From a friend", (WARM,))
    assert for_import(free, book, built_in) == free
    assert for_import(draft(WARM), book, built_in).id == "own_my_physio_routine_2"
    copy = for_import(draft_of(LIBRARY.routine("desk_break")), book, built_in)
    assert copy.id == "own_desk_break_neck_and_shoulders"


def test_favourites_come_first_then_built_ins_then_the_persons_own() -> None:
    own = build(draft(WARM, GLIDE, BREATHE), LIBRARY.techniques)
    order = in_display_order(LIBRARY.routines, [own], {own.id, "morning_wake_up"})
    assert [r.id for r in order[:2]] == ["morning_wake_up", own.id]
    assert [r.id for r in order[2:]] == [
        r.id for r in LIBRARY.routines if r.id != "morning_wake_up"
    ]
