"""What BackCare costs while it waits in the tray with reminders armed, next to a bare PySide6
tray app. Targets (issue 5): <= 0.05 s CPU per 10 minutes idle, no timer shorter than 30 s,
resident memory <= 1.2x the bare app's.

    .venv-dev/bin/python tests/benchmarks/idle.py [--seconds 120]

The run is a faithful shorter one, scaled: both apps idle side by side for --seconds, and the
CPU time is multiplied up to 10 minutes. Everything runs on a private desktop started here:
Xvfb, trayer as the tray host, a private D-Bus session bus and dunst as the notification server,
so BackCare idles exactly as on a desktop: in the tray, notifications connected, 5 reminders
armed (none due during the run). CPU time is read per thread from /proc/<pid>/task/*/schedstat
(nanoseconds, all threads); wake-ups are the threads' context switches, a proxy for timers.

Debian packages: xvfb trayer dbus-daemon dunst.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from desktop_rig import start_session_bus, start_tray, start_xvfb  # noqa: E402

SCALE_TO_S = 600.0
SETTLE_S = 8.0
BARE_TRAY_APP = textwrap.dedent(
    """
    import sys
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon
    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    tray = QSystemTrayIcon(QIcon(sys.argv[1]))
    menu = QMenu()
    menu.addAction("Quit", app.quit)
    tray.setContextMenu(menu)
    tray.show()
    print("tray:", QSystemTrayIcon.isSystemTrayAvailable(), flush=True)
    sys.exit(app.exec())
    """
)


@dataclass(frozen=True)
class Sample:
    cpu_ns: int
    switches: int


def sample(pid: int) -> Sample:
    cpu = switches = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            cpu += int((task / "schedstat").read_text().split()[0])
            status = (task / "status").read_text()
        except (OSError, ValueError):
            continue  # a thread that ended meanwhile
        for line in status.splitlines():
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                switches += int(line.split()[1])
    return Sample(cpu, switches)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def thread_count(pid: int) -> int:
    return len(list(Path(f"/proc/{pid}/task").iterdir()))


def wait_for(check: object, what: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)  # polling an external process, not app timing
    raise SystemExit(f"timed out waiting for {what}")


def start_desktop(folder: Path) -> tuple[dict[str, str], list[subprocess.Popen[bytes]], int]:
    xvfb, display = start_xvfb()
    if display is None:
        raise SystemExit("Xvfb did not start")
    address, bus_pid = start_session_bus(folder)
    env = dict(
        os.environ,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        DBUS_SESSION_BUS_ADDRESS=address,
        DBUS_SYSTEM_BUS_ADDRESS=f"unix:path={folder / 'no-system-bus'}",
    )
    env.pop("WAYLAND_DISPLAY", None)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    dunst = subprocess.Popen(["dunst"], env=env, **quiet)  # type: ignore[call-overload]
    trayer = start_tray(env)
    if trayer is None:
        raise SystemExit("timed out waiting for the tray host")
    return env, [dunst, trayer, xvfb], bus_pid


def seed_home(home: Path, count: int) -> None:
    """`count` daily reminders, none of them due within the next hour."""
    from backcare_desktop.paths import resolve_paths
    from backcare_desktop.storage.store import PreferencesStore, shipped_defaults

    paths = resolve_paths(home).ensure()
    now = datetime.now(UTC).astimezone()
    rules = []
    for number in range(count):
        at = now + timedelta(hours=2 + 4 * number)
        rules.append({"id": f"r{number}", "time": f"{at:%H:%M}", "weekdays": list(range(7))})
    prefs = shipped_defaults().with_changes(first_run_acknowledged=True, reminders=rules)
    PreferencesStore.in_data_dir(paths).apply(lambda _old: prefs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=120.0, help="idle time measured")
    parser.add_argument("--reminders", type=int, default=5, help="reminders armed (max 5)")
    args = parser.parse_args(argv)
    for program in ("Xvfb", "trayer", "dbus-daemon", "dunst"):
        if shutil.which(program) is None:
            raise SystemExit(f"{program} is not installed (Debian: xvfb trayer dbus-daemon dunst)")

    folder = Path(tempfile.mkdtemp(prefix="bc-idle-"))
    env, helpers, bus_pid = start_desktop(folder)
    apps: list[subprocess.Popen[bytes]] = []
    try:
        home = folder / "home"
        seed_home(home, min(5, max(0, args.reminders)))
        backcare = subprocess.Popen(
            [sys.executable, "-m", "backcare_desktop", "--home", str(home), "--minimized"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        apps.append(backcare)
        icon = str(REPO / "assets" / "icons" / "backcare-tray.svg")
        bare = subprocess.Popen(
            [sys.executable, "-c", BARE_TRAY_APP, icon],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        apps.append(bare)
        log_file = home / "logs" / "backcare.log"

        def log_has(text: str) -> bool:
            return log_file.exists() and text in log_file.read_text(encoding="utf-8")

        wait_for(lambda: log_has("started minimized") or log_has("no system tray"), "the start")
        if args.reminders > 0:
            wait_for(lambda: log_has("Desktop notifications through"), "BackCare's notifications")
        if not log_has("started minimized to the tray"):
            raise SystemExit("BackCare did not find the tray")
        time.sleep(SETTLE_S)  # let start-up work finish before measuring
        before = {app.pid: sample(app.pid) for app in apps}
        time.sleep(args.seconds)
        after = {app.pid: sample(app.pid) for app in apps}
        for app in apps:
            if app.poll() is not None:
                raise SystemExit(f"process {app.args} ended during the run")
        rows = []
        label = f"BackCare, {args.reminders} reminders"
        for name, app in ((label, backcare), ("bare PySide6 tray app", bare)):
            cpu_s = (after[app.pid].cpu_ns - before[app.pid].cpu_ns) / 1e9
            switches = after[app.pid].switches - before[app.pid].switches
            rows.append(
                (
                    name,
                    cpu_s * SCALE_TO_S / args.seconds,
                    rss_mib(app.pid),
                    switches * 60 / args.seconds,
                    thread_count(app.pid),
                )
            )
    finally:
        for process in apps + helpers:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        os.kill(bus_pid, signal.SIGTERM)
        shutil.rmtree(folder, ignore_errors=True)

    print(
        f"Idle in the tray under Xvfb + trayer, {args.seconds:g} s measured, "
        f"CPU scaled to {SCALE_TO_S / 60:g} min"
    )
    print(f"{'':24} {'CPU s/10 min':>13} {'RSS MiB':>8} {'wake-ups/min':>13} {'threads':>8}")
    for name, cpu, rss, wakeups, threads in rows:
        print(f"{name:24} {cpu:13.4f} {rss:8.1f} {wakeups:13.1f} {threads:8d}")
    ratio = rows[0][2] / rows[1][2]
    print(f"RSS ratio BackCare / bare: {ratio:.2f} (target <= 1.2); CPU target <= 0.05 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
