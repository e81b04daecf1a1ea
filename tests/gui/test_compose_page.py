"""The compose page: pick where it feels tense, compose, shuffle, start, save, edit; today's
choice is kept for the day and the areas reach the journal."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from routines_fakes import FakeHost, FakeRoutines

from backcare_desktop.app.persistence import Persistence
from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Library
from backcare_desktop.core.safety import safe_for_region
from backcare_desktop.core.session import SessionMachine, SessionOutcome
from backcare_desktop.gui.routines import compose_page
from backcare_desktop.gui.routines.compose_page import ComposePage
from backcare_desktop.paths import resolve_paths
from backcare_desktop.storage.store import shipped_defaults


def make_page(
    qtbot: QtBot,
    library: Library,
    clock: FakeClock,
    preferences: PreferencesModel | None = None,
    routines: FakeRoutines | None = None,
) -> tuple[ComposePage, FakeHost]:
    host = FakeHost()
    page = ComposePage(
        library,
        preferences or PreferencesModel(shipped_defaults()),
        clock,
        host,
        routines or FakeRoutines(),
    )
    qtbot.addWidget(page)
    page.resize(1180, 720)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page, host


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(key: Qt.Key) -> None:
    QTest.keyClick(focused(), key)


def test_areas_picked_by_keyboard_compose_a_routine_that_starts(
    qtbot: QtBot, library: Library, clock: FakeClock
) -> None:
    page, host = make_page(qtbot, library, clock)
    assert page.composition is None and not page.start_button.isEnabled()
    page.body_map.buttons["neck"].setFocus(Qt.FocusReason.TabFocusReason)
    press(Qt.Key.Key_Tab)  # shoulders
    press(Qt.Key.Key_Space)
    press(Qt.Key.Key_Backtab)  # neck
    press(Qt.Key.Key_Space)
    assert page.body_map.picks() == ("shoulders", "neck")
    composition = page.composition
    assert composition is not None
    assert composition.request.regions == ("shoulders", "neck")
    assert abs(composition.routine.total_seconds - 12 * 60) <= 5  # the length setting's 12
    assert page.steps.count() == len(composition.routine.steps)
    assert "for your shoulders" in [row.reason for row in page.steps.rows]
    assert page.steps.item(0).text().startswith("1. Warm-up")
    page.start_button.setFocus(Qt.FocusReason.TabFocusReason)
    press(Qt.Key.Key_Space)
    (started,) = host.started
    assert started.steps == composition.routine.steps
    assert started.areas == ("shoulders", "neck")
    assert started.name == "Today's routine"


def test_time_and_equipment_shape_the_routine(
    qtbot: QtBot, library: Library, clock: FakeClock
) -> None:
    page, _host = make_page(qtbot, library, clock)
    page.body_map.toggle("glutes")
    page.minutes.setValue(20)
    page.equipment["massage_ball"].setChecked(True)
    composition = page.composition
    assert composition is not None
    assert composition.request.equipment == frozenset({"none", "massage_ball"})
    assert abs(composition.routine.total_seconds - 20 * 60) <= 5
    assert "20 min" in page.total.text()
    for step in composition.routine.steps:
        assert set(step.technique.equipment) <= {"none", "massage_ball"}
        assert all(safe_for_region(step.technique, region) for region in step.technique.regions)


def test_shuffle_gives_another_valid_routine_for_the_same_choice(
    qtbot: QtBot, library: Library, clock: FakeClock
) -> None:
    page, _host = make_page(qtbot, library, clock)
    for region in ("upper_back", "lower_back"):
        page.body_map.toggle(region)
    page.minutes.setValue(15)
    before = page.composition
    assert before is not None
    page.shuffle_button.click()
    after = page.composition
    assert after is not None
    assert after.routine.steps != before.routine.steps
    assert after.request.regions == before.request.regions
    assert abs(after.routine.total_seconds - 15 * 60) <= 5
    assert after.routine.steps[0].technique.family == "warm_up"
    assert page.steps.item(0).text() != "" and page.steps.count() == len(after.routine.steps)


def test_too_little_time_for_every_area_says_which_were_left_out(
    qtbot: QtBot, library: Library, clock: FakeClock
) -> None:
    page, _host = make_page(qtbot, library, clock)
    page.minutes.setValue(5)
    for region in ("neck", "shoulders", "upper_back", "mid_back", "lower_back", "glutes"):
        page.body_map.toggle(region)
    composition = page.composition
    assert composition is not None and composition.left_out
    assert page.note.isVisible()
    assert "not enough time" in page.note.text()


def test_todays_choice_comes_back_the_same_day_and_not_the_next(
    qtbot: QtBot, library: Library, clock: FakeClock
) -> None:
    preferences = PreferencesModel(shipped_defaults())
    first, _host = make_page(qtbot, library, clock, preferences)
    first.body_map.toggle("lower_back")
    first.body_map.toggle("neck")
    first.minutes.setValue(18)
    first.equipment["wall"].setChecked(True)
    stored = preferences.value.todays_choice
    assert stored is not None and stored.regions == ("lower_back", "neck")

    again, _host = make_page(qtbot, library, clock, preferences)
    assert again.body_map.picks() == ("lower_back", "neck")
    assert again.minutes.value() == 18 and again.equipment["wall"].isChecked()
    assert again.composition is not None
    assert first.composition is not None
    assert again.composition.routine.steps == first.composition.routine.steps

    clock.advance(timedelta(days=1).total_seconds())
    again.hide()
    again.show()
    assert again.body_map.picks() == () and again.composition is None
    assert not again.equipment["wall"].isChecked()


def test_saving_keeps_the_routine_as_ones_own_under_the_name_given(
    qtbot: QtBot, library: Library, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    routines = FakeRoutines(frozenset(routine.id for routine in library.routines))
    page, _host = make_page(qtbot, library, clock, routines=routines)
    page.body_map.toggle("neck")
    monkeypatch.setattr(compose_page, "ask_routine_name", lambda _parent, _name: "After meetings")
    page.save_button.click()
    (saved,) = routines.saved
    assert saved.id == "own_after_meetings" and saved.name == "After meetings"
    assert "neck" in {step.region for step in saved.steps}
    assert "After meetings" in page.status.text()


def test_cancelling_the_name_saves_nothing(
    qtbot: QtBot, library: Library, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    routines = FakeRoutines()
    page, _host = make_page(qtbot, library, clock, routines=routines)
    page.body_map.toggle("neck")
    monkeypatch.setattr(compose_page, "ask_routine_name", lambda _parent, _name: None)
    page.save_button.click()
    assert routines.saved == []


def test_edit_opens_the_composed_routine_in_the_editor_as_ones_own(
    qtbot: QtBot, library: Library, clock: FakeClock
) -> None:
    page, host = make_page(qtbot, library, clock)
    page.body_map.toggle("mid_back")
    page.body_map.toggle("neck")
    page.edit_button.click()
    (draft,) = host.edited
    assert draft is not None and draft.id.startswith("own_")
    chosen_for = [step.region for step in draft.steps if step.region]
    assert chosen_for[0] == "mid_back" and "neck" in chosen_for  # each step keeps its area


def test_escape_and_back_go_home(qtbot: QtBot, library: Library, clock: FakeClock) -> None:
    page, host = make_page(qtbot, library, clock)
    page.minutes.setFocus(Qt.FocusReason.TabFocusReason)
    press(Qt.Key.Key_Escape)
    page.back_button.click()
    assert host.went_home == 2


def test_a_composed_session_records_its_areas_in_the_journal(
    isolated_home: Path, qtbot: QtBot, library: Library, clock: FakeClock
) -> None:
    page, host = make_page(qtbot, library, clock)
    page.body_map.toggle("lower_back")
    page.body_map.toggle("shoulders")
    page.start_button.click()
    machine = SessionMachine(host.started[0], clock)
    machine.start()
    clock.advance(machine.routine.total_seconds)
    machine.tick()
    paths = resolve_paths(isolated_home).ensure()
    persistence = Persistence(paths)
    persistence.record_session(SessionOutcome(machine.summary(), None, None, None))
    assert persistence.wait_for_saves()
    (saved,) = Persistence(paths).journal.all()
    assert saved.areas == ("lower_back", "shoulders") and saved.completed


def test_tab_walks_the_page_in_reading_order(
    qtbot: QtBot, library: Library, clock: FakeClock
) -> None:
    page, _host = make_page(qtbot, library, clock)
    page.body_map.toggle("neck")
    expected: list[QWidget] = [
        *page.body_map.buttons.values(),
        page.minutes,
        *page.equipment.values(),
        page.steps,
        page.back_button,
        page.shuffle_button,
        page.edit_button,
        page.save_button,
        page.start_button,
    ]
    expected[0].setFocus(Qt.FocusReason.TabFocusReason)
    walked = [focused()]
    for _ in expected[1:]:
        press(Qt.Key.Key_Tab)
        walked.append(focused())
    assert [w.objectName() or w.accessibleName() or type(w).__name__ for w in walked] == [
        w.objectName() or w.accessibleName() or type(w).__name__ for w in expected
    ]
