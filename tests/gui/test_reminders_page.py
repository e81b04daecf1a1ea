"""The Reminders page: add, edit, switch off and remove reminders; every change is saved."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.reminders.service import ReminderService
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.reminders.scheduler import InMemoryReminderState, ReminderRule
from backcare_desktop.core.routine import Library
from backcare_desktop.core.settings.preferences import Preferences, PreferencesChange, validate
from backcare_desktop.gui.reminders.editor import ReminderEditor, days_words
from backcare_desktop.gui.reminders.page import RemindersPage
from backcare_desktop.storage.store import shipped_defaults

BERLIN = ZoneInfo("Europe/Berlin")


class SavedPreferences:
    """Stands in for the store: applies each change to what it holds, keeps every result."""

    def __init__(self) -> None:
        self.saved: list[Preferences] = []
        self.current = shipped_defaults()

    def apply(self, change: PreferencesChange) -> Preferences:
        self.current = change(self.current)
        self.saved.append(self.current)
        return self.current


@pytest.fixture
def saved() -> SavedPreferences:
    return SavedPreferences()


@pytest.fixture
def make_page(
    qtbot: QtBot, library: Library, saved: SavedPreferences
) -> Iterator[Callable[..., RemindersPage]]:
    services: list[ReminderService] = []

    def make(reminders: list[dict[str, Any]] | None = None) -> RemindersPage:
        # Read as from the file: a damaged record is left out there, as the app's store does.
        prefs, _problems = validate({"reminders": reminders or []}, shipped_defaults())
        saved.current = prefs
        model = PreferencesModel(prefs, saved)
        clock = FakeClock(datetime(2026, 1, 5, 12, 0, tzinfo=BERLIN))
        service = ReminderService(
            model, InMemoryReminderState(), clock, zone=BERLIN, background=lambda job: job()
        )
        service.start()
        services.append(service)
        page = RemindersPage(model, library, service)
        qtbot.addWidget(page)
        page.resize(1000, 800)
        page.show()
        return page

    yield make
    for service in services:
        service.close()


def saved_reminders(page: RemindersPage) -> list[dict[str, Any]]:
    return page.preferences.value.reminder_dicts()


def fill(editor: ReminderEditor, at: str, days: frozenset[int], label: str = "") -> None:
    hours, minutes = (int(part) for part in at.split(":"))
    editor.time_edit.setTime(QTime(hours, minutes))
    editor.days.set_days(days)
    editor.label_edit.setText(label)


def save_button(editor: ReminderEditor) -> Any:
    return editor.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_an_empty_page_invites_the_first_reminder(make_page: Callable[..., RemindersPage]) -> None:
    page = make_page()
    assert page.rows == []
    assert page.empty.isVisible()
    assert page.empty.text().startswith("No reminders yet")
    assert not page.status.isVisible()  # no second "No reminder is set" above it
    assert not page.pause_button.isVisible()  # nothing to pause


def test_pause_all_shows_once_a_reminder_exists(make_page: Callable[..., RemindersPage]) -> None:
    page = make_page([{"id": "a", "time": "19:00", "weekdays": [0, 1, 2, 3, 4, 5, 6]}])
    assert page.status.isVisible() and not page.empty.isVisible()
    assert page.pause_button.isVisible() and page.pause_button.isEnabled()


def test_a_long_label_ends_in_an_ellipsis_with_the_whole_label_as_its_tooltip(
    make_page: Callable[..., RemindersPage], qtbot: QtBot
) -> None:
    label = "After the weekly meeting of the whole department"
    page = make_page(
        [{"id": "a", "time": "19:00", "weekdays": [0, 1, 2, 3, 4, 5, 6], "label": label}]
    )
    page.resize(1000, 800)
    qtbot.waitExposed(page)
    [row] = page.rows
    assert row.detail.full_text.startswith(label)
    page.resize(640, 800)  # a narrow window
    qtbot.waitUntil(lambda: row.detail.is_elided)
    assert row.detail.text().endswith("…")
    assert row.detail.toolTip() == row.detail.full_text
    assert row.detail.accessibleName() == row.detail.full_text


def test_a_short_label_is_shown_whole_without_a_tooltip(
    make_page: Callable[..., RemindersPage], qtbot: QtBot
) -> None:
    page = make_page(
        [{"id": "a", "time": "19:00", "weekdays": [0, 1, 2, 3, 4, 5, 6], "label": "Evening"}]
    )
    qtbot.waitExposed(page)
    [row] = page.rows
    assert not row.detail.is_elided and row.detail.toolTip() == ""


def test_the_editor_shows_how_many_characters_the_label_has_left(
    make_page: Callable[..., RemindersPage],
) -> None:
    page = make_page()
    editor = page.open_editor(None)
    assert editor.label_room.text() == "60 characters left"
    editor.label_edit.setText("After work")
    assert editor.label_room.text() == "50 characters left"
    editor.label_edit.setText("x" * 80)  # pasted: the field keeps its first 60
    assert editor.label_room.text() == "The label is full (60 characters)."
    editor.reject()


def test_adding_a_reminder_saves_it(
    make_page: Callable[..., RemindersPage], saved: SavedPreferences
) -> None:
    page = make_page()
    page.add_button.click()
    editor = page.editor
    assert editor is not None and editor.isVisible()
    fill(editor, "07:30", frozenset(range(5)), "Before work")
    editor.routine.setCurrentIndex(editor.routine.findData("desk_break"))
    save_button(editor).click()
    [stored] = saved_reminders(page)
    assert stored["time"] == "07:30"
    assert stored["weekdays"] == [0, 1, 2, 3, 4]
    assert stored["label"] == "Before work"
    assert stored["routine_id"] == "desk_break"
    assert stored["enabled"] is True
    assert saved.saved[-1].reminders == page.preferences.value.reminders
    [row] = page.rows
    assert row.time.text() == "07:30"
    assert row.days.text() == "Weekdays"
    assert "Before work" in row.detail.text() and "Desk break" in row.detail.text()
    assert page.next_line.text() == "Next reminder: tomorrow 07:30"


def test_a_new_reminder_starts_at_seven_in_the_evening_every_day(
    make_page: Callable[..., RemindersPage],
) -> None:
    editor = make_page().open_editor(None)
    assert editor.time_edit.time() == QTime(19, 0)
    assert editor.days.days() == frozenset(range(7))
    assert editor.routine.currentData() is None
    assert save_button(editor).isEnabled()


def test_editing_keeps_the_reminder_and_changes_its_time(
    make_page: Callable[..., RemindersPage],
) -> None:
    page = make_page([{"id": "evening", "time": "19:00", "weekdays": [0, 2, 4]}])
    page.rows[0].edit.click()
    editor = page.editor
    assert editor is not None
    assert editor.days.days() == frozenset({0, 2, 4})
    editor.time_edit.setTime(QTime(20, 15))
    save_button(editor).click()
    [stored] = saved_reminders(page)
    assert (stored["id"], stored["time"], stored["weekdays"]) == ("evening", "20:15", [0, 2, 4])


def test_cancel_changes_nothing(
    make_page: Callable[..., RemindersPage], saved: SavedPreferences
) -> None:
    page = make_page()
    editor = page.open_editor(None)
    fill(editor, "08:00", frozenset({0}))
    editor.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert saved_reminders(page) == []
    assert saved.saved == []


def test_a_reminder_needs_at_least_one_day(make_page: Callable[..., RemindersPage]) -> None:
    editor = make_page().open_editor(None)
    editor.days.set_days(frozenset())
    assert not save_button(editor).isEnabled()
    assert editor.problem.isVisible()
    assert editor.problem.text() == "Choose at least one day."
    editor.days.buttons[5].click()
    assert save_button(editor).isEnabled()
    assert not editor.problem.isVisible()


def test_the_same_time_and_days_twice_is_refused(make_page: Callable[..., RemindersPage]) -> None:
    page = make_page([{"id": "a", "time": "19:00", "weekdays": [0, 1, 2, 3, 4, 5, 6]}])
    editor = page.open_editor(None)
    assert not save_button(editor).isEnabled()
    assert editor.problem.text() == "You already have a reminder at 19:00 on these days."
    editor.days.preset_buttons["Weekends"].click()
    assert save_button(editor).isEnabled()


def test_a_label_with_a_line_break_is_refused(make_page: Callable[..., RemindersPage]) -> None:
    editor = make_page().open_editor(None)
    editor.label_edit.setText("two\tparts")
    assert not save_button(editor).isEnabled()


@pytest.mark.parametrize("pasted", ["\u202eevil", "after\u2066work", "bell\x07", "two\nlines"])
def test_a_label_with_control_or_text_direction_characters_is_refused_inline(
    make_page: Callable[..., RemindersPage], pasted: str
) -> None:
    page = make_page()
    editor = page.open_editor(None)
    editor.label_edit.setText(pasted)
    assert not save_button(editor).isEnabled()
    assert editor.problem.isVisible()
    assert "text-direction characters (U+" in editor.problem.text()
    editor.accept()  # Enter pressed anyway
    assert saved_reminders(page) == []
    editor.label_edit.setText("after work")
    assert save_button(editor).isEnabled()
    assert not editor.problem.isVisible()


def test_switching_a_reminder_off_is_saved(make_page: Callable[..., RemindersPage]) -> None:
    page = make_page([{"id": "a", "time": "19:00", "weekdays": [0]}])
    page.rows[0].enabled.click()
    assert saved_reminders(page)[0]["enabled"] is False
    assert page.next_line.text() == "All your reminders are switched off"
    assert not page.rows[0].enabled.isChecked()


def test_removing_a_reminder_can_be_undone(make_page: Callable[..., RemindersPage]) -> None:
    page = make_page(
        [
            {"id": "a", "time": "07:00", "weekdays": [0]},
            {"id": "b", "time": "19:00", "weekdays": [0]},
        ]
    )
    page.rows[0].remove.click()
    assert [r["id"] for r in saved_reminders(page)] == ["b"]
    assert page.undo_button.isVisible()
    assert page.undo_note.text() == "Removed the reminder at 07:00."
    page.undo_button.click()
    assert [r["id"] for r in saved_reminders(page)] == ["a", "b"]
    assert not page.undo_button.isVisible()


def test_reminders_are_kept_in_order_of_time(make_page: Callable[..., RemindersPage]) -> None:
    page = make_page([{"id": "late", "time": "21:00", "weekdays": [0]}])
    page.save_rule(ReminderRule.from_dict({"id": "early", "time": "06:45", "weekdays": [1]}))
    assert [r["id"] for r in saved_reminders(page)] == ["early", "late"]
    assert [row.time.text() for row in page.rows] == ["06:45", "21:00"]


def test_the_catch_up_time_is_saved(make_page: Callable[..., RemindersPage]) -> None:
    page = make_page()
    page.grace.setValue(45)
    assert page.preferences.value.reminder_grace_minutes == 45


def test_pause_all_until_tomorrow_and_resume(make_page: Callable[..., RemindersPage]) -> None:
    page = make_page([{"id": "a", "time": "19:00", "weekdays": [0, 1, 2, 3, 4, 5, 6]}])
    assert page.next_line.text() == "Next reminder: today 19:00"
    page.pause_button.click()
    assert page.next_line.text() == "Reminders are paused"
    assert page.pause_note.text() == "They start again tomorrow."
    assert page.resume_button.isVisible() and not page.pause_button.isVisible()
    page.resume_button.click()
    assert page.next_line.text() == "Next reminder: today 19:00"
    assert page.pause_button.isVisible() and not page.resume_button.isVisible()


def test_the_row_buttons_line_up_with_the_pause_button_above(
    make_page: Callable[..., RemindersPage], qtbot: QtBot
) -> None:
    page = make_page([{"id": "a", "time": "19:00", "weekdays": [0, 1, 2, 3, 4, 5, 6]}])
    qtbot.waitExposed(page)
    [row] = page.rows
    body = page.widget()

    def right_edge(widget: QWidget) -> int:
        return widget.mapTo(body, widget.rect().topRight()).x()

    assert right_edge(row.remove) == right_edge(page.pause_button)


def test_a_damaged_saved_reminder_is_left_out_without_breaking_the_page(
    make_page: Callable[..., RemindersPage],
) -> None:
    page = make_page(
        [{"id": "ok", "time": "19:00", "weekdays": [0]}, {"id": "bad", "time": "half past"}]
    )
    assert [row.rule.id for row in page.rows] == ["ok"]


def test_days_read_naturally() -> None:
    assert days_words(frozenset(range(7))) == "Every day"
    assert days_words(frozenset(range(5))) == "Weekdays"
    assert days_words(frozenset({5, 6})) == "Weekends"
    assert days_words(frozenset({0, 2, 4})) == "Mon, Wed, Fri"


def test_the_page_and_the_settings_form_offer_the_spec_s_grace_range(
    make_page: Callable[..., RemindersPage],
) -> None:
    from backcare_desktop.core.settings.spec import bounds_of

    page = make_page()
    assert (page.grace.minimum(), page.grace.maximum()) == bounds_of("reminder_grace_minutes")


def test_a_reminder_the_list_refuses_is_said_on_the_page_not_raised(
    make_page: Callable[..., RemindersPage],
) -> None:
    page = make_page([{"id": "a", "time": "19:00", "weekdays": [0]}])
    twin = ReminderRule.from_dict({"id": "b", "time": "19:00", "weekdays": [0]})
    page.save_rule(twin)
    assert [row.rule.id for row in page.rows] == ["a"]
    assert "already have a reminder at 19:00" in page.undo_note.text()


def test_removing_a_reminder_from_the_keyboard_keeps_the_focus_in_the_list(
    make_page: Callable[..., RemindersPage], qtbot: QtBot
) -> None:
    page = make_page(
        [
            {"id": "a", "time": "07:00", "weekdays": [0]},
            {"id": "b", "time": "12:00", "weekdays": [0]},
        ]
    )
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.rows[0].remove.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(page.rows[0].remove, Qt.Key.Key_Space)
    assert [row.rule.id for row in page.rows] == ["b"]
    assert QApplication.focusWidget() is page.rows[0].remove
    QTest.keyClick(page.rows[0].remove, Qt.Key.Key_Space)
    assert page.rows == []
    assert QApplication.focusWidget() is page.add_button


def test_tab_reads_the_reminders_page_top_to_bottom(
    make_page: Callable[..., RemindersPage], qtbot: QtBot
) -> None:
    page = make_page([{"id": "a", "time": "07:00", "weekdays": [0]}])
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.refresh()  # the rows are made again, after Add: they still come before it
    row = page.rows[0]
    qtbot.waitUntil(row.remove.isVisible)  # a layout shows new rows once events run
    row.enabled.setFocus(Qt.FocusReason.TabFocusReason)
    stops: list[QWidget | None] = []
    for _ in range(4):
        QTest.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    names = [w.accessibleName() or w.text() if isinstance(w, QPushButton) else w for w in stops]
    assert stops == [row.edit, row.remove, page.add_button, page.grace], names
