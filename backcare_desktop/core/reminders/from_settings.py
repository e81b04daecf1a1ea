"""What the reminder scheduler takes from the settings: the rules and the grace window.

The settings already hold only valid, uniquely named rules (reminder_list.read_reminders left
the damaged ones out while reading the file, and said so), so nothing is parsed again here.
"""

from __future__ import annotations

from datetime import timedelta

from backcare_desktop.core.reminders.rules import ReminderRule
from backcare_desktop.core.settings.preferences import Preferences


def rules_from(prefs: Preferences) -> list[ReminderRule]:
    """The reminder rules, in the list's order."""
    return list(prefs.reminders)


def grace_of(prefs: Preferences) -> timedelta:
    """The catch-up window; the scheduler needs at least its on-time window (2 min)."""
    from backcare_desktop.core.reminders.scheduler import ON_TIME

    return max(ON_TIME, timedelta(minutes=prefs.reminder_grace_minutes))
