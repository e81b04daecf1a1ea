"""The reminder scheduler: fires each rule once per day, never misses quietly, never nags.

Pure and clock-free: every method takes `now` (an aware datetime from the app's Clock), so a
test can walk it through years of days, sleeps and clock jumps in milliseconds.

How a rule is kept honest: the store remembers, per rule, the last *scheduled* occurrence that
was dealt with (fired, offered as missed, or dropped). An occurrence is pending when it lies
after that record and at or before `now`. Because occurrences only ever move forward, a clock
that jumps backwards finds nothing pending and never fires a rule twice on one day; a clock that
jumps forward finds the skipped occurrences pending and treats them as missed. (One exception:
a record more than two days ahead of the clock is taken as written by a wrong clock and
ignored, so a clock once set years ahead cannot silence a rule until that year comes.)

On each `check(now)`, per rule, only the newest pending occurrence matters:
- within `on_time` (2 min) of its time it is *due* and fires;
- within the grace window (2 h by default) it was *missed*: the person gets one prompt per check
  for all such misses together (the latest one), and none if something is due in the same check;
- older than the grace window it is dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from enum import StrEnum
from functools import lru_cache

from backcare_desktop.core.reminders.rules import (
    ReminderRule,
    ReminderRuleError,
    as_utc,
    format_days,
    latest_due,
    next_after,
    next_due,
    parse_days,
    parse_time,
    resolve_local,
    short_when,
)
from backcare_desktop.core.reminders.state import (
    InMemoryReminderState,
    ReminderStateStore,
    Snooze,
    instant,
    stored,
)
from backcare_desktop.core.translatable import QT_TR_NOOP, fill

__all__ = [
    "DEFAULT_GRACE",
    "ON_TIME",
    "SNOOZE_MINUTES",
    "InMemoryReminderState",
    "ReminderEvent",
    "ReminderKind",
    "ReminderRule",
    "ReminderRuleError",
    "ReminderScheduler",
    "ReminderStateStore",
    "Snooze",
    "days_ahead",
    "format_days",
    "next_due",
    "parse_days",
    "parse_time",
    "short_when",
    "when_from_now",
]

DEFAULT_GRACE = timedelta(hours=2)
ON_TIME = timedelta(minutes=2)
SNOOZE_MINUTES = (5, 10, 30)
# A stored time further ahead than this was written while the clock was wrong (set to a
# future date, then corrected); honouring it would silence the rule until that date comes.
FUTURE_RECORD_LIMIT = timedelta(days=2)


class ReminderKind(StrEnum):
    DUE = "due"
    MISSED = "missed"
    SNOOZED = "snoozed"


@dataclass(frozen=True)
class ReminderEvent:
    """One prompt to show: which rule, why now, and the words to show."""

    rule: ReminderRule
    kind: ReminderKind
    scheduled: datetime
    title: str
    body: str


def days_ahead(moment: datetime, now: datetime) -> int:
    """Calendar days from today to `moment`'s day: 0 today, 1 tomorrow, negative if past.

    Today is `now`'s date read in `moment`'s own zone, the zone its time is shown in, so the
    word "today" and the time printed beside it always belong to the same calendar.
    """
    return (moment.date() - now.astimezone(moment.tzinfo).date()).days


def when_from_now(
    moment: datetime, now: datetime, today: str = "today %1", tomorrow: str = "tomorrow %1"
) -> str:
    """'today 19:30', 'tomorrow 07:30', or 'Thu 19:30' further out: the next reminder in words.

    A bare weekday would read as next week's when the reminder is later today. `today` and
    `tomorrow` are the wordings, with %1 for the time (the app passes translated ones).
    """
    wording = {0: today, 1: tomorrow}.get(days_ahead(moment, now))
    return short_when(moment) if wording is None else fill(wording, f"{moment:%H:%M}")


@lru_cache(maxsize=256)
def _following(rule: ReminderRule, record: datetime, zone: tzinfo) -> datetime:
    """The rule's first occurrence after `record`, in UTC; cached, as every check asks it."""
    return as_utc(next_after(rule, record, zone))


class ReminderScheduler:
    """Decides which reminders to show when; the GUI calls `check` and arms one timer.

    Usage: call `check(now)` when the timer armed for `next_wakeup(now)` fires, on a coarse
    timer (>= 30 s) and on resume from sleep; show what it returns. `next_wakeup` is in UTC
    (subtract it from an aware `now` to get the delay); it may be at or before `now`, which
    means "check now".
    """

    def __init__(
        self,
        rules: Iterable[ReminderRule],
        store: ReminderStateStore,
        zone: tzinfo | None = None,
        *,
        grace: timedelta = DEFAULT_GRACE,
        on_time: timedelta = ON_TIME,
        translate: Callable[[str], str] = str,
    ) -> None:
        self._store = store
        self._translate = translate  # the app's translation of QT_TR_NOOP-marked wordings
        self._zone = zone if zone is not None else UTC  # the edge passes the zone it read
        self._rules = self._validated(rules)
        self._on_time = on_time
        self._grace = grace
        self.set_grace(grace)

    # -- configuration -------------------------------------------------------------------

    @property
    def rules(self) -> tuple[ReminderRule, ...]:
        return self._rules

    @property
    def zone(self) -> tzinfo:
        return self._zone

    @property
    def grace(self) -> timedelta:
        return self._grace

    def set_grace(self, grace: timedelta) -> None:
        if grace < self._on_time or grace > timedelta(hours=24):
            raise ValueError("grace: expected between 2 minutes and 24 hours")
        self._grace = grace

    def set_zone(self, zone: tzinfo) -> None:
        """Follow the person to a new time zone; rules keep their local times."""
        self._zone = zone

    def set_rules(self, rules: Iterable[ReminderRule], now: datetime) -> None:
        """Replace the rules after the person edited them.

        A new rule, or one whose time, days or enabled state changed, starts fresh from `now`:
        its past times are not offered as missed. Removed rules are forgotten in the store.
        """
        new_rules = self._validated(rules)
        old = {rule.id: rule for rule in self._rules}
        for rule in new_rules:
            before = old.pop(rule.id, None)
            if before is None or (before.time, before.weekdays, before.enabled) != (
                rule.time,
                rule.weekdays,
                rule.enabled,
            ):
                self._mark_handled(rule, now)
        for gone in old:
            self._store.forget(gone)
        self._rules = new_rules

    @staticmethod
    def _validated(rules: Iterable[ReminderRule]) -> tuple[ReminderRule, ...]:
        kept = tuple(rules)
        seen: set[str] = set()
        for rule in kept:
            if rule.id in seen:
                raise ReminderRuleError(f"id: {rule.id!r} is used by two reminders")
            seen.add(rule.id)
        return kept

    # -- the decision --------------------------------------------------------------------

    def check(self, now: datetime) -> list[ReminderEvent]:
        """What to show at `now`; records it, so the same occurrence never comes back."""
        moment = as_utc(now)
        pause = self._pause_record(moment)
        paused = pause is not None and moment < pause
        due: list[ReminderEvent] = []
        missed: list[ReminderEvent] = []
        fresh: set[str] = set()
        horizon = moment + FUTURE_RECORD_LIMIT
        for rule in self._rules:
            record = stored(self._store.get(rule.id))
            unchanged = (
                record is not None
                and record <= horizon
                and moment < _following(rule, record, self._zone)
            )
            if unchanged:  # the usual case, kept cheap: nothing new since the record
                continue
            latest = as_utc(latest_due(rule, moment, self._zone))
            if record is not None and latest <= record <= horizon:
                continue
            self._store.set(rule.id, latest)
            if record is None or record > horizon or not rule.enabled:
                continue
            if pause is not None and latest < pause:
                continue
            lateness = moment - latest
            if lateness <= self._on_time:
                due.append(self._event(rule, ReminderKind.DUE, latest))
            elif lateness <= self._grace:
                missed.append(self._event(rule, ReminderKind.MISSED, latest))
            else:
                continue
            fresh.add(rule.id)
        events = due
        if missed and not due:
            events = [max(missed, key=lambda event: event.scheduled.astimezone(UTC))]
        return events + self._ripe_snoozes(moment, paused, fresh)

    def _ripe_snoozes(self, moment: datetime, paused: bool, fresh: set[str]) -> list[ReminderEvent]:
        events = []
        for rule in self._rules:
            snooze = self._store.get_snooze(rule.id)
            if snooze is None:
                continue
            until = instant(snooze.until)
            if until > moment + FUTURE_RECORD_LIMIT:
                self._store.set_snooze(rule.id, None)
                continue
            if until > moment:
                continue
            self._store.set_snooze(rule.id, None)
            late = moment - until > self._grace
            if paused or late or not rule.enabled or rule.id in fresh:
                continue
            scheduled = instant(snooze.scheduled)
            events.append(self._event(rule, ReminderKind.SNOOZED, scheduled))
        return events

    def _event(self, rule: ReminderRule, kind: ReminderKind, scheduled: datetime) -> ReminderEvent:
        t = self._translate
        at = rule.time_text
        name = fill(t(QT_TR_NOOP("“%1” (%2)")), rule.label, at) if rule.label else None
        if kind is ReminderKind.DUE:
            title = (
                fill(t(QT_TR_NOOP("Time for %1")), name)
                if name
                else fill(t(QT_TR_NOOP("Time for your %1 routine")), at)
            )
            body = t(
                QT_TR_NOOP("A few slow minutes for your back. Start now, snooze or skip today.")
            )
        elif kind is ReminderKind.MISSED:
            title = (
                fill(t(QT_TR_NOOP("You missed %1")), name)
                if name
                else fill(t(QT_TR_NOOP("You missed your %1 routine")), at)
            )
            body = t(QT_TR_NOOP("It is not too late. Start now, snooze or skip today."))
        else:
            title = (
                fill(t(QT_TR_NOOP("%1 is ready")), name)
                if name
                else fill(t(QT_TR_NOOP("Your %1 routine is ready")), at)
            )
            body = t(QT_TR_NOOP("Ready when you are. Start now, snooze again or skip today."))
        return ReminderEvent(rule, kind, scheduled.astimezone(self._zone), title, body)

    # -- what comes next -----------------------------------------------------------------

    def next_wakeup(self, now: datetime) -> datetime | None:
        """When `check` next has something to do (UTC), or None with nothing armed."""
        found = self._next(now)
        return found[0] if found else None

    def upcoming(self, now: datetime) -> tuple[ReminderRule, datetime] | None:
        """The next reminder the person will see and its local time (`when_from_now` words it)."""
        found = self._next(now)
        if found is None:
            return None
        return found[1], found[0].astimezone(self._zone)

    def _next(self, now: datetime) -> tuple[datetime, ReminderRule] | None:
        moment = as_utc(now)
        pause = self._pause_record(moment)
        best: tuple[datetime, ReminderRule] | None = None
        for rule in self._rules:
            if not rule.enabled:
                continue
            record = stored(self._store.get(rule.id))
            if record is None or record > moment + FUTURE_RECORD_LIMIT:
                record = moment
            when = _following(rule, record, self._zone)
            if pause is not None and when < pause:
                when = as_utc(next_due(rule, pause, self._zone))
            snooze = self._store.get_snooze(rule.id)
            if snooze is not None and (pause is None or moment >= pause):
                when = min(when, instant(snooze.until))
            if best is None or when < best[0]:
                best = (when, rule)
        return best

    # -- what the person asked for -------------------------------------------------------

    def snooze(self, rule_id: str, now: datetime, minutes: int = 10) -> datetime:
        """Offer the rule's latest prompt again in `minutes`; returns that local time."""
        if not 1 <= minutes <= 24 * 60:
            raise ValueError(f"snooze: expected 1 to 1440 minutes, got {minutes}")
        self._rule(rule_id)
        moment = as_utc(now)
        until = moment + timedelta(minutes=minutes)
        scheduled = stored(self._store.get(rule_id)) or moment
        self._store.set_snooze(rule_id, Snooze(until=until, scheduled=scheduled))
        return until.astimezone(self._zone)

    def skip_today(self, rule_id: str, now: datetime, *, day_of: datetime | None = None) -> None:
        """Let today's reminder of this rule pass (and any snooze of it).

        Pass the prompt's `scheduled` time as `day_of` when answering a prompt: "Skip today"
        pressed at 00:30 on last night's 23:30 reminder means last night, not the new day.
        """
        rule = self._rule(rule_id)
        self._store.set_snooze(rule_id, None)
        today = as_utc(day_of or now).astimezone(self._zone).date()
        end_of_today = resolve_local(today + timedelta(days=1), time(0, 0), self._zone)
        self._mark_handled(rule, end_of_today - timedelta(microseconds=1))

    def pause_until_tomorrow(self, now: datetime) -> datetime:
        """Hold every reminder until local midnight; returns that local time."""
        tomorrow = as_utc(now).astimezone(self._zone).date() + timedelta(days=1)
        until = resolve_local(tomorrow, time(0, 0), self._zone)
        for rule in self._rules:
            self._mark_handled(rule, now)
            self._store.set_snooze(rule.id, None)
        self._store.set_paused_until(as_utc(until))
        return until

    def resume(self, now: datetime) -> None:
        """End a pause early; reminders that fell in the pause stay dropped."""
        for rule in self._rules:
            self._mark_handled(rule, now)
        self._store.set_paused_until(None)

    def paused_until(self, now: datetime) -> datetime | None:
        """The local time the pause ends, or None when not paused."""
        pause = self._pause_record(as_utc(now))
        if pause is None or as_utc(now) >= pause:
            return None
        return pause.astimezone(self._zone)

    # -- internals -----------------------------------------------------------------------

    def _rule(self, rule_id: str) -> ReminderRule:
        for rule in self._rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(f"no reminder with id {rule_id!r}")

    def _mark_handled(self, rule: ReminderRule, moment: datetime) -> None:
        """Count every occurrence of `rule` up to `moment` as dealt with."""
        latest = as_utc(latest_due(rule, moment, self._zone))
        record = stored(self._store.get(rule.id))
        if record is None or record < latest or record > as_utc(moment) + FUTURE_RECORD_LIMIT:
            self._store.set(rule.id, latest)

    def _pause_record(self, moment: datetime) -> datetime | None:
        pause = stored(self._store.get_paused_until())
        if pause is not None and pause > moment + FUTURE_RECORD_LIMIT:
            self._store.set_paused_until(None)
            return None
        return pause
