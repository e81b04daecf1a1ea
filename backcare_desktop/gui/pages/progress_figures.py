"""The Progress page's figures: everything it shows, worked out from the journal's records.

Pure and Qt-free so the job runner's worker can compute them: ten years of daily sessions take
far longer than a frame to add up, and the GUI thread then only sets texts and paints.

The figures keep only what the page shows (a count, not the records; the sessions on the
chart, not every rated one): kept for as long as the page shows them, ten years of records
were some 7,000 objects that each of the cycle collector's full walks went through again, and
each reading left so many new ones that it set off the next full walk (20 ms and more with the
interpreter lock held, a stall of the window, measured in tests/benchmarks/gui_stall.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

from backcare_desktop.core.journal import (
    TENSION_SESSIONS,
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

    sessions: int
    """How many sessions the journal holds."""
    today: date
    week: WeekProgress
    streak: Streak
    minutes: int
    days: tuple[tuple[DayMinutes, ...], ...]
    tension: tuple[TensionPoint, ...]
    """The most recent rated sessions, as many as the chart shows."""
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
        sessions=len(records),
        today=today,
        week=week_progress(records, today, tz),
        streak=kind_streak(records, today, tz),
        minutes=total_minutes(records),
        days=heatmap(records, today, HEATMAP_WEEKS, tz),
        tension=tension_series(records)[-TENSION_SESSIONS:],
        areas=tense_areas(records, today, tz=tz),
    )
