"""The test clock behaves like real time, so timing tests mean what they say."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from backcare_desktop.core.clock import FakeClock


def test_the_fake_clock_counts_real_time_across_a_dst_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    clock = FakeClock(datetime(2026, 3, 29, 1, 30, tzinfo=berlin))
    clock.advance(3600)
    assert clock.now() == datetime(2026, 3, 29, 3, 30, tzinfo=berlin)
    assert clock.monotonic() == 1000.0 + 3600


def test_the_monotonic_clock_never_goes_backwards() -> None:
    with pytest.raises(ValueError):
        FakeClock().advance(-1)
