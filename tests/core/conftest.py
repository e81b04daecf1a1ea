"""Content fixtures shared by the routine and content tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from backcare_desktop.core.content.loader import load_library
from backcare_desktop.core.routine import Library

REAL_ASSETS = Path(__file__).resolve().parents[2] / "assets"


def copy_assets_with_placeholder_pictures(target: Path) -> Path:
    """A copy of the content files, with stand-in SVGs: tests can break a copy, not the real one."""
    assets = target / "assets"
    assets.mkdir()
    shutil.copy(REAL_ASSETS / "techniques.json", assets)
    shutil.copy(REAL_ASSETS / "breathing_patterns.json", assets)
    shutil.copytree(REAL_ASSETS / "routines", assets / "routines")
    pictures = assets / "illustrations"
    pictures.mkdir()
    for raw in json.loads((assets / "techniques.json").read_text())["techniques"]:
        sides = ["-left", "-right"] if raw["per_side"] else [""]
        for side in sides:
            (pictures / f"{raw['id']}{side}.svg").write_text("<svg/>")
    return assets


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    return copy_assets_with_placeholder_pictures(tmp_path)


@pytest.fixture
def library(assets: Path) -> Library:
    return load_library(assets)
