"""Every setting declared once: its key, type, default, bounds, label and help.

Like qutebrowser's configdata.yml, this table is the single source the rest reads: the
defaults, the checks that a stored value fits, the settings form's ranges and the words that
describe a setting all come from here. Adding a setting means adding one entry (and a field on
`Preferences`, which a test keeps in step with this table).

Each entry has two ways of checking a value: `check` is strict (a value the app itself offers
that does not fit is a programming mistake), `read` is forgiving (a value from the person's
file that does not fit falls back to the default, part by part where the setting has parts,
with a sentence saying why).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

from backcare_desktop.core.reminders.reminder_list import check_reminders, read_reminders
from backcare_desktop.core.settings.shown import shown
from backcare_desktop.core.settings.todays_choice import check_todays_choice

THEMES: Final = ("system", "light", "dark", "dim", "contrast")
DESKTOP_THEMES: Final = ("unknown", "light", "dark", "contrast")
"""What the desktop can ask for (its colour scheme, or high contrast); unknown until asked."""
VOLUME_NAMES: Final = ("music", "cues", "chimes")
MAX_FAVOURITES: Final = 100
MAX_TEXT: Final = 4096
_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


@dataclass(frozen=True)
class Volumes:
    """Loudness of each sound layer, 0 (silent) to 1 (full)."""

    music: float
    cues: float
    chimes: float


Reading = tuple[object, list[str]]
"""A value read from a file, and the problems found (each ends in what was used instead)."""


@dataclass(frozen=True)
class Setting:
    """One setting: what it is called, what it holds, and how a value is checked."""

    key: str
    kind: str
    """'bool', 'int', 'id', 'text', 'choice', 'volumes', 'ids', 'reminders' or 'picks'."""
    default: object
    label: str
    help: str
    check: Callable[[object], object]
    bounds: tuple[int, int] | None = None
    choices: tuple[str, ...] = ()
    salvage: Callable[[object, object], Reading] | None = field(default=None, repr=False)
    """For settings with parts: keeps the good parts of a partly bad value."""

    def read(self, raw: object) -> Reading:
        """A stored value checked; a bad one falls back to the default, with the reason."""
        if self.salvage is not None:
            return self.salvage(raw, self.default)
        try:
            return self.check(raw), []
        except ValueError as error:
            return self.default, [f"{error}; using the default ({shown(self.default)})"]


# ----------------------------------------------------------------------------- value checks
# Each takes a raw value (from JSON or from Python code) and returns the normalised value, or
# raises ValueError with a reason a person could act on.


def check_bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {shown(value)}")
    return value


def int_range(low: int, high: int) -> Callable[[object], int]:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"expected a whole number from {low} to {high}, got {shown(value)}")
        return value

    return check


def check_id(value: object) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ValueError(f"expected an id such as 'daily_back_reset', got {shown(value)}")
    return value


def saveable(value: str) -> bool:
    """False for text that could never be written back, such as a lone surrogate."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_text_or_none(value: object) -> str | None:
    if value is None:
        return None
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > MAX_TEXT
        or any(ord(c) < 32 for c in value)
        or not saveable(value)
    ):
        raise ValueError(f"expected a short text or null, got {shown(value)}")
    return value


def choice_of(choices: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, got {shown(value)}")
        return value

    return check


def check_volume(value: object) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 <= value <= 1
    ):
        raise ValueError(f"expected a number from 0 to 1, got {shown(value)}")
    return float(value)


def check_volumes(value: object) -> Volumes:
    if isinstance(value, Volumes):
        return Volumes(*(check_volume(getattr(value, name)) for name in VOLUME_NAMES))
    if not isinstance(value, Mapping) or set(value) != set(VOLUME_NAMES):
        raise ValueError(f"expected music, cues and chimes volumes, got {shown(value)}")
    return Volumes(*(check_volume(value[name]) for name in VOLUME_NAMES))


def salvage_volumes(value: object, default: object) -> Reading:
    """Volumes fall back one by one: a bad music level keeps the chimes level."""
    assert isinstance(default, Volumes)
    if not isinstance(value, Mapping):
        return default, [f"expected an object, got {shown(value)}; using the defaults"]
    levels: list[float] = []
    problems: list[str] = []
    for name in VOLUME_NAMES:
        fallback: float = getattr(default, name)
        if name not in value:
            levels.append(fallback)
            continue
        try:
            levels.append(check_volume(value[name]))
        except ValueError as error:
            problems.append(f"{name}: {error}; using the default ({fallback})")
            levels.append(fallback)
    return Volumes(*levels), problems


def check_favourites(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or len(value) > MAX_FAVOURITES:
        raise ValueError(f"expected a list of up to {MAX_FAVOURITES} oil ids, got {shown(value)}")
    ids = [check_id(item) for item in value]
    return tuple(dict.fromkeys(ids))


def salvage_reminders(value: object, default: object) -> Reading:
    """Reminders are kept record by record: a damaged one is left out, never all of them."""
    rules, problems = read_reminders(value)
    if not isinstance(value, list | tuple):
        return default, [f"{problems[0]}; using the default ({shown(default)})"]
    if not problems:
        return rules, []
    return rules, ["; ".join(problems) + f"; the other {len(rules)} kept"]


# ----------------------------------------------------------------------------- the table


def switch(key: str, default: bool, label: str, help: str) -> Setting:
    """An on/off setting: its kind and its check always go together."""
    return Setting(key, "bool", default, label, help, check_bool)


ROUTINE_MINUTES: Final = (5, 30)
TEXT_SCALE: Final = (100, 200)
"""Text size as a percentage of the system's; every page's text and controls follow it."""
GRACE_MINUTES: Final = (15, 240)
"""How long a missed reminder is still offered; the form and every reader use this range."""

SETTINGS: Final[tuple[Setting, ...]] = (
    Setting(
        "favourite_oils", "ids", ("lavender",), "Favourite oils",
        "The oils offered first when preparing a session.", check_favourites,
    ),
    Setting(
        "routine_minutes", "int", 12, "Routine length",
        "Full routines stretch or shrink to this many minutes.",
        int_range(*ROUTINE_MINUTES), bounds=ROUTINE_MINUTES,
    ),
    Setting(
        "default_routine", "id", "daily_back_reset", "Default routine",
        "The routine offered first, and by reminders that name none.", check_id,
    ),
    Setting(
        "breathing_pattern", "id", "resonance", "Breathing rhythm",
        "The rhythm the breathing guide follows.", check_id,
    ),
    Setting(
        "todays_choice", "picks", None, "Today's tense areas",
        "Where the back felt tense today, picked on the body map, with the time and equipment; "
        "forgotten the next day.", check_todays_choice,
    ),
    Setting(
        "volumes", "volumes", Volumes(0.6, 0.8, 0.7), "Volumes",
        "Loudness of music, spoken cues and chimes, each from 0 to 1.",
        check_volumes, salvage=salvage_volumes,
    ),
    switch("muted", False, "Mute", "Silences every sound at once."),
    Setting(
        "music_track", "text", None, "Music",
        "The music played during a session (none when empty).", check_text_or_none,
    ),
    Setting(
        "music_folder", "text", None, "Own music folder",
        "A folder of the person's own music.", check_text_or_none,
    ),
    switch("chimes_enabled", True, "Chimes", "A soft chime between the steps of a routine."),
    switch("reduced_motion", False, "Reduce motion", "No moving shapes on screen."),
    Setting(
        "theme", "choice", "system", "Theme", "The colours of the app.",
        choice_of(THEMES), choices=THEMES,
    ),
    Setting(
        "text_scale", "int", 100, "Text size",
        "Every page's text, as a percentage of the system's text size.",
        int_range(*TEXT_SCALE), bounds=TEXT_SCALE,
    ),
    switch(
        "tension_rating", True, "Rate tension",
        "Ask how tense the back feels before and after.",
    ),
    switch(
        "pause_when_away", True, "Pause when away",
        "Pause a running session when the screen locks or the computer goes to sleep.",
    ),
    switch("start_minimized", False, "Start in the tray", "Open to the tray instead of a window."),
    switch("start_at_login", False, "Start at login", "Open BackCare when the person logs in."),
    Setting(
        "reminders", "reminders", (), "Reminders",
        "Daily times at which BackCare offers a routine.", check_reminders,
        salvage=salvage_reminders,
    ),
    Setting(
        "reminder_grace_minutes", "int", 120, "Catch-up time",
        "A reminder missed while the computer slept is still offered within this many minutes.",
        int_range(*GRACE_MINUTES), bounds=GRACE_MINUTES,
    ),
    switch(
        "first_run_acknowledged", False, "Safety notice read",
        "The person has read the first-run safety notice.",
    ),
    Setting(
        "window_geometry", "text", None, "Window size and place",
        "Where the window was and how big, kept from the last time it closed.",
        check_text_or_none,
    ),
    Setting(
        "desktop_theme", "choice", "unknown", "Desktop's theme",
        "The theme the desktop asked for when BackCare last looked; the next start paints in it "
        "at once and looks again after.",
        choice_of(DESKTOP_THEMES), choices=DESKTOP_THEMES,
    ),
)  # fmt: skip

BY_KEY: Final[Mapping[str, Setting]] = {setting.key: setting for setting in SETTINGS}


def bounds_of(key: str) -> tuple[int, int]:
    """The range a whole-number setting allows (the settings form's spin boxes use it)."""
    bounds = BY_KEY[key].bounds
    if bounds is None:
        raise KeyError(f"'{key}' has no range")
    return bounds
