"""`backcare routine` as a separate process, as a script would run it, without a display."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def backcare(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, BACKCARE_HOME=str(home))
    environment.pop("DISPLAY", None)  # the CLI must not need a display
    return subprocess.run(
        [sys.executable, "-m", "backcare_desktop", "routine", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )


def test_compose_json_from_a_terminal(isolated_home: Path) -> None:
    result = backcare(
        "compose", "--areas", "neck,shoulders", "--minutes", "10", "--equipment", "none,wall",
        "--json", home=isolated_home,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["total_seconds"] == 600
    assert answer["steps"][0] == {
        "technique": "warm_up", "side": None, "seconds": answer["steps"][0]["seconds"],
        "reason": "to warm up gently",
    }  # fmt: skip


def test_export_import_and_list_from_a_terminal(isolated_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "wake.json"
    assert backcare("export", "morning_wake_up", str(target), home=isolated_home).returncode == 0
    imported = backcare("import", str(target), home=isolated_home)
    assert (
        imported.stdout.strip()
        == "Imported “Five-minute morning wake-up” as own_five_minute_morning_wake_up"
    )
    listed = json.loads(backcare("list", "--json", home=isolated_home).stdout)
    assert listed[-1]["id"] == "own_five_minute_morning_wake_up" and listed[-1]["own"]


def test_bad_input_is_one_line_and_exit_2(isolated_home: Path) -> None:
    result = backcare("compose", "--areas", "knees", "--minutes", "10", home=isolated_home)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("backcare routine: error: unknown area 'knees'")
