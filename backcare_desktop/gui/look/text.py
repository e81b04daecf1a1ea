"""Translation and shared wording: the one door every user-visible string goes through.

`pyside6-lupdate` extracts a string only from a call it can read: `tr("literal", ...)`
(filed under the empty context, which is why `CONTEXT` is empty) and `QT_TR_NOOP("literal")`
for words kept in tables and translated when shown. So strings are literals at the call
site, never `tr(variable)`; values go in through Qt's `%1`..`%9`, counts through `%n`.
"""

from __future__ import annotations

from typing import overload

from PySide6.QtCore import QCoreApplication, QLocale

from backcare_desktop.core.routine import Side, Step
from backcare_desktop.core.translatable import QT_TR_NOOP as QT_TR_NOOP
from backcare_desktop.core.translatable import fill as fill

CONTEXT = ""  # lupdate files a module-level tr() under the empty context
Fill = str | int | float


@overload
def tr(source: str, /, *args: Fill) -> str: ...
@overload
def tr(source: str, disambiguation: None, n: int, /, *args: Fill) -> str: ...
def tr(source: str, /, *args: Fill | None) -> str:
    """Translate `source`, then fill %1..%9 with `args` in one pass.

    The plural form mirrors Qt's own `tr(source, disambiguation, n)`, so lupdate marks the
    message as having plural forms: `tr("%n days", None, count, *args)`. One pass means a
    value that itself contains "%2" is shown as it is, never filled again. Pass values as
    expressions, not string literals: lupdate would read a literal second argument as a
    disambiguation.
    """
    n = -1
    if len(args) >= 2 and args[0] is None and isinstance(args[1], int):
        n, args = args[1], args[2:]
    translated = QCoreApplication.translate(CONTEXT, source, None, n)
    return fill(translated, *(arg for arg in args if arg is not None))


def translated(marked: str, *args: Fill) -> str:
    """The translation of a text marked with `QT_TR_NOOP` where it was written down, with
    `args` filled into its %1..%9."""
    return fill(QCoreApplication.translate(CONTEXT, marked), *args)


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
    """A length to read in a sentence ("12 minutes"), where "12:00" would read as a time."""
    seconds = round(seconds)
    if seconds < 60:
        return tr("1 second") if seconds == 1 else tr("%n seconds", None, seconds)
    minutes = round(seconds / 60)
    return tr("1 minute") if minutes == 1 else tr("%n minutes", None, minutes)


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
    if 5 <= hour < 12:
        return tr("Good morning")
    if 12 <= hour < 18:
        return tr("Good afternoon")
    return tr("Good evening")
