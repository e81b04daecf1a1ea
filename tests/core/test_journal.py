"""Journal numbers: this week, the kind streak, minutes, heat-map, tension, CSV."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from backcare_desktop.core.journal import (
    CSV_COLUMNS,
    SessionRecord,
    TensionAverages,
    heatmap,
    kind_streak,
    local_day,
    paired_tension,
    practice_days,
    record_from_dict,
    record_to_dict,
    tension_averages,
    tension_series,
    to_csv,
    today_glance,
    total_minutes,
    week_progress,
)

BERLIN = ZoneInfo("Europe/Berlin")
# 2026-01-05 is a Monday.
MON = date(2026, 1, 5)


def session(
    day: date,
    *,
    hour: int = 9,
    minute: int = 0,
    seconds: int = 600,
    completed: bool = True,
    before: int | None = None,
    after: int | None = None,
    tz: ZoneInfo = BERLIN,
    name: str = "Daily back reset",
) -> SessionRecord:
    started = datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
    return SessionRecord(
        id=f"{started.isoformat()}-{seconds}",
        routine_id="daily_back_reset",
        routine_name=name,
        started_at=started,
        planned_seconds=720,
        completed_seconds=seconds,
        steps_done=8,
        steps_skipped=1,
        oil="lavender",
        tension_before=before,
        tension_after=after,
        completed=completed,
    )


def days(*offsets: int) -> list[SessionRecord]:
    """Sessions on MON + each offset (negative offsets are earlier weeks)."""
    return [session(MON + timedelta(days=o)) for o in offsets]


# ----------------------------------------------------------------------------- this week


def test_week_progress_counts_distinct_days_this_week() -> None:
    records = days(0, 0, 1, 3, 4, -1)  # two on Monday, and last Sunday
    progress = week_progress(records, MON + timedelta(days=4), BERLIN)
    assert progress.days_practised == 4
    assert progress.label == "4 of 7 days"
    assert progress.week_start == MON


def test_a_new_week_starts_on_monday() -> None:
    records = days(-7, -6, -5, -1)
    assert week_progress(records, MON, BERLIN).label == "0 of 7 days"
    assert week_progress(records, MON - timedelta(days=1), BERLIN).label == "4 of 7 days"


def test_a_session_under_a_minute_that_was_not_finished_is_not_practice() -> None:
    short = session(MON, seconds=59, completed=False)
    finished_quickly = session(MON + timedelta(days=1), seconds=30, completed=True)
    assert practice_days([short, finished_quickly], BERLIN) == {MON + timedelta(days=1)}


# ----------------------------------------------------------------------------- the kind streak


def test_consecutive_days_make_a_streak() -> None:
    streak = kind_streak(days(0, 1, 2, 3), MON + timedelta(days=3), BERLIN)
    assert (streak.days, streak.forgiven, streak.includes_today) == (4, (), True)


def test_no_practice_is_no_streak() -> None:
    assert kind_streak([], MON, BERLIN).days == 0


def test_today_not_yet_practised_does_not_break_the_streak() -> None:
    streak = kind_streak(days(0, 1, 2), MON + timedelta(days=3), BERLIN)
    assert (streak.days, streak.includes_today) == (3, False)


def test_one_missed_day_in_a_week_is_forgiven() -> None:
    # Mon Tue Wed, rest Thu, Fri Sat Sun.
    streak = kind_streak(days(0, 1, 2, 4, 5, 6), MON + timedelta(days=6), BERLIN)
    assert streak.days == 6
    assert streak.forgiven == (MON + timedelta(days=3),)


def test_a_second_missed_day_in_the_same_week_ends_the_streak() -> None:
    # Mon, rest Tue, Wed, rest Thu, Fri: only Fri and Wed count (Thu forgiven, Tue breaks).
    streak = kind_streak(days(0, 2, 4), MON + timedelta(days=4), BERLIN)
    assert streak.days == 2
    assert streak.forgiven == (MON + timedelta(days=3),)


def test_each_calendar_week_forgives_its_own_missed_day() -> None:
    # Previous week: rest on Sunday; this week: rest on Monday. Different weeks: both forgiven.
    records = days(-7, -6, -5, -4, -3, -2, 1, 2)
    streak = kind_streak(records, MON + timedelta(days=2), BERLIN)
    assert streak.days == 8
    assert streak.forgiven == (MON, MON - timedelta(days=1))


def test_two_missed_days_across_a_week_boundary_are_both_forgiven_but_not_three() -> None:
    records = days(-8, -3, -2, 1, 2)
    # Walking back from Wed: Wed, Tue count; Mon missed (forgiven, this week); Sun missed
    # (forgiven, last week); Sat, Fri count; Thu missed: second miss last week -> stop.
    streak = kind_streak(records, MON + timedelta(days=2), BERLIN)
    assert streak.days == 4
    assert streak.forgiven == (MON, MON - timedelta(days=1))


def test_forgiven_days_before_the_first_practice_are_not_reported() -> None:
    streak = kind_streak(days(2), MON + timedelta(days=2), BERLIN)
    assert (streak.days, streak.forgiven) == (1, ())


def test_a_streak_can_begin_with_a_forgiven_yesterday_when_today_is_practised() -> None:
    streak = kind_streak(days(0, 2), MON + timedelta(days=2), BERLIN)
    assert (streak.days, streak.forgiven) == (2, (MON + timedelta(days=1),))


def test_yesterday_missed_and_today_pending_keeps_the_streak_alive() -> None:
    streak = kind_streak(days(0, 1), MON + timedelta(days=3), BERLIN)
    assert (streak.days, streak.forgiven) == (2, (MON + timedelta(days=2),))


# ----------------------------------------------------------------------------- local days, DST


def test_a_summer_session_stays_on_its_local_day_when_read_in_winter() -> None:
    # 00:30 on 10 July in Berlin is 22:30 UTC on 9 July; January's offset (+01:00) would put it
    # on 9 July at 23:30. Grouping with the zone's rules keeps it on 10 July.
    summer = session(date(2026, 7, 10), hour=0, minute=30)
    stored = record_from_dict(record_to_dict(summer))
    assert local_day(stored.started_at, BERLIN) == date(2026, 7, 10)
    winter_offset = timezone(timedelta(hours=1))
    assert local_day(stored.started_at, winter_offset) == date(2026, 7, 9)


def test_days_around_the_spring_clock_change_group_correctly() -> None:
    # 29 March 2026: clocks go from 02:00 to 03:00 in Berlin.
    change = date(2026, 3, 29)
    records = [
        session(change, hour=0, minute=30),
        session(change, hour=23, minute=30),
        session(change + timedelta(days=1), hour=0, minute=15),
    ]
    assert practice_days(records, BERLIN) == {change, change + timedelta(days=1)}
    grid = heatmap(records, change + timedelta(days=1), weeks=1, tz=BERLIN)
    cells = {cell.day: cell.minutes for cell in grid[0]}
    assert cells[change + timedelta(days=1)] == 10


@pytest.fixture
def berlin_system_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("berlin_system_zone")
def test_without_a_zone_the_systems_rules_apply_per_instant() -> None:
    summer = datetime(2026, 7, 9, 22, 30, tzinfo=UTC)  # 00:30 CEST on 10 July
    winter = datetime(2026, 1, 9, 23, 30, tzinfo=UTC)  # 00:30 CET on 10 January
    assert local_day(summer) == date(2026, 7, 10)
    assert local_day(winter) == date(2026, 1, 10)


# ----------------------------------------------------------------------------- minutes


def test_total_minutes_rounds_the_sum_to_the_nearest_minute() -> None:
    records = [session(MON, seconds=90), session(MON, seconds=60), session(MON, seconds=29)]
    assert total_minutes(records) == 3  # 179 s
    assert total_minutes([]) == 0


def test_heatmap_is_twelve_monday_first_weeks_ending_this_week() -> None:
    today = MON + timedelta(days=2)  # Wednesday
    records = [
        session(today, seconds=600),
        session(today, hour=18, seconds=300),
        session(MON - timedelta(weeks=11), seconds=120),
        session(MON - timedelta(weeks=12), seconds=999),  # too old for the grid
    ]
    grid = heatmap(records, today, tz=BERLIN)
    assert len(grid) == 12 and all(len(week) == 7 for week in grid)
    assert grid[0][0].day == MON - timedelta(weeks=11)
    assert all(week[0].day.weekday() == 0 for week in grid)
    assert grid[0][0].minutes == 2
    assert grid[-1][2].day == today and grid[-1][2].minutes == 15
    assert [cell.in_future for cell in grid[-1]] == [False] * 3 + [True] * 4
    assert sum(cell.minutes for week in grid for cell in week) == 17


# ----------------------------------------------------------------------------- tension


def test_tension_series_keeps_rated_sessions_in_time_order() -> None:
    late = session(MON + timedelta(days=1), before=7, after=3)
    early = session(MON, before=6, after=None)
    unrated = session(MON + timedelta(days=2))
    series = tension_series([late, unrated, early])
    assert [(p.before, p.after) for p in series] == [(6, None), (7, 3)]


def test_tension_averages_pair_only_the_ratings_of_one_session() -> None:
    series = tension_series(
        [
            session(MON, before=6, after=None),
            session(MON, hour=12, before=None, after=4),
            session(MON, hour=18, before=None, after=4),
        ]
    )
    assert tension_averages(series) is None


def test_tension_averages_leave_out_a_session_rated_once() -> None:
    series = tension_series(
        [
            session(MON, before=8, after=4),
            session(MON + timedelta(days=1), before=6, after=None),
            session(MON + timedelta(days=2), before=6, after=4),
        ]
    )
    assert tension_averages(series) == TensionAverages(before=7.0, after=4.0, sessions=2)
    assert len(paired_tension(series)) == 2


# ----------------------------------------------------------------------------- records and CSV


def test_records_round_trip_through_plain_data() -> None:
    record = session(MON, before=5, after=2)
    assert record_from_dict(record_to_dict(record)) == record


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("started_at", "2026-01-05T09:00:00"),  # no time zone
        ("started_at", "yesterday"),
        ("tension_before", 11),
        ("completed_seconds", -5),
        ("steps_done", True),
        ("completed", "yes"),
        ("id", ""),
    ],
)
def test_a_record_with_a_bad_field_is_refused_naming_it(field: str, value: object) -> None:
    data = record_to_dict(session(MON))
    data[field] = value
    with pytest.raises(ValueError, match=field):
        record_from_dict(data)


def test_a_record_missing_a_field_is_refused() -> None:
    data = record_to_dict(session(MON))
    del data["oil"]
    with pytest.raises(ValueError, match="oil: expected a value"):
        record_from_dict(data)


def test_csv_has_a_header_and_one_row_per_session_oldest_first() -> None:
    records = [session(MON + timedelta(days=1), before=6, after=2), session(MON)]
    rows = list(csv.reader(io.StringIO(to_csv(records))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 3
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["started_at"] == "2026-01-05T09:00:00+01:00"
    assert first["tension_before"] == "" and first["completed"] == "true"
    second = dict(zip(rows[0], rows[2], strict=True))
    assert (second["tension_before"], second["tension_after"]) == ("6", "2")


def test_csv_cells_that_look_like_formulas_are_defused() -> None:
    rows = list(csv.reader(io.StringIO(to_csv([session(MON, name="=HYPERLINK(1)")]))))
    assert rows[1][CSV_COLUMNS.index("routine_name")] == "'=HYPERLINK(1)"


# ----------------------------------------------------------------------------- today at a glance


def test_today_at_a_glance_says_whether_today_had_practice_and_the_kind_streak() -> None:
    records = days(-2, -1, 0)
    glance = today_glance(records, MON, tz=BERLIN)
    assert glance.practised_today
    assert glance.streak.days == 3
    assert glance.week.days_practised == 1
    tomorrow = today_glance(records, MON + timedelta(days=1), tz=BERLIN)
    assert not tomorrow.practised_today
    assert tomorrow.streak.days == 3 and not tomorrow.streak.includes_today


def test_a_short_session_does_not_count_as_practice_today() -> None:
    glance = today_glance([session(MON, seconds=20, completed=False)], MON, tz=BERLIN)
    assert not glance.practised_today and glance.streak.days == 0
