"""Where start-up time goes: a ladder from the bare PySide6 window up to BackCare.

startup.py gives one ratio (BackCare against a bare window, target <= 1.9). This script puts
rungs between them, each a fresh process measured the same way (first paint, offscreen,
interleaved, medians), so the owner of that target can see what the 90 % must pay for:

1. the bare window of startup.py;
2. + the `Qt` namespace: PySide6 builds all of its ~100 enums the first time one is touched,
   and any real layout touches one (an alignment, a cursor, a colour scheme);
3. + the modules any start of this app needs: argparse (its CLI), logging, json and
   dataclasses (its content), tinydb and platformdirs (its store and folders);
4. + QtSvg drawing one icon (every icon in the app is an SVG);
5. BackCare's first screen alone: the real content, theme and routine cards in a plain
   window; no header, menus, icons, tray, reminders, sound or settings;
6. BackCare itself (`python -m backcare_desktop`), as startup.py measures it.

Rungs 2-4 add to each other; rung 5 is its own script over the same bare window.

    python tests/benchmarks/startup_floor.py [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from startup import (  # this folder is on sys.path when run as a script
    BARE,
    TARGET,
    launch,
    prepare_runs,
)

REPO = Path(__file__).resolve().parents[2]

QT_NAMESPACE = "from PySide6.QtCore import Qt\n_ = Qt.AlignmentFlag.AlignCenter\n"
APP_MODULES = "import argparse, dataclasses, json, logging, platformdirs, tinydb\n"
SVG_ICON = f"""
from PySide6.QtCore import QByteArray
from PySide6.QtSvg import QSvgRenderer
with open(r"{REPO / "assets" / "icons" / "backcare.svg"}", "rb") as svg:
    QSvgRenderer(QByteArray(svg.read()))
"""
FIRST_SCREEN = f"""
import sys
sys.path.insert(0, r"{REPO}")
from backcare_desktop.core.content.loader import load_library
from backcare_desktop.resources import assets_dir
library = load_library(assets_dir())
""" + BARE.replace(
    'window.setCentralWidget(QLabel("Hello"))',
    """
from backcare_desktop.gui.pages.home import HomePage
from backcare_desktop.gui.look.theme import apply_theme, load_theme
apply_theme(app, load_theme("light"))
home = HomePage()
home.set_routines(list(library.routines))
window.setCentralWidget(home)
""",
)


def rungs() -> dict[str, list[str]]:
    python = sys.executable
    return {
        "bare PySide6 window": [python, "-c", BARE],
        "+ the Qt namespace": [python, "-c", QT_NAMESPACE + BARE],
        "+ argparse, logging, json, dataclasses, tinydb, platformdirs": [
            python,
            "-c",
            QT_NAMESPACE + APP_MODULES + BARE,
        ],
        "+ QtSvg drawing one icon": [python, "-c", QT_NAMESPACE + APP_MODULES + SVG_ICON + BARE],
        "BackCare's first screen alone (content, theme, routine cards)": [
            python,
            "-c",
            FIRST_SCREEN,
        ],
        "BackCare": [python, "-m", "backcare_desktop"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    env, report = prepare_runs()
    commands = rungs()
    for command in commands.values():  # warm the file cache once for each
        launch(command, env, report)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(launch(command, env, report)[0])
    bare = statistics.median(times["bare PySide6 window"])
    print(f"runs: {args.runs} each, interleaved, platform {env['QT_QPA_PLATFORM']}")
    print(" first paint   ratio to bare")
    for name, measured in times.items():
        median = statistics.median(measured)
        print(f"  {median * 1000:6.0f} ms   {median / bare:5.2f}   {name}")
    print(f"startup.py's target: BackCare <= {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
