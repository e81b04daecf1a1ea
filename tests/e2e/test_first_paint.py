"""The first paint builds none of Qt's `Qt` enums (docs/ARCHITECTURE.md, "Before the first
paint"): PySide builds all ~90 of them the first time one reaches Python, 14 ms of the start.

Each start is a real process: in this test session the namespace is long built.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs the app as `python -m backcare_desktop` would, but reports at the first paint whether
# the namespace exists yet (then quits, as BACKCARE_QUIT_AFTER_FIRST_PAINT makes it). Every
# `*_FALLBACK_MS` is set out of reach as its module loads: those timers stand in for a paint
# that never comes (a window started in the tray), and on a busy machine a start can take
# longer than they wait; what they do then is not the first paint's path.
PROBE = """
import importlib.abc, runpy, sys
import PySide6.QtCore as QtCore

def report(target):
    with open(target, "w", encoding="utf-8") as f:
        f.write("built" if "Qt" in vars(QtCore) else "unbuilt")

class FallbacksOutOfReach(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if not name.startswith("backcare_desktop"):
            return None
        for finder in sys.meta_path[1:]:
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            for attribute in [a for a in vars(module) if a.endswith("FALLBACK_MS")]:
                setattr(module, attribute, 10**8)
            if name == "backcare_desktop.gui.shell.launch":
                module._report_first_paint = report
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, FallbacksOutOfReach())
sys.argv = ["backcare"]
runpy.run_module("backcare_desktop", run_name="__main__", alter_sys=True)
"""


def start(home: Path, platform: str) -> str:
    """One start to its first paint: "built" or "unbuilt"."""
    painted = home.parent / "first-paint"
    painted.unlink(missing_ok=True)
    environment = dict(
        os.environ,
        QT_QPA_PLATFORM=platform,
        BACKCARE_HOME=str(home),
        BACKCARE_QUIT_AFTER_FIRST_PAINT=str(painted),
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return painted.read_text(encoding="utf-8")


@pytest.mark.parametrize("screen", ["small", "large"])
def test_a_start_paints_before_building_qts_enums(
    isolated_home: Path, tmp_path: Path, screen: str
) -> None:
    platform = "offscreen"  # 800×800: the header shows icons only
    if screen == "large":
        config = tmp_path / "screen.json"
        geometry = {"name": "large", "x": 0, "y": 0, "width": 1920, "height": 1080}
        config.write_text(json.dumps({"screens": [geometry]}), encoding="utf-8")
        platform = f"offscreen:configfile={config}"
    # The very first start asks the desktop for its theme before painting, and remembers it.
    assert start(isolated_home, platform) == "built"
    assert start(isolated_home, platform) == "unbuilt"
