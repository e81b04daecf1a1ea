"""Everything the mouse does, the keyboard does: one stop for the tension scale, Return on
buttons, Ctrl+digit to the pages, and Tab in reading order."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QMenu,
    QWidget,
)
from pytestqt.qtbot import QtBot

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.session import (
    SessionMachine,
    SessionOutcome,
    SessionRating,
    SessionState,
)
from backcare_desktop.gui.shell.actions import keys_text
from backcare_desktop.gui.shell.main_window import MainWindow, Page
from backcare_desktop.gui.shell.shortcuts_window import action_shortcuts
from backcare_desktop.gui.widgets.tension_scale import RatingRow

MakeWindow = Callable[..., MainWindow]


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key as the keyboard sends it: to whatever has the focus."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key, modifier)


def tab_stops(qtbot: QtBot, window: QWidget, limit: int = 60) -> list[QWidget]:
    """The widgets Tab visits, once round, from the current focus."""
    seen: list[QWidget] = []
    for _ in range(limit):
        press(qtbot, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None and window.isAncestorOf(focused)
        if focused in seen:
            break
        seen.append(focused)
    return seen


def state(machine: SessionMachine) -> SessionState:
    return machine.state


def text_pages() -> list[Page]:
    return [
        Page(name, name.title(), lambda n=name: QLabel(n), None, f"The {name} page")  # type: ignore[misc]
        for name in ("reminders", "breathe", "oils", "progress")
    ]


def test_the_tension_scale_is_one_tab_stop(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    window.open_prepare("desk_break")
    stops = tab_stops(qtbot, window)
    ratings = [w for w in stops if w.window() is window and isinstance(w, RatingRow)]
    assert ratings == [window.prepare.tension.row]
    window.prepare.tension.set_value(4)
    assert window.prepare.tension.row in tab_stops(qtbot, window)


def test_arrows_home_end_and_digits_rate_the_tension(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    window.open_prepare("desk_break")
    scale = window.prepare.tension
    picked: list[int | None] = []
    scale.changed.connect(picked.append)
    scale.row.setFocus(Qt.FocusReason.TabFocusReason)
    assert scale.value() is None
    press(qtbot, Qt.Key.Key_Right)
    assert scale.value() == 0
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Up)
    assert scale.value() == 2
    press(qtbot, Qt.Key.Key_Left)
    assert scale.value() == 1
    press(qtbot, Qt.Key.Key_End)
    assert scale.value() == 10
    press(qtbot, Qt.Key.Key_Right)
    assert scale.value() == 10
    press(qtbot, Qt.Key.Key_Home)
    assert scale.value() == 0
    press(qtbot, Qt.Key.Key_7)
    assert scale.value() == 7
    press(qtbot, Qt.Key.Key_Delete)
    assert scale.value() is None
    assert picked == [0, 1, 2, 1, 10, 0, 7, None]
    assert QApplication.focusWidget() is scale.row


def test_the_tension_scale_is_a_slider_with_a_name_and_a_value(make_window: MakeWindow) -> None:
    window = make_window()
    window.open_prepare("desk_break")
    node = QAccessible.queryAccessibleInterface(window.prepare.tension.row)
    assert node.role() == QAccessible.Role.Slider
    assert node.text(QAccessible.Text.Name) == "Tension before the session"
    assert "Not rated yet" in node.text(QAccessible.Text.Description)
    window.prepare.tension.set_value(6)
    value = node.valueInterface()
    assert (value.minimumValue(), value.currentValue(), value.maximumValue()) == (0, 6, 10)
    assert "Not rated" not in node.text(QAccessible.Text.Description)


def test_return_on_a_focused_start_button_opens_its_routine(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    card = window.home.cards[2]
    card.start_button.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.prepare
    assert window.prepare.title.text() == card.routine.name


def test_enter_begins_from_anywhere_on_prepare_as_begin_s_tip_says(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    window.open_prepare("desk_break")
    assert "(Enter)" in window.prepare.start_button.toolTip()
    window.prepare.tension.row.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_Enter)
    assert window.stack.currentWidget() is window.session
    assert window.controller.active
    assert window._session_extras[0] == 3


def test_return_on_summary_saves_and_goes_home(
    make_window: MakeWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    window = make_window()
    recorded: list[SessionOutcome] = []
    window.sessionRecorded.connect(recorded.append)
    rated: list[SessionRating] = []
    window.sessionRated.connect(rated.append)
    window.open_prepare("desk_break")
    press(qtbot, Qt.Key.Key_Return)
    window.controller.stop()
    assert window.stack.currentWidget() is window.summary
    assert "(Enter)" in window.summary.done_button.toolTip()
    window.summary.tension.row.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.home
    assert rated == [SessionRating(recorded[0].record_id, 10)]


def test_space_on_a_focused_session_control_presses_it_not_pause(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    window.open_prepare("desk_break")
    press(qtbot, Qt.Key.Key_Return)
    machine = window.controller.machine
    assert machine is not None
    assert QApplication.focusWidget() is window.session.buttons["pause"]
    press(qtbot, Qt.Key.Key_Space)
    assert state(machine) is SessionState.PAUSED
    press(qtbot, Qt.Key.Key_Space)
    assert state(machine) is SessionState.RUNNING
    window.session.buttons["skip"].setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Space)
    assert machine.state is SessionState.RUNNING
    assert machine.index == 1
    press(qtbot, Qt.Key.Key_Return)
    assert machine.index == 2


def test_ctrl_and_a_digit_open_each_page_in_the_header_s_order(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window(pages=text_pages())
    names = window.header.page_names()
    assert names == ["home", "reminders", "breathe", "oils", "progress", "guide"]
    for number, name in reversed(list(enumerate(names, start=1))):
        QTest.keyClick(
            window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier
        )
        expected = window.home if name == "home" else window._pages[name]
        assert window.stack.currentWidget() is expected, name
        assert f"(Ctrl+{number}" in window.header.nav[name].toolTip()
    assert window.header.nav["guide"].toolTip().endswith("(Ctrl+6, F1)")


def test_tab_crosses_the_header_left_to_right(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(pages=text_pages())
    header = window.header
    header.nav["home"].setFocus(Qt.FocusReason.TabFocusReason)
    stops = [QApplication.focusWidget()]
    for _ in range(len(header.nav)):
        press(qtbot, Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    expected = [header.nav[name] for name in header.page_names()] + [header.menu_button]
    assert stops == expected


def test_tab_reaches_the_routines_before_the_safety_links(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    window.preferences.update(routine_minutes=15)  # the cards are redrawn
    window.home.breathe_button.setFocus(Qt.FocusReason.TabFocusReason)
    stops = tab_stops(qtbot, window)
    on_home = [w for w in stops if window.home.isAncestorOf(w)]
    on_cards = [
        button
        for card in window.home.cards
        for button in (card.star_button, card.more_button, card.start_button)
    ]  # each card in reading order: its star beside the name, then More and Start
    assert on_home[: len(on_cards)] == on_cards
    after = ["Warning signs", "Safe practice", "Just breathe"]  # then round to the top
    assert [w.accessibleName() or w.property("text") for w in on_home[len(on_cards) :]] == after


def test_no_scroll_area_is_a_tab_stop_of_its_own(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    for routine in (None, "desk_break"):
        if routine:
            window.open_prepare(routine)
        assert not any(isinstance(w, QAbstractScrollArea) for w in tab_stops(qtbot, window))
    window.prepare.start_button.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.session
    stops = tab_stops(qtbot, window)
    assert window.session.buttons["pause"] in stops
    assert not any(isinstance(w, QAbstractScrollArea) for w in stops)


def test_leaving_a_page_whose_control_had_the_focus_gives_it_to_the_new_pages_button(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    """Qt hands a hidden control's focus to whatever comes next, even a page that takes none
    (it then wore the focus ring around the whole page); the open page's button takes it."""
    search = QLineEdit()
    pages = [
        Page("oils", "Oils", lambda: search),
        Page("progress", "Progress", lambda: QLabel("progress")),
    ]
    window = make_window(pages=pages)
    window.show_page("oils")
    search.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(search.hasFocus)
    window.show_page("progress")
    assert QApplication.focusWidget() is window.header.nav["progress"]


def menu_entries(menu: QMenu) -> list[QAction]:
    """Every action the menu and its submenus offer, but the theme's choices (Settings →
    Appearance holds them too) and the separators."""
    entries: list[QAction] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            if action.text() != "Theme":
                entries += menu_entries(submenu)
        elif not action.isSeparator():
            entries.append(action)
    return entries


def test_every_entry_of_the_menu_has_a_key_listed_in_keyboard_shortcuts(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window(pages=text_pages())
    menu = window.header.menu_button.menu()
    assert isinstance(menu, QMenu)
    listed = {s.keys for s in action_shortcuts(window.actions_by_name, window.header.page_names())}
    entries = menu_entries(menu)
    assert {"Settings…", "Keyboard shortcuts…", "Safety notice…", "About BackCare"} <= {
        entry.text() for entry in entries
    }
    for entry in entries:
        assert entry.shortcuts(), f"{entry.text()!r} has no key: the menu is its only way"
        assert keys_text(entry) in listed, f"{entry.text()!r} is not in Keyboard shortcuts"


def test_shift_f1_opens_the_safety_notice_and_ctrl_shift_a_about(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window(pages=text_pages())
    window.show()
    qtbot.waitExposed(window)
    seen: list[str] = []

    def read_and_close() -> None:
        """Runs inside the dialog's own event loop, once the dialog is up."""
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            seen.append(dialog.windowTitle())
            dialog.close()

    closer = QTimer(window, interval=10)
    closer.timeout.connect(read_and_close)
    closer.start()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for key, modifiers in (
        (Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_A, ctrl_shift),
    ):
        window.activateWindow()  # a closed dialog hands the keyboard back
        qtbot.waitUntil(window.isActiveWindow)
        QTest.keyClick(window, key, modifiers)
    closer.stop()
    assert seen == ["Safety notice", "About BackCare"]


# A popup grabs the keyboard and mouse, which the offscreen platform cannot (a desktop can).
@pytest.mark.qt_log_ignore("This plugin does not support grabbing")
@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Space, None])
def test_the_header_s_menu_opened_by_a_key_starts_on_its_first_entry(
    make_window: MakeWindow, qtbot: QtBot, key: Qt.Key | None
) -> None:
    """So the focus, and a screen reader, are in the menu at once; a click leaves the choice
    to the pointer."""
    window = make_window(pages=text_pages())
    window.show()
    qtbot.waitExposed(window)
    button = window.header.menu_button
    chosen: list[str | None] = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        shown = isinstance(menu, QMenu) and (key is None or menu.activeAction() is not None)
        if not shown and len(chosen) < 200:  # the first entry is chosen just after it shows
            chosen.append("waiting")
            QTimer.singleShot(5, read_and_close)
            return
        assert isinstance(menu, QMenu)
        active = menu.activeAction()
        chosen.append(active.text() if active is not None else None)
        menu.close()

    QTimer.singleShot(0, read_and_close)
    if key is None:
        qtbot.mousePress(button, Qt.MouseButton.LeftButton)
    else:
        button.setFocus(Qt.FocusReason.TabFocusReason)
        press(qtbot, key)
    qtbot.waitUntil(lambda: bool(chosen) and chosen[-1] != "waiting")
    if key is None:  # let go of the button, or the app thinks it held for the tests after
        qtbot.mouseRelease(window.header, Qt.MouseButton.LeftButton)
    menu = button.menu()
    assert menu is not None
    first = next(a for a in menu.actions() if not a.isSeparator()).text()
    assert chosen[-1] == (None if key is None else first)
