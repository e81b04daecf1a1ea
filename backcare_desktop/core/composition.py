"""What the composer is asked and what it answers: plain values the body map, the app and the
command line share (the composing itself is in composer.py).

A composed routine carries, for each step, the reason it is there ("for your shoulders"), so
the person can see why; the words are marked for translation and translated where shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from backcare_desktop.core.regions import FOR_REGION, REGIONS
from backcare_desktop.core.routine import EQUIPMENT, MAX_TARGET_MINUTES, MIN_TARGET_MINUTES, Routine
from backcare_desktop.core.translatable import QT_TR_NOOP


class Purpose(StrEnum):
    """Why a step is in a composed routine."""

    WARM_UP = "warm_up"
    REGION = "region"  # works a region the person chose
    BUILD_UP = "build_up"  # a middle step so pressure builds gradually
    EASE_OFF = "ease_off"  # a middle step so pressure eases gradually
    WHOLE_BACK = "whole_back"  # nothing at hand works a chosen region: gentle general work
    NEARBY = "nearby"  # the chosen regions' techniques are all used: the muscles around them
    GLIDE = "glide"
    BREATHE = "breathe"


_PURPOSE_WORDS: Final = {
    Purpose.WARM_UP: QT_TR_NOOP("to warm up gently"),
    Purpose.BUILD_UP: QT_TR_NOOP("to build up pressure gradually"),
    Purpose.EASE_OFF: QT_TR_NOOP("to ease off gradually"),
    Purpose.WHOLE_BACK: QT_TR_NOOP("for your whole back"),
    Purpose.NEARBY: QT_TR_NOOP("for the muscles nearby"),
    Purpose.GLIDE: QT_TR_NOOP("to finish with long, calm strokes"),
    Purpose.BREATHE: QT_TR_NOOP("to breathe slowly and settle"),
}


@dataclass(frozen=True)
class Reason:
    """Why one step is there: a purpose, and for REGION the region it works."""

    purpose: Purpose
    region: str | None = None

    @property
    def text(self) -> str:
        """In English ("for your shoulders"); marked for translation, translated when shown."""
        if self.purpose is Purpose.REGION and self.region is not None:
            return FOR_REGION[self.region]
        return _PURPOSE_WORDS[self.purpose]


@dataclass(frozen=True)
class Request:
    """What the person told the body map. Raises ValueError with plain words when invalid."""

    regions: tuple[str, ...]
    minutes: int
    equipment: frozenset[str] = frozenset({"none"})
    seed: int = 0

    def __post_init__(self) -> None:
        if not self.regions:
            raise ValueError("choose at least one area")
        for region in self.regions:
            if region not in REGIONS:
                raise ValueError(f"unknown area {region!r} (known: {', '.join(REGIONS)})")
        if len(set(self.regions)) != len(self.regions):
            raise ValueError("each area can be chosen once")
        if isinstance(self.minutes, bool) or not isinstance(self.minutes, int):
            raise ValueError("the time must be a whole number of minutes")
        if not MIN_TARGET_MINUTES <= self.minutes <= MAX_TARGET_MINUTES:
            raise ValueError(
                f"the time must be {MIN_TARGET_MINUTES} to {MAX_TARGET_MINUTES} minutes"
            )
        unknown = sorted(set(self.equipment) - set(EQUIPMENT))
        if unknown:
            raise ValueError(f"unknown equipment {unknown[0]!r} (known: {', '.join(EQUIPMENT)})")

    @property
    def seconds(self) -> int:
        return self.minutes * 60


@dataclass(frozen=True)
class Composition:
    """A composed routine, why each step is there, and the chosen regions it could not serve.

    `reasons[i]` explains `routine.steps[i]`. `unreachable` are chosen regions that nothing at
    hand can work; `left_out` are regions the time was too short for.
    """

    request: Request
    routine: Routine
    reasons: tuple[Reason, ...]
    unreachable: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()
