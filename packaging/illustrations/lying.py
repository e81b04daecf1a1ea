"""Techniques done on a mat: the foam roller under the upper back, the chest opener over the
roller, hugging one knee to the chest, and sitting on a massage ball."""

from __future__ import annotations

from body import Frame, Torso
from figure import Arm, Leg, Pose
from geometry import Vec, add, angle_of, at, lerp, mul, polar, sub, turn, unit
from marks import arc_arrow, glow, straight
from palette import Palette
from props import GROUND_Y, ball, mat, roller
from scene import BEHIND, GLOW, MARKS, Scene
from svg import Element

MAT_TOP = GROUND_Y - 9
ROLLER_RADIUS = 14.0
LYING_BACKDROP = (240.0, 236.0, 206.0, 104.0)
LYING_LIFT = 56.0
ROLLER_DEPTH = 15.0  # under the back: after the far limbs, before the trunk


def _on_roller(
    pelvis_x: float, lower: float, upper: float, head: float, contact: float
) -> tuple[Frame, Vec]:
    """A figure lying face up, head to the left, its back resting on a roller at `contact`.

    The spine bends over the roller (the two spine angles meet there). The body is placed so
    the roller touches the mat; the caller picks angles so that the hips end up where they
    should (lifted a little, or resting on the mat).
    """
    probe = Frame(Torso("side", (pelvis_x, 0.0), lower, upper, head, bend=contact))
    surface = probe.back(contact)
    outward = unit(sub(surface, probe.body(contact, 0)))
    centre = add(surface, mul(outward, ROLLER_RADIUS))
    lift = (MAT_TOP - ROLLER_RADIUS) - centre[1]
    frame = Frame(Torso("side", (pelvis_x, lift), lower, upper, head, bend=contact))
    return frame, (centre[0], centre[1] + lift)


def _hands_behind_head(frame: Frame) -> tuple[Arm, Arm]:
    """Fingers laced behind the head, elbows pointing up to the ceiling."""
    behind = at(frame.head, frame.up_head, 2, -8)
    near_elbow = at(frame.shoulder("left"), frame.up_high, 34, 40)
    far_elbow = at(frame.shoulder("right"), frame.up_high, 38, 34)
    near = Arm(behind, elbow=near_elbow, hand="open", depth="under_head")
    far = Arm(add(behind, (4, -3)), elbow=far_elbow, hand="open")
    return near, far


def _bent_legs(frame: Frame, feet_x: float) -> tuple[Leg, Leg]:
    ankle_y = MAT_TOP - 8
    return (
        Leg((feet_x, ankle_y), foot=0),
        Leg((feet_x - 10, ankle_y), foot=0),
    )


def _lying_items(c: Palette) -> list[tuple[float, Element]]:
    return [(BEHIND, mat(c, 78, 420))]


def roller_upper_back(c: Palette) -> Scene:
    frame, centre = _on_roller(290, 191, 186, 184, 62)
    near_leg, far_leg = _bent_legs(frame, frame.pelvis[0] + 90)
    near_arm, far_arm = _hands_behind_head(frame)
    a = frame.chest(34, -30)
    b = frame.chest(80, -30)
    items = [
        *_lying_items(c),
        (ROLLER_DEPTH, roller(c, centre, ROLLER_RADIUS)),
        (GLOW, glow(frame.back(64, 9), 12, 26, angle=frame.torso.upper + 90)),
        (MARKS, straight(a, b, c, heads="both")),
    ]
    return Scene(
        "roller_upper_back",
        "Foam roller across the upper back, below the shoulder blades; knees bent, hands "
        "behind the head, hips lifted a little",
        False,
        Pose(frame.torso, near_arm, far_arm, near_leg, far_leg),
        tuple(items),
        backdrop=LYING_BACKDROP,
        lift=LYING_LIFT,
    )


def roller_extension(c: Palette) -> Scene:
    frame, centre = _on_roller(300, 205, 166, 156, 62)
    near_leg, far_leg = _bent_legs(frame, frame.pelvis[0] + 92)
    near_arm, far_arm = _hands_behind_head(frame)
    items = [
        *_lying_items(c),
        (ROLLER_DEPTH, roller(c, centre, ROLLER_RADIUS)),
        (GLOW, glow(frame.back(58, 9), 12, 24, angle=frame.torso.upper + 90)),
        (MARKS, arc_arrow(centre, 96, 96, -58, -140, c)),
    ]
    return Scene(
        "roller_extension",
        "Chest opener: lying over a foam roller across the upper back, hips on the floor, "
        "arching gently back",
        False,
        Pose(frame.torso, near_arm, far_arm, near_leg, far_leg),
        tuple(items),
        backdrop=LYING_BACKDROP,
        lift=LYING_LIFT,
    )


def knee_hug(c: Palette) -> Scene:
    pelvis = (292.0, MAT_TOP - 16)
    frame = Frame(Torso("side", pelvis, lower=180, upper=180, head=186))
    hip = frame.hip("left")
    knee = add(hip, polar(-122, 62))
    ankle = add(knee, polar(-12, 58))
    near_leg = Leg(ankle, knee=knee, foot=-40)
    far_leg = Leg((pelvis[0] + 96, MAT_TOP - 8), foot=0)
    # Both hands hold the back of the thigh, just below the knee.
    thigh_back = turn(unit(sub(knee, hip)), 90)
    hold = add(lerp(hip, knee, 0.72), mul(thigh_back, 10))
    near_arm = Arm(hold, bend=-1, hand="open", hand_angle=angle_of(sub(knee, hip)) + 200, thumb=1)
    far_arm = Arm(
        add(hold, mul(thigh_back, 4)),
        bend=-1,
        hand="open",
        hand_angle=angle_of(sub(knee, hip)) + 200,
    )
    # The knee travels on a circle round the hip, toward the chest.
    reach = ((knee[0] - hip[0]) ** 2 + (knee[1] - hip[1]) ** 2) ** 0.5 + 30
    pull = arc_arrow(hip, reach, reach, -92, -146, c)
    items = [
        *_lying_items(c),
        (GLOW, glow(frame.back(22, 9), 12, 26, angle=frame.torso.lower + 90)),
        (MARKS, pull),
    ]
    return Scene(
        "knee_hug",
        "Knee hug: lying on the back, both hands draw the left knee gently toward the chest",
        True,
        Pose(frame.torso, near_arm, far_arm, near_leg, far_leg),
        tuple(items),
        backdrop=LYING_BACKDROP,
        lift=LYING_LIFT,
    )


def ball_glutes_floor(c: Palette) -> Scene:
    radius = 11.0
    pelvis = (250.0, MAT_TOP - 2 * radius - 8)
    frame = Frame(Torso("side", pelvis, lower=-132, upper=-126, head=-100))
    centre = (pelvis[0] - 4, MAT_TOP - radius)
    near_arm = Arm((pelvis[0] - 78, MAT_TOP - 6), bend=1, hand="open", hand_angle=150, thumb=-1)
    far_arm = Arm((pelvis[0] - 86, MAT_TOP - 6), bend=1, hand="open", hand_angle=150)
    near_leg = Leg((pelvis[0] + 100, MAT_TOP - 8), foot=0)
    far_leg = Leg((pelvis[0] + 90, MAT_TOP - 8), foot=0)
    items = [
        *_lying_items(c),
        (GLOW, glow(frame.back(-4, 9), 14, 16)),
        (55.0, ball(c, centre, radius)),
        (MARKS, arc_arrow((centre[0] + 44, centre[1] - 78), 12, 12, -60, 230, c, width=4.5)),
    ]
    return Scene(
        "ball_glutes_floor",
        "Massage ball under the left buttock, sitting on a mat and leaning back on the hands",
        True,
        Pose(frame.torso, near_arm, far_arm, near_leg, far_leg, eyes="closed"),
        tuple(items),
        backdrop=LYING_BACKDROP,
        lift=LYING_LIFT - 16,
    )
