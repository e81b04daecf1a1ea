"""The illustration colours, read from the light theme's art_* tokens in assets/theme.json.

The app recolours a picture for the dark and dim themes by swapping each light hex for the
matching token of that theme, so the pictures may use these colours and no others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
THEME_FILE = REPO_ROOT / "assets" / "theme.json"


@dataclass(frozen=True)
class Palette:
    """The light-theme art colours, lowercase hex exactly as theme.json writes them."""

    backdrop: str
    ground: str
    skin: str
    skin_shade: str
    hair: str
    shirt: str
    shirt_shade: str
    trousers: str
    prop: str
    prop_shade: str
    line: str
    arrow: str
    arrow_halo: str
    """Drawn under every arrow, so the arrow stands out 3:1 from whatever it crosses."""
    highlight: str


def load_palette(theme_file: Path = THEME_FILE) -> Palette:
    tokens = json.loads(theme_file.read_text(encoding="utf-8"))["themes"]["light"]
    return Palette(**{name: tokens[f"art_{name}"] for name in Palette.__dataclass_fields__})
