"""The technique pictures and icons are generated, complete, themeable and renderable by QtSvg.

Regenerating into a temporary folder must reproduce the committed files byte for byte, so the
art can only change by changing the generators (and committing their output).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "assets"
ILLUSTRATIONS = ASSETS / "illustrations"
UI_ICONS = ASSETS / "icons" / "ui"
APP_ICONS = ASSETS / "icons"
SVG_NS = "{http://www.w3.org/2000/svg}"
HEX = re.compile(r"#[0-9a-fA-F]{3,8}\b")

# The technique library's ids and whether each is drawn once per side (from the plan); the
# test below also checks assets/techniques.json against the pictures when it exists.
TECHNIQUES: dict[str, bool] = {
    "warm_up": False,
    "effleurage_back": False,
    "neck_glide": False,
    "kneading_shoulder": True,
    "circular_friction": False,
    "shoulder_tapping": False,
    "knot_compression": True,
    "ball_between_blades": True,
    "ball_beside_spine": True,
    "ball_glutes": True,
    "roller_upper_back": False,
    "roller_extension": False,
    "seated_twist": True,
    "side_bend": True,
    "seated_forward_fold": False,
    "knee_hug": True,
    "deep_breathing": False,
    "towel_shoulder_press": True,
    "doorway_chest_opener": True,
    "chair_cat_cow": False,
    "neck_side_glide": True,
    "ball_glutes_floor": True,
    "chin_tuck": False,
    "ear_to_shoulder": True,
    "neck_friction": False,
    "ball_mid_back": True,
    "glute_circles": False,
}
UI_ICON_NAMES = (
    *("play", "pause", "skip-next", "skip-back", "stop", "fullscreen", "fullscreen-exit"),
    *("settings", "guide", "home", "heart", "heart-filled", "leaf", "chart", "bell", "breath"),
    *("clock", "sound-on", "sound-off", "check", "close", "info", "warning"),
    *("chevron-left", "chevron-right", "power", "window", "star", "star-filled"),
)
FORBIDDEN_TAGS = {
    "filter",
    "mask",
    "clipPath",
    "text",
    "image",
    "foreignObject",
    "script",
    "style",
    "use",
}


def _light_art_colours() -> set[str]:
    theme = json.loads((ASSETS / "theme.json").read_text(encoding="utf-8"))
    return {v for k, v in theme["themes"]["light"].items() if k.startswith("art_")}


def _expected_files(techniques: dict[str, bool]) -> set[str]:
    names = set()
    for technique, per_side in techniques.items():
        if per_side:
            names |= {f"{technique}-left.svg", f"{technique}-right.svg"}
        else:
            names.add(f"{technique}.svg")
    return names


def _regenerate(script: str, out: Path) -> None:
    subprocess.run(
        [sys.executable, str(REPO / script), "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=60,
    )


def _same_files(generated: Path, committed: Path, pattern: str = "*.svg") -> None:
    fresh = {p.name: p.read_bytes() for p in generated.glob(pattern)}
    kept = {p.name: p.read_bytes() for p in committed.glob(pattern)}
    assert sorted(fresh) == sorted(kept)
    changed = [name for name in fresh if fresh[name] != kept[name]]
    assert not changed, f"regenerate and commit these (they differ from the generator): {changed}"


def _tags(root: ET.Element) -> set[str]:
    return {element.tag.removeprefix(SVG_NS) for element in root.iter()}


def test_regenerating_the_illustrations_changes_nothing(tmp_path: Path) -> None:
    _regenerate("packaging/illustrations/generate.py", tmp_path)
    _same_files(tmp_path, ILLUSTRATIONS)


def test_regenerating_the_icons_changes_nothing(tmp_path: Path) -> None:
    _regenerate("packaging/icons/generate_ui_icons.py", tmp_path / "ui")
    _same_files(tmp_path / "ui", UI_ICONS)
    _same_files(tmp_path / "ui" / "arrows", UI_ICONS / "arrows")
    _regenerate("packaging/icons/generate_app_icon.py", tmp_path / "app")
    _same_files(tmp_path / "app", APP_ICONS)


def test_every_technique_has_its_pictures() -> None:
    present = {p.name for p in ILLUSTRATIONS.glob("*.svg")}
    assert _expected_files(TECHNIQUES) == present


def test_the_technique_library_and_the_pictures_agree() -> None:
    library = ASSETS / "techniques.json"
    if not library.exists():
        pytest.skip("assets/techniques.json is not written yet")
    data = json.loads(library.read_text(encoding="utf-8"))
    techniques = {t["id"]: bool(t["per_side"]) for t in data["techniques"]}
    present = {p.name for p in ILLUSTRATIONS.glob("*.svg")}
    missing = _expected_files(techniques) - present
    assert not missing, f"techniques without a picture: {sorted(missing)}"


@pytest.mark.parametrize("path", sorted(ILLUSTRATIONS.glob("*.svg")), ids=lambda p: p.name)
def test_an_illustration_is_plain_themeable_svg(path: Path) -> None:
    root = ET.parse(path).getroot()
    assert root.get("viewBox") == "0 0 480 360"
    assert root.get("width") is None and root.get("height") is None
    title = root.find(f"{SVG_NS}title")
    assert title is not None and (title.text or "").strip()
    assert not _tags(root) & FORBIDDEN_TAGS
    text = path.read_text(encoding="utf-8")
    assert "href" not in text and "url(http" not in text
    colours = set(HEX.findall(text))
    assert colours <= _light_art_colours(), (
        f"not an art_* light colour: {colours - _light_art_colours()}"
    )


@pytest.mark.parametrize("path", sorted(UI_ICONS.glob("*.svg")), ids=lambda p: p.name)
def test_a_ui_icon_is_a_single_colour_outline(path: Path) -> None:
    root = ET.parse(path).getroot()
    assert root.get("viewBox") == "0 0 24 24"
    text = path.read_text(encoding="utf-8")
    assert set(HEX.findall(text)) == {"#2b2f33"}
    assert 'stroke-width="1.75"' in text
    assert 'stroke-linecap="round"' in text and 'stroke-linejoin="round"' in text
    assert not _tags(root) & FORBIDDEN_TAGS


def test_the_ui_icon_set_is_complete() -> None:
    assert sorted(p.stem for p in UI_ICONS.glob("*.svg")) == sorted(UI_ICON_NAMES)


def test_the_tray_icon_is_single_colour() -> None:
    text = (APP_ICONS / "backcare-tray.svg").read_text(encoding="utf-8")
    assert set(HEX.findall(text)) == {"#2b2f33"}


def test_qtsvg_renders_every_picture_and_icon_without_complaint(qapp: object) -> None:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    paths = [*ILLUSTRATIONS.glob("*.svg"), *UI_ICONS.glob("*.svg"), *APP_ICONS.glob("*.svg")]
    assert len(paths) > 40
    complaints: list[str] = []

    def collect(kind: QtMsgType, context: object, message: str) -> None:
        complaints.append(message)

    previous = qInstallMessageHandler(collect)
    try:
        invalid = []
        for path in paths:
            renderer = QSvgRenderer(str(path))
            if not renderer.isValid():
                invalid.append(path.name)
                continue
            image = QImage(96, 72, QImage.Format.Format_ARGB32)
            painter = QPainter(image)
            renderer.render(painter)
            painter.end()
    finally:
        qInstallMessageHandler(previous)
    assert not invalid
    assert not complaints
