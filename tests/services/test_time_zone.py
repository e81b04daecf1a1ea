"""The zone is read at the edge: a named zone is used as it is, a POSIX rule as its offset,
and a zone no clock can have falls back to UTC, with words for the person."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from backcare_desktop.services.desktop.time_zone import read_local_zone, settle_process_zone


@pytest.fixture
def tz(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    yield monkeypatch
    monkeypatch.undo()
    time.tzset()
    read_local_zone(reread=True)


def test_the_tz_variable_names_the_zone(tz: pytest.MonkeyPatch) -> None:
    tz.setenv("TZ", "Australia/Lord_Howe")
    zone = read_local_zone(reread=True)
    assert zone.zone == ZoneInfo("Australia/Lord_Howe") and zone.problem is None


def test_a_posix_rule_is_used_as_its_offset(tz: pytest.MonkeyPatch) -> None:
    tz.setenv("TZ", "EST+5")
    time.tzset()
    zone = read_local_zone(reread=True)
    assert zone.problem is None
    assert zone.zone.utcoffset(datetime.now()) == timedelta(hours=-5)


def test_an_impossible_zone_falls_back_to_utc_and_says_so(tz: pytest.MonkeyPatch) -> None:
    tz.setenv("TZ", "XXX+99:99")
    time.tzset()
    zone = read_local_zone(reread=True)
    assert zone.zone is UTC
    assert zone.problem is not None and "XXX+99:99" in zone.problem and "UTC" in zone.problem
    assert datetime.now().astimezone().utcoffset() == timedelta(0)  # the whole process agrees


def test_at_start_an_impossible_zone_switches_the_process_to_utc(tz: pytest.MonkeyPatch) -> None:
    tz.setenv("TZ", "XXX+99:99")
    time.tzset()
    fallback = settle_process_zone()
    assert fallback is not None and fallback.unusable == "XXX+99:99"
    assert datetime.now().astimezone().utcoffset() == timedelta(0)


def test_at_start_a_usable_zone_is_left_alone(tz: pytest.MonkeyPatch) -> None:
    tz.setenv("TZ", "Australia/Lord_Howe")
    time.tzset()
    assert settle_process_zone() is None
