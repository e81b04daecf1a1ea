"""The answers a person can give a reminder, and the keys they travel under.

One list for every place that offers them. The desktop notification carries three (its
"Snooze 10 min" is the plain "snooze" key); the in-window banner and the tray offer every snooze
length. Keys are plain strings because the notification's come back over D-Bus.
"""

from __future__ import annotations

from backcare_desktop.core.reminders.scheduler import SNOOZE_MINUTES
from backcare_desktop.core.translatable import QT_TR_NOOP

DEFAULT_SNOOZE_MINUTES = 10
"""What a plain "snooze" (the notification's action, the banner's button) means."""


def snooze_key(minutes: int) -> str:
    """The answer for snoozing `minutes`: "snooze" for the default 10, else "snooze-N"."""
    return "snooze" if minutes == DEFAULT_SNOOZE_MINUTES else f"snooze-{minutes}"


def snooze_minutes(key: str) -> int | None:
    """The minutes a snooze answer asks for ("snooze", "snooze-5", "snooze-10", ...), or None
    when `key` is not one (other numbers than the scheduler's choices are refused)."""
    if key == "snooze":
        return DEFAULT_SNOOZE_MINUTES
    return {f"snooze-{minutes}": minutes for minutes in SNOOZE_MINUTES}.get(key)


ANSWERS: tuple[tuple[str, str], ...] = (
    ("start", QT_TR_NOOP("Start now")),
    *((snooze_key(minutes), f"Snooze {minutes} min") for minutes in SNOOZE_MINUTES),
    ("skip", QT_TR_NOOP("Skip today")),
)
"""Every answer, in the order menus show them (texts are translated where shown)."""

NOTIFICATION_ANSWERS: tuple[tuple[str, str], ...] = (
    ANSWERS[0],
    (snooze_key(DEFAULT_SNOOZE_MINUTES), QT_TR_NOOP("Snooze 10 min")),
    ANSWERS[-1],
)
"""The three a desktop notification carries: start, the default snooze, skip."""
