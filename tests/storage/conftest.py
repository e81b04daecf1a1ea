"""Shared pieces for the storage tests: shipped defaults, a fixed clock, session records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.journal import SessionRecord
from backcare_desktop.core.settings.preferences import Preferences, load_defaults

ASSETS = Path(__file__).resolve().parents[2] / "assets"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="session")
def defaults() -> Preferences:
    return load_defaults(ASSETS / "preferences_defaults.json")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 1, 5, 9, 30, 15, tzinfo=BERLIN))


RecordMaker = Callable[..., SessionRecord]


@pytest.fixture
def make_record() -> RecordMaker:
    """`make_record(number, year=2026)`: a daily session numbered `number` (its id)."""
    return record_number


def record_number(number: int, year: int = 2026) -> SessionRecord:
    """Session `number` of a run of daily sessions starting on 1 January of `year`."""
    started = datetime(year, 1, 1, 8, 0, tzinfo=BERLIN) + timedelta(days=number % 365)
    return SessionRecord(
        id=str(number),
        routine_id="daily_back_reset",
        routine_name="Daily back reset",
        started_at=started,
        planned_seconds=720,
        completed_seconds=700,
        steps_done=9,
        steps_skipped=1,
        oil="lavender",
        tension_before=6,
        tension_after=3,
        completed=True,
    )
