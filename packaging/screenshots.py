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
from datetime import datetime, timedelta
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
    seed_history(home, clock.now())
    args = argparse.Namespace(start=None, minimized=False, home=str(home))
    context = build(args, resolve_paths(home), library, clock=clock)
    window = context.window
    window.preferences.update(
        first_run_acknowledged=True,
        theme="light",
        favourite_oils=("lavender", "roman_chamomile"),
        reminders=[
            {
                "id": "evening",
                "time": "19:30",
                "weekdays": [0, 1, 2, 3, 4, 5, 6],
                "enabled": True,
                "label": "After work",
                "routine_id": "evening_wind_down",
            },
            {
                "id": "desk",
                "time": "11:00",
                "weekdays": [0, 1, 2, 3, 4],
                "enabled": True,
                "label": "Desk break",
                "routine_id": "desk_break",
            },
        ],
    )
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
    machine = controller.machine
    while machine is not None and machine.current_step.technique.family != "breathing":
        clock.advance(machine.current_step.seconds)
        controller.tick()
    clock.advance(2)  # mid in-breath: the first cue's caption and the pacer agree
    controller.tick()
    settle()
    grab(out / "session-breathing.png")
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
    for page in ("oils", "progress", "reminders", "breathe"):
        window.show_page(page)
        settle()
        grab(out / f"{page}.png")
    window.show_settings()
    settle()
    grab(out / "settings.png")
    shutil.rmtree(home, ignore_errors=True)


def seed_history(home: Path, now: datetime) -> None:
    """Five weeks of mostly-daily sessions, so the Progress page has something to show."""
    from backcare_desktop.core.journal import SessionRecord
    from backcare_desktop.paths import resolve_paths
    from backcare_desktop.storage.journal_store import JournalStore

    records = []
    for day in range(35):
        if day % 6 == 4:
            continue  # a few rest days, as in real life
        started = (now - timedelta(days=day)).replace(hour=19, minute=10)
        records.append(
            SessionRecord(
                id=f"seed-{day}",
                routine_id="daily_back_reset",
                routine_name="Daily back reset",
                started_at=started,
                planned_seconds=720,
                completed_seconds=720 - (day % 3) * 60,
                steps_done=15,
                steps_skipped=day % 2,
                oil="lavender" if day % 2 else None,
                tension_before=5 + day % 3,
                tension_after=2 + day % 2,
                completed=True,
            )
        )
    JournalStore.in_data_dir(resolve_paths(home).ensure()).add_many(records)


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
