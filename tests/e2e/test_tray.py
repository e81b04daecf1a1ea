"""With a system tray (Xvfb + trayer), BackCare lives in the tray; without one, a plain window."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop_rig import start_tray, start_xvfb, visible_windows
from pytestqt.qtbot import QtBot

CHILD = textwrap.dedent(
    """
    import argparse, json, sys
    from PySide6.QtWidgets import QApplication
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.gui.shell.launch import build
    from backcare_desktop.paths import resolve_paths
    from backcare_desktop.resources import assets_dir

    home = sys.argv[1]
    args = argparse.Namespace(start=None, minimized=False, home=home)
    context = build(args, resolve_paths(home).ensure(), load_library(assets_dir()))
    window = context.window
    window.show()
    QApplication.processEvents()
    result = {"tray": context.tray is not None}
    if context.tray is not None:
        context.tray.rebuild_menu()
        result["menu"] = [a.text() for a in context.tray.menu.actions() if a.text()]
        window.close()
        QApplication.processEvents()
        result["hidden_after_close"] = not window.isVisible()
        result["quit_on_last_closed"] = QApplication.quitOnLastWindowClosed()
    print(json.dumps(result))
    """
)


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private Xvfb on a free display; -displayfd tells us its number once it is ready."""
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed (Debian: xvfb)")
    xvfb, display = start_xvfb("1024x768x24")
    if display is None:
        pytest.skip("Xvfb did not start")
    yield display
    xvfb.terminate()
    xvfb.wait(timeout=10)


def run_child(display: str, home: Path) -> dict[str, object]:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(home)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_without_a_tray_the_window_is_a_normal_window(x_display: str, isolated_home: Path) -> None:
    assert run_child(x_display, isolated_home) == {"tray": False}


@pytest.fixture
def tray_env(x_display: str) -> Iterator[dict[str, str]]:
    """The private display with trayer as its system tray, once Qt sees the tray."""
    if not shutil.which("trayer"):
        pytest.skip("trayer is not installed (Debian: trayer)")
    env = dict(os.environ, DISPLAY=x_display, QT_QPA_PLATFORM="xcb")
    trayer = start_tray(env)
    if trayer is None:
        pytest.fail("trayer started but Qt never saw a system tray")
    try:
        yield env
    finally:
        trayer.terminate()
        trayer.wait(timeout=10)


def test_with_a_tray_closing_the_window_keeps_backcare_in_the_tray(
    tray_env: dict[str, str], x_display: str, isolated_home: Path
) -> None:
    result = run_child(x_display, isolated_home)
    assert result["tray"] is True
    assert result["menu"][:2] == ["Start routine", "Show BackCare"]
    assert "Quit" in result["menu"]
    assert result["hidden_after_close"] is True
    assert result["quit_on_last_closed"] is False


def test_started_in_the_tray_backcare_makes_its_window_only_when_asked(
    tray_env: dict[str, str], isolated_home: Path, qtbot: QtBot
) -> None:
    env = dict(tray_env, BACKCARE_HOME=str(isolated_home))
    app = subprocess.Popen(
        [sys.executable, "-m", "backcare_desktop", "--minimized"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        qtbot.waitUntil(lambda: (isolated_home / "run" / "instance.sock").exists(), timeout=30_000)
        assert visible_windows(env) == 0
        second = subprocess.run(
            [sys.executable, "-m", "backcare_desktop"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stderr
        qtbot.waitUntil(lambda: visible_windows(env) == 1, timeout=30_000)
        assert app.poll() is None
    finally:
        app.terminate()
        app.wait(timeout=20)
