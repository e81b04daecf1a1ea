"""The Progress page with a seeded journal: pictures of the practice, export, delete all."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.app.jobs import JobRunner
from backcare_desktop.app.persistence import QueuedJournal
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.journal import SessionRecord
from backcare_desktop.gui.look.theme import load_theme
from backcare_desktop.gui.pages.progress import ProgressPage
from backcare_desktop.storage.memory import MemoryJournalStore
from backcare_desktop.storage.notices import StoreNotice

TODAY = datetime(2026, 3, 12, 20, 0, tzinfo=UTC)  # a Thursday
PRACTICE_DAYS = (
    [(3, d) for d in (9, 10, 11, 12)]  # this week: Mon–Thu
    + [(3, d) for d in (2, 3, 5, 6, 7, 8)]  # last week: all but Wednesday the 4th
    + [(2, d) for d in (23, 24, 25, 26)]
    + [(2, d) for d in (16, 18, 20)]
    + [(2, d) for d in (10, 12, 14)]
)


def seeded_records() -> list[SessionRecord]:
    """20 sessions over 5 weeks, each rated; 12 minutes each, 20 minutes today."""
    records = []
    for i, (month, day) in enumerate(PRACTICE_DAYS):
        minutes = 20 if (month, day) == (3, 12) else 12
        records.append(
            SessionRecord(
                id=f"s{i:02d}",
                routine_id="evening",
                routine_name="Evening unwind",
                started_at=datetime(2026, month, day, 18, 30, tzinfo=UTC),
                planned_seconds=minutes * 60,
                completed_seconds=minutes * 60,
                steps_done=5,
                steps_skipped=0,
                oil="lavender" if i % 2 else None,
                tension_before=6 + i % 2,
                tension_after=3,
                completed=True,
            )
        )
    return records


class CountingJournal(MemoryJournalStore):
    def __init__(self, records: list[SessionRecord]) -> None:
        super().__init__(records)
        self.reads = 0

    def load(self) -> tuple[list[SessionRecord], list[StoreNotice]]:
        self.reads += 1
        return super().load()


def make_page(qtbot: QtBot, journal: MemoryJournalStore) -> ProgressPage:
    """The page over `journal`, reached through a real job runner as in the app."""
    runner = JobRunner()
    progress = ProgressPage(QueuedJournal(lambda: journal, runner), FakeClock(TODAY), tz=UTC)
    runner.setParent(progress)
    qtbot.addWidget(progress)
    return progress


@pytest.fixture
def journal() -> CountingJournal:
    return CountingJournal(seeded_records())


@pytest.fixture
def page(qtbot: QtBot, journal: CountingJournal) -> ProgressPage:
    progress = make_page(qtbot, journal)
    progress.resize(1100, 760)
    progress.show()
    qtbot.waitExposed(progress)
    qtbot.waitUntil(lambda: progress.loaded)
    return progress


def test_the_journal_is_read_when_the_page_is_shown_not_before(
    qtbot: QtBot, journal: CountingJournal
) -> None:
    progress = make_page(qtbot, journal)
    assert journal.reads == 0 and not progress.loaded
    progress.show()
    qtbot.waitUntil(lambda: progress.loaded)
    assert journal.reads == 1 and progress.loaded
    assert progress.sessions == 20


def test_this_week_counts_the_days_practised(page: ProgressPage) -> None:
    assert page.week_card.value.text() == "4 of 7 days"


def test_the_kind_streak_forgives_one_missed_day_a_week(page: ProgressPage) -> None:
    assert page.streak_card.value.text() == "10 days"
    assert page.streak_card.note.text() == "1 rest day forgiven"
    assert "forgiven" in page.streak_card.toolTip()


def test_total_minutes_add_up_every_session(page: ProgressPage) -> None:
    assert page.total_card.value.text() == "4 h 8 min"  # 19 × 12 + 20 = 248 minutes
    assert page.total_card.note.text() == "in 20 sessions"


def test_the_heatmap_holds_the_minutes_of_known_days(page: ProgressPage) -> None:
    assert page.heatmap.minutes_on(date(2026, 3, 12)) == 20
    assert page.heatmap.minutes_on(date(2026, 3, 11)) == 12
    assert page.heatmap.minutes_on(date(2026, 3, 4)) == 0
    assert page.heatmap.minutes_on(date(2026, 2, 10)) == 12
    assert page.heatmap.minutes_on(date(2025, 12, 1)) is None  # older than 12 weeks
    assert page.heatmap.colour_for(20) != page.heatmap.colour_for(0)


def test_a_heatmap_square_names_its_day_and_minutes(page: ProgressPage) -> None:
    from backcare_desktop.gui.widgets.heatmap import day_tooltip

    grid_cell = page.heatmap.cell_at(page.heatmap.cell_rect(11, 1).center())
    assert grid_cell is not None and grid_cell.day == date(2026, 3, 10)
    assert day_tooltip(grid_cell) == "Tue 10 Mar: 12 min"


def test_the_tension_chart_has_a_point_per_rated_session(page: ProgressPage) -> None:
    assert len(page.chart.points) == 20 and not page.chart.is_empty
    positions = page.chart.dot_positions()
    assert all(before is not None and after is not None for before, after in positions)
    first_before, first_after = positions[0]
    assert first_before is not None and first_after is not None
    assert first_before.y() < first_after.y()  # higher tension sits higher on the chart
    assert page.chart.summary() == (
        "On average 6.5 before and 3.0 after, over 20 sessions rated both times"
    )
    assert page.chart.shows_trend


def rated(record_id: str, at: datetime, before: int | None, after: int | None) -> SessionRecord:
    return SessionRecord(
        record_id, "r", "Routine", at, 300, 300, 3, 0, None, before, after, completed=True
    )


def loaded_page(qtbot: QtBot, records: list[SessionRecord]) -> ProgressPage:
    progress = make_page(qtbot, MemoryJournalStore(records))
    progress.refresh()
    qtbot.waitUntil(lambda: progress.loaded)
    return progress


def test_a_before_and_an_after_from_different_sessions_are_never_compared(qtbot: QtBot) -> None:
    progress = loaded_page(
        qtbot,
        [
            rated("a", TODAY.replace(hour=9), 6, None),
            rated("b", TODAY.replace(hour=12), None, 4),
            rated("c", TODAY.replace(hour=18), None, 4),
        ],
    )
    assert progress.chart.summary() == ""
    assert "average" not in progress.tension_note.text()
    assert not progress.chart.shows_trend


def test_with_fewer_than_three_paired_sessions_the_chart_gives_numbers_not_a_trend(
    qtbot: QtBot,
) -> None:
    progress = loaded_page(
        qtbot,
        [
            rated("a", datetime(2026, 3, 11, 18, 0, tzinfo=UTC), 7, 4),
            rated("b", TODAY, 6, 3),
        ],
    )
    assert not progress.chart.shows_trend
    assert (
        progress.chart.summary() == "Wed 11 Mar: 7 before, 4 after; Thu 12 Mar: 6 before, 3 after"
    )
    assert "average" not in progress.tension_note.text()


def test_two_sessions_on_one_day_have_different_labels_under_the_chart(qtbot: QtBot) -> None:
    progress = loaded_page(
        qtbot,
        [rated("a", TODAY.replace(hour=9), 6, 4), rated("b", TODAY.replace(hour=19), 5, 3)],
    )
    labels = [text for _index, text in progress.chart.axis_labels()]
    assert labels == ["Thu 12 Mar 09:00", "Thu 12 Mar 19:00"]


def test_the_calendar_names_the_current_month_even_when_it_began_mid_week(qtbot: QtBot) -> None:
    sunday_6_december = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)
    runner = JobRunner()
    journal = MemoryJournalStore([rated("a", sunday_6_december, None, None)])
    progress = ProgressPage(
        QueuedJournal(lambda: journal, runner), FakeClock(sunday_6_december), tz=UTC
    )
    runner.setParent(progress)
    qtbot.addWidget(progress)
    progress.refresh()
    qtbot.waitUntil(lambda: progress.loaded)
    months = [text for _week, text in progress.heatmap.month_labels()]
    assert months == ["Sep", "Oct", "Nov", "Dec"]
    assert progress.heatmap.month_labels()[-1][0] == 11  # the week of Mon 30 Nov


def test_sessions_without_ratings_leave_the_chart_with_a_hint(qtbot: QtBot) -> None:
    records = [
        SessionRecord("a", "r", "Routine", TODAY, 300, 300, 3, 0, None, None, None, completed=True)
    ]
    progress = make_page(qtbot, MemoryJournalStore(records))
    progress.refresh()
    qtbot.waitUntil(lambda: progress.loaded)
    assert progress.chart.is_empty
    assert "Rate your tension" in progress.chart.accessibleDescription()


def test_an_empty_journal_shows_a_kind_empty_state(qtbot: QtBot) -> None:
    progress = make_page(qtbot, MemoryJournalStore([]))
    progress.show()
    qtbot.waitUntil(lambda: progress.loaded)
    assert progress.empty.isVisible() and not progress.content.isVisible()
    assert not progress.delete_button.isVisible()


def test_export_writes_a_csv_with_a_header_and_one_row_per_session(
    page: ProgressPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    target = tmp_path / "my-history"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV files (*.csv)")
    )
    page.export_button.click()
    qtbot.waitUntil(lambda: "Saved" in page.status.text())
    written = target.with_suffix(".csv").read_text(encoding="utf-8").splitlines()
    assert written[0].startswith("id,routine_id,routine_name,started_at")
    assert len(written) == 1 + 20
    assert "20 sessions" in page.status.text()


def test_cancelling_the_export_writes_nothing(
    page: ProgressPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    page.export_button.click()
    assert list(tmp_path.iterdir()) == []
    assert page.export_button.isEnabled() and page.status.text() == ""


def test_a_failed_export_is_explained_in_a_dialog(
    page: ProgressPage, journal: CountingJournal, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    def refuse(path: Path) -> int:
        raise PermissionError("permission denied")

    shown: list[str] = []
    monkeypatch.setattr(journal, "export_csv", refuse)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("/x/out.csv", ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append(text))
    page.export_button.click()
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert len(shown) == 1 and "permission denied" in shown[0]


def answer(monkeypatch: pytest.MonkeyPatch, reply: QMessageBox.StandardButton) -> list[bool]:
    """Answer the confirmation box; records whether "No" was its default button."""
    defaults_to_no: list[bool] = []

    def fake_exec(box: QMessageBox) -> int:
        defaults_to_no.append(box.defaultButton() is box.button(QMessageBox.StandardButton.No))
        return int(reply.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return defaults_to_no


def test_delete_all_asks_first_and_keeps_everything_on_no(
    page: ProgressPage, journal: CountingJournal, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    page.delete_button.click()
    assert asked == [True]
    assert len(journal.records) == 20 and page.content.isVisible()


def test_delete_all_when_confirmed_empties_the_journal(
    page: ProgressPage, journal: CountingJournal, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.historyDeleted, timeout=1000):
        page.delete_button.click()
    assert asked == [True] and journal.records == []
    assert page.empty.isVisible() and not page.content.isVisible()


def test_a_journal_that_cannot_be_read_gives_a_message_not_a_traceback(
    qtbot: QtBot,
) -> None:
    class Broken(MemoryJournalStore):
        def load(self) -> tuple[list[SessionRecord], list[StoreNotice]]:
            raise OSError("disk unplugged")

    progress = make_page(qtbot, Broken())
    progress.show()
    qtbot.waitUntil(lambda: progress.status.text() != "")
    assert "could not be read" in progress.status.text()
    assert "disk unplugged" in progress.status.text()


def test_a_theme_change_recolours_the_pictures(page: ProgressPage) -> None:
    dim = load_theme("dim")
    page.set_theme(dim)
    assert page.heatmap.colour_for(0).name() == dim["surface_alt"]
    assert page.heatmap.colour_for(45).name() == dim["accent"]


def test_the_page_says_it_is_loading_until_the_records_arrive(qtbot: QtBot) -> None:
    import threading

    gate = threading.Event()

    class Slow(MemoryJournalStore):
        def load(self) -> tuple[list[SessionRecord], list[StoreNotice]]:
            gate.wait(10)
            return super().load()

    progress = make_page(qtbot, Slow(seeded_records()))
    progress.show()
    assert progress.loading.isVisible()
    assert not progress.empty.isVisible() and not progress.content.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: progress.loaded)
    assert not progress.loading.isVisible() and progress.content.isVisible()


def test_reading_the_same_history_again_lays_out_nothing(page: ProgressPage, qtbot: QtBot) -> None:
    shown = page.figures
    with qtbot.waitSignal(page.refreshed):
        page.refresh()
    assert page.figures is shown


def cells(table: QTableWidget, row: int) -> list[str]:
    return [table.item(row, column).text() for column in range(table.columnCount())]


def test_show_as_table_lists_every_day_of_the_heatmap_with_its_minutes(
    page: ProgressPage, qtbot: QtBot
) -> None:
    view = page.days_view
    assert view.stack.currentWidget() is page.heatmap
    assert view.toggle.accessibleName() == "Show The last 12 weeks as a table"
    view.toggle.setFocus()
    qtbot.keyClick(view.toggle, Qt.Key.Key_Space)
    table = page.days_table
    assert view.stack.currentWidget() is table and table.hasFocus()
    assert view.toggle.text() == "Show as picture"
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Day", "Practised", "Minutes"]
    rows = [cells(table, row) for row in range(table.rowCount())]
    assert rows[-1] == ["Thu 12 Mar", "Yes", "20"]  # today, the latest day, comes last
    assert ["Wed 4 Mar", "No", "0"] in rows
    assert table.currentRow() == table.rowCount() - 1
    assert table.accessibleName() == "Minutes practised each day, last 12 weeks"
    view.toggle.click()
    assert view.stack.currentWidget() is page.heatmap


def test_show_as_table_lists_each_rated_session_before_and_after(page: ProgressPage) -> None:
    page.tension_view.toggle.click()
    table = page.tension_table
    assert page.tension_view.stack.currentWidget() is table
    assert table.rowCount() == 20
    assert cells(table, 0) == ["Tue 10 Feb", "7", "3"]  # oldest first
    assert cells(table, 1) == ["Thu 12 Feb", "6", "3"]
    assert cells(table, 19) == ["Thu 12 Mar", "7", "3"]


def test_the_streaks_info_button_takes_focus_and_says_why(page: ProgressPage) -> None:
    info = page.streak_card.info
    assert info.focusPolicy() != Qt.FocusPolicy.NoFocus
    assert info.accessibleName() == "About Kind streak"
    assert "forgiven" in info.accessibleDescription()
    info.click()  # shows the tip; nothing else happens


def test_progress_shows_which_areas_were_tense_most_often(qtbot: QtBot) -> None:
    def composed(number: int, day: int, areas: tuple[str, ...]) -> SessionRecord:
        started = datetime(2026, 3, day, 8, 0, tzinfo=UTC)
        return SessionRecord(
            f"c{number}", "composed", "Today's routine", started, 600, 600, 8, 0, None,
            None, None, True, areas,
        )  # fmt: skip

    records = [
        *seeded_records(),
        composed(1, 9, ("neck", "shoulders")),
        composed(2, 10, ("lower_back", "neck")),
        composed(3, 11, ("neck",)),
    ]
    progress = make_page(qtbot, CountingJournal(records))
    progress.resize(1100, 760)
    progress.show()
    qtbot.waitUntil(lambda: progress.loaded)
    card = progress.areas_card
    assert card.lines == ["Neck: 3 sessions", "Shoulders: 1 session", "Lower back: 1 session"]
    assert not card.empty.isVisible()
    assert "Neck: 3 sessions" in card.frame.accessibleDescription()


def test_with_no_composed_sessions_the_areas_card_says_what_it_will_show(
    page: ProgressPage,
) -> None:
    assert page.areas_card.lines == [] and page.areas_card.empty.isVisible()


def test_the_tables_are_filled_when_first_shown_with_the_numbers_the_pictures_show(
    page: ProgressPage, qtbot: QtBot
) -> None:
    """Filling them with every reading would cost the window a frame for a view rarely open."""
    assert page.days_table.rowCount() == 0 and page.tension_table.rowCount() == 0
    page.days_view.toggle.click()
    days = [cells(page.days_table, row) for row in range(page.days_table.rowCount())]
    assert days[-1] == ["Thu 12 Mar", "Yes", "20"] and len(days) == 81  # 11 weeks + 4 days
    page.tension_view.toggle.click()
    assert page.tension_table.rowCount() == len(page.chart.points) == 20
    assert cells(page.tension_table, 19) == ["Thu 12 Mar", "7", "3"]


def test_a_shown_table_follows_new_history_and_a_hidden_one_waits_until_shown(
    page: ProgressPage, journal: CountingJournal, qtbot: QtBot
) -> None:
    page.tension_view.toggle.click()
    today = seeded_records()[3]  # 20 minutes at 18:30 on Thursday 12 March
    journal.add(replace(today, id="later", started_at=today.started_at.replace(hour=19)))
    with qtbot.waitSignal(page.refreshed):
        page.refresh()
    assert page.tension_table.rowCount() == 21  # shown: refilled at once
    assert cells(page.tension_table, 20) == ["Thu 12 Mar", "7", "3"]
    assert page.days_table.rowCount() == 0  # hidden: filled when shown
    page.days_view.toggle.click()
    assert cells(page.days_table, page.days_table.rowCount() - 1) == ["Thu 12 Mar", "Yes", "40"]
