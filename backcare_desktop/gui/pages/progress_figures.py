"""The Progress page's figures: everything it shows, worked out from the journal's records.

Pure and Qt-free so the job runner's worker can compute them: ten years of daily sessions take
far longer than a frame to add up, and the GUI thread then only sets texts and paints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

from backcare_desktop.core.journal import (
    DayMinutes,
    SessionRecord,
    Streak,
    TensionPoint,
    WeekProgress,
    heatmap,
    kind_streak,
    tension_series,
    total_minutes,
    week_progress,
)
from backcare_desktop.core.tense_areas import AreaCount, tense_areas
from backcare_desktop.storage.notices import StoreNotice

HEATMAP_WEEKS = 12


@dataclass(frozen=True)
class ProgressFigures:
    """Everything the page shows, worked out from the records off the GUI thread."""

    records: list[SessionRecord]
    today: date
    week: WeekProgress
    streak: Streak
    minutes: int
    days: tuple[tuple[DayMinutes, ...], ...]
    tension: tuple[TensionPoint, ...]
    areas: tuple[AreaCount, ...] = ()
    """Where the back was tense most often (the body map's picks, last weeks)."""


@dataclass(frozen=True)
class JournalReading:
    """One read's answer: new figures (None when they equal the ones shown) and notices."""

    figures: ProgressFigures | None
    notices: tuple[StoreNotice, ...]


def progress_figures(
    records: list[SessionRecord], today: date, tz: tzinfo | None
) -> ProgressFigures:
    """The page's figures for `records` (pure: safe to run on a worker thread)."""
    return ProgressFigures(
        records=records,
        today=today,
        week=week_progress(records, today, tz),
        streak=kind_streak(records, today, tz),
        minutes=total_minutes(records),
        days=heatmap(records, today, HEATMAP_WEEKS, tz),
        tension=tension_series(records),
        areas=tense_areas(records, today, tz=tz),
    )
