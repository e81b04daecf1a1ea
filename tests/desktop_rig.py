"""A private desktop for tests and benchmarks: an Xvfb display and a D-Bus session bus.

Shared by the notification, tray and packaging tests and the idle benchmark, so each starts
the same rig the same way. Importable from any test (pytest puts tests/ on sys.path via the
root conftest) and from the benchmarks (they add tests/ to sys.path).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
"""No service activation: the machine's own notification daemon can never answer."""


def start_xvfb(screen: str = "1280x800x24") -> tuple[subprocess.Popen[bytes], str | None]:
    """Xvfb on a free display; -displayfd tells us its number once it is ready (None: failed)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as announced:
        number = announced.readline().strip()
    if not number:
        server.kill()
        return server, None
    return server, f":{number}"


def start_session_bus(folder: Path, daemon: str = "dbus-daemon") -> tuple[str, int]:
    """A private session bus with its socket in `folder` (keep it short: socket paths are
    limited to 108 bytes). Returns the bus address and the daemon's pid."""
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG, encoding="utf-8")
    address = f"unix:path={folder / 'bus'}"
    started = subprocess.run(
        [daemon, f"--config-file={config}", "--fork", f"--address={address}", "--print-pid=1"],
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    )
    return address, int(started.stdout.split()[0])


TRAY_PROBE = (
    "from PySide6.QtWidgets import QApplication, QSystemTrayIcon as T; "
    "a = QApplication([]); print(T.isSystemTrayAvailable())"
)


def start_tray(env: dict[str, str], timeout_s: float = 20.0) -> subprocess.Popen[bytes] | None:
    """trayer as the display's system tray, once Qt can see it (None: it never showed up).
    `env` must name the display and QT_QPA_PLATFORM=xcb."""
    trayer = subprocess.Popen(["trayer"], env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        probe = subprocess.run(
            [sys.executable, "-c", TRAY_PROBE], env=env, capture_output=True, text=True
        )
        if probe.stdout.strip() == "True":
            return trayer
    trayer.terminate()
    return None


# -- What a person sees, read the way a screen reader reads it (AT-SPI) ---------------------------
# End-to-end tests wait for these observable states, never for the app's log: a log line may be
# written after the state it reports, so under load an assertion on it can run first.

ACCESSIBILITY_ENV = {"QT_ACCESSIBILITY": "1", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
"""Add to a Qt app's environment so it publishes its widgets on the accessibility bus."""

SYSTEM_PYTHON = "/usr/bin/python3"
"""pyatspi is Debian's package for the system Python, not installable in the venv."""

SHOWING_PROBE = """
import json, sys
import pyatspi

def showing(node, depth, out):
    if node is None or depth > 60:
        return
    try:
        if node.getState().contains(pyatspi.STATE_SHOWING) and node.name:
            out.append(node.name)
        for child in node:
            showing(child, depth + 1, out)
    except Exception:  # a widget destroyed while we walk: skip it, the next poll sees the rest
        pass

names = []
for app in pyatspi.Registry.getDesktop(0):
    if app is not None and app.name == sys.argv[1]:
        showing(app, 0, names)
print(json.dumps(names))
"""


def accessibility_missing() -> str | None:
    """Why the AT-SPI rig cannot run here (None: it can)."""
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        return "at-spi2-core is not installed (Debian: at-spi2-core)"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, text=True, timeout=30
    )
    if probe.returncode != 0:
        return "pyatspi is not installed (Debian: python3-pyatspi gir1.2-atspi-2.0)"
    return None


def showing_texts(env: dict[str, str], app_name: str = "BackCare Desktop") -> list[str]:
    """The names of every widget of `app_name` now showing on screen ([] until it is there)."""
    try:
        probe = subprocess.run(
            [SYSTEM_PYTHON, "-c", SHOWING_PROBE, app_name],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except subprocess.TimeoutExpired:
        return []
    if probe.returncode != 0 or not probe.stdout.strip():
        return []
    names: list[str] = json.loads(probe.stdout)
    return names


def visible_windows(env: dict[str, str], title: str = "BackCare Desktop") -> int:
    """How many windows named exactly `title` are mapped on the display in `env`."""
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return len(found.stdout.split())


@dataclass
class PrivateDesktop:
    """A display, a session bus and an accessibility bus of our own; `env` reaches all three."""

    folder: Path
    env: dict[str, str]
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, command: list[str], output: Path | None = None) -> subprocess.Popen[bytes]:
        """Run `command` on this desktop; it is stopped with the desktop. Its output goes to
        the file `output` when given (to tell why it ended), else nowhere."""
        sink = subprocess.DEVNULL if output is None else output.open("wb")
        try:
            process = subprocess.Popen(command, env=self.env, stdout=sink, stderr=sink)
        finally:
            if output is not None:
                sink.close()  # type: ignore[union-attr]
        self.processes.append(process)
        return process


def wait_for_accessibility_bus(address: str, timeout_s: float = 120.0) -> bool:
    """Whether the accessibility bus and its registry are up within the time: at-spi-bus-launcher
    answers on the session bus at `address`, and the registry runs on the bus it names.

    Nothing else starts them on time: a screen reader that starts before the launcher has
    taken its name finds no accessibility bus (its libatspi gives up for good), and the
    registry is started on demand by the first caller, whose call then waits on it; a Qt app
    embeds itself in the registry once, with a 25 s limit. So the rig waits for both before
    it starts anything; when they are quick, that costs nothing."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection
    from jeepney.wrappers import DBusErrorResponse, unwrap_msg

    launcher = DBusAddress("/org/a11y/bus", bus_name="org.a11y.Bus", interface="org.a11y.Bus")
    deadline = time.monotonic() + timeout_s
    bus_address = ""
    with open_dbus_connection(bus=address) as connection:
        while not bus_address and time.monotonic() < deadline:
            reply = connection.send_and_get_reply(
                new_method_call(launcher, "GetAddress"), timeout=timeout_s
            )
            try:
                (bus_address,) = unwrap_msg(reply)
            except DBusErrorResponse:  # the name has no owner yet
                time.sleep(0.05)
    if not bus_address:
        return False
    with open_dbus_connection(bus=bus_address) as connection:
        start = message_bus.StartServiceByName("org.a11y.atspi.Registry")
        remaining = max(deadline - time.monotonic(), 1.0)
        unwrap_msg(connection.send_and_get_reply(start, timeout=remaining))
    return True


@contextmanager
def private_desktop() -> Iterator[PrivateDesktop]:
    """Xvfb, a private session bus (no service activation) and AT-SPI, torn down on exit.
    Apps started with `env` use the real X11 platform and publish their widgets to AT-SPI."""
    folder = Path(tempfile.mkdtemp(prefix="bc-e2e-"))  # short: socket paths are limited
    desktop = PrivateDesktop(folder, {})
    bus_pid: int | None = None
    try:
        xvfb, display = start_xvfb()
        desktop.processes.append(xvfb)
        if display is None:
            raise RuntimeError("Xvfb did not start")
        address, bus_pid = start_session_bus(folder)
        desktop.env.update(
            os.environ,
            DISPLAY=display,
            DBUS_SESSION_BUS_ADDRESS=address,
            DBUS_SYSTEM_BUS_ADDRESS=f"unix:path={folder / 'no-system-bus'}",
            QT_QPA_PLATFORM="xcb",
            **ACCESSIBILITY_ENV,
        )
        desktop.env.pop("WAYLAND_DISPLAY", None)
        desktop.start(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"])
        if not wait_for_accessibility_bus(address):
            raise RuntimeError("the accessibility bus never answered on the session bus")
        yield desktop
    finally:
        for process in reversed(desktop.processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if bus_pid is not None:
            os.kill(bus_pid, signal.SIGTERM)
        shutil.rmtree(folder, ignore_errors=True)


@cache
def routine_name(routine_id: str) -> str:
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.resources import assets_dir

    return load_library(assets_dir()).routine(routine_id).name


def shows_prepare_for(env: dict[str, str], routine_id: str) -> bool:
    """BackCare's window shows the Prepare page of that routine (its name and its steps)."""
    texts = showing_texts(env)
    return routine_name(routine_id) in texts and "Today's steps" in texts
