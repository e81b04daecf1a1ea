"""Techniques done sitting on a chair: the shoulder work, the twist, the forward fold, cat-cow
and deep breathing (neck.py holds the neck work), and the chair and sitting poses they share."""

from __future__ import annotations

from body import SIDES, TOP, Frame, Side, Torso
from figure import Arm, Eyes, Leg, Pose
from geometry import Vec, add, polar
from marks import arc_arrow, arc_line, arrow, glow, rings, straight, ticks, waves
from palette import Palette
from props import chair_front, chair_side, stool_back
from scene import (
    ANKLE_Y,
    BEHIND,
    GLOW,
    MARKS,
    SEAT_Y,
    UNDER_HANDS,
    Scene,
    seated_front_legs,
)
from svg import Element

SEAT_PELVIS: Vec = (240.0, SEAT_Y - 14)
SEATED_BACKDROP = (240.0, 188.0, 170.0, 146.0)
SEATED_LIFT = 22.0
TROUSERS_DEPTH = 25.0  # the seat sits in front of the hips, behind the thighs
STOOL_DEPTH = 22.0  # seen from behind: over the calves, under the hips


def chair_items(c: Palette) -> list[tuple[float, Element]]:
    behind, under = chair_front(c, SEAT_PELVIS[0], SEAT_Y)
    return [(BEHIND, behind), (TROUSERS_DEPTH, under)]


def lap_hand(frame: Frame, side: Side) -> Arm:
    """A hand resting on the thigh."""
    sign = frame.sign(side)
    wrist = frame.lateral(-2, side, 30)
    wrist = (wrist[0], wrist[1] + 6)
    return Arm(wrist, bend=int(sign), hand="relaxed", hand_angle=90 - sign * 35, thumb=-int(sign))


def seated_pose(frame: Frame, left: Arm, right: Arm, eyes: Eyes = "closed") -> Pose:
    if frame.view == "back":
        left_leg, right_leg = _seated_back_legs(frame)
    elif frame.view == "side":
        left_leg, right_leg = _seated_side_legs(frame)
    else:
        left_leg, right_leg = seated_front_legs(frame)
    return Pose(frame.torso, left, right, left_leg, right_leg, eyes=eyes)


def _seated_side_legs(frame: Frame) -> tuple[Leg, Leg]:
    """Seen from the side, the thighs run along the seat and the shins drop to the floor."""
    pelvis = frame.pelvis
    knee = (pelvis[0] + 62, pelvis[1] + 6)
    near = Leg((knee[0] + 6, ANKLE_Y), knee=knee, foot=0)
    far = Leg((knee[0] - 2, ANKLE_Y), knee=(knee[0] - 6, knee[1]), foot=0)
    return near, far


def side_sitting(
    c: Palette, head: float = -90, lower: float = -90, upper: float = -90
) -> tuple[Frame, Element]:
    """A figure sitting side-on on a chair (facing right), and the chair behind it."""
    back_x = 178.0
    pelvis = (back_x + 30, SEAT_Y - 14)
    frame = Frame(Torso("side", pelvis, lower=lower, upper=upper, head=head))
    return frame, chair_side(c, back_x, SEAT_Y)[0]


def _seated_back_legs(frame: Frame) -> tuple[Leg, Leg]:
    """Seen from behind, the thighs hide under the hips; only the calves show."""
    legs = []
    for side in SIDES:
        hip = frame.hip(side)
        sign = 1.0 if hip[0] > frame.pelvis[0] else -1.0
        knee = (hip[0] + sign * 6, hip[1] + 10)
        legs.append(Leg((knee[0] + sign * 3, ANKLE_Y), knee=knee))
    return legs[0], legs[1]


def kneading_shoulder(c: Palette) -> Scene:
    frame = Frame(Torso("front", SEAT_PELVIS, head=-97))
    grip = frame.lateral(TOP - 9, "left", 7)
    hand = Arm(grip, bend=-1, hand="open", hand_angle=-28, thumb=-1)
    shoulder = frame.lateral(TOP - 1, "left", 20)
    pulse_x = shoulder[0] + 34
    items = [
        *chair_items(c),
        (GLOW, glow(add(shoulder, (3, 0)), 28, 17)),
        (MARKS, straight((pulse_x, shoulder[1] - 36), (pulse_x, shoulder[1] - 6), c, heads="both")),
    ]
    return Scene(
        "kneading_shoulder",
        "Kneading: the right hand lifts and squeezes the top of the left shoulder",
        True,
        seated_pose(frame, lap_hand(frame, "left"), hand),
        tuple(items),
        backdrop=SEATED_BACKDROP,
        lift=SEATED_LIFT,
    )


def knot_compression(c: Palette) -> Scene:
    frame = Frame(Torso("front", SEAT_PELVIS, head=-98))
    spot = frame.lateral(TOP - 2, "left", 22)
    fingers = Arm(add(spot, polar(80, -25)), bend=-1, hand="point", hand_angle=80, thumb=-1)
    items = [
        *chair_items(c),
        (GLOW, glow(spot, 16, 12)),
        (UNDER_HANDS, rings(spot, c, radii=(10.0, 17.0, 24.0), squash=0.42)),
        (MARKS, straight((spot[0] + 34, spot[1] - 46), (spot[0] + 17, spot[1] - 20), c)),
    ]
    return Scene(
        "knot_compression",
        "Still pressure: two fingers of the right hand hold one tender spot on the left upper back",
        True,
        seated_pose(frame, lap_hand(frame, "left"), fingers),
        tuple(items),
        backdrop=SEATED_BACKDROP,
        lift=SEATED_LIFT,
    )


def shoulder_tapping(c: Palette) -> Scene:
    frame = Frame(Torso("front", SEAT_PELVIS))
    items: list[tuple[float, Element]] = [*chair_items(c)]
    arms = {}
    for side, other in zip(SIDES, reversed(SIDES), strict=True):
        target = frame.lateral(TOP - 1, other, 30)
        sign = frame.sign(other)
        angle = -90 + sign * 40
        wrist = add(target, polar(angle, -9))
        elbow = frame.lateral(50, side, 10)
        arms[side] = Arm(wrist, elbow=elbow, hand="fist", hand_angle=angle)
        items.append((GLOW, glow(frame.lateral(TOP - 2, other, 20), 19, 12)))
        items.append((MARKS, ticks(target, -90 + sign * 35, c, inner=14, outer=23)))
    return Scene(
        "shoulder_tapping",
        "Light tapping: loose fists tap the tops of the opposite shoulders, arms crossed",
        False,
        seated_pose(frame, arms["left"], arms["right"], eyes="open"),
        tuple(items),
        backdrop=SEATED_BACKDROP,
        lift=SEATED_LIFT,
    )


def deep_breathing(c: Palette) -> Scene:
    frame = Frame(Torso("front", SEAT_PELVIS))
    belly = frame.spine(24)
    chest_hand = Arm(
        frame.lateral(66, "left", 14),
        elbow=frame.lateral(42, "left", 40),
        hand="open",
        hand_angle=184,
        thumb=-1,
    )
    belly_hand = Arm(
        frame.lateral(24, "right", 16),
        elbow=frame.lateral(28, "right", 42),
        hand="open",
        hand_angle=-2,
        thumb=1,
    )
    items = [
        *chair_items(c),
        (GLOW, glow(belly, 26, 20)),
        (MARKS, waves(belly, c, 0, radii=(58, 70, 82), half_angle=20)),
        (MARKS, waves(belly, c, 180, radii=(58, 70, 82), half_angle=20)),
    ]
    return Scene(
        "deep_breathing",
        "Deep, slow breathing: one hand on the chest, one on the belly, eyes closed",
        False,
        seated_pose(frame, chest_hand, belly_hand),
        tuple(items),
        backdrop=SEATED_BACKDROP,
        lift=SEATED_LIFT,
    )


def seated_twist(c: Palette) -> Scene:
    frame = Frame(Torso("front", SEAT_PELVIS, twist=1.0, head=-90))
    left_leg, right_leg = seated_front_legs(frame)
    knee = left_leg.knee or (0.0, 0.0)
    knee_hand = Arm(add(knee, (-15, -6)), bend=-1, hand="open", hand_angle=10, thumb=-1)
    post = (SEAT_PELVIS[0] + 35.5, SEAT_Y - 66)
    back_hand = Arm(post, bend=-1, hand="fist", hand_angle=80, depth="back")
    centre = frame.spine(60)
    items = [
        *chair_items(c),
        # The back works, and it faces away: let it glow softly around the trunk.
        (BEHIND + 0.5, glow(frame.spine(48), 62, 66)),
        (BEHIND + 1, arc_line(centre, 56, 12, 200, 340, c, opacity=0.45)),
        (MARKS, arc_arrow(centre, 56, 12, 165, 20, c)),
    ]
    return Scene(
        "seated_twist",
        "Seated twist: sitting tall, the upper body turns to the left, right hand on the left knee",
        True,
        Pose(frame.torso, back_hand, knee_hand, left_leg, right_leg, eyes="closed"),
        tuple(items),
        backdrop=SEATED_BACKDROP,
        lift=SEATED_LIFT,
    )


def neck_glide(c: Palette) -> Scene:
    frame = Frame(Torso("back", SEAT_PELVIS))
    items: list[tuple[float, Element]] = [(STOOL_DEPTH, stool_back(c, SEAT_PELVIS[0], SEAT_Y))]
    arms = {}
    for side in SIDES:
        sign = frame.sign(side)
        tips = frame.lateral(TOP + 12, side, 6)
        angle = -90 + sign * 70
        wrist = add(tips, polar(angle, -18))
        elbow = frame.lateral(TOP - 22, side, 60)
        arms[side] = Arm(wrist, elbow=elbow, hand="open", hand_angle=angle, thumb=-int(sign))
        path = [
            frame.lateral(TOP + 2, side, 14),
            frame.lateral(TOP - 3, side, 28),
            frame.lateral(TOP - 16, side, 38),
        ]
        items.append((MARKS, arrow(path, c, width=4.5)))
    items.append((GLOW, glow(frame.spine(TOP - 4), 46, 14)))
    items.append((GLOW, glow(frame.spine(TOP + 8), 11, 16)))
    return Scene(
        "neck_glide",
        "Neck and shoulder glide: fingertips slide from the back of the neck out over the "
        "shoulders",
        False,
        seated_pose(frame, arms["left"], arms["right"]),
        tuple(items),
        backdrop=SEATED_BACKDROP,
        lift=SEATED_LIFT,
    )


def seated_forward_fold(c: Palette) -> Scene:
    frame, chair = side_sitting(c, lower=-40, upper=15, head=88)
    near_leg, far_leg = _seated_side_legs(frame)
    near = frame.shoulder("left")
    far = frame.shoulder("right")
    near_arm = Arm(add(near, (2, 84)), bend=1, hand="relaxed", hand_angle=92)
    far_arm = Arm(add(far, (-6, 82)), bend=1, hand="relaxed", hand_angle=94)
    guide = [frame.back(h, -20) for h in (8, 36, 64, 88)]
    guide.append(add(guide[-1], polar(frame.torso.upper + 40, 22)))
    items = [
        (BEHIND, chair),
        (GLOW, glow(frame.back(22, 9), 12, 24, angle=frame.torso.lower + 90)),
        (MARKS, arrow(guide, c)),
    ]
    return Scene(
        "seated_forward_fold",
        "Seated forward fold: folding from the hips over the thighs, arms and head hanging",
        False,
        Pose(frame.torso, near_arm, far_arm, near_leg, far_leg),
        tuple(items),
        backdrop=SEATED_BACKDROP,
        lift=SEATED_LIFT,
    )


def chair_cat_cow(c: Palette) -> Scene:
    frame, chair = side_sitting(c, head=-38, lower=-80, upper=-58)
    knee = (frame.pelvis[0] + 62, frame.pelvis[1] + 6)
    near = Arm(add(knee, (-4, -8)), bend=-1, hand="open", hand_angle=30, thumb=-1)
    far = Arm(add(knee, (-10, -10)), bend=-1, hand="open", hand_angle=30)
    middle = frame.back(52, -10)
    items = [
        (BEHIND, chair),
        (GLOW, glow(frame.back(50, 9), 11, 30, angle=frame.torso.upper + 90)),
        (MARKS, arc_arrow(add(middle, (26, 22)), 56, 56, 196, 256, c, heads="both")),
    ]
    return Scene(
        "chair_cat_cow",
        "Cat-cow on a chair: hands on the knees, the back rounds and then arches gently",
        False,
        seated_pose(frame, near, far),
        tuple(items),
        backdrop=SEATED_BACKDROP,
        lift=SEATED_LIFT,
    )
