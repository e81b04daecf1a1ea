"""Translation and shared wording for the views: durations, equipment, pressure, numbers.

`tr` and `translated` themselves live in app/translate.py (the app layer words things too);
they are handed on from here, with the rules for writing strings lupdate can extract.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

from backcare_desktop.app.translate import tr as tr
from backcare_desktop.app.translate import translated as translated
from backcare_desktop.core.routine import Side, Step
from backcare_desktop.core.translatable import QT_TR_NOOP as QT_TR_NOOP
from backcare_desktop.core.translatable import fill as fill


def step_title(step: Step) -> str:
    """A step's name, with the side it works on ("Kneading — left side")."""
    name = step.technique.name
    if step.side is Side.LEFT:
        return tr("%1 — left side", name)
    if step.side is Side.RIGHT:
        return tr("%1 — right side", name)
    return name


def number_text(value: float, places: int | None = None) -> str:
    """A number written the person's way ("2.5" or "2,5"): `places` decimals, or as short as
    it reads exactly when None."""
    if places is None:
        return QLocale().toString(float(value), "g", 6)
    return QLocale().toString(float(value), "f", places)


EQUIPMENT_WORDS = {
    "massage_ball": QT_TR_NOOP("Massage ball"),
    "foam_roller": QT_TR_NOOP("Foam roller"),
    "wall": QT_TR_NOOP("A wall"),
    "chair": QT_TR_NOOP("A chair"),
    "mat": QT_TR_NOOP("A mat"),
    "none": QT_TR_NOOP("No equipment"),
}


def minutes_text(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    return tr("%n min", None, minutes)


def duration_text(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return tr("%n s", None, seconds)
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"


def spoken_duration(seconds: float) -> str:
    """A length to read in a sentence, as exact as the clock beside it: "1 minute 13 seconds"
    next to 1:13, never "1 minute" (a sentence that rounds disagrees with the figure)."""
    seconds = round(seconds)
    minutes, rest = divmod(seconds, 60)
    minute_words = tr("1 minute") if minutes == 1 else tr("%n minutes", None, minutes)
    second_words = tr("1 second") if rest == 1 else tr("%n seconds", None, rest)
    if minutes == 0:
        return second_words
    if rest == 0:
        return minute_words
    return tr("%1 %2", minute_words, second_words)


def equipment_text(equipment: tuple[str, ...]) -> list[str]:
    if not equipment:
        return [tr("No equipment")]
    return [
        translated(EQUIPMENT_WORDS[item])
        if item in EQUIPMENT_WORDS
        else item.replace("_", " ").capitalize()
        for item in equipment
    ]


def pressure_text(intensity: int) -> str:
    if intensity <= 1:
        return tr("Very gentle")
    if intensity == 2:
        return tr("Gentle")
    if intensity == 3:
        return tr("Moderate")
    return tr("Firm")


def greeting(hour: int) -> str:
    """Words for the time of day; the small hours get their own, not "Good evening" at 02:00."""
    if hour < 5:
        return tr("Hello, night owl")
    if hour < 12:
        return tr("Good morning")
    if 12 <= hour < 18:
        return tr("Good afternoon")
    return tr("Good evening")
