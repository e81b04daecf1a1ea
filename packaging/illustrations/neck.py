"""Neck work done sitting: side glides, fingertip circles, chin tucks, the ear-to-shoulder
stretch, and a rolled towel pressed down over the shoulder.

All of them sit on the same chair as seated.py's pictures, so a routine that moves from the
shoulders to the neck looks like one calm sitting.
"""

from __future__ import annotations

from body import SIDES, TOP, Frame, Torso
from figure import Arm
from geometry import add, polar
from marks import arc_arrow, arrow, glow, straight
from palette import Palette
from props import stool_back, towel
from scene import BEHIND, GLOW, MARKS, UNDER_HANDS, Scene
from seated import (
    SEAT_PELVIS,
    SEATED_BACKDROP,
    SEATED_LIFT,
    STOOL_DEPTH,
    chair_items,
    lap_hand,
    seated_pose,
    side_sitting,
)
from svg import Element


def neck_side_glide(c: Palette) -> Scene:
    frame = Frame(Torso("back", SEAT_PELVIS, head=-96))
    tips = frame.lateral(TOP + 10, "left", 9)
    angle = -90 - 62
    wrist = add(tips, polar(angle, -18))
    elbow = frame.lateral(TOP - 20, "left", 62)
    glide = Arm(wrist, elbow=elbow, hand="open", hand_angle=angle, thumb=1)
    path = [
        frame.lateral(TOP + 14, "left", 18),
        frame.lateral(TOP + 2, "left", 24),
        frame.lateral(TOP - 10, "left", 40),
    ]
    items: list[tuple[float, Element]] = [
        (STOOL_DEPTH, stool_back(c, SEAT_PELVIS[0], SEAT_PELVIS[1] + 14)),
        (GLOW, glow(frame.lateral(TOP + 4, "left", 12), 13, 20)),
        (MARKS, arrow(path, c, width=4.5)),
    ]
    return Scene(
        "neck_side_glide",
        "Neck side glide: the left hand's fingertips slide down the left side of the neck "
        "toward the shoulder",
        True,
        seated_pose(frame, glide, lap_hand(frame, "right")),
        tuple(items),
        backdrop=SEATED_BACKDROP,
        lift=SEATED_LIFT,
    )


def neck_friction(c: Palette) -> Scene:
    frame = Frame(Torso("back", SEAT_PELVIS, head=-92))
    items: list[tuple[float, Element]] = [
        (STOOL_DEPTH, stool_back(c, SEAT_PELVIS[0], SEAT_PELVIS[1] + 14)),
    ]
    arms = {}
    for side in SIDES:
        sign = frame.sign(side)
        spot = frame.lateral(TOP + 8, side, 9)
        angle = -90 + sign * 75
        wrist = add(spot, polar(angle, -17))
        elbow = frame.lateral(TOP - 24, side, 62)
        arms[side] = Arm(wrist, elbow=elbow, hand="point", hand_angle=angle, thumb=-int(sign))
        items.append((GLOW, glow(spot, 10, 14)))
        ring = add(spot, (sign * 30, -10))
        if sign > 0:
            items.append((MARKS, arc_arrow(ring, 11, 11, 150, 440, c, width=4.0, size=6.0)))
        else:
            items.append((MARKS, arc_arrow(ring, 11, 11, 30, -260, c, width=4.0, size=6.0)))
    return Scene(
        "neck_friction",
        "Fingertip circles on the muscles either side of the back of the neck",
        False,
        seated_pose(frame, arms["left"], arms["right"]),
        tuple(items),
        backdrop=SEATED_BACKDROP,
        lift=SEATED_LIFT,
    )


def chin_tuck(c: Palette) -> Scene:
    frame, chair = side_sitting(c, head=-98)
    near, far = frame_lap_arms(frame)
    chin = add(frame.head, polar(frame.torso.head or -90, 0))
    start = add(chin, (40, 10))
    items: list[tuple[float, Element]] = [
        (BEHIND, chair),
        (GLOW, glow(frame.back(TOP + 6, 6), 8, 16, angle=-8)),
        (MARKS, straight(start, add(start, (-20, 0)), c)),
    ]
    return Scene(
        "chin_tuck",
        "Chin tuck: sitting tall, the chin slides straight back to lengthen the back of the neck",
        False,
        seated_pose(frame, near, far),
        tuple(items),
        backdrop=SEATED_BACKDROP,
        lift=SEATED_LIFT,
    )


def frame_lap_arms(frame: Frame) -> tuple[Arm, Arm]:
    """Side view: both hands resting on the thighs."""
    hip = frame.hip("left")
    near = Arm(add(hip, (44, -4)), bend=-1, hand="relaxed", hand_angle=20, thumb=-1)
    far = Arm(add(hip, (38, -6)), bend=-1, hand="relaxed", hand_angle=20)
    return near, far


def ear_to_shoulder(c: Palette) -> Scene:
    frame = Frame(Torso("front", SEAT_PELVIS, head=-66))
    stretch = frame.lateral(TOP + 4, "right", 14)
    low = add(frame.shoulder("right"), (-14, -4))
    items = [
        *chair_items(c),
        (GLOW, glow(stretch, 12, 20, angle=-30)),
        (MARKS, arc_arrow(frame.neck, 62, 62, -112, -72, c)),
        (MARKS, straight(add(low, (0, -28)), low, c)),
    ]
    return Scene(
        "ear_to_shoulder",
        "Side neck stretch: the head tilts the left ear toward the left shoulder, the right "
        "shoulder stays low",
        True,
        seated_pose(frame, lap_hand(frame, "left"), lap_hand(frame, "right")),
        tuple(items),
        backdrop=SEATED_BACKDROP,
        lift=SEATED_LIFT,
    )


def towel_shoulder_press(c: Palette) -> Scene:
    frame = Frame(Torso("front", SEAT_PELVIS, head=-94))
    top = frame.lateral(TOP - 1, "left", 20)
    roll = add(top, (6, -7))
    hand = Arm(frame.lateral(TOP - 12, "left", 8), bend=-1, hand="open", hand_angle=-34, thumb=-1)
    items = [
        *chair_items(c),
        (GLOW, glow(add(top, (2, 4)), 24, 14)),
        (UNDER_HANDS, towel(c, roll, 24, 8.0, angle=-6)),
        (MARKS, straight(add(top, (40, -46)), add(top, (40, -18)), c)),
    ]
    return Scene(
        "towel_shoulder_press",
        "Towel press: the right hand presses a rolled towel down over the top of the left shoulder",
        True,
        seated_pose(frame, lap_hand(frame, "left"), hand),
        tuple(items),
        backdrop=SEATED_BACKDROP,
        lift=SEATED_LIFT,
    )


__all__ = [
    "chin_tuck",
    "ear_to_shoulder",
    "neck_friction",
    "neck_side_glide",
    "towel_shoulder_press",
]
