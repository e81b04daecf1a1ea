"""Reminder rules: parsing, validation, and when a rule falls due across DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.reminders.rules import (
    ReminderRule,
    ReminderRuleError,
    format_days,
    latest_due,
    next_due,
    occurrence_on,
    parse_days,
    parse_time,
    short_when,
)
from backcare_desktop.core.reminders.scheduler import days_ahead, when_from_now

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
SANTIAGO = ZoneInfo("America/Santiago")
KOLKATA = ZoneInfo("Asia/Kolkata")
ZONES = (BERLIN, NEW_YORK, LORD_HOWE, SANTIAGO, KOLKATA)
EVERY_DAY = frozenset(range(7))


def daily(at: str, rule_id: str = "r") -> ReminderRule:
    return ReminderRule(rule_id, parse_time(at), EVERY_DAY)


# -- parsing and validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("mon,wed,fri", {0, 2, 4}),
        ("daily", set(range(7))),
        ("weekends", {5, 6}),
        ("Weekdays", {0, 1, 2, 3, 4}),
        ("fri-mon", {4, 5, 6, 0}),
        (" tue , thursday ", {1, 3}),
        ("mon-wed,sat", {0, 1, 2, 5}),
    ],
)
def test_parse_days_reads_the_usual_ways_of_naming_days(text: str, days: set[int]) -> None:
    assert parse_days(text) == frozenset(days)


@pytest.mark.parametrize("text", ["", "someday", "mon-", "mon-fri-sun", "1,2"])
def test_parse_days_rejects_nonsense_with_a_hint(text: str) -> None:
    with pytest.raises(ReminderRuleError, match="days: expected names like mon-fri"):
        parse_days(text)


@given(st.frozensets(st.integers(0, 6), min_size=1))
def test_format_days_reads_back_to_the_same_days(days: frozenset[int]) -> None:
    assert parse_days(format_days(days)) == days


def test_format_days_prefers_the_short_names() -> None:
    assert format_days(frozenset(range(7))) == "daily"
    assert format_days(frozenset(range(5))) == "mon-fri"
    assert format_days(frozenset({5, 6})) == "weekends"
    assert format_days(frozenset({0, 2, 4})) == "mon,wed,fri"


@pytest.mark.parametrize("text", ["25:00", "19:60", "7pm", "19", "19:5", ""])
def test_parse_time_names_the_field_and_the_bad_value(text: str) -> None:
    with pytest.raises(ReminderRuleError) as caught:
        parse_time(text)
    assert str(caught.value) == f"time: expected HH:MM, got {text!r}"


def test_parse_time_accepts_one_digit_hours() -> None:
    assert parse_time("7:05") == time(7, 5)


def test_a_rule_round_trips_through_its_dict() -> None:
    rule = ReminderRule("evening", time(19, 0), frozenset({0, 2}), False, "Wind down", "gentle")
    data = rule.to_dict()
    assert data == {
        "id": "evening",
        "time": "19:00",
        "weekdays": [0, 2],
        "enabled": False,
        "label": "Wind down",
        "routine_id": "gentle",
    }
    assert ReminderRule.from_dict(data) == rule


def test_from_dict_accepts_days_as_text_and_fills_defaults() -> None:
    rule = ReminderRule.from_dict({"id": "a", "time": "07:30", "weekdays": "mon-fri"})
    assert rule == ReminderRule("a", time(7, 30), frozenset(range(5)))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"id": "a", "time": "25:00", "weekdays": [0]}, "time: expected HH:MM, got '25:00'"),
        ({"time": "07:00", "weekdays": [0]}, "id: missing"),
        ({"id": "", "time": "07:00", "weekdays": [0]}, "id: expected a non-empty text"),
        ({"id": "a", "time": "07:00", "weekdays": []}, "weekdays: choose at least one day"),
        ({"id": "a", "time": "07:00", "weekdays": [7]}, "weekdays: expected days 0-6"),
        ({"id": "a", "time": "07:00", "weekdays": 3}, "weekdays: expected days 0-6"),
        ({"id": "a", "time": "07:00", "weekdays": [0], "enabled": "yes"}, "enabled: expected"),
        ({"id": "a", "time": "07:00", "weekdays": [0], "routine_id": ""}, "routine_id:"),
        (["not", "a", "dict"], "reminder: expected an object, got list"),
    ],
)
def test_from_dict_rejects_bad_data_with_a_clear_message(data: object, message: str) -> None:
    with pytest.raises(ReminderRuleError) as caught:
        ReminderRule.from_dict(data)
    assert str(caught.value).startswith(message)


# -- when a rule falls due ----------------------------------------------------------------------


def test_next_due_is_later_today_when_the_time_has_not_come() -> None:
    now = datetime(2026, 5, 4, 9, 0, tzinfo=BERLIN)
    assert next_due(daily("19:00"), now) == datetime(2026, 5, 4, 19, 0, tzinfo=BERLIN)


def test_next_due_counts_the_exact_minute_as_due() -> None:
    now = datetime(2026, 5, 4, 19, 0, tzinfo=BERLIN)
    assert next_due(daily("19:00"), now) == now


def test_next_due_skips_to_the_next_chosen_weekday() -> None:
    friday_evening = datetime(2026, 5, 8, 20, 0, tzinfo=BERLIN)
    rule = ReminderRule("w", time(19, 0), parse_days("mon-fri"))
    assert next_due(rule, friday_evening) == datetime(2026, 5, 11, 19, 0, tzinfo=BERLIN)


def test_next_due_works_from_a_now_in_another_zone() -> None:
    now = datetime(2026, 5, 4, 16, 0, tzinfo=UTC)
    assert next_due(daily("19:00"), now, BERLIN) == datetime(2026, 5, 4, 19, 0, tzinfo=BERLIN)


def test_a_time_skipped_by_spring_forward_fires_when_the_clock_resumes_in_berlin() -> None:
    # 2026-03-29: 02:00 CET becomes 03:00 CEST; 02:30 does not exist.
    fired = occurrence_on(daily("02:30"), date(2026, 3, 29), BERLIN)
    assert fired is not None
    assert (fired.hour, fired.minute, fired.utcoffset()) == (3, 0, timedelta(hours=2))
    assert fired.astimezone(UTC) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)


def test_a_time_skipped_by_spring_forward_fires_at_the_gap_end_in_new_york() -> None:
    fired = occurrence_on(daily("02:59"), date(2026, 3, 8), NEW_YORK)
    assert fired is not None
    assert fired.astimezone(UTC) == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)  # 03:00 EDT


def test_lord_howes_half_hour_gap_moves_a_reminder_by_minutes_only() -> None:
    # 2026-10-04: 02:00 +10:30 becomes 02:30 +11:00.
    fired = occurrence_on(daily("02:10"), date(2026, 10, 4), LORD_HOWE)
    assert fired is not None
    assert (fired.hour, fired.minute, fired.utcoffset()) == (2, 30, timedelta(hours=11))


def test_santiagos_midnight_gap_moves_a_0030_reminder_to_0100() -> None:
    # 2026-09-06: 00:00 -04 becomes 01:00 -03.
    fired = occurrence_on(daily("00:30"), date(2026, 9, 6), SANTIAGO)
    assert fired is not None
    assert (fired.date(), fired.hour, fired.minute) == (date(2026, 9, 6), 1, 0)


@pytest.mark.parametrize(
    ("zone", "day", "at", "first_offset"),
    [
        (BERLIN, date(2026, 10, 25), "02:30", timedelta(hours=2)),
        (NEW_YORK, date(2026, 11, 1), "01:30", timedelta(hours=-4)),
        (LORD_HOWE, date(2026, 4, 5), "01:45", timedelta(hours=11)),
        # Santiago falls back at 24:00 on Saturday, so Saturday's 23:xx happens twice.
        (SANTIAGO, date(2026, 4, 4), "23:30", timedelta(hours=-3)),
    ],
)
def test_a_time_that_happens_twice_fires_at_the_first_one(
    zone: ZoneInfo, day: date, at: str, first_offset: timedelta
) -> None:
    fired = occurrence_on(daily(at), day, zone)
    assert fired is not None
    assert fired.utcoffset() == first_offset
    assert fired.fold == 0


def test_a_doubled_time_is_due_once_even_when_asked_between_the_two() -> None:
    first = occurrence_on(daily("02:30"), date(2026, 10, 25), BERLIN)
    assert first is not None
    between = first + timedelta(minutes=40)  # the second 02:30 is 20 minutes after this
    assert next_due(daily("02:30"), between.astimezone(UTC), BERLIN).date() == date(2026, 10, 26)


def test_kolkata_has_no_dst_surprises() -> None:
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
    for day in days:
        fired = occurrence_on(daily("02:30"), day, KOLKATA)
        assert fired is not None
        assert (fired.hour, fired.minute) == (2, 30)


def test_latest_due_is_the_last_time_at_or_before_now() -> None:
    now = datetime(2026, 5, 4, 19, 0, tzinfo=BERLIN)
    assert latest_due(daily("19:00"), now) == now
    assert latest_due(daily("19:01"), now) == datetime(2026, 5, 3, 19, 1, tzinfo=BERLIN)


def test_short_when_names_the_day_and_time() -> None:
    assert short_when(datetime(2026, 5, 5, 19, 0, tzinfo=BERLIN)) == "Tue 19:00"


# -- the next reminder in words, seen from the clock's now ------------------------------------

MONDAY_NOON = datetime(2026, 1, 5, 12, 0, tzinfo=BERLIN)


def test_a_reminder_later_today_says_today() -> None:
    clock = FakeClock(MONDAY_NOON)
    later = datetime(2026, 1, 5, 19, 30, tzinfo=BERLIN)
    assert when_from_now(later, clock.now()) == "today 19:30"


def test_a_reminder_tomorrow_says_tomorrow() -> None:
    clock = FakeClock(MONDAY_NOON)
    morning = datetime(2026, 1, 6, 7, 30, tzinfo=BERLIN)
    assert when_from_now(morning, clock.now()) == "tomorrow 07:30"


def test_a_reminder_three_days_out_names_its_weekday() -> None:
    clock = FakeClock(MONDAY_NOON)
    thursday = datetime(2026, 1, 8, 19, 30, tzinfo=BERLIN)
    assert when_from_now(thursday, clock.now()) == "Thu 19:30"
    assert days_ahead(thursday, clock.now()) == 3


def test_tomorrow_becomes_today_once_the_clock_passes_midnight() -> None:
    clock = FakeClock(datetime(2026, 1, 5, 23, 50, tzinfo=BERLIN))
    just_after_midnight = datetime(2026, 1, 6, 0, 10, tzinfo=BERLIN)
    assert when_from_now(just_after_midnight, clock.now()) == "tomorrow 00:10"
    clock.advance(15 * 60)
    assert when_from_now(just_after_midnight, clock.now()) == "today 00:10"


def test_today_is_the_date_on_the_reminders_own_calendar() -> None:
    # 23:30 in UTC is already Tuesday 00:30 in Berlin, where the reminder is shown.
    clock = FakeClock(datetime(2026, 1, 5, 23, 30, tzinfo=UTC))
    tuesday_evening = datetime(2026, 1, 6, 19, 0, tzinfo=BERLIN)
    assert when_from_now(tuesday_evening, clock.now()) == "today 19:00"


# -- the DST rule against a brute-force reading of it --------------------------------------------


def brute_force_occurrence(day: date, at: time, zone: tzinfo) -> datetime:
    """The first whole minute whose local wall-clock time is at or after day+at.

    This is the DST promise read literally: a skipped time fires at the first minute after
    it, a doubled time at its first occurrence. Assumes clock shifts of at most an hour.
    """
    wanted = datetime.combine(day, at)
    probe = wanted.replace(tzinfo=UTC) - timedelta(hours=15)  # before it in every zone
    while (probe + timedelta(minutes=10)).astimezone(zone).replace(
        tzinfo=None
    ) < wanted - timedelta(hours=2):
        probe += timedelta(minutes=10)
    while probe.astimezone(zone).replace(tzinfo=None) < wanted:
        probe += timedelta(minutes=1)
    return probe


def transition_days(zone: tzinfo) -> list[date]:
    start = date(2024, 1, 1)
    days = []
    for n in range(3 * 366):
        day = start + timedelta(days=n)
        noon = datetime.combine(day, time(12), tzinfo=zone)
        if noon.utcoffset() != (noon - timedelta(days=1)).utcoffset():
            days.extend([day - timedelta(days=1), day])
    return days


TRANSITIONS = {str(zone): transition_days(zone) for zone in ZONES}


@st.composite
def zone_days(draw: st.DrawFn) -> tuple[ZoneInfo, date]:
    zone = draw(st.sampled_from(ZONES))
    near = TRANSITIONS[str(zone)]
    close_to_a_change = draw(st.booleans())
    if near and close_to_a_change:
        return zone, draw(st.sampled_from(near))
    return zone, draw(st.dates(date(2024, 1, 1), date(2027, 12, 31)))


@given(zone_days(), st.integers(0, 23), st.integers(0, 59))
def test_occurrence_matches_the_brute_force_reading_of_the_dst_rule(
    zone_day: tuple[ZoneInfo, date], hour: int, minute: int
) -> None:
    zone, day = zone_day
    fired = occurrence_on(daily(f"{hour:02d}:{minute:02d}"), day, zone)
    assert fired is not None
    assert fired.astimezone(UTC) == brute_force_occurrence(day, time(hour, minute), zone)


def test_a_fixed_offset_zone_is_accepted() -> None:
    zone = timezone(timedelta(hours=5, minutes=30))
    fired = occurrence_on(daily("07:00"), date(2026, 1, 1), zone)
    assert fired == datetime(2026, 1, 1, 7, 0, tzinfo=zone)
