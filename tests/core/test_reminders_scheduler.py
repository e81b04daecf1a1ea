"""ReminderScheduler by example: on time, missed, slept through, snoozed, skipped, paused."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.reminders.scheduler import (
    InMemoryReminderState,
    ReminderEvent,
    ReminderKind,
    ReminderRule,
    ReminderRuleError,
    ReminderScheduler,
    parse_days,
    parse_time,
)

BERLIN = ZoneInfo("Europe/Berlin")


def rule(at: str, rule_id: str = "evening", days: str = "daily", **extra: object) -> ReminderRule:
    return ReminderRule(rule_id, parse_time(at), parse_days(days), **extra)  # type: ignore[arg-type]


def berlin(day: int, hour: int, minute: int = 0, month: int = 5) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


class Rig:
    """A scheduler on a FakeClock, started (and baselined) at `start`.

    The FakeClock runs in UTC: adding a timedelta to a ZoneInfo datetime adds wall-clock
    time, which across a DST change is not the time that really passed.
    """

    def __init__(self, *rules: ReminderRule, start: datetime, grace_hours: float = 2) -> None:
        self.store = InMemoryReminderState()
        self.clock = FakeClock(start.astimezone(UTC))
        self.grace = timedelta(hours=grace_hours)
        self.scheduler = ReminderScheduler(rules, self.store, BERLIN, grace=self.grace)
        assert self.check() == []

    def check(self) -> list[ReminderEvent]:
        return self.scheduler.check(self.clock.now())

    def at(self, moment: datetime) -> list[ReminderEvent]:
        """Let real time pass to `moment` (no checks meanwhile), then check."""
        self.clock.advance((moment - self.clock.now()).total_seconds())
        return self.check()

    def restart(self) -> None:
        self.scheduler = ReminderScheduler(
            self.scheduler.rules, self.store, BERLIN, grace=self.grace
        )


def kinds(events: list[ReminderEvent]) -> list[tuple[str, str]]:
    return [(event.rule.id, event.kind.value) for event in events]


# -- on time ------------------------------------------------------------------------------------


def test_a_rule_created_after_its_time_today_waits_for_tomorrow() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 19, 30))
    assert rig.at(berlin(4, 21, 0)) == []
    assert kinds(rig.at(berlin(5, 19, 0))) == [("evening", "due")]


def test_a_due_rule_fires_once_with_its_time_and_words() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 9))
    [event] = rig.at(berlin(4, 19, 0))
    assert event.kind is ReminderKind.DUE
    assert event.scheduled == berlin(4, 19, 0)
    assert event.title == "Time for your 19:00 routine"
    assert "snooze" in event.body
    assert rig.check() == []
    assert rig.at(berlin(4, 19, 1)) == []


def test_a_check_a_minute_late_still_counts_as_on_time() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 9))
    assert kinds(rig.at(berlin(4, 19, 1))) == [("evening", "due")]


def test_a_restart_never_fires_the_same_reminder_again() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 9))
    assert len(rig.at(berlin(4, 19, 0))) == 1
    rig.restart()
    assert rig.at(berlin(4, 19, 5)) == []


def test_a_label_is_used_in_the_prompt() -> None:
    rig = Rig(rule("07:30", label="Morning stretch"), start=berlin(4, 6))
    [event] = rig.at(berlin(4, 7, 30))
    assert event.title == "Time for “Morning stretch” (07:30)"


def test_two_rules_at_the_same_minute_each_fire() -> None:
    rig = Rig(rule("19:00", "a"), rule("19:00", "b"), start=berlin(4, 9))
    assert kinds(rig.at(berlin(4, 19, 0))) == [("a", "due"), ("b", "due")]


def test_a_rule_rests_on_days_it_is_not_set_for() -> None:
    rig = Rig(rule("19:00", days="mon-fri"), start=berlin(8, 20))  # a Friday
    assert rig.at(berlin(9, 19, 0)) == []
    assert rig.at(berlin(10, 19, 0)) == []
    assert kinds(rig.at(berlin(11, 19, 0))) == [("evening", "due")]


def test_a_disabled_rule_never_fires_and_reenabling_it_brings_no_old_miss() -> None:
    off = rule("19:00", enabled=False)
    rig = Rig(off, start=berlin(4, 9))
    assert rig.at(berlin(4, 19, 0)) == []
    rig.scheduler.set_rules([rule("19:00")], rig.clock.now() + timedelta(minutes=30))
    assert rig.at(berlin(4, 19, 30)) == []
    assert kinds(rig.at(berlin(5, 19, 0))) == [("evening", "due")]


# -- missed -------------------------------------------------------------------------------------


def test_a_reminder_slept_through_is_offered_once_on_wake_within_grace() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 18))
    [event] = rig.at(berlin(4, 20, 10))
    assert event.kind is ReminderKind.MISSED
    assert event.title == "You missed your 19:00 routine"
    assert event.scheduled == berlin(4, 19, 0)
    assert rig.at(berlin(4, 20, 11)) == []


def test_several_misses_make_one_prompt_for_the_latest() -> None:
    rig = Rig(rule("18:00", "early"), rule("19:00", "late"), start=berlin(4, 17))
    assert kinds(rig.at(berlin(4, 19, 30))) == [("late", "missed")]
    assert rig.check() == []


def test_a_miss_older_than_grace_is_dropped_silently_for_good() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 18))
    assert rig.at(berlin(4, 21, 1)) == []
    assert rig.at(berlin(4, 21, 2)) == []
    assert kinds(rig.at(berlin(5, 19, 0))) == [("evening", "due")]


def test_days_off_make_at_most_one_prompt() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 18))
    assert kinds(rig.at(berlin(9, 20, 0))) == [("evening", "missed")]


def test_the_grace_window_is_configurable() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 18), grace_hours=0.5)
    assert rig.at(berlin(4, 19, 45)) == []
    rig.scheduler.set_grace(timedelta(hours=4))
    assert kinds(rig.at(berlin(5, 22, 30))) == [("evening", "missed")]


def test_an_unreasonable_grace_window_is_refused() -> None:
    with pytest.raises(ValueError, match="grace"):
        ReminderScheduler([], InMemoryReminderState(), BERLIN, grace=timedelta(days=3))


def test_a_due_reminder_covers_a_missed_one_in_the_same_check() -> None:
    rig = Rig(rule("18:00", "early"), rule("19:00", "late"), start=berlin(4, 17))
    assert kinds(rig.at(berlin(4, 19, 0))) == [("late", "due")]
    assert rig.check() == []


# -- clock jumps --------------------------------------------------------------------------------


def test_a_clock_jump_backwards_never_fires_a_rule_twice() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 18))
    assert len(rig.at(berlin(4, 19, 0))) == 1
    rig.clock.jump_wall(timedelta(hours=-3))
    assert rig.check() == []
    assert rig.at(berlin(4, 19, 0)) == []
    assert rig.at(berlin(4, 19, 5)) == []
    assert kinds(rig.at(berlin(5, 19, 0))) == [("evening", "due")]


def test_a_clock_jump_forward_over_a_reminder_counts_as_a_miss() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 18, 30))
    rig.clock.jump_wall(timedelta(hours=1))
    assert kinds(rig.check()) == [("evening", "missed")]


def test_a_record_written_while_the_clock_was_years_ahead_is_ignored() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 9))
    rig.clock.jump_wall(timedelta(days=3 * 365))
    assert rig.check() == []
    rig.clock.jump_wall(timedelta(days=-3 * 365))
    assert rig.check() == []
    assert kinds(rig.at(berlin(4, 19, 0))) == [("evening", "due")]


# -- what comes next ----------------------------------------------------------------------------


def test_next_wakeup_is_the_next_due_time_in_utc() -> None:
    rig = Rig(rule("19:00"), rule("07:00", "morning"), start=berlin(4, 9))
    assert rig.scheduler.next_wakeup(rig.clock.now()) == datetime(2026, 5, 4, 17, 0, tzinfo=UTC)
    assert rig.scheduler.upcoming(rig.clock.now()) == (rule("19:00"), berlin(4, 19))


def test_next_wakeup_spans_a_dst_change_in_real_time() -> None:
    start = datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN)
    rig = Rig(rule("12:00"), start=start + timedelta(minutes=1))
    wake = rig.scheduler.next_wakeup(rig.clock.now())
    assert wake is not None
    assert wake - rig.clock.now().astimezone(UTC) == timedelta(hours=22, minutes=59)
    assert kinds(rig.at(wake)) == [("evening", "due")]


def test_next_wakeup_is_none_without_enabled_rules() -> None:
    rig = Rig(rule("19:00", enabled=False), start=berlin(4, 9))
    assert rig.scheduler.next_wakeup(rig.clock.now()) is None
    assert rig.scheduler.upcoming(rig.clock.now()) is None


def test_next_wakeup_says_check_now_when_a_reminder_is_pending() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 9))
    rig.clock.advance(11 * 3600)
    wake = rig.scheduler.next_wakeup(rig.clock.now())
    assert wake is not None and wake <= rig.clock.now()


def test_a_fixed_offset_now_is_read_in_the_schedulers_zone() -> None:
    rig = Rig(rule("12:00"), start=datetime(2026, 3, 28, 13, 0, tzinfo=BERLIN))
    # What SystemClock.now() gives: a fixed +02:00 offset, no DST rules.
    fixed_now = datetime(2026, 3, 29, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    [event] = rig.scheduler.check(fixed_now)
    assert event.scheduled == datetime(2026, 3, 29, 12, 0, tzinfo=BERLIN)


# -- DST in the scheduler -------------------------------------------------------------------


def test_a_0230_reminder_fires_at_0300_on_spring_forward_day() -> None:
    rig = Rig(rule("02:30"), start=datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN))
    wake = rig.scheduler.next_wakeup(rig.clock.now())
    assert wake == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    [event] = rig.at(wake)
    assert event.kind is ReminderKind.DUE
    assert event.title == "Time for your 02:30 routine"


def test_a_0230_reminder_fires_once_on_fall_back_day() -> None:
    rig = Rig(rule("02:30"), start=datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN))
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    assert kinds(rig.at(first)) == [("evening", "due")]
    assert rig.at(first + timedelta(hours=1)) == []  # 02:30 CET, the second time
    assert rig.scheduler.next_wakeup(rig.clock.now()) == datetime(2026, 10, 26, 1, 30, tzinfo=UTC)


# -- snooze, skip, pause ------------------------------------------------------------------------


def test_snooze_brings_the_prompt_back_after_the_chosen_minutes() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 9))
    rig.at(berlin(4, 19, 0))
    until = rig.scheduler.snooze("evening", rig.clock.now(), minutes=10)
    assert until == berlin(4, 19, 10)
    assert rig.scheduler.next_wakeup(rig.clock.now()) == until.astimezone(UTC)
    assert rig.at(berlin(4, 19, 9)) == []
    [event] = rig.at(berlin(4, 19, 10))
    assert event.kind is ReminderKind.SNOOZED
    assert event.scheduled == berlin(4, 19, 0)
    assert event.title == "Your 19:00 routine is ready"
    assert rig.check() == []


@pytest.mark.parametrize("minutes", [5, 10, 30])
def test_each_snooze_choice_is_honoured(minutes: int) -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 9))
    rig.at(berlin(4, 19, 0))
    rig.scheduler.snooze("evening", rig.clock.now(), minutes)
    assert rig.at(berlin(4, 19, minutes - 1)) == []
    assert kinds(rig.at(berlin(4, 19, minutes))) == [("evening", "snoozed")]


def test_a_snooze_slept_past_grace_is_dropped() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 9))
    rig.at(berlin(4, 19, 0))
    rig.scheduler.snooze("evening", rig.clock.now(), 10)
    assert rig.at(berlin(4, 23, 0)) == []
    assert rig.scheduler.next_wakeup(rig.clock.now()) == berlin(5, 19).astimezone(UTC)


def test_a_snooze_survives_a_restart() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 9))
    rig.at(berlin(4, 19, 0))
    rig.scheduler.snooze("evening", rig.clock.now(), 30)
    rig.restart()
    assert kinds(rig.at(berlin(4, 19, 30))) == [("evening", "snoozed")]


def test_snoozing_an_unknown_rule_or_for_no_time_is_refused() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 9))
    with pytest.raises(KeyError):
        rig.scheduler.snooze("nope", rig.clock.now())
    with pytest.raises(ValueError, match="snooze"):
        rig.scheduler.snooze("evening", rig.clock.now(), 0)


def test_skip_today_lets_todays_reminder_pass_and_keeps_tomorrows() -> None:
    rig = Rig(rule("19:00"), rule("21:00", "late"), start=berlin(4, 9))
    rig.scheduler.skip_today("evening", rig.clock.now())
    assert kinds(rig.at(berlin(4, 19, 0))) == []
    assert kinds(rig.at(berlin(4, 21, 0))) == [("late", "due")]
    assert kinds(rig.at(berlin(5, 19, 0))) == [("evening", "due")]


def test_skipping_last_nights_late_prompt_keeps_todays_reminder() -> None:
    rig = Rig(rule("23:30"), start=berlin(4, 22))
    [event] = rig.at(berlin(5, 0, 30))
    assert event.kind is ReminderKind.MISSED
    rig.scheduler.skip_today("evening", rig.clock.now(), day_of=event.scheduled)
    assert kinds(rig.at(berlin(5, 23, 30))) == [("evening", "due")]


def test_skip_today_cancels_a_snooze() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 9))
    rig.at(berlin(4, 19, 0))
    rig.scheduler.snooze("evening", rig.clock.now(), 10)
    rig.scheduler.skip_today("evening", rig.clock.now())
    assert rig.at(berlin(4, 19, 10)) == []


def test_pause_until_tomorrow_holds_everything_until_midnight() -> None:
    rig = Rig(rule("19:00"), rule("23:59", "late"), rule("00:00", "midnight"), start=berlin(4, 9))
    until = rig.scheduler.pause_until_tomorrow(rig.clock.now())
    assert until == berlin(5, 0, 0)
    assert rig.scheduler.paused_until(rig.clock.now()) == until
    assert rig.at(berlin(4, 19, 0)) == []
    assert rig.at(berlin(4, 23, 59)) == []
    assert kinds(rig.at(berlin(5, 0, 0))) == [("midnight", "due")]
    assert rig.scheduler.paused_until(rig.clock.now()) is None
    assert kinds(rig.at(berlin(5, 19, 0))) == [("evening", "due")]


def test_reminders_slept_through_during_a_pause_are_not_offered_after_it() -> None:
    rig = Rig(rule("23:30"), start=berlin(4, 22))
    rig.scheduler.pause_until_tomorrow(rig.clock.now())
    assert rig.at(berlin(5, 0, 30)) == []


def test_pause_survives_a_restart_and_can_be_ended_early() -> None:
    rig = Rig(rule("19:00"), rule("20:00", "later"), start=berlin(4, 9))
    rig.scheduler.pause_until_tomorrow(rig.clock.now())
    rig.restart()
    assert rig.at(berlin(4, 19, 0)) == []
    rig.scheduler.resume(berlin(4, 19, 30))
    assert rig.at(berlin(4, 19, 30)) == []
    assert kinds(rig.at(berlin(4, 20, 0))) == [("later", "due")]


# -- editing rules ------------------------------------------------------------------------------


def test_moving_a_rule_to_a_time_just_past_brings_no_miss() -> None:
    rig = Rig(rule("20:00"), start=berlin(4, 9))
    rig.clock.advance(10.5 * 3600)  # 19:30
    rig.scheduler.set_rules([rule("19:00")], rig.clock.now())
    assert rig.check() == []
    assert kinds(rig.at(berlin(5, 19, 0))) == [("evening", "due")]


def test_changing_only_the_label_keeps_a_pending_miss() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 9))
    rig.clock.advance(10.5 * 3600)
    rig.scheduler.set_rules([rule("19:00", label="Evening")], rig.clock.now())
    [event] = rig.check()
    assert event.title == "You missed “Evening” (19:00)"


def test_a_removed_rule_is_forgotten() -> None:
    rig = Rig(rule("19:00"), rule("20:00", "other"), start=berlin(4, 9))
    rig.at(berlin(4, 19, 0))
    rig.scheduler.snooze("evening", rig.clock.now(), 5)
    rig.scheduler.set_rules([rule("20:00", "other")], rig.clock.now())
    assert "evening" not in rig.store.records
    assert "evening" not in rig.store.snoozes
    assert rig.at(berlin(4, 19, 5)) == []


def test_two_rules_with_one_id_are_refused() -> None:
    with pytest.raises(ReminderRuleError, match="used by two reminders"):
        ReminderScheduler([rule("19:00"), rule("20:00")], InMemoryReminderState(), BERLIN)


# -- the store ------------------------------------------------------------------------------


def test_the_store_receives_aware_utc_times() -> None:
    rig = Rig(rule("19:00"), start=berlin(4, 9))
    rig.at(berlin(4, 19, 0))
    assert rig.store.records["evening"] == datetime(2026, 5, 4, 17, 0, tzinfo=UTC)


def test_a_naive_time_from_the_store_counts_as_utc() -> None:
    store = InMemoryReminderState()
    store.set("evening", datetime(2026, 5, 4, 17, 0))
    scheduler = ReminderScheduler([rule("19:00")], store, BERLIN)
    assert scheduler.check(berlin(4, 19, 0)) == []


def test_a_naive_now_is_refused() -> None:
    scheduler = ReminderScheduler([rule("19:00")], InMemoryReminderState(), BERLIN)
    with pytest.raises(ValueError, match="aware"):
        scheduler.check(datetime(2026, 5, 4, 19, 0))


def test_rules_with_weekday_sets_work_through_the_scheduler() -> None:
    weekly = ReminderRule("w", time(19, 0), frozenset({2}))
    scheduler = ReminderScheduler([weekly], InMemoryReminderState(), BERLIN)
    assert scheduler.check(berlin(4, 9)) == []
    assert scheduler.upcoming(berlin(4, 9)) == (weekly, berlin(6, 19))
