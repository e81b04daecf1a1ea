"""`backcare remind ...`: reminders from a terminal, for people who script.

    backcare remind list
    backcare remind add HH:MM [--days mon-fri] [--routine ID] [--label TEXT]
    backcare remind remove N
    backcare remind next

It edits the very settings file the app uses, with the store's locked read-modify-write, so it
is safe while the app runs; the running app notices the change and follows it. Bad input gets
one clear line on stderr and exit code 2. No Qt is imported on this path, so it answers fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from backcare_desktop.cli.parser import UsageError
from backcare_desktop.core.plain_text import refused_characters
from backcare_desktop.core.reminders.scheduler import (
    ReminderRule,
    ReminderRuleError,
    format_days,
    parse_days,
    parse_time,
    when_from_now,
)
from backcare_desktop.core.settings.preferences import MAX_REMINDERS, Preferences
from backcare_desktop.paths import AppPaths

if TYPE_CHECKING:
    from backcare_desktop.storage.notices import StoreNotice
    from backcare_desktop.storage.store import PreferencesStore

PROG = "backcare remind"
MAX_LABEL = 60


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    """Run one `backcare remind` command (parsed by cli/parser.py); returns the exit code.

    UsageError and failures of the files propagate: __main__ turns them into one line."""
    return _COMMANDS[args.remind_command](args, paths)


# -- the commands --------------------------------------------------------------------------------


def _store(paths: AppPaths) -> PreferencesStore:
    from backcare_desktop.storage.store import PreferencesStore

    return PreferencesStore.in_data_dir(paths)


Entry = tuple[dict[str, Any], ReminderRule | str]
"""A saved reminder: its data, and its rule or the reason it cannot be read."""


def _entries(prefs: Preferences) -> list[Entry]:
    """Each saved reminder, in the file's order (the numbers `list` shows)."""
    entries: list[Entry] = []
    for data in prefs.reminder_dicts():
        try:
            entries.append((data, ReminderRule.from_dict(data)))
        except ReminderRuleError as error:
            entries.append((data, str(error)))
    return entries


def _offers(rule: ReminderRule, routine_names: dict[str, str], default_routine: str) -> str:
    """What the reminder offers: 'After work · Desk break', 'Daily back reset (your default)'."""
    routine = rule.routine_id or default_routine
    name = routine_names.get(routine, routine)
    if rule.routine_id is None:
        name = f"{name} (your default)"
    return f"{rule.label} · {name}" if rule.label else name


def _describe(rule: ReminderRule, routine_names: dict[str, str], default_routine: str) -> str:
    """One line of `list`: time, days, what it offers, and [off] when switched off."""
    text = (
        f"{rule.time_text}  {format_days(rule.weekdays):<15}"
        f"{_offers(rule, routine_names, default_routine)}"
    )
    return text if rule.enabled else f"{text}  [off]"


def _routine_names() -> dict[str, str]:
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.resources import assets_dir

    return {routine.id: routine.name for routine in load_library(assets_dir()).routines}


def cmd_list(args: argparse.Namespace, paths: AppPaths) -> int:
    prefs, notices = _store(paths).load()
    _print_notices(notices)
    entries = _entries(prefs)
    if not entries:
        print("No reminders yet. Add one with: backcare remind add 19:00 --days mon-fri")
        return 0
    names = _routine_names()
    width = len(str(len(entries)))
    for number, (_data, rule) in enumerate(entries, start=1):
        if isinstance(rule, str):
            print(f"{number:>{width}}  (cannot be read: {rule})")
        else:
            print(f"{number:>{width}}  {_describe(rule, names, prefs.default_routine)}")
    return 0


def cmd_add(args: argparse.Namespace, paths: AppPaths) -> int:
    try:
        at = parse_time(args.time)
        days = parse_days(args.days)
    except ReminderRuleError as error:
        raise UsageError(str(error)) from None
    label = args.label.strip()
    refused = refused_characters(label)
    if refused:
        raise UsageError(
            f"label: control or text-direction characters are not allowed ({', '.join(refused)})"
        )
    if len(label) > MAX_LABEL:
        raise UsageError(f"label: expected up to {MAX_LABEL} characters on one line")
    names = _routine_names()
    if args.routine is not None and args.routine not in names:
        known = ", ".join(names)
        raise UsageError(f"unknown routine '{args.routine}' (choose from: {known})")
    import secrets

    rule = ReminderRule(
        id="r" + secrets.token_hex(4),
        time=at,
        weekdays=days,
        label=label,
        routine_id=args.routine,
    )
    added: list[int] = []

    def change(prefs: Preferences) -> Preferences:
        entries = _entries(prefs)
        if len(entries) >= MAX_REMINDERS:
            raise UsageError(f"you already have {MAX_REMINDERS} reminders, the most kept")
        for _data, other in entries:
            if not isinstance(other, str) and (other.time, other.weekdays) == (at, days):
                raise UsageError(f"you already have a reminder at {rule.time_text} on these days")
        position = _position_for(rule, entries)
        data = [entry[0] for entry in entries]
        data.insert(position, rule.to_dict())
        added.append(position + 1)
        return prefs.with_changes(reminders=data)

    store = _store(paths)
    prefs = store.update(change)
    _print_notices(store.take_notices())
    what = _offers(rule, names, prefs.default_routine)
    print(f"Added reminder {added[0]}: {rule.time_text} {format_days(rule.weekdays)}, {what}")
    return 0


def _position_for(rule: ReminderRule, entries: list[Entry]) -> int:
    """Keep reminders in order of time (the app's page keeps the same order)."""
    key = _order(rule)
    for index, (_data, other) in enumerate(entries):
        if not isinstance(other, str) and _order(other) > key:
            return index
    return len(entries)


def _order(rule: ReminderRule) -> tuple[Any, ...]:
    return (rule.time, sorted(rule.weekdays), rule.label, rule.id)


def cmd_remove(args: argparse.Namespace, paths: AppPaths) -> int:
    text = args.number.strip()
    if not text.isdigit() or int(text) < 1:
        raise UsageError(
            f"N: expected a reminder's number from 'backcare remind list', got {text!r}"
        )
    number = int(text)
    removed: list[ReminderRule | str] = []

    def change(prefs: Preferences) -> Preferences:
        entries = _entries(prefs)
        if number > len(entries):
            have = "no reminders" if not entries else f"{len(entries)}"
            raise UsageError(
                f"there is no reminder {number} (you have {have}; see 'backcare remind list')"
            )
        removed.append(entries[number - 1][1])
        data = [entry[0] for index, entry in enumerate(entries) if index != number - 1]
        return prefs.with_changes(reminders=data)

    store = _store(paths)
    store.update(change)
    _print_notices(store.take_notices())
    rule = removed[0]
    if isinstance(rule, str):
        print(f"Removed reminder {number} (it could not be read).")
    else:
        print(f"Removed reminder {number}: {rule.time_text}.")
    return 0


def cmd_next(args: argparse.Namespace, paths: AppPaths) -> int:
    from backcare_desktop.core.clock import SystemClock
    from backcare_desktop.core.reminders.scheduler import ReminderScheduler
    from backcare_desktop.services.desktop.time_zone import read_local_zone
    from backcare_desktop.storage.reminder_state import TinyDBReminderState

    prefs, notices = _store(paths).load()
    _print_notices(notices)
    rules: dict[str, ReminderRule] = {}
    for _data, rule in _entries(prefs):
        if not isinstance(rule, str):
            rules.setdefault(rule.id, rule)
    if not any(rule.enabled for rule in rules.values()):
        print("No reminder is set. Add one with: backcare remind add 19:00 --days mon-fri")
        return 0
    clock = SystemClock()
    state = TinyDBReminderState.in_data_dir(paths, clock)
    zone = read_local_zone()
    if zone.problem:
        print(f"{PROG}: note: {zone.problem}", file=sys.stderr)
    scheduler = ReminderScheduler(rules.values(), state, zone.zone)
    now = clock.now()
    upcoming = scheduler.upcoming(now)
    paused = scheduler.paused_until(now)
    _print_notices(state.take_notices())  # a damaged state file was set aside: say so once
    if upcoming is None:  # pragma: no cover - an enabled rule always comes again
        print("No reminder is coming up.")
        return 0
    rule, when = upcoming
    names = _routine_names()
    routine = names.get(rule.routine_id or prefs.default_routine, "your routine")
    what = f"{rule.label} · {routine}" if rule.label else routine
    if paused is not None:
        until, then = when_from_now(paused, now), when_from_now(when, now)
        print(f"Reminders are paused until {until}. Then: {then} ({what})")
    else:
        print(f"Next reminder: {when_from_now(when, now)} ({what})")
    return 0


def _print_notices(notices: Sequence[StoreNotice]) -> None:
    for notice in notices:
        if notice.needs_dialog:
            print(f"{PROG}: note: {notice.message}", file=sys.stderr)


_COMMANDS: dict[str, Callable[[argparse.Namespace, AppPaths], int]] = {
    "list": cmd_list,
    "add": cmd_add,
    "remove": cmd_remove,
    "next": cmd_next,
}
