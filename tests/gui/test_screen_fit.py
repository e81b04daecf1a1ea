"""The window fits common screens: at 1366×768 and 1280×720, at 100 %, 150 % and 200 % scale (and
at 200 % on 1920×1080, and with the system font at 150 %) every page's primary action is on the
screen and in view, where a person can reach it without scrolling; so is the session's
countdown, which a person following a step must see while the step's words scroll.

One exception: at 200 % on the laptop screens (683×384 and 640×360 points) Home's first routine
card is taller than the room under the header, so its Start cannot be in view at once; there,
Tabbing to it must scroll it wholly into view (as it must everywhere)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QRect, QSize

from backcare_desktop.gui.look.screen_room import MINIMUM_SIZE, PREFERRED_SIZE, fitting_geometry

PROBE = Path(__file__).with_name("screen_fit_probe.py")
PRIMARY_ACTIONS = {
    "home start",
    "home start after tab",
    "prepare begin",
    "prepare rating",
    "session pause",
    "session skip",
    "session stop",
    "session countdown",
    "summary done",
    "breathe start",
    "reminders add",
    "compose start",
    "editor save",
    "settings close",
}


def probe(tmp_path: Path, width: int, height: int, env: dict[str, str]) -> dict[str, dict]:
    """Run the probe on an offscreen screen of this size (Qt reads the screen at start-up, so
    each screen needs a process of its own)."""
    config = tmp_path / "screen.json"
    screen = {"name": "probe", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    run_env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", **env}
    done = subprocess.run(
        [sys.executable, str(PROBE)], env=run_env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, dict] = json.loads(done.stdout)
    return found


@pytest.mark.parametrize(
    ("width", "height", "env"),
    [
        (1366, 768, {}),
        (1280, 720, {}),
        (1366, 768, {"QT_SCALE_FACTOR": "1.5"}),
        (1280, 720, {"QT_SCALE_FACTOR": "1.5"}),
        (1366, 768, {"QT_FONT_DPI": "144"}),
        (1920, 1080, {"QT_SCALE_FACTOR": "2"}),
        (1366, 768, {"QT_SCALE_FACTOR": "2"}),
        (1280, 720, {"QT_SCALE_FACTOR": "2"}),
    ],
    ids=[
        "1366x768",
        "1280x720",
        "1366x768-at-150",
        "1280x720-at-150",
        "1366x768-font-150",
        "1920x1080-at-200",
        "1366x768-at-200",
        "1280x720-at-200",
    ],
)
def test_every_page_s_primary_action_is_on_the_screen_and_in_view(
    tmp_path: Path, width: int, height: int, env: dict[str, str]
) -> None:
    found = probe(tmp_path, width, height, env)
    screen = found.pop("screen")
    assert set(found) == PRIMARY_ACTIONS
    if env.get("QT_SCALE_FACTOR") == "2" and height < 1080:  # a card taller than the room
        found.pop("home start")
    hidden = {name: place for name, place in found.items() if not place["shown"]}
    off_screen = {name: place for name, place in found.items() if not place["on_screen"]}
    assert not hidden, f"scrolled or clipped out of view on {screen}: {hidden}"
    assert not off_screen, f"beyond the screen {screen}: {off_screen}"


def test_the_window_opens_at_its_preferred_size_where_the_screen_has_room() -> None:
    available = QRect(0, 0, 1920, 1050)
    geometry = fitting_geometry(available, QMargins(4, 30, 4, 4))
    assert geometry.size() == PREFERRED_SIZE
    assert available.contains(geometry.marginsAdded(QMargins(4, 30, 4, 4)))


def test_on_a_small_screen_the_window_and_its_frame_fit_inside_the_available_area() -> None:
    available = QRect(0, 27, 1366, 741)  # a 1366x768 screen under a 27 px panel
    frame = QMargins(4, 30, 4, 4)
    geometry = fitting_geometry(available, frame)
    assert available.contains(geometry.marginsAdded(frame))
    assert geometry.height() == 741 - 34


def test_the_window_never_opens_below_its_minimum_size() -> None:
    geometry = fitting_geometry(QRect(0, 0, 300, 200), QMargins())
    assert geometry.size() == MINIMUM_SIZE.expandedTo(QSize(0, 0))
