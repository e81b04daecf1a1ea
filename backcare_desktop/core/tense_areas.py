"""Where the back felt tense most often: the body map's picks, counted from the journal.

Each session of a composed routine records the areas the person picked ("neck, shoulders");
Progress shows which came up most over the last weeks, so a pattern (the neck after screen
days, the lower back after drives) becomes visible without anyone keeping notes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Final

from backcare_desktop.core.journal import SessionRecord, local_day
from backcare_desktop.core.regions import REGIONS

TENSE_WEEKS: Final = 12
"""As far back as Progress's calendar reaches."""


@dataclass(frozen=True)
class AreaCount:
    """One area and the number of sessions it was picked for."""

    region: str
    sessions: int


def tense_areas(
    records: Iterable[SessionRecord],
    today: date,
    weeks: int = TENSE_WEEKS,
    tz: tzinfo | None = None,
) -> tuple[AreaCount, ...]:
    """The areas picked in the last `weeks` weeks (today included), most often first; ties
    keep the body map's top-to-bottom order. Areas this version does not know are left out."""
    first = today - timedelta(weeks=weeks) + timedelta(days=1)
    counts: Counter[str] = Counter()
    for record in records:
        if record.areas and first <= local_day(record.started_at, tz) <= today:
            counts.update(area for area in set(record.areas) if area in REGIONS)
    ranked = sorted(counts, key=lambda area: (-counts[area], REGIONS.index(area)))
    return tuple(AreaCount(area, counts[area]) for area in ranked)
