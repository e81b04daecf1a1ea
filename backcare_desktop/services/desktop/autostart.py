"""Start BackCare at login, quietly in the tray, the way each desktop expects it.

- Linux and BSDs: an XDG autostart entry, $XDG_CONFIG_HOME/autostart/<APP_ID>.desktop.
- Windows: a value under HKCU\\...\\CurrentVersion\\Run (winreg is imported only there).
- macOS: a LaunchAgent, ~/Library/LaunchAgents/<APP_ID>.plist.

Each backend takes its location (folder or registry) as a parameter, so tests run all three on
any system against temporary folders and a fake registry.
"""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from backcare_desktop import APP_ID, APP_NAME

MINIMIZED_FLAG = "--minimized"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class Autostart(Protocol):
    """The "Start at login" setting, as the operating system keeps it."""

    def enable(self, command: Sequence[str] | None = None) -> None:
        """Start `command` (default: this install, minimized) at every login."""
        ...

    def disable(self) -> None:
        """Stop starting at login; fine to call when it is not enabled."""
        ...

    def is_enabled(self) -> bool: ...


def default_command() -> list[str]:
    """How to start this very install minimized: the frozen binary, the script, or -m."""
    if getattr(sys, "frozen", False):
        return [sys.executable, MINIMIZED_FLAG]
    beside_python = Path(sys.executable).with_name("backcare")
    if beside_python.is_file() and os.access(beside_python, os.X_OK):
        return [str(beside_python), MINIMIZED_FLAG]
    found = shutil.which("backcare")
    if found:
        return [found, MINIMIZED_FLAG]
    return [sys.executable, "-m", "backcare_desktop", MINIMIZED_FLAG]


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a whole file or nothing (temp file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# -- Linux and BSDs: XDG autostart -------------------------------------------------------------

_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def desktop_exec_argument(argument: str) -> str:
    """Quote one argument for a .desktop Exec key, per the Desktop Entry spec.

    Reserved characters need double quotes; inside them ", `, $ and \\ get a backslash; then
    the whole value is string-escaped, which doubles every backslash; % is written %%.
    """
    text = argument.replace("%", "%%")
    if argument and not _EXEC_RESERVED.intersection(argument):
        return text
    inner = "".join("\\" + char if char in '"`$\\' else char for char in text)
    return '"' + inner.replace("\\", "\\\\") + '"'


def desktop_entry(command: Sequence[str]) -> str:
    """The autostart entry's text."""
    exec_line = " ".join(desktop_exec_argument(argument) for argument in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Version=1.4\n"
        f"Name={APP_NAME}\n"
        "Comment=Starts BackCare quietly in the tray when you log in\n"
        f"Exec={exec_line}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def xdg_config_home() -> Path:
    """$XDG_CONFIG_HOME if it is an absolute path (the spec ignores others), else ~/.config."""
    configured = os.environ.get("XDG_CONFIG_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".config"


class XdgAutostart:
    """An autostart .desktop entry, honoured by GNOME, KDE, Xfce, Cinnamon, MATE, LXQt..."""

    def __init__(self, config_home: Path | None = None) -> None:
        self.path = (config_home or xdg_config_home()) / "autostart" / f"{APP_ID}.desktop"

    def enable(self, command: Sequence[str] | None = None) -> None:
        text = desktop_entry(command or default_command())
        _write_atomically(self.path, text.encode("utf-8"))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    def is_enabled(self) -> bool:
        """True if the entry exists and was not switched off in the desktop's own settings."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return False
        values: dict[str, str] = {}
        in_main_group = False
        for line in lines:
            stripped = line.strip()
            if stripped.startswith("["):
                in_main_group = stripped == "[Desktop Entry]"
            elif in_main_group and "=" in stripped:
                key, _, value = stripped.partition("=")
                values[key.strip()] = value.strip()
        return (
            values.get("Hidden", "false") != "true"
            and values.get("X-GNOME-Autostart-enabled", "true") != "false"
        )


# -- Windows: the Run key --------------------------------------------------------------------


class RunKeyRegistry(Protocol):
    """The current user's Run key: value name -> command line."""

    def read(self, name: str) -> str | None: ...

    def write(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class WinregRunKey:
    """The real HKEY_CURRENT_USER Run key (Windows only)."""

    def read(self, name: str) -> str | None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _kind = winreg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None
        return str(value)

    def write(self, name: str, value: str) -> None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def delete(self, name: str) -> None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            return


class WindowsRunKey:
    """Start at login through HKCU\\...\\Run, the per-user place Windows reads at sign-in."""

    def __init__(self, registry: RunKeyRegistry | None = None) -> None:
        self.registry = registry if registry is not None else WinregRunKey()

    def enable(self, command: Sequence[str] | None = None) -> None:
        self.registry.write(APP_NAME, subprocess.list2cmdline(command or default_command()))

    def disable(self) -> None:
        self.registry.delete(APP_NAME)

    def is_enabled(self) -> bool:
        return bool(self.registry.read(APP_NAME))


# -- macOS: a LaunchAgent ----------------------------------------------------------------------


class MacLaunchAgent:
    """A per-user LaunchAgent that launchd runs at login."""

    def __init__(self, agents_dir: Path | None = None) -> None:
        folder = agents_dir or Path.home() / "Library" / "LaunchAgents"
        self.path = folder / f"{APP_ID}.plist"

    def enable(self, command: Sequence[str] | None = None) -> None:
        agent = {
            "Label": APP_ID,
            "ProgramArguments": list(command or default_command()),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",
        }
        _write_atomically(self.path, plistlib.dumps(agent))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    def is_enabled(self) -> bool:
        try:
            agent = plistlib.loads(self.path.read_bytes())
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return isinstance(agent, dict) and not agent.get("Disabled", False)


def autostart_for_platform(platform: str | None = None) -> Autostart:
    """The right backend for this operating system."""
    name = platform or sys.platform
    if name.startswith("win"):
        return WindowsRunKey()
    if name == "darwin":
        return MacLaunchAgent()
    return XdgAutostart()
