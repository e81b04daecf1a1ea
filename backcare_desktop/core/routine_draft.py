"""A routine as the person writes it: the form the editor changes, the store keeps and a
routine file carries.

A draft step names its technique by id and says, for a technique done per side, whether it
is the left, the right or both sides ("both" becomes two steps when the routine runs). It may
carry the breathing pattern of a breathing step, the person's own note ("physio: keep the
elbow low") and the region it was chosen for ("for your shoulders"). The draft is checked
against the library by routine_rules.py and turned into the Routine a session runs by
`build`; `draft_of` goes the other way, for a copy of a built-in routine or a composed one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from backcare_desktop.core.routine import Routine, Side, Step, Technique

OWN_PREFIX: Final = "own_"
"""Every routine of the person's own has an id starting with this; built-in ones never do."""
MAX_ID_LENGTH: Final = 64


class StepSide(StrEnum):
    """Which side a per-side step works: one of them, or both (two steps when run)."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


@dataclass(frozen=True)
class DraftStep:
    technique: str
    seconds: int
    side: StepSide | None = None  # None for a technique not done per side
    breathing: str | None = None
    note: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class RoutineDraft:
    id: str
    name: str
    steps: tuple[DraftStep, ...] = ()
    summary: str | None = None

    def with_steps(self, steps: Iterable[DraftStep]) -> RoutineDraft:
        return RoutineDraft(self.id, self.name, tuple(steps), self.summary)


def is_own(routine_id: str) -> bool:
    return routine_id.startswith(OWN_PREFIX)


def new_id(name: str, taken: Iterable[str]) -> str:
    """A fresh id for a routine of the person's own, readable and unused: `own_<name>`,
    then `own_<name>_2`, `own_<name>_3`..."""
    used = set(taken)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:40] or "routine"
    base = f"{OWN_PREFIX}{slug}"
    candidate, counter = base, 2
    while candidate in used:
        candidate, counter = f"{base}_{counter}", counter + 1
    return candidate


def step_count(draft: RoutineDraft) -> int:
    """How many steps the routine runs ("both" sides count twice)."""
    return sum(2 if step.side is StepSide.BOTH else 1 for step in draft.steps)


def total_seconds(draft: RoutineDraft) -> int:
    """The routine's length as it runs, "both" sides counted twice (the editor's live total)."""
    return sum(step.seconds * (2 if step.side is StepSide.BOTH else 1) for step in draft.steps)


def build(draft: RoutineDraft, techniques: Mapping[str, Technique]) -> Routine:
    """The routine a session runs. The draft must have passed routine_rules.check without
    errors; an unknown technique raises KeyError."""
    steps: list[Step] = []
    for step in draft.steps:
        technique = techniques[step.technique]
        sides: Sequence[Side | None]
        if step.side is StepSide.BOTH:
            sides = (Side.LEFT, Side.RIGHT)
        elif step.side is None:
            sides = (None,)
        else:
            sides = (Side(step.side.value),)
        for side in sides:
            steps.append(Step(technique, step.seconds, side, step.breathing, step.note))
    return Routine(
        id=draft.id,
        name=draft.name,
        summary=draft.summary or "",
        steps=tuple(steps),
        follows_length_preference=False,  # the person's durations, as their physio gave them
    )


def draft_of(
    routine: Routine, regions: Sequence[str | None] | None = None, *, new: str | None = None
) -> RoutineDraft:
    """The routine as a draft (a left step followed by the same on the right becomes one
    "both" step). `regions[i]` is the region step i was chosen for, when known (a composed
    routine's reasons); `new` gives the draft another id (a copy never keeps a built-in's)."""
    steps: list[DraftStep] = []
    index = 0
    source = routine.steps
    while index < len(source):
        step = source[index]
        region = regions[index] if regions is not None else None
        partner = source[index + 1] if index + 1 < len(source) else None
        side: StepSide | None = None
        taken = 1
        if step.side is not None:
            side = StepSide(step.side.value)
            if (
                step.side is Side.LEFT
                and partner is not None
                and partner.side is Side.RIGHT
                and partner.technique.id == step.technique.id
                and (partner.seconds, partner.breathing, partner.note)
                == (step.seconds, step.breathing, step.note)
            ):
                side, taken = StepSide.BOTH, 2
        elif step.technique.per_side:
            side = StepSide.BOTH
        steps.append(
            DraftStep(step.technique.id, step.seconds, side, step.breathing, step.note, region)
        )
        index += taken
    return RoutineDraft(new or routine.id, routine.name, tuple(steps), routine.summary or None)
