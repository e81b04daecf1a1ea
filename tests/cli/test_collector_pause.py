"""The start pauses Python's cycle collector (__main__.main) and always hands it back: a
command that ends, or fails, leaves it as it found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from backcare_desktop.__main__ import main


@pytest.fixture
def collector_state() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_a_command_hands_the_collector_back_running(
    collector_state: None, capsys: pytest.CaptureFixture[str]
) -> None:
    gc.enable()
    assert main(["routine", "list"]) == 0
    assert gc.isenabled()


def test_a_command_line_argparse_refuses_hands_the_collector_back_running_too(
    collector_state: None, capsys: pytest.CaptureFixture[str]
) -> None:
    gc.enable()
    with pytest.raises(SystemExit):  # argparse's own exit, with its usage line
        main(["routine", "export"])
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused(
    collector_state: None, capsys: pytest.CaptureFixture[str]
) -> None:
    gc.disable()
    assert main(["routine", "list"]) == 0
    assert not gc.isenabled()
