"""Faults met at start are survived: the app still reaches its first paint, as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

READ_ONLY_DISK = Path(__file__).with_name("read_only_disk.py")


def start(home: Path, *command: str, **env: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Start the app until its first paint; returns the run and the file the paint writes."""
    painted = home.parent / "first-paint"
    environment = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        BACKCARE_HOME=str(home),
        BACKCARE_QUIT_AFTER_FIRST_PAINT=str(painted),
        **env,
    )
    result = subprocess.run(
        [sys.executable, *(command or ("-m", "backcare_desktop"))],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    return result, painted


def reaches_first_paint(result: subprocess.CompletedProcess[str], painted: Path) -> bool:
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode == 0 and painted.is_file()


def test_an_impossible_time_zone_still_paints(isolated_home: Path) -> None:
    result, painted = start(isolated_home, TZ="XXX+99:99")
    assert reaches_first_paint(result, painted), result.stderr
    assert "using UTC" in (isolated_home / "logs" / "backcare.log").read_text()


def test_a_read_only_data_folder_still_paints(isolated_home: Path) -> None:
    first, painted = start(isolated_home)  # a first run makes the folders and files
    assert reaches_first_paint(first, painted), first.stderr
    painted.unlink()
    data = isolated_home / "data"
    result, painted = start(isolated_home, str(READ_ONLY_DISK), str(data))
    assert reaches_first_paint(result, painted), result.stderr


def test_a_folder_in_place_of_the_settings_file_is_set_aside(isolated_home: Path) -> None:
    data = isolated_home / "data"
    (data / "preferences.json").mkdir(parents=True)
    result, painted = start(isolated_home)
    assert reaches_first_paint(result, painted), result.stderr
    kept = [path for path in data.iterdir() if path.name.startswith("preferences.corrupt")]
    assert len(kept) == 1 and kept[0].is_dir()
    assert not (data / "preferences.json").is_dir()
