"""A record logged after a run's handlers are gone (a worker thread still finishing as the
app quits) reaches the terminal as one line, never as a traceback."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from backcare_desktop.cli.log_file import quiet_last_resort


@pytest.fixture
def restored_last_resort() -> Iterator[None]:
    before = logging.lastResort
    yield
    logging.lastResort = before


@pytest.mark.usefixtures("restored_last_resort")
def test_a_late_error_with_a_traceback_is_not_printed_and_a_plain_one_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    quiet_last_resort("backcare")
    orphan = logging.getLogger("backcare-test-orphan")
    orphan.propagate = False  # no handler anywhere: Python's last resort takes it
    try:
        raise OSError("read-only file system")
    except OSError:
        orphan.exception("reading the journal failed")
    orphan.error("the journal could not be read\nmore detail")
    printed = capsys.readouterr().err
    assert "Traceback" not in printed
    assert printed == "backcare: the journal could not be read\n"
