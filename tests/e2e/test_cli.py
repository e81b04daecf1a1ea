"""The command line: version, help, clear one-line errors with exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from backcare_desktop import __version__


def backcare(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BACKCARE_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "backcare_desktop", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_version_prints_the_version(isolated_home: Path) -> None:
    result = backcare("--version", home=isolated_home)
    assert result.returncode == 0
    assert result.stdout.strip() == f"BackCare Desktop {__version__}"


def test_help_lists_every_option(isolated_home: Path) -> None:
    result = backcare("--help", home=isolated_home)
    assert result.returncode == 0
    for option in ("--start", "--minimized", "--home", "--version"):
        assert option in result.stdout


def test_an_unknown_option_is_a_one_line_error(isolated_home: Path) -> None:
    result = backcare("--frobnicate", home=isolated_home)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "--frobnicate" in lines[0] and "--help" in lines[0]


def test_an_unknown_routine_is_a_one_line_error(isolated_home: Path) -> None:
    result = backcare("--start", "moonwalk", home=isolated_home)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "moonwalk" in lines[0] and "daily_back_reset" in lines[0]


def test_home_option_keeps_everything_under_one_folder(tmp_path: Path, isolated_home: Path) -> None:
    target = tmp_path / "elsewhere"
    result = backcare("--home", str(target), "--start", "nope", home=isolated_home)
    assert result.returncode == 2
    assert (target / "logs" / "backcare.log").is_file()
    assert not (isolated_home / "logs").exists()
