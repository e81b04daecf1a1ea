"""Words that tell the truth: praise for what was done, lengths as the clock shows them, a
number typed past its range set to the nearest and said so, and the time of day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcare_desktop.core.session import SessionSummary, StepOutcome
from backcare_desktop.gui.look.text import greeting
from backcare_desktop.gui.session.summary import SummaryPage
from backcare_desktop.gui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]
DONE, SKIPPED, PENDING = StepOutcome.DONE, StepOutcome.SKIPPED, StepOutcome.PENDING


def summary_of(outcomes: list[StepOutcome], seconds: float, *, completed: bool) -> SessionSummary:
    return SessionSummary(
        "daily_back_reset",
        "Daily back reset",
        datetime(2026, 12, 6, 18, 0, tzinfo=UTC),
        720,
        seconds,
        tuple(outcomes),
        completed,
    )


@pytest.fixture
def page(qtbot: QtBot) -> SummaryPage:
    page = SummaryPage()
    qtbot.addWidget(page)
    return page


def test_skipping_every_step_is_not_called_well_done(page: SummaryPage) -> None:
    page.show_summary(summary_of([SKIPPED] * 15, 4, completed=True), None)
    assert page.title.text() == "No steps this time"
    assert "Well done" not in page.message.text()
    assert page.done_value.text() == "0 / 15"


def test_a_finished_session_with_skipped_steps_says_how_many_were_done(page: SummaryPage) -> None:
    page.show_summary(summary_of([DONE] * 10 + [SKIPPED] * 5, 400, completed=True), None)
    assert page.title.text() == "Done for today"
    assert "You did 10 of 15 steps" in page.message.text()


def test_only_every_step_done_is_well_done(page: SummaryPage) -> None:
    page.show_summary(summary_of([DONE] * 15, 720, completed=True), None)
    assert page.title.text() == "Well done"
    assert "12 minutes of care" in page.message.text()


def test_the_sentence_gives_the_same_length_as_the_figure_beside_it(page: SummaryPage) -> None:
    page.show_summary(summary_of([DONE, DONE] + [PENDING] * 13, 73, completed=False), None)
    assert page.time_value.text() == "1:13"
    assert "1 minute 13 seconds" in page.message.text()
    assert page.title.text() == "A good start"


@pytest.mark.parametrize(
    ("hour", "words"),
    [(2, "Hello, night owl"), (6, "Good morning"), (14, "Good afternoon"), (21, "Good evening")],
)
def test_the_greeting_fits_the_hour(hour: int, words: str) -> None:
    assert greeting(hour) == words


def test_typing_99_minutes_sets_the_longest_the_routine_allows_and_says_so(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    window.open_prepare("daily_back_reset")
    box = window.prepare.length
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "99")
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # on to the next field (Return would press Begin)
    assert box.value() == box.maximum() == 28  # its steps' longest ranges add up to 28.5 min
    assert window.prepare.length_note.isVisible()
    assert window.prepare.length_note.text() == "Set to 28 min, the longest it can be."
    assert abs(window.prepare.planned_routine().total_seconds - 28 * 60) <= 5
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, "2")
    assert not window.prepare.length_note.isVisible()
