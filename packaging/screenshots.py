"""Take the README/AppStream screenshots of the real app on a virtual X display.

    python packaging/screenshots.py [--out packaging/screenshots]

Besides the README's, it takes the ones that show the app is usable by everyone: a focused
tension scale, Progress as tables, the session in the high-contrast theme, and the session
filling a 1366×768 screen at 100 % and at 150 % (QT_SCALE_FACTOR=1.5), each on an Xvfb screen
of that size.

Without a DISPLAY it starts Xvfb and openbox itself (Debian: xvfb openbox imagemagick), so the
windows have real frames; each shot is the whole screen, grabbed with ImageMagick's `import`.
Where dunst and dbus-daemon are installed it also starts a private session bus with dunst as the
notification server, for the shot of a delivered reminder. All data goes to a temporary
BACKCARE_HOME: the real user's files are never touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backcare_desktop.core.clock import FakeClock
    from backcare_desktop.core.routine import Library
    from backcare_desktop.gui.shell.launch import AppContext
    from backcare_desktop.gui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
SCREEN = "1280x800x24"
DUNSTRC = """[global]
font = Sans 10
width = 380
offset = 24x24
padding = 14
horizontal_padding = 14
frame_width = 1
frame_color = "#d9d2c7"
corner_radius = 10
icon_position = left
min_icon_size = 48
max_icon_size = 48
show_indicators = no
format = "<b>%s</b>\\n%b"

[urgency_normal]
background = "#ffffff"
foreground = "#2b2f33"
timeout = 0
"""
"""A plain desktop notification look (dunst's own default is a dark monospace box)."""


FIT_SCREEN = "1366x768x24"
FIT_SCALES = {"session-1366x768.png": "1", "session-1366x768-150.png": "1.5"}
"""The common laptop screen, at 100 % and 150 %: the session must fit it whole."""


def with_virtual_display(
    argv: list[str], screen: str = SCREEN, env_extra: dict[str, str] | None = None
) -> int:
    """Re-run this script inside a fresh Xvfb with openbox as window manager."""
    display = ":97"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", screen, "-nolisten", "tcp"])
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", **(env_extra or {}))
    env.pop("WAYLAND_DISPLAY", None)
    try:
        for _ in range(100):
            if subprocess.run(["xdpyinfo"], env=env, capture_output=True).returncode == 0:
                break
            time.sleep(0.05)  # waiting for an external server to come up, not app timing
        wm = subprocess.Popen(["openbox"], env=env, stderr=subprocess.DEVNULL)
        helpers, bus_pid = start_notification_server(env)
        try:
            return subprocess.run([sys.executable, __file__, *argv], env=env).returncode
        finally:
            for helper in [*helpers, wm]:
                helper.terminate()
            if bus_pid is not None:
                os.kill(bus_pid, signal.SIGTERM)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)  # the next run takes the same display number


def start_notification_server(
    env: dict[str, str],
) -> tuple[list[subprocess.Popen[bytes]], int | None]:
    """A private session bus with dunst on it (changes `env`); nothing where they are missing."""
    if not (shutil.which("dunst") and shutil.which("dbus-daemon")):
        print("no dunst or dbus-daemon: the notification shot is skipped")
        return [], None
    sys.path.insert(0, str(ROOT / "tests"))
    from desktop_rig import start_session_bus

    folder = Path(tempfile.mkdtemp(prefix="bc-shots-bus-"))
    address, bus_pid = start_session_bus(folder)
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    env["DBUS_SYSTEM_BUS_ADDRESS"] = f"unix:path={folder / 'no-system-bus'}"
    config = folder / "dunstrc"
    config.write_text(DUNSTRC, encoding="utf-8")
    dunst = subprocess.Popen(
        ["dunst", "-conf", str(config)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return [dunst], bus_pid


def grab(path: Path) -> None:
    importer = shutil.which("import", path="/usr/bin") or "import"
    subprocess.run([importer, "-window", "root", str(path)], check=True)
    print(f"wrote {path}")


def start_app() -> tuple[AppContext, FakeClock, Path]:
    """The app on a fresh temporary home with five weeks of history, at 19:05."""
    from backcare_desktop.core.clock import FakeClock
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.gui.shell.launch import build
    from backcare_desktop.paths import resolve_paths
    from backcare_desktop.resources import assets_dir

    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # as on a machine with a sound card
    home = Path(tempfile.mkdtemp(prefix="backcare-shots-"))
    os.environ["BACKCARE_HOME"] = str(home)
    clock = FakeClock()
    clock.jump_wall(clock.now().replace(hour=19, minute=5) - clock.now())
    library = load_library(assets_dir())
    seed_history(home, clock.now())
    seed_own_routine(home, library)
    args = argparse.Namespace(start=None, minimized=False, home=str(home))
    return build(args, resolve_paths(home), library, clock=clock), clock, home


def settle() -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + 0.6
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)  # let the X server and window manager draw the frame


def run_steps(context: AppContext, clock: FakeClock, steps: int, into_step_s: int) -> None:
    """Begin the prepared routine and move on `steps` steps and `into_step_s` seconds."""
    window = context.window
    window.prepare.start_button.click()
    controller = window.controller
    for step in controller.machine.routine.steps[:steps] if controller.machine else ():
        clock.advance(step.seconds)
        controller.tick()
    clock.advance(into_step_s)
    controller.tick()


def shoot_fit(path: Path) -> None:
    """The session, maximised on this (1366×768) screen, in a run of its own so that the
    scale it was started with applies."""
    context, clock, home = start_app()
    window = context.window
    window.preferences.update(first_run_acknowledged=True, theme="light")
    window.showMaximized()
    window.open_prepare("daily_back_reset")
    run_steps(context, clock, 3, 17)
    settle()
    settle()
    path.parent.mkdir(parents=True, exist_ok=True)
    grab(path)
    shutil.rmtree(home, ignore_errors=True)


def shoot(out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    context, clock, home = start_app()
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

    out.mkdir(parents=True, exist_ok=True)
    settle()
    grab(out / "home.png")
    window.preferences.update(theme="dim")
    settle()
    grab(out / "home-dim.png")
    window.preferences.update(theme="light")
    window.open_prepare("daily_back_reset")
    settle()
    grab(out / "prepare.png")
    window.prepare.tension.row.setFocus(Qt.FocusReason.TabFocusReason)  # as Tab brings it
    window.prepare.tension.set_value(6)
    settle()
    grab(out / "prepare-tension-focused.png")
    window.prepare.tension.set_value(None)
    window.prepare.start_button.setFocus()
    run_steps(context, clock, 3, 17)
    controller = window.controller
    settle()
    grab(out / "session-light.png")
    window.preferences.update(theme="dim")
    settle()
    grab(out / "session-dim.png")
    window.preferences.update(theme="dark")
    settle()
    grab(out / "session-dark.png")
    window.preferences.update(theme="contrast")
    settle()
    grab(out / "session-contrast.png")
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
    window.summary.tension.set_value(3)
    settle()
    grab(out / "summary.png")
    window.show_guide("warning_signs")
    settle()
    grab(out / "guide.png")
    shoot_body_map(window, out, settle)
    for page in ("oils", "progress", "reminders", "breathe"):
        window.show_page(page)
        settle()
        grab(out / f"{page}.png")
    window.show_page("progress")
    progress = window._page("progress")
    toggles = [view.toggle for view in (progress.days_view, progress.tension_view)]  # type: ignore[attr-defined]
    for toggle in toggles:
        toggle.setChecked(True)
    settle()
    grab(out / "progress-tables.png")
    for toggle in toggles:
        toggle.setChecked(False)
    window.show_settings()
    settle()
    grab(out / "settings.png")
    for dialog in window.findChildren(QDialog):
        dialog.close()
    shoot_editor(window, out, settle)
    shoot_reminder(context, out, settle)
    shutil.rmtree(home, ignore_errors=True)


def shoot_body_map(window: MainWindow, out: Path, settle: Callable[[], None]) -> None:
    """Where does it feel tense: three areas picked in order, and the routine composed for
    them, in the light and the dim theme."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QScrollArea

    from backcare_desktop.gui.routines.compose_page import ComposePage

    window.home.compose_button.click()
    page = window.stack.currentWidget()
    assert isinstance(page, ComposePage)
    for area in ("lower_back", "neck", "shoulders"):
        page.body_map.toggle(area)
    page.minutes.setValue(15)
    page.equipment["wall"].setChecked(True)
    scroller = page.findChild(QScrollArea)
    assert scroller is not None
    for theme in ("light", "dim"):
        window.preferences.update(theme=theme)
        scroller.verticalScrollBar().setValue(0)
        page.body_map.buttons["shoulders"].setFocus()
        settle()
        grab(out / f"body-map-{theme}.png")
        body, plan = scroller.widget(), page.steps.parentWidget()
        if body is not None and plan is not None:  # the routine's card at the top
            scroller.verticalScrollBar().setValue(plan.mapTo(body, QPoint(0, 0)).y() - 16)
        settle()
        grab(out / f"composed-routine-{theme}.png")
    window.preferences.update(theme="light")


def shoot_editor(window: MainWindow, out: Path, settle: Callable[[], None]) -> None:
    """The routine editor on a copy of the desk break with a physio's note and one side of a
    step left out, so the total, a note and the advice show, in light and in dim."""
    from dataclasses import replace

    from backcare_desktop.core.routine_book import as_new
    from backcare_desktop.core.routine_draft import StepSide, draft_of
    from backcare_desktop.gui.routines.editor_page import EditorPage

    draft = as_new(draft_of(window.library.routine("desk_break")), (), "My desk break")
    steps = list(draft.steps)
    index = next((i for i, step in enumerate(steps) if step.side is StepSide.BOTH), 0)
    steps[index] = replace(steps[index], side=StepSide.LEFT, note="physio: keep the elbow low")
    window.open_editor(draft.with_steps(steps))
    editor = window.stack.currentWidget()
    assert isinstance(editor, EditorPage)
    editor.steps.list.setCurrentRow(index)
    editor.picker.search.setText("shoulder")
    settle()
    grab(out / "editor-light.png")
    window.preferences.update(theme="dim")
    settle()
    grab(out / "editor-dim.png")
    window.preferences.update(theme="light")
    window.show_home()


def shoot_reminder(context: AppContext, out: Path, settle: Callable[[], None]) -> None:
    """The 19:30 reminder, as the desktop shows it (dunst) and as the window's banner: the
    clock moves on to 19:30 and the reminder service offers it as it would any evening."""
    from backcare_desktop.core.clock import FakeClock

    window = context.window
    window.show_home()
    reminders = context.root.reminders()
    clock = context.root.clock
    assert isinstance(clock, FakeClock)
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        deadline = time.monotonic() + 10
        while reminders.delivery.notifier is None and time.monotonic() < deadline:
            settle()  # the notification server is being connected in the background
    clock.advance((clock.now().replace(hour=19, minute=30, second=0) - clock.now()).seconds)
    reminders.check_now()
    deadline = time.monotonic() + 10
    while reminders.pending() is None and time.monotonic() < deadline:
        settle()  # the notification is sent from a worker thread
    event = reminders.pending()
    if event is None:
        raise SystemExit("the 19:30 reminder was not offered")
    if reminders.delivery.notifier is not None:
        for _ in range(3):
            settle()  # dunst draws its window
        grab(out / "notification.png")
        withdraw = getattr(reminders.delivery.notifier, "withdraw", None)
        if callable(withdraw):
            withdraw()
    reminders.delivery.show_banner(event)
    settle()
    grab(out / "reminder-banner.png")
    reminders.delivery.hide_banner()


def seed_own_routine(home: Path, library: Library) -> None:
    """A routine of the person's own, starred, so Home shows it first with its marks."""
    from backcare_desktop.core.routine_book import adding, starring
    from backcare_desktop.core.routine_draft import DraftStep, RoutineDraft, StepSide
    from backcare_desktop.paths import resolve_paths
    from backcare_desktop.storage.routine_store import RoutineStore

    mine = RoutineDraft(
        "own_what_my_physio_showed_me",
        "What my physio showed me",
        (
            DraftStep("warm_up", 60),
            DraftStep("kneading_shoulder", 60, StepSide.BOTH, note="keep the elbow low"),
            DraftStep("effleurage_back", 60),
            DraftStep("deep_breathing", 120, breathing="extended_exhale"),
        ),
        "Three times a week, as Ana showed me",
    )
    store = RoutineStore.in_data_dir(resolve_paths(home).ensure(), library)
    store.apply(adding(mine))
    store.apply(starring(mine.id, True))


def seed_history(home: Path, now: datetime) -> None:
    """Five weeks of mostly-daily sessions, so the Progress page has something to show."""
    from backcare_desktop.core.journal import SessionRecord
    from backcare_desktop.paths import resolve_paths
    from backcare_desktop.storage.journal_store import JournalStore

    tense = (("neck", "shoulders"), ("lower_back",), ("neck",), ("lower_back", "glutes"))
    records = []
    for day in range(35):
        if day % 6 == 4:
            continue  # a few rest days, as in real life
        started = (now - timedelta(days=day)).replace(hour=19, minute=10)
        composed = day % 3 == 1  # now and then a routine for where it felt tense that day
        records.append(
            SessionRecord(
                id=f"seed-{day}",
                routine_id="composed" if composed else "daily_back_reset",
                routine_name="Today's routine" if composed else "Daily back reset",
                started_at=started,
                planned_seconds=720,
                completed_seconds=720 - (day % 3) * 60,
                steps_done=15,
                steps_skipped=day % 2,
                oil="lavender" if day % 2 else None,
                tension_before=5 + day % 3,
                tension_after=2 + day % 2,
                completed=True,
                areas=tense[day % len(tense)] if composed else (),
            )
        )
    JournalStore.in_data_dir(resolve_paths(home).ensure()).add_many(records)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "packaging" / "screenshots")
    parser.add_argument("--fit", help="take only this session shot, maximised (a file name)")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        code = with_virtual_display(sys.argv[1:])
        for name, scale in FIT_SCALES.items():
            code = code or with_virtual_display(
                [*sys.argv[1:], "--fit", name], FIT_SCREEN, {"QT_SCALE_FACTOR": scale}
            )
        return code
    if args.fit:
        shoot_fit(args.out.resolve() / args.fit)
    else:
        shoot(args.out.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
