"""Regenerate every technique illustration into assets/illustrations/ (or --out DIR).

    python packaging/illustrations/generate.py [--out DIR]

Deterministic: the same code and theme.json always give the same bytes, and a test checks that
the committed SVGs match. Per-side techniques are drawn for the left side and mirrored for the
right, so both pictures always agree.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figure import FigurePainter
from geometry import fmt
from lying import ball_glutes_floor, knee_hug, roller_extension, roller_upper_back
from marks import glow_gradient
from neck import chin_tuck, ear_to_shoulder, neck_friction, neck_side_glide, towel_shoulder_press
from palette import REPO_ROOT, Palette, load_palette
from props import backdrop, ground, wall_gradients
from scene import Scene
from seated import (
    chair_cat_cow,
    deep_breathing,
    kneading_shoulder,
    knot_compression,
    neck_glide,
    seated_forward_fold,
    seated_twist,
    shoulder_tapping,
)
from standing import (
    ball_beside_spine,
    ball_between_blades,
    ball_glutes,
    ball_mid_back,
    circular_friction,
    doorway_chest_opener,
    effleurage_back,
    glute_circles,
    side_bend,
    warm_up,
)
from svg import Element, Layers, document, group

WIDTH, HEIGHT = 480, 360
DEFAULT_OUT = REPO_ROOT / "assets" / "illustrations"

CATALOGUE: tuple[Callable[[Palette], Scene], ...] = (
    warm_up,
    effleurage_back,
    neck_glide,
    kneading_shoulder,
    circular_friction,
    shoulder_tapping,
    knot_compression,
    ball_between_blades,
    ball_beside_spine,
    ball_glutes,
    roller_upper_back,
    roller_extension,
    seated_twist,
    side_bend,
    seated_forward_fold,
    knee_hug,
    deep_breathing,
    towel_shoulder_press,
    doorway_chest_opener,
    chair_cat_cow,
    neck_side_glide,
    ball_glutes_floor,
    chin_tuck,
    ear_to_shoulder,
    neck_friction,
    ball_mid_back,
    glute_circles,
)


def scene_elements(scene: Scene, colours: Palette) -> list[Element]:
    """Backdrop, floor, props, figure and marks, stacked back to front."""
    layers = Layers()
    cx, cy, rx, ry = scene.backdrop
    layers.put(0, backdrop(colours, (cx, cy), rx, ry))
    if scene.floor:
        layers.put(1, *ground(colours, shadow=scene.shadow))
    for depth, element in scene.items:
        layers.put(depth, element)
    FigurePainter(scene.pose, colours).paint(layers)
    return layers.ordered()


def swap_sides(text: str) -> str:
    """The mirrored picture's description: every left becomes right and the other way round."""
    return re.sub(r"\b(left|right)\b", lambda m: "right" if m.group(1) == "left" else "left", text)


def render(scene: Scene, colours: Palette, mirrored: bool) -> str:
    body = scene_elements(scene, colours)
    if scene.lift:
        body = [group(body, transform=f"translate(0 {fmt(-scene.lift)})")]
    title = swap_sides(scene.title) if mirrored else scene.title
    if mirrored:
        body = [group(body, transform=f"matrix(-1 0 0 1 {WIDTH} 0)")]
    return document(
        title, body, defs=[glow_gradient(colours), *wall_gradients(colours)], size=(WIDTH, HEIGHT)
    )


def pictures(colours: Palette) -> dict[str, str]:
    """File name -> SVG text for every technique."""
    files: dict[str, str] = {}
    for make in CATALOGUE:
        scene = make(colours)
        if scene.per_side:
            files[f"{scene.technique}-left.svg"] = render(scene, colours, mirrored=False)
            files[f"{scene.technique}-right.svg"] = render(scene, colours, mirrored=True)
        else:
            files[f"{scene.technique}.svg"] = render(scene, colours, mirrored=False)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    files = pictures(load_palette())
    for name, text in sorted(files.items()):
        (out / name).write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {len(files)} illustrations to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
