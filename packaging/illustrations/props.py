"""The few things the figure uses: a wall, a chair, a mat, a foam roller, a massage ball and
a rolled towel.

Props share the figure's soft outline and take the prop colours, so they sit in the picture
without competing with the body or the highlighted area.
"""

from __future__ import annotations

from geometry import Vec, add, capsule, circle_path, fmt, polar
from palette import Palette
from svg import Element, el, group

GROUND_Y = 322.0


def _rect(x: float, y: float, w: float, h: float, r: float) -> str:
    """A rounded rectangle as path data (kept as a path so every shape is drawn alike)."""
    r = min(r, w / 2, h / 2)
    k = r * 0.45
    return (
        f"M{fmt(x + r)} {fmt(y)}H{fmt(x + w - r)}"
        f"C{fmt(x + w - k)} {fmt(y)} {fmt(x + w)} {fmt(y + k)} {fmt(x + w)} {fmt(y + r)}"
        f"V{fmt(y + h - r)}"
        f"C{fmt(x + w)} {fmt(y + h - k)} {fmt(x + w - k)} {fmt(y + h)}"
        f" {fmt(x + w - r)} {fmt(y + h)}"
        f"H{fmt(x + r)}"
        f"C{fmt(x + k)} {fmt(y + h)} {fmt(x)} {fmt(y + h - k)} {fmt(x)} {fmt(y + h - r)}"
        f"V{fmt(y + r)}"
        f"C{fmt(x)} {fmt(y + k)} {fmt(x + k)} {fmt(y)} {fmt(x + r)} {fmt(y)}Z"
    )


def solid(d: str, fill: str, outline: str, width: float = 3.0) -> Element:
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


def backdrop(
    c: Palette, centre: Vec = (240.0, 186.0), rx: float = 168.0, ry: float = 146.0
) -> Element:
    """The soft shape behind every figure that holds the picture together."""
    return el(
        "ellipse", cx=fmt(centre[0]), cy=fmt(centre[1]), rx=fmt(rx), ry=fmt(ry), fill=c.backdrop
    )


def ground(
    c: Palette, x0: float = 64.0, x1: float = 416.0, shadow: tuple[float, float] | None = None
) -> list[Element]:
    """The floor line and, if given (centre x, half width), a soft shadow under the figure."""
    items = []
    if shadow is not None:
        items.append(
            el(
                "ellipse",
                cx=fmt(shadow[0]),
                cy=fmt(GROUND_Y),
                rx=fmt(shadow[1]),
                ry="7",
                fill=c.ground,
            )
        )
    items.append(
        el(
            "path",
            d=f"M{fmt(x0)} {fmt(GROUND_Y)}H{fmt(x1)}",
            fill="none",
            stroke=c.ground,
            stroke_width=6,
            stroke_linecap="round",
        )
    )
    return items


WALL_FADE_ID = "wallfade"
WALL_EDGE_ID = "walledge"


def wall_gradients(c: Palette) -> list[Element]:
    """The wall fades out toward the top, so it reads as a wall, not as a pillar."""
    gradients = []
    for gradient_id, colour in ((WALL_FADE_ID, c.ground), (WALL_EDGE_ID, c.prop)):
        gradients.append(
            el(
                "linearGradient",
                el("stop", offset="0", stop_color=colour, stop_opacity="0"),
                el("stop", offset="0.45", stop_color=colour, stop_opacity="1"),
                el("stop", offset="1", stop_color=colour, stop_opacity="1"),
                id=gradient_id,
                x1="0",
                y1="0",
                x2="0",
                y2="1",
            )
        )
    return gradients


def wall(c: Palette, face_x: float, top: float = 14.0) -> Element:
    """A wall seen edge-on, its face at `face_x`, with a skirting board along the floor."""
    width = 74.0
    body = _rect(face_x - width, top, width, GROUND_Y - top, 0)
    edge = _rect(face_x - 3.5, top, 3.5, GROUND_Y - top, 0)
    skirting = _rect(face_x - width, GROUND_Y - 18, width + 3, 18, 3)
    return group(
        [
            el("path", d=body, fill=f"url(#{WALL_FADE_ID})"),
            el("path", d=edge, fill=f"url(#{WALL_EDGE_ID})"),
            solid(skirting, c.prop, c.prop_shade, 2.5),
        ]
    )


def ball(c: Palette, centre: Vec, radius: float = 10.0) -> Element:
    """A massage ball with a small shine, so it reads as round, not as a dot."""
    shine = [add(centre, polar(a, radius * 0.55)) for a in (-150, -110, -70)]
    shine_d = "M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in shine)
    return group(
        [
            solid(circle_path(centre, radius), c.prop_shade, c.line, 2.5),
            el(
                "path",
                d=shine_d,
                fill="none",
                stroke=c.backdrop,
                stroke_width=2.2,
                stroke_linecap="round",
                stroke_linejoin="round",
                opacity="0.9",
            ),
        ]
    )


def roller(c: Palette, centre: Vec, radius: float = 17.0) -> Element:
    """A foam roller seen end-on (it lies across the body), with its length going away."""
    depth = polar(-32, 26)
    far = add(centre, depth)
    body = capsule(centre, radius, far, radius)
    return group(
        [
            solid(body, c.prop_shade, c.prop_shade, 3.0),
            solid(circle_path(centre, radius), c.prop, c.prop_shade, 3.0),
            el(
                "path",
                d=circle_path(centre, radius * 0.45),
                fill="none",
                stroke=c.prop_shade,
                stroke_width=2.5,
            ),
        ]
    )


def mat(c: Palette, x0: float, x1: float) -> Element:
    """A thin exercise mat lying on the floor."""
    return solid(_rect(x0, GROUND_Y - 9, x1 - x0, 10, 5), c.prop, c.prop_shade, 3.0)


def chair_side(c: Palette, back_x: float, seat_y: float, depth: float = 70.0) -> list[Element]:
    """A plain wooden chair seen from the side, facing right; its back post at `back_x`.

    Returns (behind-the-figure part, in-front part): the far legs sit behind the sitter's legs.
    """
    seat = _rect(back_x - 4, seat_y, depth + 6, 9, 4.5)
    back_post = _rect(back_x - 4, seat_y - 98, 9, 104, 4.5)
    rail = _rect(back_x - 6, seat_y - 96, 13, 34, 5)
    front_leg = _rect(back_x + depth - 8, seat_y + 4, 8, GROUND_Y - seat_y - 2, 4)
    back_leg = _rect(back_x - 3, seat_y + 4, 8, GROUND_Y - seat_y - 2, 4)
    far_front = _rect(back_x + depth - 14, seat_y + 4, 7, GROUND_Y - seat_y - 6, 3.5)
    behind = group(
        [
            solid(far_front, c.prop_shade, c.prop_shade),
            solid(back_post, c.prop, c.prop_shade),
            solid(rail, c.prop, c.prop_shade),
            solid(back_leg, c.prop, c.prop_shade),
            solid(front_leg, c.prop, c.prop_shade),
            solid(seat, c.prop, c.prop_shade),
        ]
    )
    return [behind]


def chair_front(c: Palette, centre_x: float, seat_y: float, half: float = 40.0) -> list[Element]:
    """The same chair seen from the front: back posts beside the sitter, seat, front legs.

    Returns (behind the sitter, under the sitter's thighs).
    """
    posts = [
        _rect(centre_x - half + 2, seat_y - 96, 9, 100, 4.5),
        _rect(centre_x + half - 11, seat_y - 96, 9, 100, 4.5),
    ]
    top_rail = _rect(centre_x - half + 2, seat_y - 96, half * 2 - 4, 22, 6)
    seat = _rect(centre_x - half - 2, seat_y, half * 2 + 4, 10, 5)
    legs = [
        _rect(centre_x - half, seat_y + 6, 9, GROUND_Y - seat_y - 4, 4),
        _rect(centre_x + half - 9, seat_y + 6, 9, GROUND_Y - seat_y - 4, 4),
    ]
    back_legs = [
        _rect(centre_x - half + 6, seat_y + 6, 7, GROUND_Y - seat_y - 12, 3.5),
        _rect(centre_x + half - 13, seat_y + 6, 7, GROUND_Y - seat_y - 12, 3.5),
    ]
    behind = group(
        [
            *[solid(d, c.prop_shade, c.prop_shade) for d in back_legs],
            solid(top_rail, c.prop_shade, c.prop_shade),
            *[solid(d, c.prop, c.prop_shade) for d in posts],
        ]
    )
    under = group(
        [
            *[solid(d, c.prop, c.prop_shade) for d in legs],
            solid(seat, c.prop, c.prop_shade),
        ]
    )
    return [behind, under]


def stool_back(c: Palette, centre_x: float, seat_y: float, half: float = 40.0) -> Element:
    """The chair's seat and legs seen from behind (its back rest left out so the sitter's
    back stays visible)."""
    seat = _rect(centre_x - half - 2, seat_y, half * 2 + 4, 10, 5)
    legs = [
        _rect(centre_x - half, seat_y + 6, 9, GROUND_Y - seat_y - 4, 4),
        _rect(centre_x + half - 9, seat_y + 6, 9, GROUND_Y - seat_y - 4, 4),
    ]
    return group(
        [
            *[solid(d, c.prop, c.prop_shade) for d in legs],
            solid(seat, c.prop, c.prop_shade),
        ]
    )


def towel(
    c: Palette, centre: Vec, half_length: float, radius: float, angle: float = 0.0
) -> Element:
    """A rolled hand towel lying across, its spiral end showing so it reads as rolled."""
    a = add(centre, polar(angle + 180, half_length))
    b = add(centre, polar(angle, half_length))
    end = add(b, polar(angle, -radius * 0.2))
    return group(
        [
            solid(capsule(a, radius, b, radius), c.prop, c.prop_shade, 3.0),
            el(
                "path",
                d=circle_path(end, radius * 0.5),
                fill="none",
                stroke=c.prop_shade,
                stroke_width=2.2,
            ),
        ]
    )
