"""The routine editor's rules, as a pure API: what can never be saved, and what is advice.

`check` answers, for a draft and the library, two lists of problems:

- errors: hard rules. A draft with errors cannot be saved, imported or started: an unknown
  technique, a duration outside the technique's bounds, a side on a technique not done per
  side, a breathing pattern on a step that is not breathing, a name or note that is empty,
  too long or holds control characters, no steps or too many, and the safety rules (no foam
  roller on the lower back, no tapping over the kidneys).
- advice: the composer's shape as suggestions the person may dismiss ("Consider a warm-up
  first", build pressure gradually, end with gliding strokes and breathing, do both sides).

`enforce` removes the steps that break a safety rule and says so ("No foam roller on the
lower back: this step was removed"), which is how the editor keeps them unbreakable.
Every message is a template marked for translation plus its values, filled by `text`.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from backcare_desktop.core.plain_text import refused_characters
from backcare_desktop.core.regions import REGIONS
from backcare_desktop.core.routine import Library, Technique
from backcare_desktop.core.routine_draft import DraftStep, RoutineDraft, StepSide, total_seconds
from backcare_desktop.core.safety import NO_ROLLER, NO_TAPPING
from backcare_desktop.core.translatable import QT_TR_NOOP, fill

MAX_NAME_LENGTH: Final = 80
MAX_NOTE_LENGTH: Final = 200
MAX_STEPS: Final = 60
LONG_ROUTINE_SECONDS: Final = 30 * 60


class Code(StrEnum):
    """What kind of problem; stable, so a dismissed piece of advice can be remembered."""

    NAME = "name"
    NO_STEPS = "no_steps"
    TOO_MANY_STEPS = "too_many_steps"
    UNKNOWN_TECHNIQUE = "unknown_technique"
    DURATION = "duration"
    SIDE = "side"
    BREATHING = "breathing"
    NOTE = "note"
    REGION = "region"
    ROLLER_ON_LOWER_BACK = "roller_on_lower_back"
    TAPPING_OVER_KIDNEYS = "tapping_over_kidneys"
    # advice
    WARM_UP_FIRST = "warm_up_first"
    BUILD_GRADUALLY = "build_gradually"
    END_GLIDING_AND_BREATHING = "end_gliding_and_breathing"
    OTHER_SIDE = "other_side"
    LONG = "long"


SAFETY: Final = frozenset({Code.ROLLER_ON_LOWER_BACK, Code.TAPPING_OVER_KIDNEYS})


@dataclass(frozen=True)
class Problem:
    """One error or piece of advice; `step` is the draft step's index, None for the routine."""

    code: Code
    template: str
    values: tuple[str | int, ...] = ()
    step: int | None = None

    @property
    def text(self) -> str:
        """In English; the GUI translates `template` and fills in `values` itself."""
        return fill(self.template, *self.values)


@dataclass(frozen=True)
class Check:
    errors: tuple[Problem, ...]
    advice: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def check(draft: RoutineDraft, library: Library) -> Check:
    errors = [*_routine_errors(draft)]
    for index, step in enumerate(draft.steps):
        errors.extend(_step_errors(index, step, library))
    advice = _advice(draft, library.techniques) if not errors else []
    return Check(tuple(errors), tuple(advice))


def enforce(draft: RoutineDraft, library: Library) -> tuple[RoutineDraft, tuple[Problem, ...]]:
    """The draft without the steps that break a safety rule, and what was removed and why."""
    removed: list[Problem] = []
    kept: list[DraftStep] = []
    for index, step in enumerate(draft.steps):
        broken = [p for p in _step_errors(index, step, library) if p.code in SAFETY]
        if broken:
            removed.extend(broken)
        else:
            kept.append(step)
    return draft.with_steps(kept), tuple(removed)


def _routine_errors(draft: RoutineDraft) -> list[Problem]:
    errors = []
    name = draft.name.strip()
    if not name:
        errors.append(Problem(Code.NAME, QT_TR_NOOP("Give the routine a name.")))
    elif len(name) > MAX_NAME_LENGTH:
        template = QT_TR_NOOP("Keep the name to %1 characters or fewer.")
        errors.append(Problem(Code.NAME, template, (MAX_NAME_LENGTH,)))
    elif refused_characters(name):
        template = QT_TR_NOOP("The name holds characters that cannot be shown: %1.")
        errors.append(Problem(Code.NAME, template, (", ".join(refused_characters(name)),)))
    if draft.summary is not None and (
        len(draft.summary) > MAX_NOTE_LENGTH or refused_characters(draft.summary)
    ):
        template = QT_TR_NOOP("Keep the description to one line of %1 characters or fewer.")
        errors.append(Problem(Code.NAME, template, (MAX_NOTE_LENGTH,)))
    if not draft.steps:
        errors.append(Problem(Code.NO_STEPS, QT_TR_NOOP("Add at least one step.")))
    steps = sum(2 if step.side is StepSide.BOTH else 1 for step in draft.steps)
    if steps > MAX_STEPS:
        template = QT_TR_NOOP("A routine can hold up to %1 steps.")
        errors.append(Problem(Code.TOO_MANY_STEPS, template, (MAX_STEPS,)))
    return errors


def _step_errors(index: int, step: DraftStep, library: Library) -> list[Problem]:
    number = index + 1
    technique = library.techniques.get(step.technique)
    if technique is None:
        template = QT_TR_NOOP("Step %1: there is no technique called “%2”.")
        return [Problem(Code.UNKNOWN_TECHNIQUE, template, (number, step.technique), index)]
    errors = []
    span = technique.duration
    if not span.minimum <= step.seconds <= span.maximum:
        template = QT_TR_NOOP("Step %1: %2 lasts %3 to %4 seconds.")
        values = (number, technique.name, span.minimum, span.maximum)
        errors.append(Problem(Code.DURATION, template, values, index))
    if technique.per_side and step.side is None:
        template = QT_TR_NOOP("Step %1: choose the left side, the right side or both.")
        errors.append(Problem(Code.SIDE, template, (number,), index))
    if not technique.per_side and step.side is not None:
        template = QT_TR_NOOP("Step %1: %2 is not done one side at a time.")
        errors.append(Problem(Code.SIDE, template, (number, technique.name), index))
    if step.breathing is not None:
        if technique.family != "breathing":
            template = QT_TR_NOOP("Step %1: only a breathing step has a breathing pattern.")
            errors.append(Problem(Code.BREATHING, template, (number,), index))
        elif step.breathing not in library.patterns:
            template = QT_TR_NOOP("Step %1: there is no breathing pattern called “%2”.")
            errors.append(Problem(Code.BREATHING, template, (number, step.breathing), index))
    if step.note is not None:
        note = step.note.strip()
        if not note or len(note) > MAX_NOTE_LENGTH or refused_characters(note):
            template = QT_TR_NOOP("Step %1: keep the note to one line of %2 characters or fewer.")
            errors.append(Problem(Code.NOTE, template, (number, MAX_NOTE_LENGTH), index))
    if step.region is not None:
        errors.extend(_region_errors(index, step.region, technique))
    return errors


def _region_errors(index: int, region: str, technique: Technique) -> list[Problem]:
    number = index + 1
    if technique.family == "tool_roller" and region in NO_ROLLER:
        template = QT_TR_NOOP("No foam roller on the lower back: this step was removed.")
        return [Problem(Code.ROLLER_ON_LOWER_BACK, template, (), index)]
    if technique.family == "tapotement" and region in NO_TAPPING:
        template = QT_TR_NOOP("No tapping over the kidneys: this step was removed.")
        return [Problem(Code.TAPPING_OVER_KIDNEYS, template, (), index)]
    if region not in REGIONS or region not in technique.regions:
        template = QT_TR_NOOP("Step %1: %2 does not work the area “%3”.")
        return [Problem(Code.REGION, template, (number, technique.name, region), index)]
    return []


def _advice(draft: RoutineDraft, techniques: Mapping[str, Technique]) -> list[Problem]:
    steps = [(i, step, techniques[step.technique]) for i, step in enumerate(draft.steps)]
    advice = []
    if steps and steps[0][2].family != "warm_up":
        advice.append(Problem(Code.WARM_UP_FIRST, QT_TR_NOOP("Consider a warm-up first."), (), 0))
    for (_, _, before), (index, _, after) in itertools.pairwise(steps):
        if after.intensity > before.intensity + 1:
            template = QT_TR_NOOP(
                "Step %1: consider a gentler step before it, so pressure builds gradually."
            )
            advice.append(Problem(Code.BUILD_GRADUALLY, template, (index + 1,), index))
    families = [technique.family for _, _, technique in steps]
    if steps and families[-2:] != ["effleurage", "breathing"]:
        template = QT_TR_NOOP("Consider ending with gliding strokes and slow breathing.")
        advice.append(Problem(Code.END_GLIDING_AND_BREATHING, template, (), len(steps) - 1))
    for position, (index, step, _) in enumerate(steps):
        if step.side in (StepSide.LEFT, StepSide.RIGHT) and not _other_side_near(steps, position):
            template = QT_TR_NOOP("Step %1: consider doing the other side too.")
            advice.append(Problem(Code.OTHER_SIDE, template, (index + 1,), index))
    if total_seconds(draft) > LONG_ROUTINE_SECONDS:
        template = QT_TR_NOOP("Consider keeping the routine under %1 minutes.")
        advice.append(Problem(Code.LONG, template, (LONG_ROUTINE_SECONDS // 60,)))
    return advice


def _other_side_near(steps: list[tuple[int, DraftStep, Technique]], position: int) -> bool:
    """True when the step just before or after works the other side of the same technique."""
    _, step, _ = steps[position]
    other = StepSide.RIGHT if step.side is StepSide.LEFT else StepSide.LEFT
    for near in (position - 1, position + 1):
        if 0 <= near < len(steps):
            _, neighbour, _ = steps[near]
            if neighbour.technique == step.technique and neighbour.side is other:
                return True
    return False


def mend(draft: RoutineDraft, library: Library) -> RoutineDraft:
    """A stored routine fitted to this version's library, losing as little as possible: a
    duration outside a technique's (perhaps changed) bounds moves to the nearest bound, a side
    that no longer fits is set right, an unknown breathing pattern or region is dropped.
    Steps with a technique this version does not know are kept, for `check` to report."""
    steps = []
    for step in draft.steps:
        technique = library.techniques.get(step.technique)
        if technique is None:
            steps.append(step)
            continue
        span = technique.duration
        seconds = min(max(step.seconds, span.minimum), span.maximum)
        side = step.side
        if technique.per_side and side is None:
            side = StepSide.BOTH
        elif not technique.per_side:
            side = None
        breathing = step.breathing
        if breathing is not None and (
            technique.family != "breathing" or breathing not in library.patterns
        ):
            breathing = None
        region = step.region
        if region is not None and _region_errors(0, region, technique):
            region = None
        steps.append(DraftStep(step.technique, seconds, side, breathing, step.note, region))
    return draft.with_steps(steps)
