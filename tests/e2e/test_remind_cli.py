"""`backcare remind`: list, add, remove and next, run as a person would, on a BACKCARE_HOME."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def backcare(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, BACKCARE_HOME=str(home), **env)
    environment.pop("DISPLAY", None)  # the CLI must not need a display
    return subprocess.run(
        [sys.executable, "-m", "backcare_desktop", "remind", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
    )


def saved_reminders(home: Path) -> list[dict[str, object]]:
    data = json.loads((home / "data" / "preferences.json").read_text(encoding="utf-8"))
    document = next(iter(data["preferences"].values()))
    return document["reminders"]  # type: ignore[no-any-return]


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("backcare remind: error: ")
    return lines[0]


def test_list_with_no_reminders_says_how_to_add_one(isolated_home: Path) -> None:
    result = backcare("list", home=isolated_home)
    assert result.returncode == 0
    assert "No reminders yet" in result.stdout
    assert "backcare remind add" in result.stdout


def test_add_list_and_remove(isolated_home: Path) -> None:
    added = backcare(
        "add", "19:00", "--days", "mon-fri", "--label", "After work", home=isolated_home
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Added reminder 1: 19:00 mon-fri")
    added = backcare("add", "07:30", "--routine", "desk_break", home=isolated_home)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Added reminder 1: 07:30 daily")

    listed = backcare("list", home=isolated_home)
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].split()[:3] == ["1", "07:30", "daily"]
    assert "Desk break" in lines[0]
    assert lines[1].split()[:3] == ["2", "19:00", "mon-fri"]
    assert "After work" in lines[1]

    stored = saved_reminders(isolated_home)
    assert [(r["time"], r["weekdays"]) for r in stored] == [
        ("07:30", [0, 1, 2, 3, 4, 5, 6]),
        ("19:00", [0, 1, 2, 3, 4]),
    ]
    assert stored[0]["routine_id"] == "desk_break" and stored[1]["routine_id"] is None

    removed = backcare("remove", "1", home=isolated_home)
    assert removed.returncode == 0
    assert removed.stdout.strip() == "Removed reminder 1: 07:30."
    assert [r["time"] for r in saved_reminders(isolated_home)] == ["19:00"]


def test_next_names_the_coming_reminder(isolated_home: Path) -> None:
    assert backcare("next", home=isolated_home).stdout.startswith("No reminder is set")
    assert backcare("add", "06:15", "--label", "Wake up", home=isolated_home).returncode == 0
    result = backcare("next", home=isolated_home, TZ="UTC")
    assert result.returncode == 0
    words = result.stdout.split()
    assert words[:2] == ["Next", "reminder:"]
    assert words[2] in {"today", "tomorrow"}  # an every-day reminder is never further out
    assert words[3] == "06:15"
    assert "Wake up" in result.stdout


def test_next_says_once_that_a_damaged_reminder_memory_was_set_aside(
    isolated_home: Path,
) -> None:
    assert backcare("add", "06:15", home=isolated_home).returncode == 0
    state = isolated_home / "data" / "reminder_state.json"
    entry = {"key": "paused_until", "value": "\ud800"}
    state.write_text(json.dumps({"reminders": {"1": entry}}), encoding="utf-8")
    first = backcare("next", home=isolated_home, TZ="UTC")
    assert first.returncode == 0 and first.stdout.startswith("Next reminder:")
    assert "could not be read" in first.stderr and "kept at" in first.stderr
    assert json.loads(state.read_text(encoding="utf-8")) == {"reminders": {}}
    again = backcare("next", home=isolated_home, TZ="UTC")
    assert again.returncode == 0 and again.stderr == ""


def test_home_option_overrides_the_environment(tmp_path: Path, isolated_home: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    result = backcare("--home", str(elsewhere), "add", "12:00", home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert saved_reminders(elsewhere)[0]["time"] == "12:00"
    assert backcare("list", "--home", str(elsewhere), home=isolated_home).stdout.startswith("1")
    assert not (isolated_home / "data" / "preferences.json").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("add", "25:00"), "time: expected HH:MM, got '25:00'"),
        (("add", "7pm"), "time: expected HH:MM"),
        (("add", "19:00", "--days", "funday"), "days: expected names like mon-fri"),
        (("add", "19:00", "--routine", "moonwalk"), "unknown routine 'moonwalk'"),
        (("add", "19:00", "--label", "two\nlines"), "label: control or text-direction"),
        (("remove", "3"), "there is no reminder 3 (you have no reminders"),
        (("remove", "first"), "N: expected a reminder's number"),
        (("remove", "0"), "N: expected a reminder's number"),
        (("frobnicate",), "invalid choice: 'frobnicate'"),
        ((), "the following arguments are required: COMMAND"),
        (("add",), "the following arguments are required: HH:MM"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_code_2(
    isolated_home: Path, args: tuple[str, ...], words: str
) -> None:
    assert words in one_error_line(backcare(*args, home=isolated_home))


def test_the_same_time_and_days_twice_is_refused(isolated_home: Path) -> None:
    assert backcare("add", "19:00", "--days", "weekdays", home=isolated_home).returncode == 0
    line = one_error_line(backcare("add", "19:00", "--days", "mon-fri", home=isolated_home))
    assert "already have a reminder at 19:00" in line
    assert len(saved_reminders(isolated_home)) == 1


def test_the_command_line_never_loads_qt(isolated_home: Path) -> None:
    probe = (
        "import sys; from backcare_desktop.__main__ import main; "
        "code = main(['remind', 'add', '08:00']); main(['remind', 'list']); "
        "main(['remind', 'next']); "
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pygame')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, BACKCARE_HOME=str(isolated_home)),
    )
    assert result.stdout.strip().splitlines()[-1] == "0 []"


def write_settings(home: Path, reminders: list[object], **settings: object) -> None:
    """A settings file as a person (or a damaged disk) might leave it."""
    folder = home / "data"
    folder.mkdir(parents=True, exist_ok=True)
    document = {"schema_version": 2, "reminders": reminders, **settings}
    text = json.dumps({"preferences": {"1": document}}, ensure_ascii=True)
    (folder / "preferences.json").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("command", [["list"], ["next"], ["add", "08:00"]])
def test_a_reminder_with_nested_weekdays_is_left_out_never_a_crash(
    isolated_home: Path, command: list[str]
) -> None:
    write_settings(
        isolated_home,
        [
            {"id": "bad", "time": "07:00", "weekdays": [0, [1, 2]]},
            {"id": "good", "time": "19:00", "weekdays": [0, 1, 2, 3, 4, 5, 6]},
        ],
    )
    result = backcare(*command, home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert "unhashable" not in result.stderr and "Traceback" not in result.stderr


def test_unsaveable_text_in_the_file_never_stops_the_next_save(isolated_home: Path) -> None:
    write_settings(
        isolated_home,
        [{"id": "a", "time": "07:00", "weekdays": [0], "label": "\ud800"}],
        music_folder="/music/\udfff",
    )
    assert backcare("list", home=isolated_home).returncode == 0
    added = backcare("add", "08:00", home=isolated_home)
    assert added.returncode == 0, added.stderr
    assert [r["time"] for r in saved_reminders(isolated_home)] == ["08:00"]
    raw = (isolated_home / "data" / "preferences.json").read_bytes()
    raw.decode("utf-8")  # strictly valid UTF-8 now
    assert b"\\ud800" not in raw and b"\\udfff" not in raw


def test_a_settings_lock_held_too_long_is_one_plain_line_and_changes_nothing(
    isolated_home: Path,
) -> None:
    from backcare_desktop.storage.lock import FileLock

    assert backcare("add", "07:00", home=isolated_home).returncode == 0
    path = isolated_home / "data" / "preferences.json"
    before = path.read_bytes()
    with FileLock(path.with_name("preferences.json.lock")):
        result = backcare("add", "08:00", home=isolated_home)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "another BackCare program is still saving" in lines[0]
    assert "try again" in lines[0]
    assert path.read_bytes() == before
