"""The one command line's plain start: answered without building the parser, the same way."""

from __future__ import annotations

import pytest

from backcare_desktop.cli.parser import PLAIN_START, build_parser, parse_command_line


def test_the_plain_start_is_what_the_parser_makes_of_an_empty_command_line() -> None:
    assert vars(build_parser().parse_args([])) == PLAIN_START
    assert vars(parse_command_line([])) == PLAIN_START


def test_each_plain_start_gets_its_own_answer() -> None:
    first = parse_command_line([])
    first.home = "/elsewhere"
    assert parse_command_line([]).home is None


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--minimized"], {"minimized": True, "command": None}),
        (["--home", "/h", "remind", "list"], {"home": "/h", "command": "remind"}),
        (["remind", "--home", "/h", "list"], {"home": "/h", "command": "remind"}),
        (["--start"], {"start": "daily_back_reset"}),
    ],
)
def test_any_other_command_line_goes_through_the_parser(
    argv: list[str], expected: dict[str, object]
) -> None:
    parsed = vars(parse_command_line(argv))
    assert {key: parsed[key] for key in expected} == expected
