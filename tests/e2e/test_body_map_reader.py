"""The body map as a screen reader meets it over the real AT-SPI bus: each area is a named,
checkable control that says which pick it was, and the figure is a picture of the picks.

Qt 6.11's AT-SPI bridge has no toggle-button role (measured: a checkable QToolButton or
QPushButton is a "check box", a Button role with the checkable state a plain "push button"),
so Orca says "Neck, check box, checked". The order is in each area's description when it is
first read, and announced as it is picked (tests/gui/test_body_map.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from desktop_rig import accessibility_missing, private_desktop
from test_screen_reader import Agent

from backcare_desktop.paths import resolve_paths
from backcare_desktop.storage.store import PreferencesStore, shipped_defaults

pytestmark = pytest.mark.xvfb
WAIT_S = 60.0


def accessibility_bus_up(env: dict[str, str]) -> bool:
    """True once at-spi-bus-launcher answers on the session bus (an app or a reader that
    starts before it never joins the accessibility bus)."""
    ask = ["dbus-send", "--session", "--dest=org.a11y.Bus", "--print-reply", "/org/a11y/bus"]
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        answer = subprocess.run(
            [*ask, "org.a11y.Bus.GetAddress"], env=env, capture_output=True, timeout=WAIT_S
        )
        if answer.returncode == 0:
            return True
        time.sleep(0.1)  # polling another process's state, not waiting for app time
    return False


def test_each_area_is_a_named_check_box_that_says_which_pick_it_was(tmp_path: Path) -> None:
    needed = ("Xvfb", "dbus-daemon", "dbus-send", "xdotool")
    missing = [p for p in needed if shutil.which(p) is None]
    unavailable = accessibility_missing()
    if missing or unavailable:
        pytest.skip(unavailable or f"{', '.join(missing)} not installed")
    home = tmp_path / "backcare"
    prefs = shipped_defaults().with_changes(first_run_acknowledged=True)
    PreferencesStore.in_data_dir(resolve_paths(home).ensure()).apply(lambda _old: prefs)
    with private_desktop() as desktop:
        desktop.env["BACKCARE_HOME"] = str(home)
        assert accessibility_bus_up(desktop.env), "the accessibility bus never came up"
        desktop.start([sys.executable, "-m", "backcare_desktop", "--home", str(home)])
        agent = Agent(desktop.env)
        try:
            assert agent("wait_app")["ok"], "BackCare never showed on the accessibility bus"
            assert agent("focus_window")["ok"], "the window never took the keyboard"
            agent("chord", keys="ctrl+t")
            agent.wait_showing("Lower back", "check box")
            agent.press("Lower back", "check box")
            agent.press("Neck", "check box")
            assert agent("wait_checked", name="Neck", role="check box")["ok"]
            nodes = {node["name"]: node for node in agent.nodes()}
            assert nodes["Mid back"]["role"] == "check box" and nodes["Mid back"]["focusable"]
            assert nodes["Figure of a back, seen from behind"]["role"] == "image"
        finally:
            agent.close()
