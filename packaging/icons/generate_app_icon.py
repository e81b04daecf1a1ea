"""Regenerate BackCare's application icon and its tray version into assets/icons/.

    python packaging/icons/generate_app_icon.py [--out DIR]

backcare.svg: a deep-teal rounded square holding a calm figure seen from behind, its spine a
gentle line of vertebrae and a warm clay glow over the lower back (the same highlight the
technique pictures use). backcare-tray.svg: the same figure as a single-colour outline that
stays readable at 16-22 px; its colour (#2b2f33) is swapped by the app for light or dark panels.
"""

from __future__ import annotations

import argparse
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "assets" / "icons"

TEAL_TOP = "#3a847b"
TEAL = "#2f6f68"
TEAL_DEEP = "#245a54"
TEAL_EDGE = "#1b4540"
SAND = "#f6f1ea"
SAND_SHADE = "#e9dfd1"
CLAY = "#d98e73"
INK = "#2b2f33"

# The figure's back, from the neck round the left side to the hips and back up the right.
BACK = (
    "M232 150"
    "C232 164 214 172 190 178"
    "C158 186 142 204 142 236"
    "C142 262 156 282 164 304"
    "C170 322 160 344 154 372"
    "C152 384 158 394 172 394"
    "H340"
    "C354 394 360 384 358 372"
    "C352 344 342 322 348 304"
    "C356 282 370 262 370 236"
    "C370 204 354 186 322 178"
    "C298 172 280 164 280 150"
    "Z"
)
# Vertebrae from the neck down: (centre x, centre y, half width), along a gentle S-curve.
VERTEBRAE = (
    (256.0, 192.0, 9.0),
    (258.0, 222.0, 10.0),
    (259.0, 252.0, 11.0),
    (257.0, 282.0, 12.5),
    (254.0, 312.0, 14.0),
    (253.0, 342.0, 15.0),
    (255.0, 371.0, 15.5),
)


def _vertebrae() -> str:
    """Short rounded bars, wider toward the hips, the way a spine is built."""
    lines = []
    for x, y, half in VERTEBRAE:
        lines.append(
            f'  <path d="M{x - half:g} {y:g}H{x + half:g}" fill="none" stroke="{TEAL}" '
            f'stroke-width="13" stroke-linecap="round"/>'
        )
    return "\n".join(lines)


def app_icon() -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" viewBox="0 0 512 512">
  <title>BackCare</title>
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="{TEAL_TOP}"/>
      <stop offset="1" stop-color="{TEAL_DEEP}"/>
    </linearGradient>
    <radialGradient id="warmth">
      <stop offset="0" stop-color="{CLAY}" stop-opacity="0.95"/>
      <stop offset="0.6" stop-color="{CLAY}" stop-opacity="0.6"/>
      <stop offset="1" stop-color="{CLAY}" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <rect x="32" y="44" width="448" height="440" rx="104" fill="{TEAL_EDGE}"/>
  <rect x="32" y="32" width="448" height="440" rx="104" fill="url(#tile)"/>
  <path d="{BACK}" fill="{SAND}"/>
  <circle cx="256" cy="102" r="46" fill="{SAND}"/>
  <ellipse cx="256" cy="322" rx="88" ry="54" fill="url(#warmth)"/>
{_vertebrae()}
</svg>
"""


def tray_icon() -> str:
    body = (
        "M9.6 9C9.6 9 7.8 9.3 6.6 9.9C5.3 10.5 4.8 11.6 4.8 13C4.8 14.6 5.6 15.8 5.8 17.2"
        "C5.9 18 5.7 19.1 5.6 20.2H18.4C18.3 19.1 18.1 18 18.2 17.2C18.4 15.8 19.2 14.6 19.2 13"
        "C19.2 11.6 18.7 10.5 17.4 9.9C16.2 9.3 14.4 9 14.4 9Z"
    )
    vertebrae = "".join(f"M11 {y:g}H13" for y in (12.2, 14.7, 17.2))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" viewBox="0 0 24 24">
  <title>BackCare</title>
  <circle cx="12" cy="4.7" r="2.7" fill="{INK}"/>
  <g fill="none" stroke="{INK}" stroke-width="1.75" stroke-linecap="round"
     stroke-linejoin="round">
    <path d="{body}"/>
    <path d="{vertebrae}"/>
  </g>
</svg>
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate the app and tray icons.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "backcare.svg").write_text(app_icon(), encoding="utf-8", newline="\n")
    (out / "backcare-tray.svg").write_text(tray_icon(), encoding="utf-8", newline="\n")
    print(f"wrote backcare.svg and backcare-tray.svg to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
