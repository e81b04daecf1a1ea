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
from typing import TYPE_CHECKING

from backcare_desktop.cli.parser import UsageError
from backcare_desktop.core.plain_text import refused_characters
from backcare_desktop.core.reminders.reminder_list import (
    MAX_LABEL,
    ReminderChange,
    ReminderListError,
    Reminders,
    add,
    new_id,
    number_of,
    numbered,
    offer_words,
    remove,
    routine_of,
)
from backcare_desktop.core.reminders.rules import (
    ReminderRule,
    ReminderRuleError,
    format_days,
    label_refusal,
    parse_days,
    parse_time,
)
from backcare_desktop.core.reminders.scheduler import when_from_now
from backcare_desktop.core.settings.preferences import Preferences
from backcare_desktop.paths import AppPaths

if TYPE_CHECKING:
    from backcare_desktop.storage.notices import StoreNotice
    from backcare_desktop.storage.store import PreferencesStore

PROG = "backcare remind"


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    """Run one `backcare remind` command (parsed by cli/parser.py); returns the exit code.

    UsageError and failures of the files propagate: __main__ turns them into one line."""
    return _COMMANDS[args.remind_command](args, paths)


# -- the commands --------------------------------------------------------------------------------


def _store(paths: AppPaths) -> PreferencesStore:
    from backcare_desktop.storage.store import PreferencesStore

    return PreferencesStore.in_data_dir(paths)


def _offers(rule: ReminderRule, routine_names: dict[str, str], default_routine: str) -> str:
    """What the reminder offers: 'After work · Desk break', 'Daily back reset (your default)'."""
    routine = routine_of(rule, default_routine)
    name = routine_names.get(routine, routine)
    if rule.routine_id is None:
        name = f"{name} (your default)"
    return offer_words(rule, name)


def _describe(rule: ReminderRule, routine_names: dict[str, str], default_routine: str) -> str:
    """One line of `list`: time, days, what it offers, and [off] when switched off."""
    text = (
        f"{rule.time_text}  {format_days(rule.weekdays):<15}"
        f"{_offers(rule, routine_names, default_routine)}"
    )
    return text if rule.enabled else f"{text}  [off]"


def _routine_names(paths: AppPaths) -> dict[str, str]:
    """Every routine a reminder may offer: the built-in ones and the person's own."""
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.resources import assets_dir
    from backcare_desktop.storage.routine_store import RoutineStore

    library = load_library(assets_dir())
    names = {routine.id: routine.name for routine in library.routines}
    book, _ = RoutineStore.in_data_dir(paths, library).load()
    names.update((draft.id, draft.name) for draft in book.own)
    return names


def cmd_list(args: argparse.Namespace, paths: AppPaths) -> int:
    prefs, notices = _store(paths).load()
    _print_notices(notices)
    rules = prefs.reminders
    if not rules:
        print("No reminders yet. Add one with: backcare remind add 19:00 --days mon-fri")
        return 0
    names = _routine_names(paths)
    width = len(str(len(rules)))
    for number, rule in enumerate(rules, start=1):
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
        raise UsageError(label_refusal(refused))
    if len(label) > MAX_LABEL:
        raise UsageError(f"label: expected up to {MAX_LABEL} characters on one line")
    names = _routine_names(paths)
    if args.routine is not None and args.routine not in names:
        known = ", ".join(names)
        raise UsageError(f"unknown routine '{args.routine}' (choose from: {known})")
    added: list[ReminderRule] = []

    def change(rules: Reminders) -> Reminders:
        rule = ReminderRule(
            id=new_id(other.id for other in rules),
            time=at,
            weekdays=days,
            label=label,
            routine_id=args.routine,
        )
        added[:] = [rule]
        return add(rules, rule)

    store = _store(paths)
    prefs = _apply(store, change)
    _print_notices(store.take_notices())
    rule = added[0]
    what = _offers(rule, names, prefs.default_routine)
    number = number_of(prefs.reminders, rule.id)
    print(f"Added reminder {number}: {rule.time_text} {format_days(rule.weekdays)}, {what}")
    return 0


def cmd_remove(args: argparse.Namespace, paths: AppPaths) -> int:
    text = args.number.strip()
    if not text.isdigit() or int(text) < 1:
        raise UsageError(
            f"N: expected a reminder's number from 'backcare remind list', got {text!r}"
        )
    number = int(text)
    removed: list[ReminderRule] = []

    def change(rules: Reminders) -> Reminders:
        rule = numbered(rules, number)
        removed[:] = [rule]
        return remove(rules, rule.id)

    store = _store(paths)
    _apply(store, change)
    _print_notices(store.take_notices())
    print(f"Removed reminder {number}: {removed[0].time_text}.")
    return 0


def _apply(store: PreferencesStore, change: ReminderChange) -> Preferences:
    """One list operation on the latest saved list, under the lock; a refusal is the
    person's to fix (exit 2), a busy lock is not (exit 1, try again)."""
    try:
        return store.apply(lambda prefs: prefs.with_reminders(change))
    except ReminderListError as error:
        raise UsageError(str(error)) from None


def cmd_next(args: argparse.Namespace, paths: AppPaths) -> int:
    from backcare_desktop.core.clock import SystemClock
    from backcare_desktop.core.reminders.scheduler import ReminderScheduler
    from backcare_desktop.services.desktop.time_zone import read_local_zone
    from backcare_desktop.storage.reminder_state import TinyDBReminderState

    prefs, notices = _store(paths).load()
    _print_notices(notices)
    if not any(rule.enabled for rule in prefs.reminders):
        print("No reminder is set. Add one with: backcare remind add 19:00 --days mon-fri")
        return 0
    clock = SystemClock()
    state = TinyDBReminderState.in_data_dir(paths, clock)
    zone = read_local_zone()
    if zone.problem:
        print(f"{PROG}: note: {zone.problem}", file=sys.stderr)
    scheduler = ReminderScheduler(prefs.reminders, state, zone.zone)
    now = clock.now()
    upcoming = scheduler.upcoming(now)
    paused = scheduler.paused_until(now)
    _print_notices(state.take_notices())  # a damaged state file was set aside: say so once
    if upcoming is None:  # pragma: no cover - an enabled rule always comes again
        print("No reminder is coming up.")
        return 0
    rule, when = upcoming
    names = _routine_names(paths)
    routine = names.get(routine_of(rule, prefs.default_routine), "your routine")
    what = offer_words(rule, routine)
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
