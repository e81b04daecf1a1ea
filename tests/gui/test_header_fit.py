"""The header fits any window width: page buttons give up their words before any is cut, and
nothing in it is ever clipped (the issue saw "Re…rs" at the old 1000 px minimum)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from backcare_desktop.gui.shell.main_window import MainWindow, Page
from backcare_desktop.gui.widgets.layout_helpers import page_widget

MakeWindow = Callable[..., MainWindow]
PAGES = [
    Page(name, title, page_widget, icon)
    for name, title, icon in (
        ("reminders", "Reminders", "bell"),
        ("breathe", "Breathe", "breath"),
        ("oils", "Oils", "leaf"),
        ("progress", "Progress", "chart"),
    )
]


def whole(button: QToolButton) -> bool:
    """Shown with all its words (or only its icon), and not squeezed below its size."""
    return button.width() >= button.sizeHint().width() and button.isVisible()


def test_at_every_width_the_page_buttons_show_whole_words_or_only_icons(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window(pages=PAGES)
    header = window.header
    for width in range(window.minimumWidth(), 1400, 37):
        window.resize(width, 700)
        QApplication.processEvents()
        buttons = [*header.nav.values(), header.menu_button]
        squeezed = [b.text() for b in buttons if not whole(b)]
        assert not squeezed, f"at {width} px: {squeezed} cut"
        inside = [b for b in buttons if header.rect().contains(b.geometry())]
        assert len(inside) == len(buttons), f"at {width} px something leaves the header"


def test_a_narrow_window_keeps_icons_with_their_words_as_tips_and_names(
    make_window: MakeWindow,
) -> None:
    window = make_window(pages=PAGES)
    window.resize(window.minimumWidth(), 600)
    QApplication.processEvents()
    for button in window.header.nav.values():
        assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
        assert button.toolTip() and button.accessibleName() == button.text()
    window.resize(1300, 700)
    QApplication.processEvents()
    styles = {b.toolButtonStyle() for b in window.header.nav.values()}
    assert styles == {Qt.ToolButtonStyle.ToolButtonTextBesideIcon}
