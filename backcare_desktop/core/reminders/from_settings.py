"""What the reminder scheduler takes from the settings: the valid rules and the grace window.

The reminders' own module is imported only when these are first called, so reading the
settings at start-up does not pay for it.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from backcare_desktop.core.settings.preferences import Preferences

if TYPE_CHECKING:
    from backcare_desktop.core.reminders.scheduler import ReminderRule

log = logging.getLogger(__name__)


def rules_from(prefs: Preferences) -> list[ReminderRule]:
    """The valid reminder rules in the settings; a damaged one is logged and left out."""
    from backcare_desktop.core.reminders.scheduler import ReminderRule, ReminderRuleError

    rules: list[ReminderRule] = []
    seen: set[str] = set()
    for data in prefs.reminder_dicts():
        try:
            rule = ReminderRule.from_dict(data)
        except ReminderRuleError as error:
            log.warning("a saved reminder was ignored: %s", error)
            continue
        if rule.id in seen:
            log.warning("a second reminder with id %r was ignored", rule.id)
            continue
        seen.add(rule.id)
        rules.append(rule)
    return rules


def grace_of(prefs: Preferences) -> timedelta:
    """The catch-up window; the scheduler needs at least its on-time window (2 min)."""
    from backcare_desktop.core.reminders.scheduler import ON_TIME

    return max(ON_TIME, timedelta(minutes=min(prefs.reminder_grace_minutes, 24 * 60)))
