"""Compose a routine for today from where the back feels tense, the time and what is at hand.

The composer answers "where does it feel tense today?" with a routine built from the technique
library, under the same rules every built-in routine keeps:

- a warm-up first, then pressure that builds and eases step by step: the intensity of two
  steps in a row never differs by more than 1 (a firm ball after gentle strokes gets a
  middle step in between, going up and coming down);
- the regions the person chose get most of the time, in the order they chose them (the first
  gets the most when the time is short);
- gliding strokes and slow breathing at the end;
- the total is within 5 seconds of the chosen time, every step a multiple of 5 seconds within
  its technique's bounds;
- the safety rules of the content facts (safety.py): nothing needs equipment that is not at
  hand, no foam roller on the lower back, no tapping over the kidneys, nothing presses on the
  spine (the library's texts are checked on load; the composer only picks from it).

It is deterministic: the same request gives the same routine. The seed only breaks ties
between techniques of the same intensity, so Shuffle (another seed) gives another valid
routine where the library holds one. Each step carries the reason it is there. How long each
step lasts is worked out in composer_timing.py, the rise and ease of pressure within a
region in pressure_hill.py.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Final

from backcare_desktop.core.composer_timing import GRID, Unit, allocate, bounds, grid_bounds, weights
from backcare_desktop.core.composition import Composition, Purpose, Reason, Request
from backcare_desktop.core.pressure_hill import hill, rounds
from backcare_desktop.core.regions import REGION_NAMES, REGIONS
from backcare_desktop.core.routine import (
    Library,
    Routine,
    Side,
    Step,
    Technique,
)
from backcare_desktop.core.safety import at_hand, safe_for_region
from backcare_desktop.core.translatable import QT_TR_NOOP

__all__ = ["COMPOSED_ID", "GRID", "compose", "shuffle", "summary_for"]

COMPOSED_ID: Final = "composed"
_MAX_STEPS: Final = 40  # far more than 30 minutes of 30-second steps need
_SHUFFLE_TRIES: Final = 24
_PREFERRED_PATTERN: Final = "resonance"
_WARM_UP_SECONDS: Final = 60
_SHORT_WARM_UP: Final = 45
_SHORT_MINUTES: Final = 10
_STALLS: Final = 3


def compose(library: Library, request: Request) -> Composition:
    """The routine for this request (same request, same routine)."""
    return _Composer(library, request).compose()


def shuffle(library: Library, composition: Composition) -> Composition:
    """Another valid routine for the same choices, or the same one when no other exists."""
    request = composition.request
    for offset in range(1, _SHUFFLE_TRIES + 1):
        other = compose(library, replace(request, seed=request.seed + offset))
        if other.routine.steps != composition.routine.steps:
            return other
    return composition


def summary_for(regions: Sequence[str]) -> str:
    """The composed routine's card line: the regions it is for, in order."""
    return ", ".join(REGION_NAMES[region] for region in regions)


class _Composer:
    def __init__(self, library: Library, request: Request) -> None:
        self.library = library
        self.request = request
        rng = random.Random(request.seed)
        usable = [t for _, t in sorted(library.techniques.items()) if at_hand(t, request.equipment)]
        # One draw per technique in id order: ties between equal intensities follow the seed.
        self.tiebreak = {t.id: rng.random() for t in usable}
        self.usable = usable
        self.pools = {region: self._pool(region) for region in request.regions}
        # A minute of warm-up first (the content facts); 45 s in a short break, as in the
        # built-in desk break, so the chosen regions still get most of five minutes.
        self.warm_up = _WARM_UP_SECONDS if request.minutes >= _SHORT_MINUTES else _SHORT_WARM_UP

    def _bounds(self, units: Sequence[Unit]) -> tuple[int, int, int]:
        return bounds(units, self.warm_up)

    def _pool(self, region: str) -> list[Technique]:
        """Techniques that work `region` safely with what is at hand, in the order they are
        picked: one per intensity, gentlest first (so a few picks already build up), then
        the rest."""
        pool = [
            t
            for t in self.usable
            if region in t.regions
            and safe_for_region(t, region)
            and t.family not in _FRAME_FAMILIES
        ]
        return self._pick_order(pool)

    def _pick_order(self, pool: Sequence[Technique]) -> list[Technique]:
        ordered = sorted(pool, key=lambda t: (t.intensity, self.tiebreak[t.id]))
        first: list[Technique] = []
        for technique in ordered:
            if all(t.intensity != technique.intensity for t in first):
                first.append(technique)
        return first + [t for t in ordered if t not in first]

    def _whole_back(self) -> list[Technique]:
        """Nothing at hand works a chosen region: gentle work on the back instead."""
        back = {"upper_back", "mid_back", "lower_back"}
        pool = [
            t
            for t in self.usable
            if t.intensity <= 2
            and t.family not in _FRAME_FAMILIES
            and any(r in back and safe_for_region(t, r) for r in t.regions)
        ]
        return self._pick_order(pool)

    # -- choosing -------------------------------------------------------------------------
    def compose(self) -> Composition:
        target = self.request.seconds
        reachable = [r for r in self.request.regions if self.pools[r]]
        unreachable = tuple(r for r in self.request.regions if not self.pools[r])
        first: dict[str, Technique] = {}
        # A first step of its own for each region where there is one; the regions with the
        # fewest techniques choose first, so they are not left only what another took.
        for region in sorted(reachable, key=lambda r: len(self.pools[r])):
            taken = set(first.values())
            fresh = [t for t in self.pools[region] if t not in taken]
            first[region] = (fresh or self.pools[region])[0]
        picks = {region: [first[region]] for region in reachable}
        while reachable and self._bounds(self._assemble(picks))[0] > target and len(picks) > 1:
            del picks[reachable.pop()]  # too little time: the last-chosen regions go first
        left_out = tuple(r for r in self.request.regions if r not in picks and self.pools[r])
        if not picks:
            self.pools[_WHOLE_BACK] = self._whole_back()
            picks = {_WHOLE_BACK: [self.pools[_WHOLE_BACK][0]]}
        units = self._grow(picks, list(picks))
        if self._bounds(units)[1] < target:
            # The chosen regions' techniques are all used: add some for the muscles nearby.
            self.pools[_NEARBY] = self._nearby(picks)
            if self.pools[_NEARBY]:
                picks[_NEARBY] = [self.pools[_NEARBY][0]]
                units = self._grow(picks, [_NEARBY])
        seconds = allocate(units, target, weights(units, self.request.regions), self.warm_up)
        return self._composition(units, seconds, unreachable, left_out)

    def _grow(self, picks: dict[str, list[Technique]], slots: list[str]) -> list[Unit]:
        """Add steps to `slots` (in place in `picks`) until the usual lengths fill the time,
        while the shortest lengths still fit; returns the assembled units."""
        target = self.request.seconds
        units = self._assemble(picks)
        full: set[str] = set()  # slots whose next step would not fit or add nothing
        stalls = dict.fromkeys(slots, 0)
        refused: dict[str, set[Technique]] = {slot: set() for slot in slots}
        for slot in self._extra_order(slots):
            _, high, usual = self._bounds(units)
            # The chosen regions grow to their usual lengths; steps for the muscles nearby only
            # until the time can be filled, so the chosen ones can take the rest.
            filled = high >= target and (usual >= target or _NEARBY in slots)
            if filled or len(full) == len(slots):
                break
            if slot in full:
                continue
            pick = self._next_pick(slot, picks[slot], refused[slot])
            if pick is None:
                full.add(slot)
                continue
            trial = {key: list(chosen) for key, chosen in picks.items()}
            trial[slot].append(pick)
            trial_units = self._assemble(trial)
            low, trial_high, _ = self._bounds(trial_units)
            too_many = sum(unit.weight for unit in trial_units) > _MAX_STEPS
            if low > target or too_many:
                full.add(slot)
                continue
            if slot in self.request.regions and self._crowded(trial_units):
                refused[slot].add(pick)  # its middle steps would crowd out the chosen regions
                continue
            # A pick can add nothing (it takes the place of a middle step); after a few such
            # picks in a row the slot has nothing more to give.
            stalls[slot] = stalls[slot] + 1 if trial_high <= high else 0
            if stalls[slot] >= _STALLS:
                full.add(slot)
            picks[slot] = trial[slot]
            units = trial_units
        return units

    def _nearby(self, picks: Mapping[str, Sequence[Technique]]) -> list[Technique]:
        used = {t.id for chosen in picks.values() for t in chosen}
        pool = [
            t
            for t in self.usable
            if t.id not in used
            and t.family not in _FRAME_FAMILIES
            and all(safe_for_region(t, r) for r in t.regions)
        ]
        return self._pick_order(pool)

    def _extra_order(self, regions: list[str]) -> Iterable[str]:
        """Which region gets the next extra step: earlier choices come round more often
        (1st; 1st, 2nd; 1st, 2nd, 3rd; ...), for as many steps as a routine may hold."""
        for count in range(_MAX_STEPS * 2):
            yield from regions[: count % len(regions) + 1]

    def _next_pick(
        self, region: str, chosen: list[Technique], refused: set[Technique]
    ) -> Technique | None:
        pool = [t for t in self.pools[region] if t not in refused]
        if not pool:
            return None
        unused = [t for t in pool if t not in chosen]
        if unused:
            return unused[0]  # the pick order already tried its best; shared ones come last
        return pool[len(chosen) % len(pool)]  # a second round of the same techniques

    def _crowded(self, units: Sequence[Unit]) -> bool:
        """True when the steps not for a chosen region would take half the time or more even
        at their shortest (middle steps around a firm one do, in a five-minute routine)."""
        others = 0
        for unit in units:
            if not (unit.reason.purpose is Purpose.REGION and unit.reason.region):
                others += unit.weight * grid_bounds(unit, self.warm_up)[0]
        return others * 2 >= self.request.seconds

    # -- ordering ---------------------------------------------------------------------------
    def _assemble(self, picks: Mapping[str, Sequence[Technique]]) -> list[Unit]:
        warm_ups = [t for t in self.usable if t.family == "warm_up"]
        warm_up = min(warm_ups, key=lambda t: self.tiebreak[t.id])
        body: list[Unit] = []
        for region, chosen in picks.items():
            reason = _slot_reason(region)
            for round_ in rounds(chosen):
                body.extend(Unit(t, reason) for t in hill(round_))
        body = [
            unit
            for i, unit in enumerate(body)
            if i == 0 or body[i - 1].technique is not unit.technique
        ]
        glide = self._glide(list(picks), body[-1].technique if body else None)
        units = [Unit(warm_up, Reason(Purpose.WARM_UP)), *body, glide]
        units = self._bridge(units, list(picks))
        breathing = min((t for t in self.usable if t.family == "breathing"), key=lambda t: t.id)
        return [*units, Unit(breathing, Reason(Purpose.BREATHE))]

    def _glide(self, regions: list[str], last: Technique | None) -> Unit:
        """Gliding strokes on a chosen region where they reach one, else one-piece strokes
        (not one side at a time, which would take twice the time from the chosen regions)
        nearest the first chosen region (the lower back's for the glutes)."""
        glides = [t for t in self.usable if t.family == "effleurage" and t is not last]
        glides = glides or [t for t in self.usable if t.family == "effleurage"]
        chosen = set(regions)
        first = REGIONS.index(regions[0]) if regions and regions[0] in REGIONS else 5

        def preference(technique: Technique) -> tuple[bool, bool, int, float]:
            distance = min(abs(REGIONS.index(r) - first) for r in technique.regions)
            works_chosen = bool(chosen & set(technique.regions))
            return (not works_chosen, technique.per_side, distance, self.tiebreak[technique.id])

        return Unit(min(glides, key=preference), Reason(Purpose.GLIDE))

    def _bridge(self, units: list[Unit], regions: list[str]) -> list[Unit]:
        """Put middle steps wherever intensity would jump by more than 1."""
        result = [units[0]]
        for unit in units[1:]:
            while abs(unit.technique.intensity - result[-1].technique.intensity) > 1:
                previous = result[-1]
                going_up = unit.technique.intensity > previous.technique.intensity
                level = previous.technique.intensity + (1 if going_up else -1)
                region = (unit if going_up else previous).reason.region
                result.append(self._bridge_unit(level, region, regions, previous, going_up))
            result.append(unit)
        return result

    def _bridge_unit(
        self,
        level: int,
        region: str | None,
        regions: list[str],
        previous: Unit,
        going_up: bool,
    ) -> Unit:
        # Only the region at hand or one already served: a middle step on a region chosen later
        # would serve it before its turn.
        served = regions[: regions.index(region) + 1] if region in regions else []
        preferred = [r for r in (region, *served) if r]
        candidates = [
            t for t in self.usable if t.intensity == level and t.family not in _FRAME_FAMILIES
        ]
        candidates.sort(key=lambda t: self.tiebreak[t.id])
        for wanted in preferred:
            for technique in candidates:
                fits = wanted in technique.regions and safe_for_region(technique, wanted)
                if fits and technique is not previous.technique:
                    return Unit(technique, Reason(Purpose.REGION, wanted))
        # Nothing at this level works a chosen region: the nearest region's, and the shortest,
        # so the middle step takes little of the chosen regions' time.
        places = [REGIONS.index(r) for r in preferred if r in REGIONS] or [
            REGIONS.index("mid_back")
        ]

        def nearness(technique: Technique) -> tuple[int, int, float]:
            distance = min(
                (abs(REGIONS.index(r) - p) for r in technique.regions for p in places), default=99
            )
            shortest = technique.duration.minimum * (2 if technique.per_side else 1)
            return distance, shortest, self.tiebreak[technique.id]

        for technique in sorted(candidates, key=nearness):
            if technique is not previous.technique:
                return Unit(technique, Reason(Purpose.BUILD_UP if going_up else Purpose.EASE_OFF))
        raise ValueError(f"the library has no technique of intensity {level} to build with")

    def _composition(
        self,
        units: Sequence[Unit],
        seconds: Sequence[int],
        unreachable: tuple[str, ...],
        left_out: tuple[str, ...],
    ) -> Composition:
        pattern = (
            _PREFERRED_PATTERN
            if _PREFERRED_PATTERN in self.library.patterns
            else next(iter(self.library.patterns), None)
        )
        steps: list[Step] = []
        reasons: list[Reason] = []
        for unit, length in zip(units, seconds, strict=True):
            breathing = pattern if unit.technique.family == "breathing" else None
            sides: tuple[Side | None, ...] = (
                (Side.LEFT, Side.RIGHT) if unit.technique.per_side else (None,)
            )
            for side in sides:
                steps.append(Step(unit.technique, length, side, breathing))
                reasons.append(unit.reason)
        served = [r for r in self.request.regions if r not in unreachable + left_out]
        routine = Routine(
            id=COMPOSED_ID,
            name=QT_TR_NOOP("Today's routine"),
            summary=summary_for(served or self.request.regions),
            steps=tuple(steps),
            follows_length_preference=False,
            areas=self.request.regions,
        )
        return Composition(self.request, routine, tuple(reasons), unreachable, left_out)


_FRAME_FAMILIES: Final = frozenset({"warm_up", "breathing"})
_WHOLE_BACK: Final = ""
_NEARBY: Final = "~"


def _slot_reason(slot: str) -> Reason:
    if slot == _WHOLE_BACK:
        return Reason(Purpose.WHOLE_BACK)
    if slot == _NEARBY:
        return Reason(Purpose.NEARBY)
    return Reason(Purpose.REGION, slot)
