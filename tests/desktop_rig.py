"""A private desktop for tests and benchmarks: an Xvfb display and a D-Bus session bus.

Shared by the notification, tray and packaging tests and the idle benchmark, so each starts
the same rig the same way. Importable from any test (pytest puts tests/ on sys.path via the
root conftest) and from the benchmarks (they add tests/ to sys.path).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
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
