"""The routine editor inside the real app: a routine written with a note is kept, starts from
Home, and its note is shown during the session; editing it again changes it in place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.gui.pages.routine_card import RoutineCard
from backcare_desktop.gui.routines.editor_page import EditorPage
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.gui.shell.root import AppRoot

NOTE = "physio: keep the elbow low"


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def card_of(window: MainWindow, routine_id: str) -> RoutineCard:
    return next(card for card in window.home.cards if card.routine.id == routine_id)


def write_routine(qtbot: QtBot, window: MainWindow) -> EditorPage:
    """A one-technique routine with a note, written by keyboard and saved with Ctrl+S."""
    keys = Qt.KeyboardModifier
    qtbot.keyClick(window, Qt.Key.Key_N, keys.ControlModifier | keys.ShiftModifier)
    editor = window.stack.currentWidget()
    assert isinstance(editor, EditorPage)
    qtbot.keyClicks(focused(), "Shoulders, my way")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is editor.picker.search
    qtbot.keyClicks(focused(), "kneading")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    editor.form.note.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(focused(), NOTE)
    qtbot.keyClick(focused(), Qt.Key.Key_S, keys.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home)
    return editor


def test_a_note_written_in_the_editor_is_shown_when_the_routine_runs_from_home(
    start_app: Callable[[], AppRoot], qtbot: QtBot, clock: FakeClock
) -> None:
    window = start_app().window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    write_routine(qtbot, window)
    card = card_of(window, "own_shoulders_my_way")
    card.start_button.click()
    window.prepare.start_button.click()
    session = window.session
    assert session.step_title.text() == "Kneading the top of the shoulder"
    assert session.note.isVisible() and session.note.text() == f"Your note: {NOTE}"
    machine = window.controller.machine
    assert machine is not None
    for _ in range(100):  # on to the right side, whatever pause the switch of sides takes
        if machine.index == 1:
            break
        clock.advance(5)
        window.controller.tick()
    assert session.side_badge.text() == "Right side"
    assert session.note.text() == f"Your note: {NOTE}"


def test_editing_ones_own_routine_again_changes_it_in_place(
    start_app: Callable[[], AppRoot], qtbot: QtBot
) -> None:
    root = start_app()
    window = root.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    write_routine(qtbot, window)
    window.home.editRequested.emit("own_shoulders_my_way")
    editor = window.stack.currentWidget()
    assert isinstance(editor, EditorPage)
    assert editor.form.note.text() == NOTE
    editor.add_step("deep_breathing")
    editor.save()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home)
    own = [routine for routine in window.library.routines if root.routines.is_own(routine.id)]
    assert [routine.id for routine in own] == ["own_shoulders_my_way"]
    assert [step.technique.id for step in own[0].steps][-1] == "deep_breathing"
