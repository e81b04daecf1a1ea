"""Property tests: the scheduler over 400+ simulated days per time zone, with DST quirks,
random rules, random sleeps (gaps with no checks), restarts and wall-clock jumps.

The simulation drives the scheduler like the app does: it arms one timer for
`next_wakeup`, checks on a coarse timer, checks on resume after a sleep and after the clock
jumps. The oracle restates the promise independently of the scheduler's bookkeeping:

- an occurrence counts once, when the first check at or after it comes, and only if no earlier
  check had already seen a wall clock at or beyond it (a clock jumped back never re-fires);
- per rule only the newest such occurrence matters; it is due if that check came within
  ON_TIME, missed if within the grace window, dropped otherwise;
- a check shows every due rule, else one prompt for the latest miss.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from backcare_desktop.core.reminders.rules import occurrence_on
from backcare_desktop.core.reminders.scheduler import (
    ON_TIME,
    InMemoryReminderState,
    ReminderRule,
    ReminderScheduler,
)

ZONES = [
    ZoneInfo("Europe/Berlin"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Australia/Lord_Howe"),
    ZoneInfo("America/Santiago"),
    ZoneInfo("Asia/Kolkata"),
]
SIMULATED_DAYS = 420
# Backward jumps are kept within this of the furthest wall time seen: the scheduler treats a
# record more than two days ahead of the clock as written by a wrong clock (tested by example).
MAX_BACKWARD_LAG = timedelta(hours=40)


def examples(count: int) -> settings:
    """Each example simulates SIMULATED_DAYS; the counts keep this file near 10 s.

    No shrinking: a plan is driven by a random seed, which does not shrink into anything
    more readable, and shrinking year-long runs takes minutes. A failure prints its Plan.
    """
    return settings(
        max_examples=count,
        deadline=None,
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
        suppress_health_check=[HealthCheck.too_slow],
    )


Fired = tuple[str, str, datetime]


@dataclass(frozen=True)
class Plan:
    zone: ZoneInfo
    rules: tuple[ReminderRule, ...]
    start: datetime
    grace: timedelta
    p_sleep: float
    p_jump: float
    p_restart: float
    p_late: float
    seed: int


@dataclass(frozen=True)
class Check:
    wall: datetime
    fired: tuple[Fired, ...]


def log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def simulate(plan: Plan, days: int = SIMULATED_DAYS) -> list[Check]:
    rng = random.Random(plan.seed)
    store = InMemoryReminderState()

    def started() -> ReminderScheduler:
        return ReminderScheduler(plan.rules, store, plan.zone, grace=plan.grace)

    scheduler = started()
    real, skew = plan.start, timedelta(0)
    furthest = plan.start
    end = plan.start + timedelta(days=days)
    checks: list[Check] = []
    stalls = 0

    def check() -> None:
        nonlocal furthest
        wall = real + skew
        furthest = max(furthest, wall)
        events = scheduler.check(wall)
        fired = tuple((e.rule.id, e.kind.value, e.scheduled.astimezone(UTC)) for e in events)
        checks.append(Check(wall, fired))

    check()
    while real < end:
        wall = real + skew
        roll = rng.random()
        if roll < plan.p_sleep:
            real += timedelta(seconds=log_uniform(rng, 60, 3 * 86400))
        elif roll < plan.p_sleep + plan.p_jump:
            jump = timedelta(seconds=log_uniform(rng, 60, 30 * 3600))
            backwards = rng.random() < 0.5 and furthest - (wall - jump) <= MAX_BACKWARD_LAG
            skew += -jump if backwards else jump
        elif roll < plan.p_sleep + plan.p_jump + plan.p_restart:
            scheduler = started()
        else:
            wake = scheduler.next_wakeup(wall)
            coarse = wall + timedelta(seconds=log_uniform(rng, 30, 8 * 3600))
            target = coarse if wake is None else min(wake, coarse)
            late = rng.uniform(0, 240) if rng.random() < plan.p_late else 0.0
            step = max(target - wall, timedelta(0)) + timedelta(seconds=late)
            stalls = stalls + 1 if step == timedelta(0) else 0
            assert stalls < 3, f"next_wakeup stays at {target} after checking at {wall}"
            real += step
        check()
    return checks


def occurrences(plan: Plan, checks: list[Check]) -> dict[str, list[datetime]]:
    """Every occurrence of every rule across the local dates the checks touched (UTC, sorted)."""
    first = min(c.wall for c in checks).astimezone(plan.zone).date() - timedelta(days=8)
    last = max(c.wall for c in checks).astimezone(plan.zone).date() + timedelta(days=2)
    found: dict[str, list[datetime]] = {}
    for rule in plan.rules:
        times = []
        for n in range((last - first).days + 1):
            occurrence = occurrence_on(rule, first + timedelta(days=n), plan.zone)
            if occurrence is not None:
                times.append(occurrence.astimezone(UTC))
        found[rule.id] = times
    return found


def expected(plan: Plan, checks: list[Check]) -> list[tuple[Fired, ...]]:
    times = occurrences(plan, checks)
    furthest: datetime | None = None
    result: list[tuple[Fired, ...]] = []
    for check in checks:
        due: list[Fired] = []
        missed: list[Fired] = []
        for rule in plan.rules:
            index = bisect_right(times[rule.id], check.wall) - 1
            assert index >= 0, "the occurrence list starts a week before the first check"
            newest = times[rule.id][index]
            if furthest is None or newest <= furthest:
                continue
            lateness = check.wall - newest
            if lateness <= ON_TIME:
                due.append((rule.id, "due", newest))
            elif lateness <= plan.grace:
                missed.append((rule.id, "missed", newest))
        chosen = due or ([max(missed, key=lambda fired: fired[2])] if missed else [])
        result.append(tuple(chosen))
        furthest = check.wall if furthest is None else max(furthest, check.wall)
    return result


def assert_never_twice_a_day(plan: Plan, checks: list[Check]) -> None:
    per_day = Counter(
        (rule_id, scheduled.astimezone(plan.zone).date())
        for check in checks
        for rule_id, _kind, scheduled in check.fired
    )
    assert not [key for key, count in per_day.items() if count > 1]


# -- strategies ---------------------------------------------------------------------------------

times_of_day = st.builds(
    time,
    st.one_of(st.integers(0, 3), st.integers(0, 23), st.just(23)),
    st.one_of(st.sampled_from([0, 15, 30, 45, 59]), st.integers(0, 59)),
)
weekday_sets = st.one_of(st.just(frozenset(range(7))), st.frozensets(st.integers(0, 6), min_size=1))


@st.composite
def rule_sets(draw: st.DrawFn) -> tuple[ReminderRule, ...]:
    count = draw(st.integers(1, 4))
    return tuple(
        ReminderRule(f"r{n}", draw(times_of_day), draw(weekday_sets)) for n in range(count)
    )


starts = st.datetimes(datetime(2024, 1, 1), datetime(2027, 6, 30)).map(
    lambda naive: naive.replace(tzinfo=UTC)
)
graces = st.sampled_from([timedelta(minutes=30), timedelta(hours=2), timedelta(hours=6)])


def plans(
    zone: ZoneInfo,
    sleeps: list[float] | None = None,
    jumps: list[float] | None = None,
    restarts: list[float] | None = None,
    lateness: list[float] | None = None,
) -> st.SearchStrategy[Plan]:
    return st.builds(
        Plan,
        zone=st.just(zone),
        rules=rule_sets(),
        start=starts,
        grace=graces,
        p_sleep=st.sampled_from(sleeps if sleeps is not None else [0.03, 0.1, 0.25]),
        p_jump=st.sampled_from(jumps if jumps is not None else [0.01, 0.05, 0.15]),
        p_restart=st.sampled_from(restarts if restarts is not None else [0.0, 0.03]),
        p_late=st.sampled_from(lateness if lateness is not None else [0.0, 0.2]),
        seed=st.integers(0, 2**32 - 1),
    )


# -- properties ---------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ZONES, ids=str)
@examples(10)
@given(data=st.data())
def test_firings_match_the_promise_through_sleeps_restarts_and_clock_jumps(
    zone: ZoneInfo, data: st.DataObject
) -> None:
    plan = data.draw(plans(zone))
    checks = simulate(plan)
    assert [check.fired for check in checks] == expected(plan, checks)
    assert_never_twice_a_day(plan, checks)
    for check in checks:
        kinds = [kind for _rule, kind, _when in check.fired]
        assert kinds.count("missed") <= 1
        assert "missed" not in kinds or "due" not in kinds


@pytest.mark.parametrize("zone", ZONES, ids=str)
@examples(3)
@given(data=st.data())
def test_an_always_awake_machine_fires_every_occurrence_exactly_once_on_time(
    zone: ZoneInfo, data: st.DataObject
) -> None:
    plan = data.draw(plans(zone, sleeps=[0.0], jumps=[0.0], restarts=[0.0, 0.05], lateness=[0.0]))
    checks = simulate(plan)
    fired = [event for check in checks for event in check.fired]
    assert all(kind == "due" for _rule, kind, _when in fired)
    start, end = checks[0].wall, checks[-1].wall
    wanted = sorted(
        (rule_id, when)
        for rule_id, times in occurrences(plan, checks).items()
        for when in times
        if start < when <= end
    )
    assert sorted((rule_id, when) for rule_id, _kind, when in fired) == wanted
    assert len(wanted) >= SIMULATED_DAYS * len(plan.rules) // 7


@pytest.mark.parametrize("zone", ZONES, ids=str)
@examples(6)
@given(data=st.data())
def test_every_miss_within_grace_gets_exactly_one_prompt(
    zone: ZoneInfo, data: st.DataObject
) -> None:
    plan = data.draw(plans(zone, sleeps=[0.2, 0.4], jumps=[0.0], restarts=[0.0]))
    checks = simulate(plan)
    times = occurrences(plan, checks)
    for before, check in pairwise(checks):
        newest_per_rule = []
        for rule in plan.rules:
            seen = bisect_right(times[rule.id], before.wall)
            reached = bisect_right(times[rule.id], check.wall)
            if reached > seen:
                newest_per_rule.append(times[rule.id][reached - 1])
        in_grace = [when for when in newest_per_rule if check.wall - when <= plan.grace]
        prompts = [kind for _rule, kind, _when in check.fired]
        if not in_grace:
            assert prompts == []
        elif any(check.wall - when <= ON_TIME for when in in_grace):
            assert set(prompts) == {"due"}
        else:
            assert prompts == ["missed"]
