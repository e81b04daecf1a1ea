"""Arrows, glows and rhythm marks: how a picture says "here", "this way" and "gently, again".

All marks use the accent colour with round caps and round-cornered heads, one stroke weight for
every picture. Arrows lie on a halo in a colour that contrasts with the arrow (at least 3:1 in
every theme, tests/gui/test_theme.py), so an arrow crossing a sleeve of a similar colour is
still seen. The target area glows through a radial gradient in the highlight colour, which
QtSvg renders without filters.
"""

from __future__ import annotations

from collections.abc import Sequence

from geometry import Vec, add, angle_of, arc_points, fmt, lerp, mul, polar, smooth_open, sub
from palette import Palette
from svg import Element, el, group

STROKE = 5.0
HEAD = 7.5
GLOW_ID = "glow"


def glow_gradient(c: Palette) -> Element:
    """The soft highlight: strongest at the centre, fading to nothing at the rim."""
    return el(
        "radialGradient",
        el("stop", offset="0", stop_color=c.highlight, stop_opacity="0.9"),
        el("stop", offset="0.6", stop_color=c.highlight, stop_opacity="0.62"),
        el("stop", offset="1", stop_color=c.highlight, stop_opacity="0"),
        id=GLOW_ID,
    )


def glow(centre: Vec, rx: float, ry: float, angle: float = 0.0) -> Element:
    """A glowing ellipse over the worked muscles; `angle` tilts it along the body."""
    attrs: dict[str, str | float] = {
        "cx": fmt(centre[0]),
        "cy": fmt(centre[1]),
        "rx": fmt(rx),
        "ry": fmt(ry),
        "fill": f"url(#{GLOW_ID})",
    }
    if angle:
        attrs["transform"] = f"rotate({fmt(angle)} {fmt(centre[0])} {fmt(centre[1])})"
    return el("ellipse", **attrs)


HALO = 4.0
"""How much wider than the arrow its halo is (half of it shows on each side)."""


def _head(
    tip_base: Vec, direction: float, c: Palette, size: float, colour: str = "", extra: float = 0
) -> Element:
    forward = polar(direction)
    tip = add(tip_base, mul(forward, size * 1.05))
    back = add(tip_base, mul(forward, -size * 0.45))
    wing = polar(direction + 90, size * 0.95)
    pts = [tip, add(back, wing), sub(back, wing)]
    d = "M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in pts) + "Z"
    ink = colour or c.arrow
    return el("path", d=d, fill=ink, stroke=ink, stroke_width=3.5 + extra, stroke_linejoin="round")


def arrow(
    points: Sequence[Vec],
    c: Palette,
    heads: str = "end",
    width: float = STROKE,
    size: float = HEAD,
    opacity: float = 1.0,
) -> Element:
    """A smooth arrow through `points`; `heads` is "end", "start", "both" or "none"."""
    pts = list(points)
    children = []
    for ink, extra in ((c.arrow_halo, HALO), (c.arrow, 0.0)):  # the halo first, beneath
        children.append(
            el(
                "path",
                d=smooth_open(pts),
                fill="none",
                stroke=ink,
                stroke_width=width + extra,
                stroke_linecap="round",
                stroke_linejoin="round",
            )
        )
        if heads in ("end", "both"):
            children.append(_head(pts[-1], angle_of(sub(pts[-1], pts[-2])), c, size, ink, extra))
        if heads in ("start", "both"):
            children.append(_head(pts[0], angle_of(sub(pts[0], pts[1])), c, size, ink, extra))
    if opacity < 1:
        return group(children, opacity=opacity)
    return group(children)


def straight(a: Vec, b: Vec, c: Palette, heads: str = "end", **kw: float) -> Element:
    return arrow([a, lerp(a, b, 0.5), b], c, heads, **kw)


def arc_arrow(
    centre: Vec,
    rx: float,
    ry: float,
    start: float,
    end: float,
    c: Palette,
    tilt: float = 0.0,
    heads: str = "end",
    **kw: float,
) -> Element:
    """An arrow along part of an ellipse, for turning and circling movements."""
    return arrow(arc_points(centre, rx, ry, start, end, tilt, 8.0), c, heads, **kw)


def arc_line(
    centre: Vec,
    rx: float,
    ry: float,
    start: float,
    end: float,
    c: Palette,
    tilt: float = 0.0,
    width: float = STROKE,
    opacity: float = 1.0,
) -> Element:
    """The same curve without a head (the hidden half of a turn drawn behind the body)."""
    d = smooth_open(arc_points(centre, rx, ry, start, end, tilt, 8.0))
    return el(
        "path",
        d=d,
        fill="none",
        stroke=c.arrow,
        stroke_width=width,
        stroke_linecap="round",
        opacity=fmt(opacity),
    )


def ticks(
    centre: Vec,
    direction: float,
    c: Palette,
    spread: float = 34.0,
    inner: float = 12.0,
    outer: float = 21.0,
) -> Element:
    """Three short strokes fanning out from a point: a light, quick tap."""
    lines = []
    for offset in (-spread, 0.0, spread):
        a = add(centre, polar(direction + offset, inner))
        b = add(centre, polar(direction + offset, outer))
        lines.append(
            el(
                "path",
                d=f"M{fmt(a[0])} {fmt(a[1])}L{fmt(b[0])} {fmt(b[1])}",
                fill="none",
                stroke=c.arrow,
                stroke_width=4,
                stroke_linecap="round",
            )
        )
    return group(lines)


def rings(
    centre: Vec,
    c: Palette,
    radii: Sequence[float] = (7.0, 13.0, 19.0),
    squash: float = 0.55,
    angle: float = 0.0,
) -> Element:
    """Concentric, fading ellipses: pressure that stays on one spot."""
    items = []
    for i, r in enumerate(radii):
        items.append(
            el(
                "path",
                d=smooth_open(arc_points(centre, r, r * squash, 0, 360, angle, 20)) + "Z",
                fill="none",
                stroke=c.arrow,
                stroke_width=3.5 - i * 0.5,
                opacity=fmt(1.0 - i * 0.28),
            )
        )
    return group(items)


def waves(
    centre: Vec,
    c: Palette,
    direction: float,
    radii: Sequence[float] = (26, 36, 46),
    half_angle: float = 32.0,
) -> Element:
    """Arcs spreading from a point, quieter the further they travel: a slow breath."""
    items = []
    for i, r in enumerate(radii):
        pts = [
            add(centre, polar(direction + a, r))
            for a in (-half_angle, -half_angle / 2, 0.0, half_angle / 2, half_angle)
        ]
        items.append(
            el(
                "path",
                d=smooth_open(pts),
                fill="none",
                stroke=c.arrow,
                stroke_width=4.5 - i * 0.6,
                stroke_linecap="round",
                opacity=fmt(1.0 - i * 0.27),
            )
        )
    return group(items)
