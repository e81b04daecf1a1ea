"""Wording shared by several views: durations, equipment and pressure in plain words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

EQUIPMENT_WORDS = {
    "massage_ball": "Massage ball",
    "foam_roller": "Foam roller",
    "wall": "A wall",
    "chair": "A chair",
    "mat": "A mat",
    "none": "No equipment",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("BackCare", text)


def minutes_text(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    return tr("%n min").replace("%n", str(minutes))


def duration_text(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return tr("%n s").replace("%n", str(seconds))
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"


def spoken_duration(seconds: float) -> str:
    """A length to read in a sentence ("12 minutes"), where "12:00" would read as a time."""
    seconds = round(seconds)
    if seconds < 60:
        return tr("%n seconds").replace("%n", str(seconds))
    minutes = round(seconds / 60)
    return tr("1 minute") if minutes == 1 else tr("%n minutes").replace("%n", str(minutes))


def equipment_text(equipment: tuple[str, ...]) -> list[str]:
    if not equipment:
        return [tr("No equipment")]
    return [
        tr(EQUIPMENT_WORDS.get(item, item.replace("_", " ").capitalize())) for item in equipment
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
