"""One command line: global options before or after a command, unsafe labels refused, and
never a traceback on the terminal, whatever the disk does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FULL_DISK = """
import errno, sys
from backcare_desktop.storage import atomic

def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")

atomic.write_atomically = no_space  # the storage seam: every save meets a full disk
from backcare_desktop.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def backcare(*args: str, script: str | None = None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    environment.pop("DISPLAY", None)
    command = ["-c", script] if script else ["-m", "backcare_desktop"]
    return subprocess.run(
        [sys.executable, *command, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
    )


def one_line(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "order",
    [
        ("--home", "{home}", "remind", "list"),
        ("remind", "--home", "{home}", "list"),
        ("remind", "list", "--home", "{home}"),
    ],
)
def test_home_works_before_or_after_the_command(tmp_path: Path, order: tuple[str, ...]) -> None:
    home = tmp_path / "mine"
    added = backcare("--home", str(home), "remind", "add", "07:15", "--label", "Tea")
    assert added.returncode == 0, added.stderr
    listed = backcare(*(part.format(home=home) for part in order))
    assert listed.returncode == 0, listed.stderr
    assert "07:15" in listed.stdout and "Tea" in listed.stdout


@pytest.mark.parametrize(
    "label",
    ["a\u202eb", "\u2066x\u2069", "left\u200fright", "bell\x07", "two\nlines", "tab\there"],
)
def test_control_and_bidi_characters_are_refused_in_a_label(
    isolated_home: Path, label: str
) -> None:
    result = backcare("remind", "add", "08:00", "--label", label)
    line = one_line(result, 2)
    assert line.startswith("backcare remind: error: label:")
    assert (
        not (isolated_home / "data" / "preferences.json").exists()
        or "08:00" not in (isolated_home / "data" / "preferences.json").read_text()
    )


def test_an_ordinary_label_in_any_script_is_kept(isolated_home: Path) -> None:
    result = backcare("remind", "add", "08:00", "--label", "שלום · 午後 🌿")
    assert result.returncode == 0, result.stderr
    assert "שלום · 午後 🌿" in backcare("remind", "list").stdout


def test_an_unknown_command_is_one_line(isolated_home: Path) -> None:
    line = one_line(backcare("stretch"), 2)
    assert line.startswith("backcare: error:") and "stretch" in line


def test_a_bad_remind_option_is_one_line_naming_remind(isolated_home: Path) -> None:
    line = one_line(backcare("remind", "add", "08:00", "--colour", "blue"), 2)
    assert line.startswith("backcare remind: error:") and "--colour" in line


def test_add_on_a_full_disk_is_one_line_and_the_details_go_to_the_log(
    isolated_home: Path,
) -> None:
    line = one_line(backcare("remind", "add", "08:00", script=FULL_DISK), 1)
    assert line.startswith("backcare remind: error:") and "No space left" in line
    log = (isolated_home / "logs" / "backcare.log").read_text()
    assert "Traceback" in log and "ENOSPC" not in line


def test_a_log_on_a_full_disk_prints_no_traceback_either(isolated_home: Path) -> None:
    logs = isolated_home / "logs"
    logs.mkdir(parents=True)
    (logs / "backcare.log").symlink_to("/dev/full")  # every write to the log: ENOSPC
    line = one_line(backcare("remind", "add", "08:00", script=FULL_DISK), 1)
    assert "No space left" in line


def test_list_with_a_home_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    line = one_line(backcare("remind", "list", "--home", str(blocker / "home")), 1)
    assert line.startswith("backcare remind: error: cannot create BackCare's folders")


def test_list_with_an_unreadable_settings_file_is_one_line(isolated_home: Path) -> None:
    data = isolated_home / "data"
    data.mkdir(parents=True)
    (data / "preferences.json.lock").mkdir()  # the lock cannot be opened
    line = one_line(backcare("remind", "list"), 1)
    assert line.startswith("backcare remind: error:")


def test_the_terminal_gets_one_line_per_error_and_never_a_traceback(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    from backcare_desktop.cli.log_file import log_to_file
    from backcare_desktop.paths import resolve_paths

    paths = resolve_paths(isolated_home).ensure()
    log = logging.getLogger("backcare_desktop.test")
    with log_to_file(paths, prog="backcare", console=True):
        log.error("the kettle boiled over\nsecond line")
        try:
            raise RuntimeError("caught and told in words elsewhere")
        except RuntimeError:
            log.exception("unexpected error")
    assert capsys.readouterr().err == "backcare: the kettle boiled over\n"
    written = paths.log_file.read_text()
    assert "second line" in written and "Traceback" in written


def test_a_full_log_rotates_and_keeps_three_old_ones(isolated_home: Path) -> None:
    logs = isolated_home / "logs"
    logs.mkdir(parents=True)
    for generation in range(5):
        (logs / "backcare.log").write_text("x" * 1_000_000)
        result = backcare("remind", "add", f"08:0{generation}")
        assert result.returncode == 0, result.stderr
    kept = sorted(path.name for path in logs.iterdir())
    assert kept == ["backcare.log", "backcare.log.1", "backcare.log.2", "backcare.log.3"]
    assert (logs / "backcare.log").stat().st_size < 1_000_000


def test_a_long_running_log_rolls_over_while_it_writes(tmp_path: Path) -> None:
    import logging

    from backcare_desktop.cli.log_file import RollingFile

    log_file = tmp_path / "backcare.log"
    handler = RollingFile(log_file, max_bytes=200, backups=2)
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "x" * 90, None, None)
    try:
        for _ in range(12):
            handler.emit(record)
    finally:
        handler.close()
    kept = sorted(path.name for path in tmp_path.iterdir())
    assert kept == ["backcare.log", "backcare.log.1", "backcare.log.2"]
    assert log_file.stat().st_size <= 200 + 91
