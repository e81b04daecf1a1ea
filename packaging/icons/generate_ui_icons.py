"""Regenerate BackCare's outline UI icons into assets/icons/ui/ (or --out DIR).

    python packaging/icons/generate_ui_icons.py [--out DIR]

One set, one look: a 24 x 24 grid, 1.75 strokes, round caps and joins, no fill except where a
shape needs it (the filled heart, the dot of "i"). Every icon uses the single colour #2b2f33,
which the app swaps for the current theme's text colour. The output is deterministic, and a test
checks that the committed files match.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "assets" / "icons" / "ui"
THEMES = REPO_ROOT / "assets" / "theme.json"
INK = "#2b2f33"
STROKE = "1.75"


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def path(d: str, fill: bool = False) -> str:
    if fill:
        return f'<path d="{d}" fill="{INK}"/>'
    return f'<path d="{d}"/>'


def circle(cx: float, cy: float, r: float, fill: bool = False) -> str:
    extra = f' fill="{INK}" stroke="none"' if fill else ""
    return f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}"{extra}/>'


def gear() -> str:
    """A gear with eight rounded teeth, computed so its teeth are even."""
    points = []
    teeth = 8
    for i in range(teeth):
        base = i * 360 / teeth
        for offset, radius in ((-16.0, 6.6), (-9.0, 9.2), (9.0, 9.2), (16.0, 6.6)):
            a = math.radians(base + offset - 90)
            points.append((12 + math.cos(a) * radius, 12 + math.sin(a) * radius))
    d = "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in points) + "Z"
    return path(d) + circle(12, 12, 2.8)


HEART = (
    "M12 19.5C6.2 15.7 3.5 12.6 3.5 9.3C3.5 6.8 5.4 5 7.7 5C9.4 5 11 6 12 7.6"
    "C13 6 14.6 5 16.3 5C18.6 5 20.5 6.8 20.5 9.3C20.5 12.6 17.8 15.7 12 19.5Z"
)
SPEAKER = "M4 9.5H7.5L12 5.5V18.5L7.5 14.5H4Z"


def _star(outer: float = 9.0, inner: float = 3.9, cx: float = 12.0, cy: float = 12.6) -> str:
    """A five-pointed star, point up, its corners on two circles (rounded by the joins)."""
    corners = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        corners.append(f"{cx + radius * math.cos(angle):.2f} {cy + radius * math.sin(angle):.2f}")
    return "M" + "L".join(corners) + "Z"


STAR = _star()

ICONS: dict[str, str] = {
    "play": path("M8 5.5L19 12L8 18.5Z"),
    "pause": path("M7 5.5H10V18.5H7Z") + path("M14 5.5H17V18.5H14Z"),
    "skip-next": path("M6 6.5L14.5 12L6 17.5Z") + path("M18 6V18"),
    "skip-back": path("M18 6.5L9.5 12L18 17.5Z") + path("M6 6V18"),
    "stop": path(
        "M8 6H16C17.1 6 18 6.9 18 8V16C18 17.1 17.1 18 16 18H8C6.9 18 6 17.1 6 16V8"
        "C6 6.9 6.9 6 8 6Z"
    ),
    "fullscreen": path("M4 9V4H9") + path("M15 4H20V9") + path("M20 15V20H15") + path("M9 20H4V15"),
    "fullscreen-exit": path("M9 4V9H4")
    + path("M15 4V9H20")
    + path("M20 15H15V20")
    + path("M4 15H9V20"),
    "settings": gear(),
    "guide": path(
        "M12 6.8C10 5.2 7.2 4.6 4 5V18C7.2 17.6 10 18.2 12 19.8"
        "C14 18.2 16.8 17.6 20 18V5C16.8 4.6 14 5.2 12 6.8Z"
    )
    + path("M12 6.8V19.8"),
    "home": path("M3.5 11.5L12 4L20.5 11.5") + path("M6 9.5V20H18V9.5") + path("M10 20V14.5H14V20"),
    "heart": path(HEART),
    "heart-filled": path(HEART, fill=True) + path(HEART),
    "star": path(STAR),
    "star-filled": path(STAR, fill=True) + path(STAR),
    "leaf": path("M5 19C5 10.5 10.5 5 19 5C19 13.5 13.5 19 5 19Z") + path("M5 19L13.5 10.5"),
    "chart": path("M4 4V20H20") + path("M8.5 16V12") + path("M12.5 16V8") + path("M16.5 16V10.5"),
    "bell": path("M6 16.5V11C6 7.7 8.7 5 12 5C15.3 5 18 7.7 18 11V16.5L19.5 18.5H4.5Z")
    + path("M10 21H14")
    + path("M12 3V5"),
    "breath": path(
        "M3 9H13.5C15.4 9 16.8 7.6 16.8 6C16.8 4.6 15.7 3.5 14.3 3.5C13.1 3.5 12.2 4.3 12 5.3"
    )
    + path(
        "M3 13H17.5C19.4 13 20.8 14.4 20.8 16.1C20.8 17.7 19.5 19 17.9 19"
        "C16.6 19 15.5 18.1 15.3 16.9"
    )
    + path("M3 17H10"),
    "clock": circle(12, 12, 8.5) + path("M12 7.5V12L15 14"),
    "sound-on": path(SPEAKER)
    + path("M15.5 9C17.2 10.6 17.2 13.4 15.5 15")
    + path("M18 6.5C20.9 9.3 20.9 14.7 18 17.5"),
    "sound-off": path(SPEAKER) + path("M16 9.5L21 14.5") + path("M21 9.5L16 14.5"),
    "check": path("M5 12.5L9.5 17L19 7.5"),
    "close": path("M6 6L18 18") + path("M18 6L6 18"),
    "info": circle(12, 12, 8.5) + path("M12 11V16.5") + path("M12 7.8V7.9"),
    "warning": path("M12 4L20.8 19.2H3.2Z") + path("M12 10V14") + path("M12 16.8V16.9"),
    "chevron-left": path("M15 5L8 12L15 19"),
    "chevron-right": path("M9 5L16 12L9 19"),
    "power": path("M12 3.5V11.5") + path("M7.4 6.6A7.5 7.5 0 1 0 16.6 6.6"),
    "window": path(
        "M5.5 5H18.5C19.3 5 20 5.7 20 6.5V17.5C20 18.3 19.3 19 18.5 19H5.5"
        "C4.7 19 4 18.3 4 17.5V6.5C4 5.7 4.7 5 5.5 5Z"
    )
    + path("M4 9H20"),
}

TITLES = {
    "skip-next": "Next step",
    "skip-back": "Previous step",
    "fullscreen-exit": "Leave full screen",
    "guide": "Guide",
    "heart": "Favourite",
    "heart-filled": "Favourite (chosen)",
    "star": "Star (a favourite routine)",
    "star-filled": "Starred",
    "leaf": "Oils",
    "chart": "Progress",
    "bell": "Reminders",
    "breath": "Breathing",
    "sound-on": "Sound on",
    "sound-off": "Sound off",
    "power": "Quit",
    "window": "Show the window",
}


def icon_svg(name: str) -> str:
    title = TITLES.get(name, name.replace("-", " ").capitalize())
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
        'viewBox="0 0 24 24">\n'
        f"  <title>{title}</title>\n"
        f'  <g fill="none" stroke="{INK}" stroke-width="{STROKE}" stroke-linecap="round" '
        'stroke-linejoin="round">\n'
        f"    {ICONS[name]}\n"
        "  </g>\n"
        "</svg>\n"
    )


ARROWS = {"down": "M3 5.5L8 10.5L13 5.5", "up": "M3 10.5L8 5.5L13 10.5"}
"""The small chevrons of drop-downs, spin boxes and menu buttons, on a 16 x 16 grid."""


def arrow_svg(direction: str, colour: str) -> str:
    """A Qt style sheet takes these as image files, which cannot be recoloured on the fly:
    so one file per theme, in that theme's secondary text colour."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
        'viewBox="0 0 16 16" width="16" height="16">\n'
        f'  <path d="{ARROWS[direction]}" fill="none" stroke="{colour}" stroke-width="1.75" '
        'stroke-linecap="round" stroke-linejoin="round"/>\n'
        "</svg>\n"
    )


def write_arrows(out: Path) -> int:
    themes: dict[str, dict[str, str]] = json.loads(THEMES.read_text(encoding="utf-8"))["themes"]
    folder = out / "arrows"
    folder.mkdir(parents=True, exist_ok=True)
    for theme, tokens in sorted(themes.items()):
        for direction in ARROWS:
            svg = arrow_svg(direction, tokens["text_secondary"])
            (folder / f"{direction}-{theme}.svg").write_text(svg, encoding="utf-8", newline="\n")
    return len(themes) * len(ARROWS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate the UI icons.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name in sorted(ICONS):
        (out / f"{name}.svg").write_text(icon_svg(name), encoding="utf-8", newline="\n")
    arrows = write_arrows(out)
    print(f"wrote {len(ICONS)} icons and {arrows} arrows to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
