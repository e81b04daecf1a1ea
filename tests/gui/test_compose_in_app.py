"""The body map in the running app: today's choice outlives a restart the same day, and a
composed session reaches the journal with its areas and shows on Progress."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.gui.pages.progress import ProgressPage
from backcare_desktop.gui.routines.compose_page import ComposePage
from backcare_desktop.gui.shell.root import AppRoot

StartApp = Callable[[], AppRoot]


def compose_page(root: AppRoot) -> ComposePage:
    window = root.window()
    window.home.compose_button.click()
    page = window.stack.currentWidget()
    assert isinstance(page, ComposePage)
    return page


def test_todays_choice_is_there_after_a_restart_the_same_day(start_app: StartApp) -> None:
    first = start_app()
    page = compose_page(first)
    page.body_map.toggle("lower_back")
    page.body_map.toggle("shoulders")
    page.minutes.setValue(8)
    assert first.persistence.wait_for_saves()
    first.window().close()
    again = compose_page(start_app())
    assert again.body_map.picks() == ("lower_back", "shoulders")
    assert again.minutes.value() == 8


def test_a_composed_session_is_journaled_with_its_areas_and_counted_on_progress(
    start_app: StartApp, qtbot: QtBot, clock: FakeClock
) -> None:
    root = start_app()
    window = root.window()
    page = compose_page(root)
    page.body_map.toggle("neck")
    page.body_map.toggle("mid_back")
    page.start_button.click()
    assert window.stack.currentWidget() is window.prepare
    qtbot.mouseClick(window.prepare.start_button, Qt.MouseButton.LeftButton)
    controller = window.controller
    assert controller.machine is not None
    assert controller.machine.routine.areas == ("neck", "mid_back")
    while controller.active:
        machine = controller.machine
        clock.advance(machine.step_remaining() if machine else 1)
        controller.tick()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    assert root.persistence.wait_for_saves()
    (record,) = root.persistence.journal.all()
    assert record.areas == ("neck", "mid_back") and record.completed
    window.show_page("progress")
    progress = window.stack.currentWidget()
    assert isinstance(progress, ProgressPage)
    qtbot.waitUntil(lambda: progress.loaded)
    assert progress.areas_card.lines == ["Neck: 1 session", "Mid back: 1 session"]
