"""`backcare routine ...` run in-process: list, export, import, remove and compose, and one
plain line with exit code 2 for anything it cannot accept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from own_routine_example import PHYSIO

from backcare_desktop.__main__ import main
from backcare_desktop.core.routine_file import to_bytes

MINE = PHYSIO


def routine(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["routine", *args])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = routine(capsys, *args)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("backcare routine: error: "), err
    return lines[0]


def test_list_shows_every_built_in_routine_with_its_length(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = routine(capsys, "list")
    assert code == 0
    assert out.splitlines()[0].startswith("daily_back_reset")
    assert "Five-minute morning wake-up (5 min)" in out
    assert "[default]" in out


def test_an_imported_routine_is_listed_as_ones_own_and_exports_identically(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "physio.json"
    source.write_bytes(to_bytes(MINE))
    code, out, _ = routine(capsys, "import", str(source))
    assert (code, out) == (0, "Imported “Physio’s routine” as own_physio\n")
    code, out, _ = routine(capsys, "list", "--json")
    entries = json.loads(out)
    mine = next(entry for entry in entries if entry["id"] == "own_physio")
    assert mine["own"] is True and mine["favourite"] is False
    assert mine["total_seconds"] == 60 + 80 + 45 + 120
    assert {entry["id"] for entry in entries} >= {"desk_break", "own_physio"}
    back = tmp_path / "back.json"
    assert routine(capsys, "export", "own_physio", str(back))[0] == 0
    assert back.read_bytes() == source.read_bytes()


def test_importing_the_same_file_twice_keeps_both_under_different_ids(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "physio.json"
    source.write_bytes(to_bytes(MINE))
    routine(capsys, "import", str(source))
    _, out, _ = routine(capsys, "import", str(source))
    assert out == "Imported “Physio’s routine” as own_physios_routine\n"


def test_a_built_in_routine_exports_to_a_file_that_imports_as_ones_own(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "desk.json"
    assert routine(capsys, "export", "desk_break", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["routine"]["id"] == "desk_break"
    _, out, _ = routine(capsys, "import", str(target))
    copy = "own_desk_break_neck_and_shoulders"
    assert out == f"Imported “Desk break: neck and shoulders” as {copy}\n"
    assert routine(capsys, "remove", "own_desk_break_neck_and_shoulders")[0] == 0
    assert "own_desk" not in routine(capsys, "list")[1]


def test_export_to_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = routine(capsys, "export", "morning_wake_up", "-")
    assert code == 0 and json.loads(out)["format"] == "backcare-routine"


def test_compose_prints_the_steps_and_the_total(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = routine(
        capsys,
        "compose",
        "--areas",
        "neck,shoulders",
        "--minutes",
        "10",
        "--equipment",
        "none,wall",
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(" 1. Warm-up") and "(to warm up gently)" in lines[0]
    assert any("(for your shoulders)" in line for line in lines)
    assert lines[-1] == "Total: 10 min"


def test_compose_json_has_each_step_and_the_total(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = routine(
        capsys, "compose", "--areas", "glutes,lower_back", "--minutes", "15", "--json"
    )
    answer = json.loads(out)
    assert set(answer) == {"steps", "total_seconds"}
    assert abs(answer["total_seconds"] - 900) <= 5
    assert sum(step["seconds"] for step in answer["steps"]) == answer["total_seconds"]
    for step in answer["steps"]:
        assert set(step) == {"technique", "side", "seconds", "reason"}
        assert step["side"] in {"left", "right", None}
    assert answer["steps"][0]["technique"] == "warm_up"
    assert answer["steps"][-1]["technique"] == "deep_breathing"


def test_another_seed_shuffles(capsys: pytest.CaptureFixture[str]) -> None:
    first = routine(capsys, "compose", "--areas", "neck", "--minutes", "10", "--json")[1]
    again = routine(capsys, "compose", "--areas", "neck", "--minutes", "10", "--json")[1]
    other = routine(
        capsys, "compose", "--areas", "neck", "--minutes", "10", "--seed", "7", "--json"
    )[1]
    assert first == again != other


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("compose", "--areas", "knees", "--minutes", "10"), "unknown area 'knees'"),
        (("compose", "--areas", "neck", "--minutes", "45"), "5 to 30 minutes"),
        (("compose", "--areas", "neck", "--minutes", "ten"), "whole number"),
        (("compose", "--areas", "neck", "--minutes", "10", "--equipment", "sofa"), "'sofa'"),
        (("compose", "--areas", "", "--minutes", "10"), "at least one area"),
        (("compose", "--areas", "neck,neck", "--minutes", "10"), "twice"),
        (("export", "nope", "x.json"), "no routine called 'nope'"),
        (("remove", "desk_break"), "built in"),
        (("remove", "own_nothing"), "no routine of your own called 'own_nothing'"),
        (("import", "/no/such/file.json"), "cannot read"),
        (("frobnicate",), "invalid choice"),
    ],
)
def test_bad_input_gets_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], words: str
) -> None:
    if args == ("frobnicate",):
        with pytest.raises(SystemExit) as exited:
            main(["routine", *args])
        assert exited.value.code == 2
        assert words in capsys.readouterr().err
        return
    assert words in refused(capsys, *args)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{}", "format"),
        (b"not json", "valid JSON"),
        (to_bytes(MINE).replace(b'"version": 1', b'"version": 9'), "version"),
        (to_bytes(MINE).replace(b'"seconds": 40', b'"seconds": 400'), "lasts 30 to 120 seconds"),
        (to_bytes(MINE).replace(b"elbow low", b"see http://x.org"), "web address"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, words: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    assert words in refused(capsys, "import", str(source))
    assert "own_" not in routine(capsys, "list")[1]


def test_a_file_over_one_megabyte_is_refused_unread(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "big.json"
    source.write_bytes(b" " * (1024 * 1024 + 1))
    assert "larger than 1 MB" in refused(capsys, "import", str(source))
