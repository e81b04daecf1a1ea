"""The first screen's Qt settings made by number are the settings Qt's enums name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton, QWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.gui.widgets import qt_numbers


def test_each_number_is_its_enums_value() -> None:
    assert Qt.FocusPolicy.NoFocus.value == qt_numbers.NO_FOCUS
    assert Qt.FocusPolicy.TabFocus.value == qt_numbers.TAB_FOCUS
    assert Qt.ToolButtonStyle.ToolButtonIconOnly.value == qt_numbers.ICON_ONLY
    assert Qt.ToolButtonStyle.ToolButtonTextBesideIcon.value == qt_numbers.TEXT_BESIDE_ICON


def test_focus_policies_set_by_number(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    qt_numbers.take_no_focus(widget)
    assert widget.focusPolicy() == Qt.FocusPolicy.NoFocus
    qt_numbers.take_tab_focus(widget)
    assert widget.focusPolicy() == Qt.FocusPolicy.TabFocus
    qt_numbers.take_tab_focus(widget, False)
    assert widget.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_tool_button_styles_set_by_number(qtbot: QtBot) -> None:
    button = QToolButton()
    qtbot.addWidget(button)
    qt_numbers.show_icon_only(button, False)
    assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    qt_numbers.show_icon_only(button)
    assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
