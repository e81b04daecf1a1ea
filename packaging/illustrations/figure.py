"""The one figure every illustration shares: limbs, hands, feet and head on top of a trunk.

Limbs are tapered capsules placed by two-bone reaching (put the wrist here, bend the elbow that
way), so a pose is a handful of points, not a drawing. Every part is drawn twice, a slightly
wider pass in its shade and the flat colour on top, which gives all pictures the same soft
outline without any SVG filter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from body import (
    FOREARM,
    HEAD_RADIUS,
    SHIN,
    SIDES,
    THIGH,
    TOP,
    UPPER_ARM,
    Frame,
    Side,
    Torso,
)
from geometry import (
    Vec,
    add,
    angle_of,
    arc_points,
    at,
    capsule,
    circle_path,
    lerp,
    mul,
    polar,
    pt,
    smooth_closed,
    smooth_open,
    sub,
    turn,
    two_bone,
)
from palette import Palette
from svg import Element, Layers, el, group

Hand = Literal["open", "fist", "point", "relaxed"]
Eyes = Literal["open", "closed"]
Depth = Literal["front", "back", "forward", "under_head"]

OUTLINE = 3.0
HAND_SCALE = 1.3  # hands are the tools here: drawn a little larger than life-small
DEPTH = {
    "far_arm": 10.0,
    "far_leg": 12.0,
    "leg": 20.0,
    "trousers": 24.0,
    "neck": 26.0,
    "trunk": 30.0,
    "under_head": 31.0,
    "head": 32.0,
    "forward_leg": 34.0,
    "highlight": 40.0,
    "arm": 50.0,
}


@dataclass(frozen=True)
class Arm:
    """Where the wrist goes and how the hand is held."""

    wrist: Vec
    bend: int = 1
    elbow: Vec | None = None
    hand: Hand = "open"
    hand_angle: float | None = None
    thumb: int = 1
    depth: Depth = "front"


@dataclass(frozen=True)
class Leg:
    """Where the ankle goes; `foot` is the toes' direction in a side view, None from the front."""

    ankle: Vec
    bend: int = 0  # 0: the knee points the way the body faces (side view) or outward
    knee: Vec | None = None
    foot: float | None = None
    depth: Depth = "front"


@dataclass(frozen=True)
class Pose:
    torso: Torso
    left_arm: Arm
    right_arm: Arm
    left_leg: Leg
    right_leg: Leg
    eyes: Eyes = "closed"


def elbow_of(frame: Frame, side: Side, arm: Arm) -> Vec:
    shoulder = frame.shoulder(side)
    return arm.elbow or two_bone(shoulder, arm.wrist, UPPER_ARM, FOREARM, arm.bend)


def knee_of(frame: Frame, side: Side, leg: Leg) -> Vec:
    """The knee: given, or reached for; by default it bends the way knees bend."""
    hip = frame.hip(side)
    if leg.knee is not None:
        return leg.knee
    if leg.bend:
        return two_bone(hip, leg.ankle, THIGH, SHIN, leg.bend)
    facing = (
        turn(frame.up_low, 90)
        if frame.view == "side"
        else ((1.0, 0.0) if hip[0] >= frame.pelvis[0] else (-1.0, 0.0))
    )
    options = [two_bone(hip, leg.ankle, THIGH, SHIN, b) for b in (1, -1)]
    return max(options, key=lambda k: (k[0] - hip[0]) * facing[0] + (k[1] - hip[1]) * facing[1])


def part(paths: list[str], fill: str, outline: str | None, width: float = OUTLINE) -> Element:
    """One body part: every piece outlined together, then filled together, so joints merge."""
    d = "".join(paths)
    if outline is None:
        return el("path", d=d, fill=fill)
    return group(
        [
            el(
                "path",
                d=d,
                fill=outline,
                stroke=outline,
                stroke_width=width,
                stroke_linejoin="round",
            ),
            el("path", d=d, fill=fill),
        ]
    )


def hand_paths(wrist: Vec, direction: float, shape: Hand, thumb: int) -> list[str]:
    """A mitten-like hand pointing along `direction`; `thumb` picks its side."""
    up = polar(direction)

    def p(along: float, across: float) -> Vec:
        return at(wrist, up, along * HAND_SCALE, across * HAND_SCALE)

    t = float(thumb)
    if shape == "fist":
        return [
            circle_path(p(7, 0), 7.5 * HAND_SCALE),
            capsule(p(4, t * 5.5), 3.0 * HAND_SCALE, p(9.5, t * 5.5), 2.8 * HAND_SCALE),
        ]
    if shape == "point":
        return [
            smooth_closed([p(0, -4.5), p(7, -6), p(11, -3.5), p(11, 4), p(7, 6), p(0, 4.5)]),
            capsule(p(8, -2.4), 2.8 * HAND_SCALE, p(20, -2.2), 2.4 * HAND_SCALE),
            capsule(p(8, 2.4), 2.8 * HAND_SCALE, p(19, 2.2), 2.4 * HAND_SCALE),
            capsule(p(4, t * 5), 2.8 * HAND_SCALE, p(10, t * 7), 2.5 * HAND_SCALE),
        ]
    if shape == "relaxed":
        return [
            smooth_closed(
                [p(0, -4.8), p(8, -6), p(14, -4), p(15.5, 0), p(13, 4.5), p(7, 6), p(0, 4.8)]
            ),
            capsule(p(4, t * 5), 2.8 * HAND_SCALE, p(9, t * 8), 2.5 * HAND_SCALE),
        ]
    return [
        smooth_closed(
            [p(0, -5), p(8, -6.5), p(15, -5.5), p(19, -2), p(19, 2), p(15, 5.5), p(8, 6.5), p(0, 5)]
        ),
        capsule(p(4, t * 5), 3.0 * HAND_SCALE, p(11, t * 9.5), 2.6 * HAND_SCALE),
    ]


def bow(points: list[Vec]) -> str:
    """A single soft curve (a closed eye, a smile): start, control point, end."""
    start, control, end = points
    return f"M{pt(start)}Q{pt(control)} {pt(end)}"


class FigurePainter:
    """Turns a Pose into layered SVG elements in the palette's colours."""

    def __init__(self, pose: Pose, colours: Palette) -> None:
        self.pose = pose
        self.c = colours
        self.frame = Frame(pose.torso)

    def paint(self, layers: Layers, bust: bool = False) -> None:
        """Put every part into `layers`; a `bust` leaves out the legs (for small insets)."""
        frame = self.frame
        seat = [smooth_closed(frame.trousers_top())]
        for side in SIDES:
            arm = self.pose.left_arm if side == "left" else self.pose.right_arm
            leg = self.pose.left_leg if side == "left" else self.pose.right_leg
            far = frame.view == "side" and side == "right"
            if far or arm.depth == "back":
                arm_depth = DEPTH["far_arm"]
            elif arm.depth == "under_head":
                arm_depth = DEPTH["under_head"]
            else:
                arm_depth = DEPTH["arm"]
            layers.put(arm_depth, *self.arm(side, arm, far))
            if bust:
                continue
            if far or leg.depth == "back":
                layers.put(DEPTH["far_leg"], *self.leg(side, leg, far))
            elif leg.depth == "forward":
                layers.put(DEPTH["forward_leg"], *self.leg(side, leg, far))
            else:
                # Legs seen together with the hips share one outline, so no seam shows.
                layers.put(DEPTH["leg"], self.foot(side, leg, far))
                seat.extend(self.trouser_leg(side, leg))
        layers.put(DEPTH["trousers"], part(seat, self.c.trousers, self.c.line))
        layers.put(
            DEPTH["neck"],
            part(
                [capsule(frame.neck, 8.5, add(frame.neck_top, mul(frame.up_head, 4)), 7.5)],
                self.c.skin,
                self.c.skin_shade,
            ),
        )
        layers.put(DEPTH["trunk"], *self.trunk())
        layers.put(DEPTH["head"], *self.head())

    # -- parts --------------------------------------------------------------------------------
    def arm(self, side: Side, arm: Arm, far: bool) -> list[Element]:
        frame = self.frame
        shoulder = frame.shoulder(side)
        elbow = elbow_of(frame, side, arm)
        wrist = arm.wrist
        direction = arm.hand_angle if arm.hand_angle is not None else angle_of(sub(wrist, elbow))
        skin = [capsule(shoulder, 9.0, elbow, 7.2), capsule(elbow, 7.2, wrist, 5.8)]
        skin += hand_paths(wrist, direction, arm.hand, arm.thumb)
        sleeve = [capsule(shoulder, 11.0, lerp(shoulder, elbow, 0.62), 9.6)]
        skin_fill = self.c.skin_shade if far else self.c.skin
        shirt_fill = self.c.shirt_shade if far else self.c.shirt
        return [
            part(skin, skin_fill, self.c.skin_shade),
            part(sleeve, shirt_fill, self.c.shirt_shade),
        ]

    def foot(self, side: Side, leg: Leg, far: bool) -> Element:
        ankle = leg.ankle
        if leg.foot is None:
            outward = 1.0 if ankle[0] >= self.frame.pelvis[0] else -1.0
            foot = [capsule(add(ankle, (0, 2)), 6.5, add(ankle, (outward * 4, 8)), 6.0)]
        else:
            sole = polar(leg.foot + 90, 2.5)
            heel = add(add(ankle, polar(leg.foot, -3)), sole)
            toe = add(add(ankle, polar(leg.foot, 18)), mul(sole, 1.6))
            foot = [capsule(heel, 6.2, toe, 4.6)]
        return part(foot, self.c.skin_shade if far else self.c.skin, self.c.skin_shade)

    def trouser_leg(self, side: Side, leg: Leg) -> list[str]:
        hip = self.frame.hip(side)
        knee = knee_of(self.frame, side, leg)
        return [capsule(hip, 15.0, knee, 11.0), capsule(knee, 11.0, leg.ankle, 7.8)]

    def leg(self, side: Side, leg: Leg, far: bool) -> list[Element]:
        """A leg drawn on its own: the far leg of a side view, or a thigh coming forward."""
        foot_part = self.foot(side, leg, far)
        if leg.depth == "forward":
            # Thighs coming toward the viewer: the knee is a rounded cap over the shin.
            hip = self.frame.hip(side)
            knee = knee_of(self.frame, side, leg)
            shin = part([capsule(knee, 10.0, leg.ankle, 7.6)], self.c.trousers, self.c.line)
            thigh = part([capsule(hip, 15.0, knee, 13.0)], self.c.trousers, self.c.line)
            return [foot_part, shin, thigh]
        trousers = self.trouser_leg(side, leg)
        elements = [foot_part, part(trousers, self.c.trousers, self.c.line)]
        if far:
            elements.append(el("path", d="".join(trousers), fill=self.c.line, fill_opacity=0.28))
        return elements

    def trunk(self) -> list[Element]:
        frame = self.frame
        elements = [part([smooth_closed(frame.outline())], self.c.shirt, self.c.shirt_shade)]
        if frame.view == "back":
            seam = [frame.spine(h) for h in (TOP - 6, 60, 30, 4)]
            elements.append(
                el(
                    "path",
                    d=smooth_open(seam),
                    fill="none",
                    stroke=self.c.shirt_shade,
                    stroke_width=2.2,
                    stroke_linecap="round",
                )
            )
        return elements

    def head(self) -> list[Element]:
        frame = self.frame
        up = frame.up_head
        centre = frame.head
        r = HEAD_RADIUS

        def p(along: float, across: float) -> Vec:
            return at(centre, up, along, across)

        skin, shade, hair, line = self.c.skin, self.c.skin_shade, self.c.hair, self.c.line
        if frame.view == "side":
            face = [circle_path(centre, r), circle_path(p(-2, r - 0.5), 3.6)]
            hair_pts = [
                p(math.cos(math.radians(a)) * (r + 1.8), -math.sin(math.radians(a)) * (r + 1.8))
                for a in (-40, -20, 0, 25, 50, 75, 100, 122, 140)
            ]
            hair_pts += [p(-15, -13), p(-7, -10), p(5, -9), p(11, 1), p(14.5, 10)]
            return [
                part(face, skin, shade),
                el("path", d=smooth_closed(hair_pts), fill=hair),
                part([circle_path(p(-1, -4), 4.6)], skin, shade),
                *self.eye(p(2, 13.5), up),
            ]
        ears = [circle_path(p(-2, -r + 1), 4.8), circle_path(p(-2, r - 1), 4.8)]
        if frame.view == "back":
            back_hair = arc_points(
                add(centre, mul(up, 1.0)), r + 1.0, r + 1.0, 0, 360, angle_of(up) + 90, 20
            )[:-1]
            return [
                part(ears, skin, shade),
                el("path", d=smooth_closed(back_hair), fill=hair),
            ]
        shift = frame.torso.twist * 8.0
        face_pts = arc_points(centre, r - 1.5, r + 0.5, 0, 360, angle_of(up) + 90, 30)[:-1]
        fringe = [
            p(1, -22),
            p(14, -19.5),
            p(24, -4),
            p(17, 18),
            p(4, 23),
            p(10, 15 + shift),
            p(13.5, 3 + shift),
            p(10, -9 + shift),
            p(5, -18),
        ]
        elements = [
            part(ears, skin, shade),
            el(
                "path",
                d=smooth_closed(
                    arc_points(add(centre, mul(up, 1.5)), r + 1.5, r + 1.5, 0, 360, 0, 30)[:-1]
                ),
                fill=hair,
            ),
            part([smooth_closed(face_pts)], skin, shade),
            el("path", d=smooth_closed(fringe), fill=hair),
        ]
        elements += self.eye(p(-1, -8 + shift), up)
        elements += self.eye(p(-1, 8 + shift), up)
        smile = [p(-9.5, -4.5 + shift), p(-13.5, shift), p(-9.5, 4.5 + shift)]
        elements.append(
            el(
                "path",
                d=bow(smile),
                fill="none",
                stroke=line,
                stroke_width=2,
                stroke_linecap="round",
            )
        )
        return elements

    def eye(self, where: Vec, up: Vec) -> list[Element]:
        line = self.c.line
        if self.pose.eyes == "open":
            return [el("path", d=circle_path(where, 2.2), fill=line)]
        side = turn(up, 90)
        pts = [add(where, mul(side, -3.8)), add(where, mul(up, -4.0)), add(where, mul(side, 3.8))]
        return [
            el(
                "path",
                d=bow(pts),
                fill="none",
                stroke=line,
                stroke_width=2,
                stroke_linecap="round",
            )
        ]
