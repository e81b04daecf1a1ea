"""The figures Progress keeps hold only what it shows: ten years of records kept alive beside
the page made every full walk of the cycle collector longer, and every reading set one off."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import UTC, datetime, timedelta

from backcare_desktop.core.journal import TENSION_SESSIONS, SessionRecord
from backcare_desktop.gui.pages.progress_figures import progress_figures

TODAY = datetime(2026, 3, 12, 20, 0, tzinfo=UTC)


def daily(count: int) -> list[SessionRecord]:
    first = SessionRecord(
        "s0", "evening", "Evening unwind", TODAY, 600, 600, 5, 0, None, 6, 3, completed=True
    )
    return [
        replace(first, id=f"s{n}", started_at=TODAY - timedelta(days=count - 1 - n))
        for n in range(count)
    ]


def test_the_figures_count_the_sessions_without_keeping_them() -> None:
    figures = progress_figures(daily(400), TODAY.date(), UTC)
    assert figures.sessions == 400
    kept = [getattr(figures, f.name) for f in fields(figures)]
    assert not any(isinstance(value, list | tuple) and len(value) >= 400 for value in kept)


def test_the_figures_keep_the_rated_sessions_the_chart_shows_the_latest_last() -> None:
    records = daily(400)
    figures = progress_figures(records, TODAY.date(), UTC)
    assert len(figures.tension) == TENSION_SESSIONS
    assert figures.tension[-1].started_at == records[-1].started_at
    assert figures.tension[0].started_at == records[-TENSION_SESSIONS].started_at


def test_the_same_history_read_twice_gives_equal_figures() -> None:
    """So a second reading of an unchanged journal lays out nothing."""
    assert progress_figures(daily(50), TODAY.date(), UTC) == progress_figures(
        daily(50), TODAY.date(), UTC
    )
