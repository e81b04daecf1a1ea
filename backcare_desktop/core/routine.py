"""Techniques, routines and the library that holds them, and scaling a routine to a length.

These are plain values the rest of the app reads; loading them from assets/ and checking every
content rule lives in core.content, so this module stays free of file formats.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from backcare_desktop.core.breathing import BreathingPattern

SCHEMA_VERSION = 1
MIN_TARGET_MINUTES = 5
MAX_TARGET_MINUTES = 30
STEP_GRAIN_SECONDS = 5
"""Scaled steps last a multiple of this: "1:25" reads as a length someone chose, "1:24" does not."""

FAMILIES = frozenset(
    {
        "warm_up",
        "effleurage",
        "petrissage",
        "friction",
        "tapotement",
        "compression",
        "tool_ball",
        "tool_roller",
        "stretch",
        "breathing",
    }
)
EQUIPMENT = ("none", "chair", "wall", "massage_ball", "foam_roller", "mat")


class Side(StrEnum):
    """Which side of the body a per-side step works on."""

    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Duration:
    """How long a technique usually takes and the range it may be scaled within (seconds)."""

    default: int
    minimum: int
    maximum: int


@dataclass(frozen=True)
class Technique:
    """One self-massage, stretch or breathing technique, as the content files describe it."""

    id: str
    name: str
    family: str
    regions: tuple[str, ...]  # empty for breathing, which works no region in particular
    equipment: tuple[str, ...]
    intensity: int
    summary: str
    instructions: tuple[str, ...]
    cautions: tuple[str, ...]
    duration: Duration
    per_side: bool

    def illustration_file(self, side: Side | None) -> str:
        """The picture's file name in assets/illustrations/.

        A per-side technique has a picture for each side; asked without a side, the left one
        stands for the technique as a whole (e.g. on a routine card).
        """
        if not self.per_side:
            return f"{self.id}.svg"
        return f"{self.id}-{(side or Side.LEFT).value}.svg"

    def illustration_files(self) -> tuple[str, ...]:
        """Every picture this technique needs."""
        if self.per_side:
            return (self.illustration_file(Side.LEFT), self.illustration_file(Side.RIGHT))
        return (self.illustration_file(None),)


@dataclass(frozen=True)
class Step:
    """One timed step of a routine: a technique, for how long, on which side."""

    technique: Technique
    seconds: int
    side: Side | None = None
    breathing: str | None = None
    note: str | None = None  # the person's own words for this step ("physio: elbow low")

    @property
    def title(self) -> str:
        if self.side is None:
            return self.technique.name
        return f"{self.technique.name} — {self.side.value} side"


@dataclass(frozen=True)
class Routine:
    """A named sequence of steps, e.g. the 12-minute daily back reset."""

    id: str
    name: str
    summary: str
    steps: tuple[Step, ...]
    follows_length_preference: bool
    areas: tuple[str, ...] = ()
    """The regions a composed routine was made for, in the order the person chose them; the
    journal records them so Progress can show where the back was tense most often."""

    @property
    def total_seconds(self) -> int:
        return sum(step.seconds for step in self.steps)

    @property
    def min_seconds(self) -> int:
        """The shortest this routine can be scaled to."""
        return sum(step.technique.duration.minimum for step in self.steps)

    @property
    def max_seconds(self) -> int:
        """The longest this routine can be scaled to."""
        return sum(step.technique.duration.maximum for step in self.steps)

    @property
    def equipment(self) -> tuple[str, ...]:
        """What the person needs to have at hand (empty when nothing is needed)."""
        items = {item for step in self.steps for item in step.technique.equipment}
        return tuple(sorted(items - {"none"}))

    @property
    def intensity(self) -> int:
        """The firmest step's intensity, 1–5."""
        return max((step.technique.intensity for step in self.steps), default=1)


@dataclass(frozen=True)
class Library:
    """All built-in content: techniques by id, routines in display order, breathing patterns
    by id in file order (read once here and shared by every part of the app)."""

    techniques: Mapping[str, Technique]
    routines: tuple[Routine, ...]
    patterns: Mapping[str, BreathingPattern]

    @property
    def breathing_patterns(self) -> frozenset[str]:
        """The ids of the breathing patterns."""
        return frozenset(self.patterns)

    def routine(self, routine_id: str) -> Routine:
        for routine in self.routines:
            if routine.id == routine_id:
                return routine
        known = ", ".join(routine.id for routine in self.routines)
        raise KeyError(f"There is no routine called {routine_id!r} (known routines: {known})")


# --- Scaling to the person's preferred length ------------------------------------------------


class _Unit(NamedTuple):
    """Steps that must share one length: a lone step, or the left and right of a sided pair.
    (A working record of `scale_to_minutes`, not a domain value: a named tuple is made in a
    quarter of a frozen dataclass's time, and this module is read before the first paint.)"""

    indices: tuple[int, ...]
    base: float
    minimum: int
    maximum: int

    def at(self, factor: float) -> float:
        return min(max(self.base * factor, self.minimum), self.maximum)


def apply_length_preference(routine: Routine, minutes: float) -> Routine:
    """The routine at the person's preferred length, unless it keeps its own (a quick break)."""
    if not routine.follows_length_preference:
        return routine
    return scale_to_minutes(routine, minutes)


def scale_to_minutes(routine: Routine, minutes: float) -> Routine:
    """Stretch or shrink a routine to about `minutes`, keeping every step within its range.

    The target is clamped to 5–30 minutes and to what the routine's steps allow. Steps keep
    their proportions where they can; a step that hits its minimum or maximum stays there and
    the others share the difference. Left and right of a sided step always match. Every step
    lasts a multiple of 5 seconds (unless its range holds none), and the total comes within
    5 seconds of the target whenever the steps' ranges allow it.
    """
    if not math.isfinite(minutes):
        raise ValueError(f"a routine length must be a number of minutes, got {minutes}")
    if not routine.steps:
        return routine
    minutes = min(max(minutes, MIN_TARGET_MINUTES), MAX_TARGET_MINUTES)
    target = min(max(round(minutes * 60), routine.min_seconds), routine.max_seconds)
    if target == routine.total_seconds:
        return routine
    units = _units(routine.steps)
    factor = _fill_factor(units, target)
    ideal = [round(unit.at(factor), 6) for unit in units]
    lengths = _lengths_on_grain(units, ideal, target)
    steps = list(routine.steps)
    for unit, length in zip(units, lengths, strict=True):
        for index in unit.indices:
            steps[index] = replace(steps[index], seconds=length)
    return replace(routine, steps=tuple(steps))


def _units(steps: Sequence[Step]) -> list[_Unit]:
    units: list[_Unit] = []
    index = 0
    while index < len(steps):
        step = steps[index]
        span = step.technique.duration
        partner = steps[index + 1] if index + 1 < len(steps) else None
        if (
            step.side is Side.LEFT
            and partner is not None
            and partner.side is Side.RIGHT
            and partner.technique.id == step.technique.id
        ):
            base = (step.seconds + partner.seconds) / 2
            units.append(_Unit((index, index + 1), base, span.minimum, span.maximum))
            index += 2
        else:
            units.append(_Unit((index,), step.seconds, span.minimum, span.maximum))
            index += 1
    return units


def _fill_factor(units: Sequence[_Unit], target: int) -> float:
    """The factor f where the clamped, scaled lengths add up to the target (water-filling)."""
    low = 0.0
    high = max((unit.maximum / unit.base for unit in units if unit.base > 0), default=1.0)
    # Bisect to a part in a billion: far finer than the whole seconds the lengths are rounded
    # to, and a third of the work of bisecting to the float's last bit (this runs for every
    # routine card at start-up, so the sum is `_Unit.at` spelled out over plain tuples).
    rows = [(len(unit.indices), unit.base, unit.minimum, unit.maximum) for unit in units]
    while high - low > 1e-9 * high:
        middle = (low + high) / 2
        total = sum(n * min(max(base * middle, least), most) for n, base, least, most in rows)
        if total < target:
            low = middle
        else:
            high = middle
    return high


def _lengths_on_grain(units: Sequence[_Unit], ideal: Sequence[float], target: int) -> list[int]:
    """Lengths in whole grains of 5 seconds, near the ideal ones, adding up to about the target.

    The rounding runs in grains rather than seconds, with each unit's range narrowed to the
    multiples of 5 inside it. A unit whose range holds no multiple of 5 keeps whole seconds.
    """
    grain = STEP_GRAIN_SECONDS
    lengths = [0] * len(units)
    on_grain: list[int] = []
    rest = target
    for index, unit in enumerate(units):
        low, high = -(-unit.minimum // grain), unit.maximum // grain
        if low > high:
            lengths[index] = min(max(round(ideal[index]), unit.minimum), unit.maximum)
            rest -= len(unit.indices) * lengths[index]
        else:
            on_grain.append(index)
    grains = [
        units[i]._replace(minimum=-(-units[i].minimum // grain), maximum=units[i].maximum // grain)
        for i in on_grain
    ]
    counts = _round_to_total(
        grains, [ideal[i] / grain for i in on_grain], math.floor(rest / grain + 0.5)
    )
    for index, count in zip(on_grain, counts, strict=True):
        lengths[index] = count * grain
    return lengths


def _round_to_total(units: Sequence[_Unit], ideal: Sequence[float], target: int) -> list[int]:
    """Whole numbers near the ideal lengths that add up to the target (largest remainder).

    A sided pair moves two at a time; when one is left over, a single step takes it, or (if
    every single step is full) trades one with a pair.
    """
    lengths = [
        min(max(math.floor(value), unit.minimum), unit.maximum)
        for value, unit in zip(ideal, units, strict=True)
    ]
    weights = [len(unit.indices) for unit in units]

    def total() -> int:
        return sum(w * n for w, n in zip(weights, lengths, strict=True))

    while (missing := target - total()) != 0:
        step = 1 if missing > 0 else -1

        def room(i: int, direction: int = step) -> bool:
            moved = lengths[i] + direction
            return units[i].minimum <= moved <= units[i].maximum

        def need(i: int, direction: int = step) -> float:
            return (ideal[i] - lengths[i]) * direction

        movable = [i for i in range(len(units)) if weights[i] <= abs(missing) and room(i)]
        if movable:
            chosen = max(movable, key=lambda i: (need(i), -i))
            lengths[chosen] += step
            continue
        pairs = [i for i in range(len(units)) if weights[i] == 2 and room(i)]
        singles = [i for i in range(len(units)) if weights[i] == 1 and room(i, -step)]
        if not (pairs and singles):
            break  # whole seconds cannot reach the target exactly: stay one second off
        lengths[max(pairs, key=lambda i: (need(i), -i))] += step
        lengths[max(singles, key=lambda i: (need(i, -step), -i))] -= step
    return lengths
