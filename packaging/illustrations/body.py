"""The figure's trunk: where the spine, shoulders, hips and head sit for a given posture.

One set of proportions serves every picture. A posture is a pelvis position plus two spine
angles (pelvis to waist, waist to the base of the neck), so the same trunk can stand, sit, fold
forward, bend sideways or lie on a foam roller. Scenes ask the frame for landmarks ("a point on
the left side of the lower back") instead of hard-coding coordinates, so hands, highlights and
arrows stay on the body when a posture changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from geometry import Vec, add, at, lerp, mul, polar, turn, unit

View = Literal["front", "back", "side"]
Side = Literal["left", "right"]
SIDES: tuple[Side, Side] = ("left", "right")

# Proportions (pixels in the 480 x 360 picture). A standing figure is about 280 px tall.
LOWER_SPINE = 42.0  # pelvis centre to waist
UPPER_SPINE = 48.0  # waist to the base of the neck
NECK = 14.0
HEAD_RADIUS = 23.0
SHOULDER_HALF = 30.5
HIP_HALF = 13.0
UPPER_ARM = 50.0
FOREARM = 44.0
THIGH = 64.0
SHIN = 62.0
TOP = LOWER_SPINE + UPPER_SPINE  # spine length from pelvis to neck base

# Half-widths of the trunk seen from the front or back, by height above the pelvis.
FRONT_PROFILE: tuple[tuple[float, float], ...] = (
    (-4.0, 25.5),
    (12.0, 24.0),
    (40.0, 22.5),
    (62.0, 26.0),
    (74.0, 29.0),
    (82.0, 32.0),
    (89.0, 26.0),
    (93.0, 10.0),
)
# Seen from the side: (height, depth behind the spine, depth in front of it).
SIDE_PROFILE: tuple[tuple[float, float, float], ...] = (
    (-2.0, 17.0, 14.5),
    (14.0, 15.5, 15.0),
    (38.0, 12.5, 15.5),
    (60.0, 16.0, 19.0),
    (78.0, 16.0, 16.0),
    (90.0, 11.0, 10.0),
)


@dataclass(frozen=True)
class Torso:
    """A trunk posture. Angles are screen angles (-90 = straight up)."""

    view: View
    pelvis: Vec
    lower: float = -90.0
    upper: float = -90.0
    head: float | None = None
    twist: float = 0.0  # front view: -1..1, positive turns the chest toward the person's left
    bend: float = LOWER_SPINE  # height where the two spine angles meet (the waist by default)


class Frame:
    """Landmarks of a trunk posture, in picture coordinates."""

    def __init__(self, torso: Torso) -> None:
        self.torso = torso
        self.view = torso.view
        self.pelvis = torso.pelvis
        self.up_low = polar(torso.lower)
        self.up_high = polar(torso.upper)
        self.bend = torso.bend
        self.waist = add(self.pelvis, mul(self.up_low, self.bend))
        self.neck = add(self.waist, mul(self.up_high, TOP - self.bend))
        self.up_head = polar(torso.head if torso.head is not None else torso.upper)
        neck_top = add(self.neck, mul(self.up_head, NECK))
        forward = 3.0 if self.view == "side" else 0.0
        self.head = at(neck_top, self.up_head, HEAD_RADIUS - 3, forward)
        self.neck_top = neck_top

    # -- directions -------------------------------------------------------------------------
    def up(self, height: float) -> Vec:
        """The spine's direction at a height above the pelvis (blended around the waist)."""
        blend = min(1.0, max(0.0, (height - self.bend + 8) / 16))
        return unit(lerp(self.up_low, self.up_high, blend))

    def spine(self, height: float) -> Vec:
        """The point on the spine `height` px above the pelvis."""
        if height <= self.bend:
            return add(self.pelvis, mul(self.up_low, height))
        return add(self.waist, mul(self.up_high, height - self.bend))

    def sign(self, side: Side) -> float:
        """+1 when the person's `side` lies toward the clockwise normal of the spine.

        From the front the person's left is on the viewer's right; from behind it is on the
        viewer's left; from the side the left side faces the viewer (figures face right).
        """
        if self.view == "back":
            return -1.0 if side == "left" else 1.0
        return 1.0 if side == "left" else -1.0

    def body(self, height: float, across: float) -> Vec:
        """A point on the trunk: `across` px toward the clockwise side of the spine
        (the viewer's right for an upright figure, the chest for a side view)."""
        return at(self.spine(height), self.up(height), 0, across)

    def lateral(self, height: float, side: Side, amount: float) -> Vec:
        """A point `amount` px to the person's `side` of the spine (front and back views)."""
        return self.body(height, self.sign(side) * amount * self._narrowing(height))

    def back(self, height: float, inset: float = 0.0) -> Vec:
        """A point on the surface of the back (side view), `inset` px inside the skin."""
        depth = _interpolate_side(height)[0]
        return self.body(height, -(depth - inset))

    def chest(self, height: float, inset: float = 0.0) -> Vec:
        depth = _interpolate_side(height)[1]
        return self.body(height, depth - inset)

    def shoulder(self, side: Side) -> Vec:
        """The shoulder joint, where the upper arm hangs from."""
        if self.view == "side":
            return self.body(TOP - 10, -1.0 if side == "left" else 2.0)
        return self.lateral(TOP - 11, side, SHOULDER_HALF)

    def hip(self, side: Side) -> Vec:
        if self.view == "side":
            return self.body(0, 2.0 if side == "left" else 0.0)
        return self.lateral(0, side, HIP_HALF)

    def _narrowing(self, height: float) -> float:
        """A twisted chest looks narrower from the front; the hips stay square."""
        if self.view != "front" or not self.torso.twist:
            return 1.0
        share = min(1.0, max(0.0, (height - 20) / 60))
        return 1.0 - 0.22 * abs(self.torso.twist) * share

    # -- outlines -----------------------------------------------------------------------------
    def outline(self) -> list[Vec]:
        """The shirt's outline as points for a smooth closed curve."""
        if self.view == "side":
            backs = [self.body(h, -b) for h, b, _ in SIDE_PROFILE]
            fronts = [self.body(h, f) for h, _, f in reversed(SIDE_PROFILE)]
            hem = [self.body(-5, 0)]
            return [*backs, self.body(TOP + 1, 0), *fronts, *hem]
        shift = self.torso.twist * 6.0 if self.view == "front" else 0.0
        right = [self.body(h, w * self._narrowing(h) + shift * h / TOP) for h, w in FRONT_PROFILE]
        left = [self.body(h, -w * self._narrowing(h) + shift * h / TOP) for h, w in FRONT_PROFILE]
        hem = [self.body(-6, 9), self.body(-6, -9)]
        top = [self.body(TOP + 1.5, 0)]
        return [*hem, *left, *top, *reversed(right)]

    def trousers_top(self) -> list[Vec]:
        """The seat of the trousers, hidden under the shirt hem except at the hips."""
        if self.view == "side":
            return [
                self.body(8, -15),
                self.body(-4, -18.5),
                self.body(-14, -13.5),
                self.body(-16, 4),
                self.body(-8, 14),
                self.body(8, 14),
            ]
        return [
            self.body(10, 22),
            self.body(-2, 24),
            self.body(-12, 20),
            self.body(-18, 0),
            self.body(-12, -20),
            self.body(-2, -24),
            self.body(10, -22),
        ]


def _interpolate_side(height: float) -> tuple[float, float]:
    table = SIDE_PROFILE
    if height <= table[0][0]:
        return table[0][1], table[0][2]
    for (h0, b0, f0), (h1, b1, f1) in pairwise(table):
        if height <= h1:
            t = (height - h0) / (h1 - h0)
            return b0 + (b1 - b0) * t, f0 + (f1 - f0) * t
    return table[-1][1], table[-1][2]


def side_axis(frame: Frame) -> Vec:
    """The direction the chest faces in a side view (clockwise from the spine)."""
    return turn(frame.up_high, 90)
