"""A whole routine through the real main window: prepare, every step, summary."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar
from pytestqt.qtbot import QtBot

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Side
from backcare_desktop.core.session import (
    SessionOutcome,
    SessionRating,
    SessionState,
    SessionSummary,
)
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.gui.widgets.countdown_ring import format_clock

MakeWindow = Callable[..., MainWindow]


def test_home_shows_every_routine_as_a_card(make_window: MakeWindow) -> None:
    window = make_window()
    names = [card.routine.name for card in window.home.cards]
    assert names == [r.name for r in window.library.routines]
    assert len(names) >= 5
    assert window.stack.currentWidget() is window.home


def test_choosing_a_routine_opens_its_prepare_screen(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    card = window.home.cards[1]
    qtbot.mouseClick(card.start_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.prepare
    assert window.prepare.title.text() == card.routine.name
    assert "Begin" in window.prepare.start_button.text()


def test_a_complete_routine_from_prepare_to_summary(
    make_window: MakeWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    window = make_window()
    recorded: list[SessionOutcome] = []
    window.sessionRecorded.connect(recorded.append)
    rated: list[SessionRating] = []
    window.sessionRated.connect(rated.append)
    window.open_prepare("desk_break")
    window.prepare.tension.set_value(6)
    qtbot.mouseClick(window.prepare.start_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.session
    machine = window.controller.machine
    assert machine is not None
    steps = machine.routine.steps
    for index, step in enumerate(steps):
        assert window.session.step_title.text() == step.technique.name
        assert window.session.ring.text == format_clock(step.seconds)
        assert f"Step {index + 1} of {len(steps)}" in window.session.position_label.text()
        expected_side = {Side.LEFT: "Left side", Side.RIGHT: "Right side"}.get(step.side)  # type: ignore[arg-type]
        assert window.session.side_badge.isVisible() == (expected_side is not None)
        if expected_side:
            assert window.session.side_badge.text() == expected_side
        assert window.session.illustration.file == step.technique.illustration_file(step.side)
        clock.advance(step.seconds / 2)
        window.controller.tick()
        assert window.session.ring.text == format_clock(step.seconds / 2)
        clock.advance(step.seconds / 2)
        window.controller.tick()
    assert machine.state is SessionState.FINISHED
    assert window.stack.currentWidget() is window.summary
    assert window.summary.title.text() == "Well done"
    assert window.summary.done_value.text() == f"{len(steps)} / {len(steps)}"
    assert "You gave your back 5 minutes of care." in window.summary.message.text()
    assert window.summary.time_value.text() == "5:00"
    assert "6 out of 10" in window.summary.before_label.text()
    assert len(recorded) == 1  # journaled as it finished, before any rating
    summary, before, after = (
        recorded[0].summary,
        recorded[0].tension_before,
        recorded[0].tension_after,
    )
    assert isinstance(summary, SessionSummary) and summary.completed
    assert (before, after) == (6, None)
    window.summary.tension.set_value(3)
    qtbot.mouseClick(window.summary.done_button, Qt.MouseButton.LeftButton)
    assert rated == [SessionRating(recorded[0].record_id, 3)]
    assert len(recorded) == 1
    assert window.stack.currentWidget() is window.home


def test_keyboard_controls_pause_skip_back_and_stop(
    make_window: MakeWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    window = make_window()
    window.open_prepare("daily_back_reset")
    window.prepare.start_button.click()
    machine = window.controller.machine
    assert machine is not None
    window.session.show_caption("Next step")
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert machine.state is SessionState.PAUSED
    assert window.session.paused_label.isVisible()
    assert window.session.caption.text() == ""  # no stale chime caption while paused
    assert window.actions_by_name["pause"].text() == "Continue"
    clock.advance(600)
    window.controller.tick()
    assert machine.index == 0
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert machine.state is SessionState.RUNNING
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert machine.index == 1
    assert window.session.step_title.text() == machine.routine.steps[1].technique.name
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert machine.index == 0
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert machine.state is SessionState.PAUSED  # stopped, with a few seconds to take it back
    assert window.stack.currentWidget() is window.summary
    assert window.summary.title.text() == "No steps this time"  # stopped on the first step
    window.summary.done_button.click()
    assert machine.state is SessionState.STOPPED


def test_session_shortcuts_do_nothing_outside_a_session(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.controller.machine is None
    assert not window.actions_by_name["pause"].isEnabled()


def test_controls_have_tooltips_naming_their_shortcut(make_window: MakeWindow) -> None:
    window = make_window()
    tips = {name: button.toolTip() for name, button in window.session.buttons.items()}
    assert "Space" in tips["pause"] and "→" in tips["skip"] and "←" in tips["back"]
    assert "Esc" in tips["stop"]


def test_the_prepare_screen_keeps_begin_in_view_and_names_the_planned_length(
    make_window: MakeWindow,
) -> None:
    window = make_window()
    window.resize(1000, 620)  # a small laptop window: the plan scrolls, Begin stays
    window.open_prepare("daily_back_reset")
    prepare = window.prepare
    begin = prepare.start_button
    assert not begin.visibleRegion().isEmpty()
    assert window.rect().contains(begin.mapTo(window, begin.rect().bottomRight()))
    prepare.length.setValue(20)
    assert "Set aside 20 minutes just for yourself." in prepare.checklist
    assert "20 minutes" in prepare.checklist_label.text()
    window.open_prepare("desk_break")
    assert "Set aside 5 minutes just for yourself." in prepare.checklist


def test_length_preference_scales_the_routine(make_window: MakeWindow) -> None:
    window = make_window(routine_minutes=20)
    window.open_prepare("daily_back_reset")
    assert window.prepare.length.value() == 20
    assert window.prepare.planned_routine().total_seconds == 20 * 60
    quick = window.library.routine("desk_break")
    window.open_prepare("desk_break")
    assert window.prepare.planned_routine().total_seconds == quick.total_seconds


def test_focus_mode_hides_the_chrome(make_window: MakeWindow) -> None:
    window = make_window()
    window.open_prepare("desk_break")
    window.prepare.start_button.click()
    window.actions_by_name["focus"].trigger()
    assert window.isFullScreen() or window.windowState() & Qt.WindowState.WindowFullScreen
    assert not window.header.isVisible()
    window.actions_by_name["focus"].trigger()
    assert window.header.isVisible()


def test_focus_mode_offers_its_way_out_and_leaves_no_status_bar_behind(
    make_window: MakeWindow,
) -> None:
    window = make_window()
    window.open_prepare("desk_break")
    window.prepare.start_button.click()
    focus = window.actions_by_name["focus"]
    entering = focus.icon().pixmap(24, 24).toImage()
    focus.trigger()
    assert "Leave focus mode" in focus.toolTip()
    assert focus.icon().pixmap(24, 24).toImage() != entering
    window.preferences.update(theme="dark")  # a new theme keeps the way-out icon
    assert "Leave focus mode" in focus.toolTip()
    focus.trigger()
    assert "Full screen" in focus.toolTip()
    bar = window.findChild(QStatusBar)
    assert bar is None or not bar.isVisible()


def test_a_status_message_shown_before_focus_mode_is_back_after_it(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    window.statusBar().showMessage("Your settings could not be saved")
    qtbot.waitUntil(window.statusBar().isVisible)
    window.open_prepare("desk_break")
    window.prepare.start_button.click()
    window.actions_by_name["focus"].trigger()
    assert not window.statusBar().isVisible()
    window.actions_by_name["focus"].trigger()
    assert window.statusBar().isVisible()


def test_the_header_marks_the_open_page_even_after_a_theme_change(
    make_window: MakeWindow,
) -> None:
    window = make_window(theme="light")
    assert window.header.nav["home"].isChecked()
    window.show_guide()
    window.preferences.update(theme="dim")  # new icons on every action
    assert window.header.nav["guide"].isChecked()
    assert not window.header.nav["home"].isChecked()
    window.header.nav["home"].click()
    assert window.stack.currentWidget() is window.home
    assert window.header.nav["home"].isChecked()
    window.header.nav["home"].click()  # clicking the open page keeps it marked
    assert window.header.nav["home"].isChecked()
    assert not window.header.nav["guide"].isChecked()


def test_the_guide_opens_on_warning_signs_from_home(make_window: MakeWindow) -> None:
    window = make_window()
    window.home.guideRequested.emit("warning_signs")
    assert window.stack.currentWidget() is window.guide
    assert window.guide.current_page() == "warning_signs"
    text = window.guide.browser.toPlainText().lower()
    assert "bladder" in text and "emergency" in text


def test_theme_choice_recolours_the_window(make_window: MakeWindow) -> None:
    window = make_window(theme="light")
    light = window.palette().window().color().name()
    window.preferences.update(theme="dim")
    assert window.theme.name == "dim"
    assert window.palette().window().color().name() != light


def test_just_breathe_on_home_asks_for_the_breathing_page(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    with qtbot.waitSignal(window.home.breatheRequested, timeout=1000):
        qtbot.mouseClick(window.home.breathe_button, Qt.MouseButton.LeftButton)


def test_the_prepare_screen_offers_a_favourite_oil_and_the_session_records_it(
    make_window: MakeWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    window = make_window(
        favourite_oils=("lavender", "bergamot"),
        oil_names=lambda: {"lavender": "Lavender", "bergamot": "Bergamot", "rosemary": "Rosemary"},
    )
    window.open_prepare("desk_break")
    assert window.prepare.oil_row.isVisible()
    offered = [window.prepare.oil.itemText(i) for i in range(window.prepare.oil.count())]
    assert offered == ["No oil today", "Lavender", "Bergamot"]
    assert window.prepare.oil.currentData() in ("lavender", "bergamot")
    window.prepare.oil.setCurrentIndex(offered.index("Bergamot"))
    recorded: list[SessionOutcome] = []
    window.sessionRecorded.connect(recorded.append)
    window.prepare.start_button.click()
    window.controller.stop()
    window.summary.done_button.click()
    assert recorded[0].oil == "bergamot"


def test_without_favourites_the_prepare_screen_offers_no_oil(make_window: MakeWindow) -> None:
    window = make_window(favourite_oils=())
    window.open_prepare("desk_break")
    assert not window.prepare.oil_row.isVisible()
