"""The regions of the back a person can pick on the body map, and how the app names them.

One list serves the technique library (each technique says which regions it works), the
composer, the body map and the command line, so "between the shoulder blades" means the same
thing everywhere. The words are marked for translation and translated where they are shown.
"""

from __future__ import annotations

from typing import Final

from backcare_desktop.core.translatable import QT_TR_NOOP

REGIONS: Final = (
    "neck",
    "shoulders",
    "upper_back",
    "between_shoulder_blades",
    "mid_back",
    "lower_back",
    "glutes",
)
"""Top to bottom; "glutes" stands for the hips and glutes."""

REGION_NAMES: Final = {
    "neck": QT_TR_NOOP("Neck"),
    "shoulders": QT_TR_NOOP("Shoulders"),
    "upper_back": QT_TR_NOOP("Upper back"),
    "between_shoulder_blades": QT_TR_NOOP("Between the shoulder blades"),
    "mid_back": QT_TR_NOOP("Mid back"),
    "lower_back": QT_TR_NOOP("Lower back"),
    "glutes": QT_TR_NOOP("Hips and glutes"),
}
"""What the body map and lists call each region."""

FOR_REGION: Final = {
    "neck": QT_TR_NOOP("for your neck"),
    "shoulders": QT_TR_NOOP("for your shoulders"),
    "upper_back": QT_TR_NOOP("for your upper back"),
    "between_shoulder_blades": QT_TR_NOOP("for the space between your shoulder blades"),
    "mid_back": QT_TR_NOOP("for your mid back"),
    "lower_back": QT_TR_NOOP("for your lower back"),
    "glutes": QT_TR_NOOP("for your hips and glutes"),
}
"""Why a composed step is there, when it works a region the person chose."""


def parse_regions(text: str) -> tuple[str, ...]:
    """Region ids from a comma-separated list ("neck,shoulders"), in the order given.

    Raises ValueError naming the first unknown or repeated id, in words a person can act on.
    """
    chosen: list[str] = []
    for raw in text.split(","):
        region = raw.strip()
        if not region:
            continue
        if region not in REGIONS:
            raise ValueError(f"unknown area {region!r} (known areas: {', '.join(REGIONS)})")
        if region in chosen:
            raise ValueError(f"the area {region!r} is named twice")
        chosen.append(region)
    return tuple(chosen)
