"""The safety rules of the content facts that depend on where and with what a technique is
done, shared by the composer and the routine editor's checks.

The rules about a technique's own words (stay beside the spine, never on it; a caution to keep
the roller off the lower back) are checked when the library loads (core.content.loader), so
every technique the app can pick already keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from backcare_desktop.core.routine import Technique

NO_ROLLER: Final = frozenset({"lower_back"})
"""The foam roller never rolls the lower back (a ball beside the spine, or the glutes)."""
NO_TAPPING: Final = frozenset({"lower_back", "mid_back"})
"""Never tap over the kidneys: the flank just below the ribs."""


def at_hand(technique: Technique, equipment: Iterable[str]) -> bool:
    """True when everything the technique needs is at hand (hands alone always are)."""
    have = set(equipment) | {"none"}
    return set(technique.equipment) <= have


def safe_for_region(technique: Technique, region: str) -> bool:
    """True unless the technique must never be done on that region."""
    if technique.family == "tool_roller" and region in NO_ROLLER:
        return False
    return not (technique.family == "tapotement" and region in NO_TAPPING)


def unsafe_regions(technique: Technique) -> tuple[str, ...]:
    """The technique's own regions that it must never work (empty for a sound library)."""
    return tuple(region for region in technique.regions if not safe_for_region(technique, region))
