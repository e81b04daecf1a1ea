"""Today's choice on the body map: where the back feels tense, the time and what is at hand.

Kept as a setting with the day it was picked, so reopening the page the same day shows the
same picks (and composes the same routine), while a new day starts afresh: tension moves
around, and yesterday's neck is not today's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from backcare_desktop.core.json_data import JsonObject
from backcare_desktop.core.regions import REGIONS
from backcare_desktop.core.routine import EQUIPMENT, MAX_TARGET_MINUTES, MIN_TARGET_MINUTES
from backcare_desktop.core.settings.shown import shown

_KEYS: Final = frozenset({"day", "regions", "minutes", "equipment"})


@dataclass(frozen=True)
class TodaysChoice:
    """The body map's picks in the order chosen, the minutes and the equipment at hand
    ("none" stands for hands alone and is always implied), on the day they were made."""

    day: date
    regions: tuple[str, ...]
    minutes: int
    equipment: tuple[str, ...] = ()

    def on(self, day: date) -> TodaysChoice | None:
        """This choice if it was made on `day`, else None (a choice does not outlive its day)."""
        return self if self.day == day else None

    def to_dict(self) -> JsonObject:
        return {
            "day": self.day.isoformat(),
            "regions": list(self.regions),
            "minutes": self.minutes,
            "equipment": list(self.equipment),
        }


def check_todays_choice(value: object) -> TodaysChoice | None:
    """A stored or offered choice, normalised (equipment in the library's order, without
    "none"); raises ValueError in plain words when any part does not fit."""
    if value is None:
        return None
    if isinstance(value, TodaysChoice):
        value = value.to_dict()
    if not isinstance(value, Mapping) or set(value) != _KEYS:
        raise ValueError(f"expected the day, regions, minutes and equipment, got {shown(value)}")
    return TodaysChoice(
        _day(value["day"]),
        _regions(value["regions"]),
        _minutes(value["minutes"]),
        _equipment(value["equipment"]),
    )


def _day(value: object) -> date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a day such as '2026-03-20', got {shown(value)}")


def _regions(value: object) -> tuple[str, ...]:
    if (
        not isinstance(value, Sequence)
        or isinstance(value, str)
        or not value
        or len(set(map(str, value))) != len(value)
        or any(region not in REGIONS for region in value)
    ):
        raise ValueError(f"expected each of some areas of the back once, got {shown(value)}")
    return tuple(str(region) for region in value)


def _minutes(value: object) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not MIN_TARGET_MINUTES <= value <= MAX_TARGET_MINUTES
    ):
        raise ValueError(
            f"expected {MIN_TARGET_MINUTES} to {MAX_TARGET_MINUTES} minutes, got {shown(value)}"
        )
    return value


def _equipment(value: object) -> tuple[str, ...]:
    if (
        not isinstance(value, Sequence)
        or isinstance(value, str)
        or any(item not in EQUIPMENT for item in value)
    ):
        raise ValueError(f"expected equipment from {', '.join(EQUIPMENT)}, got {shown(value)}")
    return tuple(item for item in EQUIPMENT if item in value and item != "none")
