"""How long each step of a composed routine lasts: the 5-second grid, each technique's bounds
on it, and sharing the chosen time out so the person's regions get most of it.

Kept apart from the composer (composer.py), which decides which techniques come and in what
order: timing only needs the chosen units and the request's regions, so the two can be read
and changed on their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from backcare_desktop.core.composition import Purpose, Reason
from backcare_desktop.core.routine import Technique

GRID: Final = 5
"""Composed steps last a multiple of this many seconds."""

_OTHER_WEIGHTS: Final = {Purpose.BREATHE: 2.5, Purpose.BUILD_UP: 1.5, Purpose.EASE_OFF: 1.5}


@dataclass(frozen=True)
class Unit:
    """One technique in the routine, on both sides when it is done per side."""

    technique: Technique
    reason: Reason

    @property
    def weight(self) -> int:
        return 2 if self.technique.per_side else 1


def grid_bounds(unit: Unit, warm_up: int = 0) -> tuple[int, int]:
    """The unit's shortest and longest length on the grid; a warm-up lasts at least
    `warm_up` seconds."""
    span = unit.technique.duration
    low = -(-span.minimum // GRID) * GRID
    high = span.maximum // GRID * GRID
    if low > high:
        return span.minimum, span.minimum
    if unit.reason.purpose is Purpose.WARM_UP:
        low = min(max(low, warm_up), high)
    return low, high


def bounds(units: Sequence[Unit], warm_up: int) -> tuple[int, int, int]:
    """The shortest, longest and usual total of these units, in seconds."""
    low = high = usual = 0
    for unit in units:
        grid_low, grid_high = grid_bounds(unit, warm_up)
        low += unit.weight * grid_low
        high += unit.weight * grid_high
        usual += unit.weight * unit.technique.duration.default
    return low, high, usual


def weights(units: Sequence[Unit], regions: Sequence[str]) -> list[float]:
    """How strongly each step claims spare time: the chosen regions most, the first most."""
    count = len(regions)
    result = []
    for unit in units:
        region = unit.reason.region
        if unit.reason.purpose is Purpose.REGION and region in regions:
            rank = regions.index(region)
            result.append(8.0 + 4.0 * (count - rank) / count)
        else:
            result.append(_OTHER_WEIGHTS.get(unit.reason.purpose, 1.0))
    return result


def allocate(
    units: Sequence[Unit], target: int, weights: Sequence[float], warm_up: int
) -> list[int]:
    """Seconds per unit, on the 5-second grid within bounds, adding up to `target` (or 5 s
    short when only a per-side pair, which moves 10 s at a time, could take the rest).

    Spare time goes 5 s at a time to the unit furthest below its share, a unit's share being
    its usual length times its weight.
    """
    limits = [grid_bounds(unit, warm_up) for unit in units]
    lengths = [low for low, _ in limits]
    total = sum(unit.weight * length for unit, length in zip(units, lengths, strict=True))
    claims = [
        weight * unit.technique.duration.default
        for unit, weight in zip(units, weights, strict=True)
    ]
    while True:
        spare = target - total
        room = [
            i
            for i, unit in enumerate(units)
            if lengths[i] + GRID <= limits[i][1] and unit.weight * GRID <= spare
        ]
        if not room:
            return lengths
        chosen = min(room, key=lambda i: ((lengths[i] + GRID) / claims[i], i))
        lengths[chosen] += GRID
        total += units[chosen].weight * GRID
