"""A session is never lost or hidden by accident: it is journaled the moment it ends, closing
the window pauses it, quitting saves it as stopped, and Esc can be taken back for a while."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.journal import SessionRecord
from backcare_desktop.core.session import SessionOutcome, SessionState
from backcare_desktop.gui.session.stop_undo import UNDO_SECONDS
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.gui.shell.root import AppRoot
from backcare_desktop.paths import AppPaths
from backcare_desktop.storage.journal_store import JournalStore

MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def root(start_app: Callable[[], AppRoot]) -> AppRoot:
    return start_app()


def journal(root: AppRoot, paths: AppPaths) -> list[SessionRecord]:
    assert root.persistence.wait_for_saves()
    return JournalStore.in_data_dir(paths).load()[0]


def finish(window: MainWindow, clock: FakeClock) -> None:
    machine = window.controller.machine
    assert machine is not None
    clock.advance(machine.total_remaining() + 1)
    window.controller.tick()


def begin(window: MainWindow, routine: str = "desk_break") -> None:
    window.open_prepare(routine)
    window.prepare.start_button.click()
    assert window.controller.active


def the_question(window: MainWindow, qtbot: QtBot) -> QMessageBox:
    boxes: list[QMessageBox] = []

    def asked() -> bool:
        boxes[:] = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
        return bool(boxes)

    qtbot.waitUntil(asked)
    return boxes[0]


def press(box: QMessageBox, text: str) -> None:
    buttons = {button.text(): button for button in box.findChildren(QPushButton)}
    buttons[text].click()


# -- recorded the moment it ends -----------------------------------------------------------


def test_closing_the_window_after_finishing_keeps_the_session(
    root: AppRoot, paths: AppPaths, qtbot: QtBot, clock: FakeClock
) -> None:
    window = root.window()
    begin(window)
    finish(window, clock)
    assert window.stack.currentWidget() is window.summary
    window.close()  # Alt+F4 from the summary, Done never pressed
    records = journal(root, paths)
    assert [(r.routine_id, r.completed) for r in records] == [("desk_break", True)]


def test_a_rating_on_the_summary_updates_the_session_already_journaled(
    root: AppRoot, paths: AppPaths, qtbot: QtBot, clock: FakeClock
) -> None:
    window = root.window()
    window.open_prepare("desk_break")
    window.prepare.tension.set_value(7)
    window.prepare.start_button.click()
    finish(window, clock)
    assert [r.tension_after for r in journal(root, paths)] == [None]
    qtbot.keyClick(window.summary.tension.row, Qt.Key.Key_4)  # the person rates
    records = journal(root, paths)
    assert [(r.tension_before, r.tension_after) for r in records] == [(7, 4)]
    window.summary.done_button.click()
    assert len(journal(root, paths)) == 1


# -- closing the window mid-session ---------------------------------------------------------


def test_closing_mid_session_without_a_tray_asks_and_keep_going_continues(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    begin(window)
    window.close()
    box = the_question(window, qtbot)
    assert window.controller.machine is not None
    assert window.controller.machine.state is SessionState.PAUSED
    assert window.isVisible()
    press(box, "Keep going")
    assert window.controller.machine.state is SessionState.RUNNING
    assert window.isVisible()


def test_closing_mid_session_without_a_tray_can_stop_and_save(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    recorded: list[SessionOutcome] = []
    window.sessionRecorded.connect(recorded.append)
    begin(window)
    window.close()
    press(the_question(window, qtbot), "Stop and save")
    assert [outcome.summary.completed for outcome in recorded] == [False]
    assert not window.isVisible()


def test_closing_mid_session_with_a_tray_pauses_it_and_says_where_backcare_is(
    root: AppRoot, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = root.window()
    messages: list[tuple[str, str]] = []

    class FakeTray:
        def show_message(self, title: str, body: str) -> bool:
            messages.append((title, body))
            return True

    monkeypatch.setattr(root, "tray", FakeTray())
    window.keep_running_in_tray(True)
    begin(window)
    window.close()
    assert not window.isVisible()
    assert window.controller.machine is not None
    assert window.controller.machine.state is SessionState.PAUSED
    assert [title for title, _body in messages] == ["BackCare is still here"]
    assert "paused" in messages[0][1]


# -- quitting ------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["menu or Ctrl+Q", "tray"])
def test_quitting_mid_session_saves_it_as_stopped(
    root: AppRoot, paths: AppPaths, qtbot: QtBot, how: str
) -> None:
    window = root.window()
    begin(window)
    if how == "tray":
        root.quit()  # what the tray's Quit calls
    else:
        window.actions_by_name["quit"].trigger()  # the menu entry and Ctrl+Q share it
    assert [(r.routine_id, r.completed) for r in journal(root, paths)] == [("desk_break", False)]


def test_quitting_during_the_undo_after_esc_saves_the_session_as_stopped(
    root: AppRoot, paths: AppPaths, qtbot: QtBot
) -> None:
    window = root.window()
    begin(window)
    window.actions_by_name["stop"].trigger()
    assert window.stop_undo.pending
    root.quit()
    assert [r.completed for r in journal(root, paths)] == [False]


# -- Esc, and its undo ---------------------------------------------------------------------


def test_esc_then_resume_continues_the_session_where_it_was(
    make_window: MakeWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    window = make_window()
    recorded: list[SessionOutcome] = []
    window.sessionRecorded.connect(recorded.append)
    begin(window, "daily_back_reset")
    window.controller.skip()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.summary
    assert window.stop_bar.isVisible()
    assert not window.paused_bar.isVisible()  # one bar at a time
    assert window.stop_bar.button.hasFocus()  # Space or Enter takes it back
    assert "stopped" in window.stop_bar.accessibleName()
    clock.advance(UNDO_SECONDS / 2)
    window.stop_undo.check()
    qtbot.keyClick(window.stop_bar.button, Qt.Key.Key_Space)
    machine = window.controller.machine
    assert machine is not None
    assert machine.state is SessionState.RUNNING and machine.index == 1
    assert window.stack.currentWidget() is window.session
    assert not window.stop_bar.isVisible()
    assert recorded == []
    finish(window, clock)
    assert [outcome.summary.completed for outcome in recorded] == [True]


def test_esc_becomes_final_when_the_undo_expires(make_window: MakeWindow, clock: FakeClock) -> None:
    window = make_window()
    recorded: list[SessionOutcome] = []
    window.sessionRecorded.connect(recorded.append)
    begin(window)
    window.actions_by_name["stop"].trigger()
    clock.advance(UNDO_SECONDS - 1)
    window.stop_undo.check()
    assert recorded == [] and window.stop_bar.isVisible()
    window.summary.tension.set_value(2)  # rated while the undo still shows
    clock.advance(1)
    window.stop_undo.check()
    assert not window.stop_bar.isVisible()
    assert window.controller.machine is not None
    assert window.controller.machine.state is SessionState.STOPPED
    assert [(o.summary.completed, o.tension_after) for o in recorded] == [(False, 2)]
    assert window.stack.currentWidget() is window.summary


def test_done_during_the_undo_makes_the_stop_final_at_once(make_window: MakeWindow) -> None:
    window = make_window()
    recorded: list[SessionOutcome] = []
    window.sessionRecorded.connect(recorded.append)
    begin(window)
    window.actions_by_name["stop"].trigger()
    window.summary.done_button.click()
    assert [o.summary.completed for o in recorded] == [False]
    assert window.stack.currentWidget() is window.home


# -- the rest of the app during a session ----------------------------------------------------


def test_another_page_pauses_the_session_and_a_bar_leads_back(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    begin(window, "daily_back_reset")
    window.actions_by_name["guide"].trigger()
    assert window.stack.currentWidget() is window.guide
    machine = window.controller.machine
    assert machine is not None and machine.state is SessionState.PAUSED
    assert window.paused_bar.isVisible()
    assert "Session paused: Daily back reset, step 1 of" in window.paused_bar.text.text()
    window.show_home()
    assert window.paused_bar.isVisible()
    qtbot.mouseClick(window.paused_bar.button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.session
    assert not window.paused_bar.isVisible()
    assert machine.state is SessionState.PAUSED  # Space continues, when the person is ready


def test_beginning_another_routine_journals_the_paused_one_first(
    make_window: MakeWindow,
) -> None:
    window = make_window()
    recorded: list[SessionOutcome] = []
    window.sessionRecorded.connect(recorded.append)
    begin(window, "daily_back_reset")
    window.actions_by_name["start_default"].trigger()  # Ctrl+N, like the tray's Start routine
    assert window.stack.currentWidget() is window.prepare
    assert window.paused_bar.isVisible()
    window.open_prepare("desk_break")
    window.prepare.start_button.click()
    assert [o.summary.routine_id for o in recorded] == ["daily_back_reset"]
    assert window.controller.machine is not None
    assert window.controller.machine.routine.id == "desk_break"
    assert not window.paused_bar.isVisible()


# -- stepping away ---------------------------------------------------------------------------


@pytest.mark.parametrize("wanted", [True, False])
def test_the_screen_locking_pauses_a_running_session_when_wanted(
    make_window: MakeWindow, wanted: bool
) -> None:
    window = make_window(pause_when_away=wanted)
    begin(window)
    window.step_away(True)
    machine = window.controller.machine
    assert machine is not None
    assert machine.state is (SessionState.PAUSED if wanted else SessionState.RUNNING)
    window.step_away(False)  # back at the desk: the person continues when ready
    assert machine.state is (SessionState.PAUSED if wanted else SessionState.RUNNING)


@pytest.mark.parametrize("how", ["screen locked", "machine sleeps"])
def test_the_desktop_saying_the_person_stepped_away_pauses_the_session(
    root: AppRoot, how: str
) -> None:
    window = root.window()
    reminders = root.reminders()
    begin(window)
    if how == "screen locked":
        reminders.screen_lock_changed(True)
    else:
        reminders.sleep_changed(True)
    assert window.controller.machine is not None
    assert window.controller.machine.state is SessionState.PAUSED


def test_hiding_the_window_from_the_tray_icon_pauses_the_session_too(root: AppRoot) -> None:
    window = root.window()
    window.keep_running_in_tray(True)
    begin(window)
    root.toggle_window()  # a click on the tray icon
    assert not window.isVisible()
    assert window.controller.machine is not None
    assert window.controller.machine.state is SessionState.PAUSED
