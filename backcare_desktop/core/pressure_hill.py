"""The order of pressure within a region: the picked techniques in rounds, each round rising
one level of intensity at a time to its firmest and easing back down.

The composer (composer.py) picks which techniques a region gets; this only orders them, so a
routine builds and eases like a massage instead of jumping between firm and gentle work. Any
jump left between regions is bridged by the composer.
"""

from __future__ import annotations

from collections.abc import Sequence

from backcare_desktop.core.routine import Technique


def rounds(chosen: Sequence[Technique]) -> list[list[Technique]]:
    """The picks split into rounds in which each technique comes once, so a second round of
    the same techniques follows the first instead of repeating each one in place."""
    result: list[list[Technique]] = []
    for technique in chosen:
        for round_ in result:
            if technique not in round_:
                round_.append(technique)
                break
        else:
            result.append([technique])
    return result


def hill(chosen: Sequence[Technique]) -> list[Technique]:
    """Up to the firmest technique one level at a time, then back down with the rest."""
    ordered = sorted(chosen, key=lambda t: t.intensity)  # stable: ties keep the seeded order
    peak = max(t.intensity for t in ordered)
    up: list[Technique] = []
    down: list[Technique] = []
    levels: set[int] = set()
    for technique in ordered:
        if technique.intensity < peak and technique.intensity in levels:
            down.append(technique)
        else:
            up.append(technique)
            levels.add(technique.intensity)
    down.sort(key=lambda t: -t.intensity)
    return up + down
