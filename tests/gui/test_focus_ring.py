"""Wherever the keyboard is, a ring says so: 2 px in the theme's focus colour, 2 px outside
the control, at least 3:1 against what it is drawn on, in every theme."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.gui.look.focus_ring import FocusRing, RingPainter
from backcare_desktop.gui.look.theme import THEME_NAMES, apply_theme, contrast_ratio, load_theme
from backcare_desktop.gui.pages.safety_notice import SafetyNoticeDialog
from backcare_desktop.gui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


@pytest.mark.parametrize("name", THEME_NAMES)
@pytest.mark.parametrize("under", ["background", "surface", "surface_alt"])
def test_the_focus_colour_stands_out_3_to_1_from_what_it_is_drawn_on(name: str, under: str) -> None:
    theme = load_theme(name)
    ratio = contrast_ratio(theme["focus"], theme[under])
    assert ratio >= 3, f"{name}: focus on {under} is only {ratio:.2f}:1"


def follower() -> FocusRing:
    ring = QApplication.instance().findChild(FocusRing, "focusRingFollower")  # type: ignore[union-attr]
    assert isinstance(ring, FocusRing)
    return ring


def focused_widget() -> QWidget:
    focused = QApplication.focusWidget()
    assert focused is not None
    return focused


def ring_shown() -> bool:
    ring = follower().ring()
    return ring is not None and ring.isVisible()


def ring_around(widget: QWidget) -> RingPainter:
    """The ring, checked to be shown around `widget`."""
    ring = follower().ring()
    assert follower().target is widget
    assert ring is not None and ring.isVisible()
    host = ring.parentWidget()
    assert host is not None
    area = QRect(widget.mapTo(host, QPoint(0, 0)), widget.size())
    assert ring.geometry().contains(area)
    return ring


def region(window: QWidget, widget: QWidget, margin: int = 10) -> QImage:
    area = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return window.grab(area.adjusted(-margin, -margin, margin, margin)).toImage()


@pytest.mark.parametrize("theme", ["light", "dim", "dark"])
def test_every_session_control_shows_a_ring_when_focused(
    make_window: MakeWindow, qtbot: QtBot, theme: str
) -> None:
    window = make_window(theme=theme)
    window.open_prepare("desk_break")
    QTest.keyClick(window.prepare.start_button, Qt.Key.Key_Return)
    focus = QColor(load_theme(theme)["focus"])
    for name in ("back", "pause", "skip", "stop"):
        button = window.session.buttons[name]
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()
        assert not ring_shown()
        before = region(window, button)
        button.setFocus(Qt.FocusReason.TabFocusReason)
        ring_around(button)
        after = region(window, button)
        assert before != after, f"{name}: no pixel changed when it took the focus"
        # 10 px margin: the control's edge is at 10, the ring covers 6 and 7, the gap 8 and 9.
        middle = after.height() // 2
        ring_pixel = after.pixelColor(7, middle)
        page_pixel = after.pixelColor(1, middle)
        assert ring_pixel.name() == focus.name(), f"{name}: ring drawn in {ring_pixel.name()}"
        ratio = contrast_ratio(ring_pixel.name(), page_pixel.name())
        assert ratio >= 3, f"{theme} {name}: ring on the page only {ratio:.2f}:1"


def test_tab_shows_the_ring_on_every_stop_of_every_screen(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    screens: list[Callable[[], object]] = [
        window.show_home,
        lambda: window.open_prepare("desk_break"),
        lambda: QTest.keyClick(window.prepare.start_button, Qt.Key.Key_Return),
        window.controller.stop,
    ]
    visited = 0
    for show in screens:
        show()
        first = QApplication.focusWidget()
        assert first is not None
        for _ in range(40):
            QTest.keyClick(focused_widget(), Qt.Key.Key_Tab)
            focused = QApplication.focusWidget()
            assert focused is not None
            ring_around(focused)
            visited += 1
            if focused is first:
                break
    assert visited > 20


def test_a_click_moves_the_focus_without_a_ring(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window()
    window.open_prepare("desk_break")
    row = window.prepare.tension.row
    QTest.mouseClick(row, Qt.MouseButton.LeftButton, pos=QPoint(5, row.height() // 2))
    assert QApplication.focusWidget() is row
    assert window.prepare.tension.value() == 0
    assert not ring_shown()


def test_the_safety_notice_text_shows_the_ring(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    dialog = SafetyNoticeDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.text.setFocus(Qt.FocusReason.TabFocusReason)
    ring_around(dialog.text)


def test_the_ring_follows_its_control_when_the_page_scrolls(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    window.resize(1000, 660)
    card = window.home.cards[-1]
    window.home.cards[-2].start_button.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(window.home.cards[-2].start_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is card.star_button  # the next card's first stop
    qtbot.waitUntil(lambda: window.home.verticalScrollBar().value() > 0)
    ring_around(card.star_button)
    before = follower().ring().geometry()  # type: ignore[union-attr]
    window.home.verticalScrollBar().setValue(0)
    after = ring_around(card.star_button).geometry()
    assert after.top() > before.top()


def test_a_ring_left_behind_in_another_host_is_hidden_at_once(qtbot: QtBot) -> None:
    """The old ring is deleted later, by the event loop; until then it must not show, or a
    screenshot taken between (or a busy loop) shows two rings."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, load_theme("light"))
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    outside = QLineEdit()
    area = QScrollArea()
    inside = QLineEdit()
    area.setWidget(inside)
    column.addWidget(outside)
    column.addWidget(area)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    outside.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: follower().target is outside)
    inside.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: follower().target is inside)
    shown = [ring for ring in window.findChildren(RingPainter) if ring.isVisible()]
    assert shown == [follower().ring()]
