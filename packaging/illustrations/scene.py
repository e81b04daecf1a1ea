"""What one picture is made of, and the stances several pictures share.

A Scene is data: the figure's pose plus props, glows and arrows placed at named depths. The
generator stacks them, adds the backdrop and floor, and mirrors per-side scenes.
"""

from __future__ import annotations

from dataclasses import dataclass

from body import SIDES, Frame
from figure import Arm, Leg, Pose
from geometry import Vec, add
from props import GROUND_Y
from svg import Element

# Depths of things a scene adds around the figure (the figure uses 10-50).
BEHIND = 5.0  # props and the hidden half of arrows, behind the body
GLOW = 40.0  # over the trunk, under the arms and hands that work on it
UNDER_HANDS = 45.0  # a track the hands move along, drawn beneath them
FRONT_PROP = 55.0
MARKS = 70.0

STAND_PELVIS: Vec = (240.0, 186.0)
ANKLE_Y = GROUND_Y - 9.0
SEAT_Y = 262.0  # top of the chair seat


@dataclass(frozen=True)
class Scene:
    """One technique picture, drawn for the person's LEFT side when `per_side`."""

    technique: str
    title: str
    per_side: bool
    pose: Pose
    items: tuple[tuple[float, Element], ...] = ()
    backdrop: tuple[float, float, float, float] = (240.0, 188.0, 170.0, 146.0)
    shadow: tuple[float, float] | None = None
    floor: bool = True
    lift: float = 0.0  # move the whole scene up, so low poses sit in the middle of the frame


def standing_legs(frame: Frame, spread: float = 3.0) -> tuple[Leg, Leg]:
    """Feet under the hips, the way a person stands at ease (front or back view)."""
    left = frame.hip("left")
    right = frame.hip("right")
    out_l = 1.0 if left[0] > frame.pelvis[0] else -1.0
    return (
        Leg((left[0] + out_l * spread, ANKLE_Y)),
        Leg((right[0] - out_l * spread, ANKLE_Y)),
    )


def hanging_arms(frame: Frame, out: float = 9.0, drop: float = 96.0) -> tuple[Arm, Arm]:
    """Arms relaxed at the sides, elbows soft, palms toward the thighs."""
    arms = []
    for side in SIDES:
        shoulder = frame.shoulder(side)
        sign = 1.0 if shoulder[0] > frame.pelvis[0] else -1.0
        wrist = add(shoulder, (sign * out, drop))
        arms.append(
            Arm(wrist, bend=int(sign), hand="relaxed", hand_angle=90 - sign * 6, thumb=-int(sign))
        )
    return arms[0], arms[1]


def seated_front_legs(frame: Frame, knee_out: float = 4.0) -> tuple[Leg, Leg]:
    """Thighs coming toward the viewer (short), shins straight down to the floor."""
    legs = []
    for side in SIDES:
        hip = frame.hip(side)
        sign = 1.0 if hip[0] > frame.pelvis[0] else -1.0
        knee = (hip[0] + sign * knee_out, hip[1] + 12)
        ankle = (knee[0] + sign * 2, ANKLE_Y)
        legs.append(Leg(ankle, knee=knee, depth="forward"))
    return legs[0], legs[1]
