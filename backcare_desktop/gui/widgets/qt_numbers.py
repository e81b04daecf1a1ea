"""A few Qt settings made by number, for the widgets of the first screen.

PySide builds all ~90 enums of Qt's `Qt` namespace (1,200 members: 14 ms of a 180 ms start,
measured) the first time any one of them reaches Python. The first screen needs only these few
settings, so its widgets take them through their Qt properties, as the numbers Qt's headers
give them; tests/gui/test_qt_numbers.py checks each against its enum, and a start-up test
keeps the namespace out of the first paint. Code that runs after the paint uses the enums.
"""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton, QWidget

NO_FOCUS = 0
"""Qt.FocusPolicy.NoFocus."""
TAB_FOCUS = 1
"""Qt.FocusPolicy.TabFocus."""
ICON_ONLY = 0
"""Qt.ToolButtonStyle.ToolButtonIconOnly."""
TEXT_BESIDE_ICON = 2
"""Qt.ToolButtonStyle.ToolButtonTextBesideIcon."""


def take_no_focus(widget: QWidget) -> None:
    """Neither Tab nor a click stops on `widget`."""
    widget.setProperty("focusPolicy", NO_FOCUS)


def take_tab_focus(widget: QWidget, tab: bool = True) -> None:
    """Tab stops on `widget` (a click does not); with `tab` False, nothing does."""
    widget.setProperty("focusPolicy", TAB_FOCUS if tab else NO_FOCUS)


def show_icon_only(button: QToolButton, icon_only: bool = True) -> None:
    """The button shows its icon alone, or (`icon_only` False) its text beside the icon."""
    button.setProperty("toolButtonStyle", ICON_ONLY if icon_only else TEXT_BESIDE_ICON)
