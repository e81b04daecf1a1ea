"""The PyInstaller spec, dry-run on each platform: what it would hand PyInstaller.

Windows and macOS builds cannot run here; executing the spec with PyInstaller's build steps
replaced by recorders still catches a typo in their branches and checks names, icons, version
and the data files. The real Linux build is exercised by test_bundle.py.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from packaging_scripts import PACKAGING, REPO_ROOT

from backcare_desktop import APP_ID, APP_NAME, APP_SLUG, __version__

pytest.importorskip("PyInstaller", reason="PyInstaller is in the packaging extra")
# Imported before sys.platform is patched, so PyInstaller sees the real platform.
from PyInstaller.utils import hooks


@dataclass
class Recorder:
    """Stands in for PyInstaller's Analysis/PYZ/EXE/COLLECT/BUNDLE and keeps their arguments."""

    calls: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def step(self, name: str) -> Callable[..., Any]:
        def record(*args: Any, **kwargs: Any) -> Any:
            self.calls.setdefault(name, []).append({"args": args, **kwargs})
            return type(name, (), {"pure": [], "scripts": [], "binaries": [], "datas": []})()

        return record


def dry_run(platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Recorder:
    recorder = Recorder()
    icons: list[list[str]] = []

    def fake_run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        icons.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(hooks, "collect_submodules", lambda name: [f"{name}.stub"])
    monkeypatch.setattr(hooks, "copy_metadata", lambda dist: [(f"/{dist}.dist-info", ".")])
    monkeypatch.setattr(subprocess, "run", fake_run)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))
    spec = PACKAGING / "backcare.spec"
    namespace: dict[str, Any] = {
        "SPECPATH": str(PACKAGING),
        "workpath": str(tmp_path),
        **{name: recorder.step(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")},
    }
    exec(compile(spec.read_text(), str(spec), "exec"), namespace)
    recorder.calls["icon-commands"] = [{"command": c} for c in icons]
    return recorder


def test_linux_gets_one_program_with_the_assets_and_no_icon_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = dry_run("linux", tmp_path, monkeypatch).calls
    (analysis,) = calls["Analysis"]
    assert (str(REPO_ROOT / "assets"), "assets") in analysis["datas"]
    assert {"numpy", "soundfile", "tests"} <= set(analysis["excludes"])
    assert analysis["hiddenimports"] == ["backcare_desktop.stub"]
    (exe,) = calls["EXE"]
    assert exe["name"] == "backcare" and exe["icon"] is None
    (collect,) = calls["COLLECT"]
    assert collect["name"] == APP_SLUG
    assert "BUNDLE" not in calls and not calls["icon-commands"]


def test_windows_gets_a_gui_and_a_console_program_with_an_ico(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = dry_run("win32", tmp_path, monkeypatch).calls
    programs = {exe["name"]: exe for exe in calls["EXE"]}
    assert programs["backcare"]["console"] is False
    assert programs["backcare-cli"]["console"] is True
    assert programs["backcare"]["icon"] == str(tmp_path / "icons" / "backcare.ico")
    (command,) = [c["command"] for c in calls["icon-commands"]]
    assert command[1:4] == [
        str(PACKAGING / "render_icons.py"),
        "ico",
        str(tmp_path / "icons" / "backcare.ico"),
    ]


def test_macos_gets_an_app_bundle_with_id_version_and_icns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = dry_run("darwin", tmp_path, monkeypatch).calls
    (bundle,) = calls["BUNDLE"]
    assert bundle["name"] == f"{APP_NAME}.app"
    assert bundle["bundle_identifier"] == APP_ID
    assert bundle["info_plist"]["CFBundleShortVersionString"] == __version__
    assert bundle["icon"].endswith("backcare.icns")
