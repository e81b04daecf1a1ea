"""Start at login: the XDG entry, the Windows Run key and the macOS LaunchAgent, on fake paths."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backcare_desktop import APP_ID, APP_NAME
from backcare_desktop.services.desktop.autostart import (
    MacLaunchAgent,
    WindowsRunKey,
    XdgAutostart,
    autostart_for_platform,
    default_command,
    desktop_entry,
    desktop_exec_argument,
)

COMMAND = ["/opt/backcare/bin/backcare", "--minimized"]


def exec_arguments(exec_value: str) -> list[str]:
    """Read an Exec value back the way the Desktop Entry spec says a launcher does."""
    unescaped = exec_value.replace("\\\\", "\\")  # the string-escape rule comes first
    arguments: list[str] = []
    current: list[str] | None = None
    quoted = False
    chars = iter(unescaped)
    for char in chars:
        if quoted:
            if char == "\\":
                current.append(next(chars))  # type: ignore[union-attr]
            elif char == '"':
                quoted = False
            else:
                current.append(char)  # type: ignore[union-attr]
        elif char == " ":
            if current is not None:
                arguments.append("".join(current))
                current = None
        else:
            current = current if current is not None else []
            if char == '"':
                quoted = True
            else:
                current.append(char)
    if current is not None:
        arguments.append("".join(current))
    return [argument.replace("%%", "%") for argument in arguments]


def exec_line(text: str) -> str:
    [line] = [line for line in text.splitlines() if line.startswith("Exec=")]
    return line.removeprefix("Exec=")


# -- XDG autostart ------------------------------------------------------------------------------


def test_enabling_writes_an_entry_under_xdg_config_home(isolated_home: Path) -> None:
    autostart = XdgAutostart()
    assert not autostart.is_enabled()
    autostart.enable(COMMAND)
    expected = Path.home() / ".config" / "autostart" / f"{APP_ID}.desktop"
    assert autostart.path == expected
    text = expected.read_text(encoding="utf-8")
    assert exec_line(text) == "/opt/backcare/bin/backcare --minimized"
    assert f"Name={APP_NAME}" in text
    assert autostart.is_enabled()


def test_a_custom_xdg_config_home_is_respected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    assert XdgAutostart().path == tmp_path / "elsewhere" / "autostart" / f"{APP_ID}.desktop"


def test_a_relative_xdg_config_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/dir")
    assert XdgAutostart().path == Path.home() / ".config" / "autostart" / f"{APP_ID}.desktop"


def test_disabling_removes_the_entry_and_is_safe_to_repeat(tmp_path: Path) -> None:
    autostart = XdgAutostart(tmp_path)
    autostart.enable(COMMAND)
    autostart.disable()
    autostart.disable()
    assert not autostart.path.exists()
    assert not autostart.is_enabled()


@pytest.mark.parametrize("switch_off", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_an_entry_switched_off_in_the_desktop_settings_counts_as_disabled(
    tmp_path: Path, switch_off: str
) -> None:
    autostart = XdgAutostart(tmp_path)
    autostart.enable(COMMAND)
    text = autostart.path.read_text(encoding="utf-8").replace("X-GNOME-Autostart-enabled=true", "")
    autostart.path.write_text(text + switch_off + "\n", encoding="utf-8")
    assert not autostart.is_enabled()


def test_enabling_twice_leaves_one_entry_and_no_temporary_files(tmp_path: Path) -> None:
    autostart = XdgAutostart(tmp_path)
    autostart.enable(COMMAND)
    autostart.enable(["/usr/bin/backcare", "--minimized"])
    assert [p.name for p in autostart.path.parent.iterdir()] == [autostart.path.name]
    assert exec_line(autostart.path.read_text(encoding="utf-8")).startswith("/usr/bin/backcare")


@pytest.mark.parametrize(
    "argument",
    [
        "/home/ana/My Apps/backcare",
        'say "hi"',
        "C:\\path\\with\\backslashes",
        "$HOME/`cmd`",
        "100%",
        "",
        "plain-word",
    ],
)
def test_exec_arguments_are_quoted_so_launchers_read_them_back(argument: str) -> None:
    command = [argument, "--minimized"]
    assert exec_arguments(exec_line(desktop_entry(command))) == command


def test_plain_arguments_stay_unquoted() -> None:
    assert desktop_exec_argument("/usr/bin/backcare") == "/usr/bin/backcare"
    assert desktop_exec_argument("a b") == '"a b"'


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="needs desktop-file-utils"
)
@pytest.mark.parametrize(
    "command",
    [COMMAND, ["/home/ana/My Apps/backcare", "--minimized"], [sys.executable, "-m", "x", "50%"]],
)
def test_the_entry_passes_desktop_file_validate(tmp_path: Path, command: list[str]) -> None:
    autostart = XdgAutostart(tmp_path)
    autostart.enable(command)
    checked = subprocess.run(
        ["desktop-file-validate", str(autostart.path)], capture_output=True, text=True, timeout=30
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip() == ""


def test_the_default_command_starts_minimized() -> None:
    command = default_command()
    assert command[-1] == "--minimized"
    assert Path(command[0]).is_absolute()


# -- Windows: the Run key, on a fake registry ---------------------------------------------------


class FakeRunKey:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def read(self, name: str) -> str | None:
        return self.values.get(name)

    def write(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_windows_enable_writes_a_quoted_command_line_under_the_app_name() -> None:
    registry = FakeRunKey()
    autostart = WindowsRunKey(registry)
    assert not autostart.is_enabled()
    autostart.enable([r"C:\Program Files\BackCare\backcare.exe", "--minimized"])
    assert registry.values == {APP_NAME: '"C:\\Program Files\\BackCare\\backcare.exe" --minimized'}
    assert autostart.is_enabled()


def test_windows_disable_removes_the_value_and_is_safe_to_repeat() -> None:
    registry = FakeRunKey()
    autostart = WindowsRunKey(registry)
    autostart.enable(COMMAND)
    autostart.disable()
    autostart.disable()
    assert registry.values == {}
    assert not autostart.is_enabled()


# -- macOS: a LaunchAgent, in a temporary folder ------------------------------------------------


def test_macos_enable_writes_a_launch_agent_that_runs_at_load(tmp_path: Path) -> None:
    autostart = MacLaunchAgent(tmp_path)
    autostart.enable(["/Applications/BackCare.app/Contents/MacOS/backcare", "--minimized"])
    assert autostart.path == tmp_path / f"{APP_ID}.plist"
    agent = plistlib.loads(autostart.path.read_bytes())
    assert agent["Label"] == APP_ID
    assert agent["ProgramArguments"] == [
        "/Applications/BackCare.app/Contents/MacOS/backcare",
        "--minimized",
    ]
    assert agent["RunAtLoad"] is True
    assert autostart.is_enabled()


def test_macos_disable_removes_the_agent(tmp_path: Path) -> None:
    autostart = MacLaunchAgent(tmp_path)
    autostart.enable(COMMAND)
    autostart.disable()
    autostart.disable()
    assert not autostart.is_enabled()


def test_a_damaged_launch_agent_counts_as_disabled(tmp_path: Path) -> None:
    autostart = MacLaunchAgent(tmp_path)
    autostart.path.write_bytes(b"not a plist")
    assert not autostart.is_enabled()


def test_the_default_launch_agents_folder_is_in_the_users_library() -> None:
    assert MacLaunchAgent().path == Path.home() / "Library" / "LaunchAgents" / f"{APP_ID}.plist"


# -- choosing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "kind"),
    [("linux", XdgAutostart), ("freebsd14", XdgAutostart), ("darwin", MacLaunchAgent)],
)
def test_each_platform_gets_its_own_backend(platform: str, kind: type) -> None:
    assert isinstance(autostart_for_platform(platform), kind)


def test_windows_gets_the_run_key_backend_without_touching_winreg_until_used() -> None:
    autostart = autostart_for_platform("win32")
    assert isinstance(autostart, WindowsRunKey)
