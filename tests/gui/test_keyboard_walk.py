"""A whole session with the keyboard alone, and the list of every key BackCare answers to."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.session import (
    SessionMachine,
    SessionOutcome,
    SessionRating,
    SessionState,
)
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.gui.shell.shortcuts_window import ShortcutsDialog
from backcare_desktop.gui.widgets.tension_scale import RatingRow

MakeWindow = Callable[..., MainWindow]
MOUSE_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
    }
)


class NoMouse(QObject):
    """Notes every mouse event the application sees."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in MOUSE_EVENTS or isinstance(event, QMouseEvent):
            self.seen.append(
                f"{event.type().name} on {watched.objectName() or type(watched).__name__}"
            )
        return False


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), k, modifier)


def tab_to(found: Callable[[QWidget], bool], backwards: bool = False) -> QWidget:
    """Tab (or Shift+Tab) until the focus is on a widget `found` accepts."""
    for _ in range(60):
        if found(focused()):
            return focused()
        key(Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached it; last on {focused()!r}")


def state(machine: SessionMachine) -> SessionState:
    return machine.state


def test_a_whole_session_with_the_keyboard_alone(
    make_window: MakeWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    app = QApplication.instance()
    assert app is not None
    window = make_window()
    recorded: list[SessionOutcome] = []
    rated: list[SessionRating] = []
    window.sessionRecorded.connect(recorded.append)
    window.sessionRated.connect(rated.append)
    guard = NoMouse()
    app.installEventFilter(guard)
    try:
        window.header.nav["home"].setFocus(Qt.FocusReason.TabFocusReason)
        key(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        start = tab_to(lambda w: w.accessibleName() == "Start Desk break: neck and shoulders")
        key(Qt.Key.Key_Return)
        assert window.stack.currentWidget() is window.prepare
        assert focused() is window.prepare.start_button
        tab_to(lambda w: isinstance(w, RatingRow), backwards=True)
        key(Qt.Key.Key_End)
        key(Qt.Key.Key_Left)
        key(Qt.Key.Key_Left)
        assert window.prepare.tension.value() == 8
        key(Qt.Key.Key_Return)  # Begin, the page's default button
        assert window.stack.currentWidget() is window.session
        machine = window.controller.machine
        assert machine is not None
        steps = machine.routine.steps
        for index, step in enumerate(steps):
            assert machine.index == index
            clock.advance(step.seconds / 2)
            window.controller.tick()
            if index == 1:
                key(Qt.Key.Key_Space)  # the focus is on Pause
                assert state(machine) is SessionState.PAUSED
                left = machine.step_remaining()
                clock.advance(60)
                window.controller.tick()
                assert machine.step_remaining() == left
                key(Qt.Key.Key_Space)
                assert state(machine) is SessionState.RUNNING
            clock.advance(step.seconds / 2)
            window.controller.tick()
        assert window.stack.currentWidget() is window.summary
        assert recorded and recorded[0].summary.completed
        assert recorded[0].summary.steps_done == len(steps)
        assert recorded[0].tension_before == 8
        tab_to(lambda w: isinstance(w, RatingRow))
        key(Qt.Key.Key_3)
        tab_to(lambda w: w is window.summary.done_button)
        key(Qt.Key.Key_Return)
        assert window.stack.currentWidget() is window.home
        assert rated[-1].tension_after == 3
        assert start.isVisible()
    finally:
        app.removeEventFilter(guard)
    assert guard.seen == [], guard.seen


def test_the_shortcuts_window_lists_every_key_of_every_action(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    window.header.nav["home"].setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ShortcutsDialog)
    assert isinstance(dialog, ShortcutsDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    rows = dialog.rows()
    listed = {keys for _group, _what, keys in rows}
    for name, action in window.actions_by_name.items():
        for sequence in action.shortcuts():
            text = sequence.toString(sequence.SequenceFormat.NativeText)
            assert any(text in keys.split(", ") for keys in listed), f"{name}: {text} unlisted"
    assert ("Pages", "Open Routines", "Ctrl+1") in rows
    assert ("During a session", "Pause or continue", "Space") in rows
    assert ("Tension rating", "Rate 0 to 9", "0 … 9") in rows
    assert dialog.tree.hasFocus()
    QTest.keyClick(dialog.tree, Qt.Key.Key_Down)
    assert dialog.tree.currentItem().text(0) == rows[1][1]
    QTest.keyClick(dialog.tree, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_menu_s_help_opens_the_shortcuts(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    menu = window.header.menu_button.menu()
    assert menu is not None
    help_menu = next(a.menu() for a in menu.actions() if a.text() == "Help")
    entries = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert "Keyboard shortcuts…" in entries
    shortcuts = next(a for a in help_menu.actions() if a.text() == "Keyboard shortcuts…")
    assert shortcuts.shortcut().toString() == "Ctrl+/"
    shortcuts.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
