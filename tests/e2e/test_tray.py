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
from desktop_rig import start_xvfb

CHILD = textwrap.dedent(
    """
    import argparse, json, sys
    from PySide6.QtWidgets import QApplication
    from backcare_desktop.core.content import load_library
    from backcare_desktop.gui.app import build
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


def test_with_a_tray_closing_the_window_keeps_backcare_in_the_tray(
    x_display: str, isolated_home: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    if not shutil.which("trayer"):
        pytest.skip("trayer is not installed (Debian: trayer)")
    env = dict(os.environ, DISPLAY=x_display)
    trayer = subprocess.Popen(["trayer"], env=env, stderr=subprocess.DEVNULL)
    try:
        probe = (
            "from PySide6.QtWidgets import QApplication, QSystemTrayIcon as T; "
            "a = QApplication([]); print(T.isSystemTrayAvailable())"
        )
        qtbot.waitUntil(
            lambda: (
                subprocess.run(
                    [sys.executable, "-c", probe],
                    env=dict(env, QT_QPA_PLATFORM="xcb"),
                    capture_output=True,
                    text=True,
                ).stdout.strip()
                == "True"
            ),
            timeout=20_000,
        )
        result = run_child(x_display, isolated_home)
    finally:
        trayer.terminate()
    assert result["tray"] is True
    assert result["menu"][:2] == ["Start routine", "Show BackCare"]
    assert "Quit" in result["menu"]
    assert result["hidden_after_close"] is True
    assert result["quit_on_last_closed"] is False
