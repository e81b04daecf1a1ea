"""A small round badge that shows the back from behind with the exact spot marked.

A side view cannot show whether a ball sits beside the spine or on it, nor on which side; the
badge can. It is drawn with the same figure at a smaller scale, so it mirrors with the picture
and shows the right side in the right-side version.
"""

from __future__ import annotations

from body import Frame, Torso
from figure import FigurePainter, Pose
from geometry import fmt
from marks import glow
from palette import Palette
from props import ball
from scene import hanging_arms, standing_legs
from svg import Element, Layers, el, group

BADGE_CENTRE = (404.0, 74.0)
BADGE_RADIUS = 56.0
SCALE = 0.52


def back_badge(c: Palette, height: float, across: float) -> Element:
    """The back seen from behind, a ball on the person's left side at (height, across)."""
    frame = Frame(Torso("back", (0.0, 0.0)))
    left_arm, right_arm = hanging_arms(frame, out=6.0, drop=70.0)
    left_leg, right_leg = standing_legs(frame)
    layers = Layers()
    FigurePainter(Pose(frame.torso, left_arm, right_arm, left_leg, right_leg), c).paint(
        layers, bust=True
    )
    spot = frame.lateral(height, "left", across)
    layers.put(40, glow(spot, 20, 24))
    layers.put(60, ball(c, spot, 12.0))
    # The bust spans about -24..150 px up the spine; centre it in the badge.
    dx = BADGE_CENTRE[0]
    dy = BADGE_CENTRE[1] + 58 * SCALE + 12
    figure = group(
        layers.ordered(), transform=f"translate({fmt(dx)} {fmt(dy)}) scale({fmt(SCALE)})"
    )
    disc = el(
        "circle",
        cx=fmt(BADGE_CENTRE[0]),
        cy=fmt(BADGE_CENTRE[1]),
        r=fmt(BADGE_RADIUS),
        fill=c.backdrop,
        stroke=c.ground,
        stroke_width=3,
    )
    return group([disc, figure])
