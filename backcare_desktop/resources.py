"""One way to find the bundled assets, wherever the app runs from.

- a frozen PyInstaller build unpacks them to `sys._MEIPASS/assets`;
- an installed wheel carries them as the package `backcare_desktop/assets`;
- a source checkout keeps them in the top-level `assets/` beside the package.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


class MissingAssetError(FileNotFoundError):
    """An asset the app needs is not where it should be (a broken install)."""


@cache
def assets_dir() -> Path:
    """The folder that holds routines/, illustrations/, audio/ and the other assets."""
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "assets")
    candidates.append(_PACKAGE_DIR / "assets")
    candidates.append(_PACKAGE_DIR.parent / "assets")
    for candidate in candidates:
        if (candidate / "techniques.json").is_file():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise MissingAssetError(f"BackCare's assets were not found (looked in: {searched})")


def asset_path(*parts: str) -> Path:
    """The path of one asset, relative to the assets folder; raises if it is missing."""
    path = assets_dir().joinpath(*parts)
    if not path.exists():
        raise MissingAssetError(f"Missing asset: {path}")
    return path
