"""Take the README/AppStream screenshots of the real app on a virtual X display.

    python packaging/screenshots.py [--out packaging/screenshots]

Without a DISPLAY it starts Xvfb and openbox itself (Debian: xvfb openbox imagemagick), so the
windows have real frames; each shot is the whole screen, grabbed with ImageMagick's `import`.
All data goes to a temporary BACKCARE_HOME: the real user's files are never touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREEN = "1280x800x24"


def with_virtual_display(argv: list[str]) -> int:
    """Re-run this script inside a fresh Xvfb with openbox as window manager."""
    display = ":97"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", SCREEN, "-nolisten", "tcp"])
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    env.pop("WAYLAND_DISPLAY", None)
    try:
        for _ in range(100):
            if subprocess.run(["xdpyinfo"], env=env, capture_output=True).returncode == 0:
                break
            time.sleep(0.05)  # waiting for an external server to come up, not app timing
        wm = subprocess.Popen(["openbox"], env=env, stderr=subprocess.DEVNULL)
        try:
            return subprocess.run([sys.executable, __file__, *argv], env=env).returncode
        finally:
            wm.terminate()
    finally:
        xvfb.terminate()


def grab(path: Path) -> None:
    importer = shutil.which("import", path="/usr/bin") or "import"
    subprocess.run([importer, "-window", "root", str(path)], check=True)
    print(f"wrote {path}")


def shoot(out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from backcare_desktop.core.clock import FakeClock
    from backcare_desktop.core.content import load_library
    from backcare_desktop.gui.app import build
    from backcare_desktop.paths import resolve_paths
    from backcare_desktop.resources import assets_dir

    home = Path(tempfile.mkdtemp(prefix="backcare-shots-"))
    os.environ["BACKCARE_HOME"] = str(home)
    clock = FakeClock()
    clock.jump_wall(clock.now().replace(hour=19, minute=5) - clock.now())
    library = load_library(assets_dir())
    args = argparse.Namespace(start=None, minimized=False, home=str(home))
    context = build(args, resolve_paths(home), library, clock=clock)
    window = context.window
    window.preferences.update(first_run_acknowledged=True, theme="light")
    window.setGeometry(40, 40, 1200, 720)
    window.show()

    def settle() -> None:
        deadline = time.monotonic() + 0.6
        while time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.02)  # let the X server and window manager draw the frame

    out.mkdir(parents=True, exist_ok=True)
    settle()
    grab(out / "home.png")
    window.open_prepare("daily_back_reset")
    settle()
    grab(out / "prepare.png")
    window.prepare.start_button.click()
    controller = window.controller
    for step in controller.machine.routine.steps[:3] if controller.machine else ():
        clock.advance(step.seconds)
        controller.tick()
    clock.advance(17)
    controller.tick()
    settle()
    grab(out / "session-light.png")
    window.preferences.update(theme="dim")
    settle()
    grab(out / "session-dim.png")
    window.preferences.update(theme="dark")
    settle()
    grab(out / "session-dark.png")
    window.preferences.update(theme="light")
    while controller.active:
        step = controller.machine.current_step if controller.machine else None
        clock.advance(step.seconds if step else 1)
        controller.tick()
    window.summary.tension.buttons[3].click()
    settle()
    grab(out / "summary.png")
    window.show_guide("warning_signs")
    settle()
    grab(out / "guide.png")
    shutil.rmtree(home, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "packaging" / "screenshots")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        return with_virtual_display(sys.argv[1:])
    shoot(args.out.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
