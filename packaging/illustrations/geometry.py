"""Plane geometry for the illustration generator: points, limbs and smooth outlines.

Everything here works in SVG screen coordinates (x right, y down, angles in degrees measured
clockwise from +x), so 90 degrees points straight down and -90 straight up. Numbers are rounded
to one decimal when written, which keeps the SVG files small and byte-for-byte reproducible.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Vec = tuple[float, float]


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1])


def mul(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k)


def length(a: Vec) -> float:
    return math.hypot(a[0], a[1])


def unit(a: Vec) -> Vec:
    size = length(a) or 1.0
    return (a[0] / size, a[1] / size)


def lerp(a: Vec, b: Vec, t: float) -> Vec:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def polar(angle: float, distance: float = 1.0) -> Vec:
    """The vector of `distance` pointing at `angle` degrees (0 = right, 90 = down)."""
    rad = math.radians(angle)
    return (math.cos(rad) * distance, math.sin(rad) * distance)


def angle_of(a: Vec) -> float:
    return math.degrees(math.atan2(a[1], a[0]))


def turn(a: Vec, degrees: float) -> Vec:
    """Rotate a vector clockwise on screen by `degrees`."""
    rad = math.radians(degrees)
    c, s = math.cos(rad), math.sin(rad)
    return (a[0] * c - a[1] * s, a[0] * s + a[1] * c)


def at(origin: Vec, up: Vec, along: float, across: float) -> Vec:
    """A point in a local frame: `along` the `up` direction, `across` to its clockwise side."""
    side = turn(up, 90)
    return (
        origin[0] + up[0] * along + side[0] * across,
        origin[1] + up[1] * along + side[1] * across,
    )


def two_bone(root: Vec, target: Vec, first: float, second: float, bend: int) -> Vec:
    """The middle joint (elbow or knee) of a two-segment limb reaching from root toward target.

    `bend` (+1 or -1) chooses on which side of the root-target line the joint sits, the way an
    animator picks which way an elbow points. A target out of reach straightens the limb.
    """
    span = sub(target, root)
    dist = max(min(length(span), first + second - 0.01), abs(first - second) + 0.01)
    cos_a = (first * first + dist * dist - second * second) / (2 * first * dist)
    offset = math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
    return add(root, polar(angle_of(span) - bend * offset, first))


def fmt(value: float) -> str:
    """One decimal, no trailing zero, no negative zero: stable text for the SVG files."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def pt(p: Vec) -> str:
    return f"{fmt(p[0])} {fmt(p[1])}"


def _catmull_segments(points: Sequence[Vec], closed: bool, tension: float) -> list[str]:
    count = len(points)
    parts: list[str] = []
    last = count if closed else count - 1
    for i in range(last):
        p0 = points[(i - 1) % count] if (closed or i > 0) else points[i]
        p1 = points[i]
        p2 = points[(i + 1) % count]
        p3 = points[(i + 2) % count] if (closed or i + 2 < count) else p2
        c1 = add(p1, mul(sub(p2, p0), tension / 6))
        c2 = sub(p2, mul(sub(p3, p1), tension / 6))
        parts.append(f"C{pt(c1)} {pt(c2)} {pt(p2)}")
    return parts


def smooth_closed(points: Sequence[Vec], tension: float = 1.0) -> str:
    """A closed, rounded outline through every point (Catmull-Rom turned into cubic Beziers).

    Outlines are always wound the same way as capsules and circles, so several of them in one
    path fill as a union instead of cancelling where they overlap.
    """
    if signed_area(points) < 0:
        points = list(reversed(points))
    return f"M{pt(points[0])}" + "".join(_catmull_segments(points, True, tension)) + "Z"


def signed_area(points: Sequence[Vec]) -> float:
    total = 0.0
    for i, a in enumerate(points):
        b = points[(i + 1) % len(points)]
        total += a[0] * b[1] - b[0] * a[1]
    return total / 2


def smooth_open(points: Sequence[Vec], tension: float = 1.0) -> str:
    """An open curve through every point, used for arrows and seams."""
    if len(points) == 2:
        return f"M{pt(points[0])}L{pt(points[1])}"
    return f"M{pt(points[0])}" + "".join(_catmull_segments(points, False, tension))


def arc_points(
    centre: Vec,
    rx: float,
    ry: float,
    start: float,
    end: float,
    tilt: float = 0.0,
    step: float = 12.0,
) -> list[Vec]:
    """Points along an (optionally tilted) elliptical arc from `start` to `end` degrees."""
    sweep = end - start
    count = max(2, int(abs(sweep) / step) + 1)
    points = []
    for i in range(count + 1):
        a = math.radians(start + sweep * i / count)
        local = (math.cos(a) * rx, math.sin(a) * ry)
        points.append(add(centre, turn(local, tilt)))
    return points


def _arc_bezier(centre: Vec, radius: float, start: float, end: float) -> list[str]:
    """Cubic Bezier pieces (no SVG arc commands, which SVG Tiny lacks) for a circular arc."""
    pieces = max(1, math.ceil(abs(end - start) / 90 - 1e-9))
    step = (end - start) / pieces
    k = 4 / 3 * math.tan(math.radians(step) / 4)
    parts = []
    for i in range(pieces):
        a0 = start + step * i
        a1 = a0 + step
        p0 = add(centre, polar(a0, radius))
        p3 = add(centre, polar(a1, radius))
        c1 = add(p0, mul(polar(a0 + 90, radius), k))
        c2 = sub(p3, mul(polar(a1 + 90, radius), k))
        parts.append(f"C{pt(c1)} {pt(c2)} {pt(p3)}")
    return parts


def capsule(a: Vec, ra: float, b: Vec, rb: float) -> str:
    """A tapered, round-ended limb segment from circle (a, ra) to circle (b, rb).

    The outline follows the two outer tangents of the circles, so a thigh can narrow to the
    knee and still join the shin without a step.
    """
    span = sub(b, a)
    dist = length(span)
    if dist < 1e-6 or dist <= abs(ra - rb):
        big = (a, ra) if ra >= rb else (b, rb)
        return circle_path(big[0], big[1])
    direction = angle_of(span)
    k = (ra - rb) / dist
    tilt = math.degrees(math.acos(max(-1.0, min(1.0, k))))
    left_angle = direction - tilt
    right_angle = direction + tilt
    start = add(a, polar(left_angle, ra))
    parts = [f"M{pt(start)}", f"L{pt(add(b, polar(left_angle, rb)))}"]
    parts += _arc_bezier(b, rb, left_angle, right_angle)
    parts.append(f"L{pt(add(a, polar(right_angle, ra)))}")
    parts += _arc_bezier(a, ra, right_angle, left_angle + 360)
    parts.append("Z")
    return "".join(parts)


def circle_path(centre: Vec, radius: float) -> str:
    start = add(centre, polar(0, radius))
    return f"M{pt(start)}" + "".join(_arc_bezier(centre, radius, 0, 360)) + "Z"
