"""The person's reminders as one ordered collection: the only place that knows its rules.

Every view (the Reminders page, its editor, the tray, notifications) and `backcare remind`
go through these functions, so the order they are numbered in, how a new id is made, how a
reminder is worded and which changes are allowed are decided once. Each operation takes the
current tuple and returns a new one, so a store can apply it to the latest list on disk
under its lock instead of writing back a list read earlier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import time
from typing import Final

from backcare_desktop.core.plain_text import refused_characters
from backcare_desktop.core.reminders.rules import ReminderRule, ReminderRuleError, label_refusal

Reminders = tuple[ReminderRule, ...]
ReminderChange = Callable[[Reminders], Reminders]
"""One change to the list, applied to whatever the list is when it is written."""

MAX_REMINDERS: Final = 50
MAX_LABEL: Final = 60
MAX_RECORD_CHARS: Final = 16_384
"""A stored reminder larger than this is no real reminder (a file damaged or tampered with)."""

_NEW_ID_TRIES: Final = 100


class ReminderListError(ValueError):
    """A change the list cannot take; the message is a sentence for the person."""


def order_key(rule: ReminderRule) -> tuple[time, list[int], str, str]:
    """Reminders are kept in order of time of day, then days, label and id."""
    return (rule.time, sorted(rule.weekdays), rule.label, rule.id)


def ordered(rules: Iterable[ReminderRule]) -> Reminders:
    """The reminders in the order every view and `backcare remind list` show and number."""
    return tuple(sorted(rules, key=order_key))


def new_id(taken: Iterable[str], token: Callable[[], str] | None = None) -> str:
    """A fresh id such as 'r1a2b3c4d' that no reminder in `taken` has."""
    import secrets  # hashlib and hmac come with it: only when a reminder is made

    make = token or (lambda: "r" + secrets.token_hex(4))
    used = set(taken)
    for _ in range(_NEW_ID_TRIES):
        candidate = make()
        if candidate not in used:
            return candidate
    raise ReminderListError("could not find a new id for the reminder")


def label_problem(label: str) -> str | None:
    """Why a label cannot be kept, or None: one short line of text, shown as it is stored."""
    refused = refused_characters(label)
    if refused:
        return label_refusal(refused)
    if len(label) > MAX_LABEL:
        return f"a label is up to {MAX_LABEL} characters on one line"
    return None


def clash(rules: Sequence[ReminderRule], at: time, days: frozenset[int], own_id: str = "") -> bool:
    """True when another reminder already comes at `at` on exactly `days`."""
    return any((rule.time, rule.weekdays) == (at, days) and rule.id != own_id for rule in rules)


def add(rules: Reminders, rule: ReminderRule) -> Reminders:
    """`rules` with `rule` added in its place; refused when full or a twin exists."""
    if any(other.id == rule.id for other in rules):
        return replace(rules, rule)
    if len(rules) >= MAX_REMINDERS:
        raise ReminderListError(f"you already have {MAX_REMINDERS} reminders, the most kept")
    if clash(rules, rule.time, rule.weekdays):
        raise ReminderListError(f"you already have a reminder at {rule.time_text} on these days")
    problem = label_problem(rule.label)
    if problem is not None:
        raise ReminderListError(problem)
    return ordered((*rules, rule))


def replace(rules: Reminders, rule: ReminderRule) -> Reminders:
    """`rules` with the reminder of the same id replaced (added when it has gone meanwhile)."""
    others = tuple(other for other in rules if other.id != rule.id)
    if len(others) == len(rules):
        return add(rules, rule)
    return ordered((*others, rule))


def remove(rules: Reminders, rule_id: str) -> Reminders:
    """`rules` without the reminder `rule_id` (unchanged when it is already gone)."""
    return tuple(rule for rule in rules if rule.id != rule_id)


def set_enabled(rules: Reminders, rule_id: str, on: bool) -> Reminders:
    """`rules` with one reminder switched on or off (paused), the rest untouched."""
    return tuple(
        ReminderRule(rule.id, rule.time, rule.weekdays, on, rule.label, rule.routine_id)
        if rule.id == rule_id
        else rule
        for rule in rules
    )


def numbered(rules: Reminders, number: int) -> ReminderRule:
    """Reminder `number` (1-based, as `backcare remind list` shows them)."""
    if not 1 <= number <= len(rules):
        have = "no reminders" if not rules else f"{len(rules)}"
        raise ReminderListError(
            f"there is no reminder {number} (you have {have}; see 'backcare remind list')"
        )
    return rules[number - 1]


def number_of(rules: Reminders, rule_id: str) -> int:
    """The 1-based number `backcare remind list` shows for `rule_id`, or 0 when absent."""
    for index, rule in enumerate(rules, start=1):
        if rule.id == rule_id:
            return index
    return 0


def offer_words(rule: ReminderRule, routine_name: str) -> str:
    """What a reminder offers, worded once for every view: 'After work · Desk break'."""
    return f"{rule.label} · {routine_name}" if rule.label else routine_name


def routine_of(rule: ReminderRule, default_routine: str) -> str:
    """The routine a reminder offers: its own, or the person's default."""
    return rule.routine_id or default_routine


# -- reading what a file holds --------------------------------------------------------------


def read_reminders(raw: object) -> tuple[Reminders, list[str]]:
    """The reminders in stored data, and what had to be left out.

    Lenient, record by record: a record of the wrong shape at any depth, a twin id, or one
    past the most kept is dropped and named in the problems; the rest are kept, in order.
    """
    if not isinstance(raw, list | tuple):
        return (), [f"expected a list of reminders, got a {type(raw).__name__}"]
    rules: list[ReminderRule] = []
    problems: list[str] = []
    seen: set[str] = set()
    for position, item in enumerate(raw, start=1):
        try:
            rule = _one_record(item)
        except ReminderRuleError as error:
            problems.append(f"reminder {position} was left out ({error})")
            continue
        if rule.id in seen:
            problems.append(f"reminder {position} was left out (a second one with its id)")
            continue
        if len(rules) >= MAX_REMINDERS:
            problems.append(f"reminders after the first {MAX_REMINDERS} were left out")
            break
        seen.add(rule.id)
        rules.append(rule)
    return ordered(rules), problems


def check_reminders(value: object) -> Reminders:
    """Reminders given by code: every one must be valid (raises ValueError naming why)."""
    if not isinstance(value, list | tuple):
        raise ValueError(f"expected a list of reminders, got a {type(value).__name__}")
    if len(value) > MAX_REMINDERS:
        raise ValueError(f"expected up to {MAX_REMINDERS} reminders")
    rules = tuple(_one_record(item) for item in value)
    if len({rule.id for rule in rules}) != len(rules):
        raise ValueError("two reminders share an id")
    return ordered(rules)


def _one_record(item: object) -> ReminderRule:
    if isinstance(item, ReminderRule):
        return item
    if isinstance(item, Mapping):
        texts = sum(len(value) for value in item.values() if isinstance(value, str))
        if texts > MAX_RECORD_CHARS:
            raise ReminderRuleError("far larger than any real reminder")
    return ReminderRule.from_dict(item)
