"""Standing techniques: warm-up, strokes and circles on the lower back and the glutes, the side
stretch, the doorway chest opener, and the massage ball against a wall."""

from __future__ import annotations

from body import SIDES, TOP, Frame, Torso
from figure import Arm, Hand, Leg, Pose
from geometry import Vec, add, at, polar, sub
from inset import back_badge
from marks import arc_arrow, arc_line, arrow, glow, straight
from palette import Palette
from props import ball, wall
from scene import (
    ANKLE_Y,
    BEHIND,
    FRONT_PROP,
    GLOW,
    MARKS,
    STAND_PELVIS,
    UNDER_HANDS,
    Scene,
    hanging_arms,
    standing_legs,
)


def warm_up(c: Palette) -> Scene:
    torso = Torso("front", STAND_PELVIS)
    frame = Frame(torso)
    left_arm, right_arm = hanging_arms(frame)
    left_leg, right_leg = standing_legs(frame)
    items = []
    for side in SIDES:
        sign = frame.sign(side)
        items.append((GLOW, glow(frame.lateral(TOP - 5, side, 22), 24, 16)))
        centre = add(frame.shoulder(side), (sign * 16, -12))
        if sign > 0:
            items.append((MARKS, arc_arrow(centre, 16, 16, 150, 420, c, width=4.5, size=6.5)))
        else:
            items.append((MARKS, arc_arrow(centre, 16, 16, 30, -240, c, width=4.5, size=6.5)))
    waist = frame.spine(30)
    items.append((BEHIND, arc_line(waist, 66, 13, 200, 340, c, opacity=0.45)))
    items.append((MARKS, arc_arrow(waist, 66, 13, 22, 158, c, heads="both")))
    return Scene(
        "warm_up",
        "Warm-up: roll the shoulders back and turn gently at the waist",
        False,
        Pose(torso, left_arm, right_arm, left_leg, right_leg, eyes="open"),
        tuple(items),
        shadow=(240, 44),
    )


def _hands_on_lower_back(
    frame: Frame, height: float, apart: float, hand: Hand, angle_in: float
) -> tuple[Arm, Arm]:
    """Hands on the lower back, elbows bent out to the sides and a little back."""
    arms = []
    for side in SIDES:
        sign = frame.sign(side)
        knuckles = frame.lateral(height, side, apart)
        angle = 90 + sign * angle_in
        wrist = add(knuckles, polar(angle, -10))
        elbow = frame.lateral(height + 14, side, 50)
        arms.append(Arm(wrist, elbow=elbow, hand=hand, hand_angle=angle, thumb=-int(sign)))
    return arms[0], arms[1]


def effleurage_back(c: Palette) -> Scene:
    torso = Torso("back", STAND_PELVIS)
    frame = Frame(torso)
    left_arm, right_arm = _hands_on_lower_back(frame, 24, 19, "open", 6)
    left_leg, right_leg = standing_legs(frame)
    items = []
    for side in SIDES:
        items.append((GLOW, glow(frame.lateral(26, side, 16), 13, 34)))
        top = frame.lateral(66, side, 19)
        bottom = frame.lateral(-4, side, 19)
        items.append((UNDER_HANDS, straight(top, bottom, c, heads="both", width=4.5)))
    return Scene(
        "effleurage_back",
        "Gliding strokes: flat palms slide up and down beside the spine of the lower back",
        False,
        Pose(torso, left_arm, right_arm, left_leg, right_leg),
        tuple(items),
        shadow=(240, 44),
    )


def _knuckle_circles(
    c: Palette, technique: str, title: str, height: float, apart: float, glow_size: Vec
) -> Scene:
    """Fists making small circles on both sides at `height` (lower back or glutes)."""
    torso = Torso("back", STAND_PELVIS)
    frame = Frame(torso)
    left_arm, right_arm = _hands_on_lower_back(frame, height + 2, apart, "fist", 10)
    left_leg, right_leg = standing_legs(frame)
    items = []
    for side in SIDES:
        sign = frame.sign(side)
        spot = frame.lateral(height, side, apart)
        items.append((GLOW, glow(spot, *glow_size)))
        if sign > 0:
            items.append((UNDER_HANDS, arc_arrow(spot, 15, 15, 150, 440, c, width=4.5, size=6.5)))
        else:
            items.append((UNDER_HANDS, arc_arrow(spot, 15, 15, 30, -260, c, width=4.5, size=6.5)))
    return Scene(
        technique,
        title,
        False,
        Pose(torso, left_arm, right_arm, left_leg, right_leg),
        tuple(items),
        shadow=(240, 44),
    )


def circular_friction(c: Palette) -> Scene:
    return _knuckle_circles(
        c,
        "circular_friction",
        "Small circles with the knuckles on the muscles either side of the lower spine",
        22,
        21,
        (14, 30),
    )


def glute_circles(c: Palette) -> Scene:
    return _knuckle_circles(
        c,
        "glute_circles",
        "Slow circles with loose fists on the muscles of both buttocks",
        -14,
        25,
        (17, 22),
    )


def doorway_chest_opener(c: Palette) -> Scene:
    pelvis = (270.0, STAND_PELVIS[1])
    frame = Frame(Torso("side", pelvis, lower=-88, upper=-84, head=-92))
    shoulder = frame.shoulder("left")
    elbow = add(shoulder, polar(178, 46))
    wrist = add(elbow, polar(-92, 40))
    on_frame = Arm(wrist, elbow=elbow, hand="open", hand_angle=-90, thumb=1, depth="back")
    far = Arm(at(frame.pelvis, (0, -1), -20, 26), bend=-1, hand="relaxed", hand_angle=84)
    post_x = elbow[0] - 7
    chest = frame.chest(70, 8)
    items = [
        (BEHIND, wall(c, post_x)),
        (GLOW, glow(chest, 12, 22, angle=-6)),
        (GLOW, glow(frame.back(64, 9), 10, 22, angle=-6)),
        (MARKS, straight(add(chest, (24, -30)), add(chest, (52, -30)), c)),
    ]
    return Scene(
        "doorway_chest_opener",
        "Doorway chest opener: the left forearm rests on a door frame and the chest eases forward",
        True,
        Pose(
            frame.torso,
            on_frame,
            far,
            Leg((pelvis[0] + 30, ANKLE_Y), foot=0),
            Leg((pelvis[0] - 14, ANKLE_Y), foot=0),
            eyes="closed",
        ),
        tuple(items),
        shadow=(pelvis[0] + 8, 44),
    )


def side_bend(c: Palette) -> Scene:
    torso = Torso("front", STAND_PELVIS, lower=-96, upper=-112, head=-122)
    frame = Frame(torso)
    shoulder = frame.shoulder("left")
    elbow = add(shoulder, polar(-76, 50))
    wrist = add(elbow, polar(-152, 44))
    reach = Arm(wrist, elbow=elbow, hand="open", hand_angle=-168, thumb=-1)
    rest = Arm(frame.lateral(-20, "right", 31), bend=1, hand="relaxed", hand_angle=98, thumb=1)
    left_leg, right_leg = standing_legs(frame, spread=6)
    outer = [
        frame.lateral(44, "left", 42),
        add(shoulder, (26, -16)),
        add(elbow, (9, -13)),
        add(wrist, polar(-158, 30)),
    ]
    items = [
        (GLOW, glow(frame.lateral(50, "left", 21), 13, 38, angle=-12)),
        (MARKS, arrow(outer, c)),
    ]
    return Scene(
        "side_bend",
        "Standing side stretch: the left arm reaches over the head to lengthen the left side",
        True,
        Pose(torso, reach, rest, left_leg, right_leg),
        tuple(items),
        shadow=(240, 46),
    )


def _against_wall(
    spot: float, lean: float, pelvis_drop: float, depth: float, radius: float = 11.0
) -> tuple[Frame, Vec, float]:
    """A side-view figure leaning back on a ball at height `spot`; returns the ball and wall."""
    pelvis = (262.0, STAND_PELVIS[1] + pelvis_drop)
    frame = Frame(Torso("side", pelvis, lower=-90 - lean * 0.6, upper=-90 - lean, head=-90))
    surface = frame.back(spot)
    outward = sub(surface, frame.body(spot, 0))
    distance = (outward[0] ** 2 + outward[1] ** 2) ** 0.5 or 1.0
    ball_centre = add(
        surface,
        (outward[0] / distance * (radius + depth), outward[1] / distance * (radius + depth)),
    )
    return frame, ball_centre, ball_centre[0] - radius - 1.5


def _wall_legs(frame: Frame, forward: float) -> tuple[Leg, Leg]:
    x = frame.pelvis[0] + forward
    return Leg((x + 4, ANKLE_Y), foot=0), Leg((x - 6, ANKLE_Y), foot=0)


def _wall_arms(frame: Frame) -> tuple[Arm, Arm]:
    near = Arm(at(frame.pelvis, (0, -1), -22, 24), bend=-1, hand="relaxed", hand_angle=80, thumb=-1)
    far = Arm(at(frame.pelvis, (0, -1), -18, 28), bend=-1, hand="relaxed", hand_angle=80)
    return near, far


def _ball_scene(
    c: Palette,
    technique: str,
    title: str,
    spot: float,
    lean: float,
    drop: float,
    glow_size: tuple[float, float],
    arrow_len: float,
    circle: bool,
    badge_spot: tuple[float, float],
) -> Scene:
    frame, centre, wall_x = _against_wall(spot, lean, drop, -1.5)
    radius = 11.0
    left_leg, right_leg = _wall_legs(frame, 30)
    near, far = _wall_arms(frame)
    items = [
        (BEHIND, wall(c, wall_x)),
        (GLOW, glow(frame.back(spot, 9), glow_size[0], glow_size[1], angle=frame.torso.upper + 90)),
        (FRONT_PROP, ball(c, centre, radius)),
        (MARKS + 5, back_badge(c, *badge_spot)),
    ]
    mark_x = wall_x - 24
    if circle:
        items.append(
            (MARKS, arc_arrow((mark_x, centre[1]), 12, 16, -60, 230, c, width=4.5, size=6.5))
        )
    else:
        half = arrow_len / 2
        items.append(
            (
                MARKS,
                straight((mark_x, centre[1] - half), (mark_x, centre[1] + half), c, heads="both"),
            )
        )
    return Scene(
        technique,
        title,
        True,
        Pose(frame.torso, near, far, left_leg, right_leg, eyes="closed"),
        tuple(items),
        shadow=(frame.pelvis[0] + 28, 40),
    )


def ball_between_blades(c: Palette) -> Scene:
    return _ball_scene(
        c,
        "ball_between_blades",
        "Massage ball between the left shoulder blade and the spine, leaning on a wall",
        68,
        4,
        8,
        (11, 24),
        64,
        False,
        (64, 15),
    )


def ball_beside_spine(c: Palette) -> Scene:
    return _ball_scene(
        c,
        "ball_beside_spine",
        "Massage ball on the muscle just left of the lower spine, leaning on a wall",
        26,
        3,
        8,
        (11, 22),
        40,
        False,
        (22, 14),
    )


def ball_mid_back(c: Palette) -> Scene:
    return _ball_scene(
        c,
        "ball_mid_back",
        "Massage ball on the muscle just left of the middle of the spine, leaning on a wall",
        46,
        3,
        8,
        (11, 22),
        48,
        False,
        (44, 14),
    )


def ball_glutes(c: Palette) -> Scene:
    return _ball_scene(
        c,
        "ball_glutes",
        "Massage ball under the left buttock, leaning on a wall",
        -6,
        1,
        6,
        (14, 18),
        0,
        True,
        (-8, 15),
    )
