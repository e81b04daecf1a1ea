"""Scrolling a page never changes a spin box, combo box or slider that passes under the pointer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from backcare_desktop.gui.look.style import use_indicator_style
from backcare_desktop.gui.look.theme import apply_theme, load_theme


class TallPage(QScrollArea):
    """A page taller than its window with one of each guarded control near the top."""

    def __init__(self) -> None:
        super().__init__()
        body = QWidget()
        column = QVBoxLayout(body)
        self.search = QLineEdit()  # where the focus is, as on the Oils page
        column.addWidget(self.search)
        self.strength = QDoubleSpinBox()
        self.strength.setRange(0.2, 5.0)
        self.strength.setSingleStep(0.2)
        self.strength.setValue(1.0)
        self.choice = QComboBox()
        self.choice.addItems(["one", "two", "three"])
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setValue(50)
        for control in (self.strength, self.choice, self.slider):
            column.addWidget(control)
        column.addSpacing(3000)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.resize(400, 300)


@pytest.fixture
def page(qtbot: QtBot) -> TallPage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, load_theme("light"))
    use_indicator_style()  # the app's style, whose polish guards the controls
    page = TallPage()
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.search.setFocus()
    qtbot.waitUntil(page.search.hasFocus)
    return page


def wheel_down_over(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_an_unfocused_spin_box_changes_nothing_and_scrolls_the_page(
    page: TallPage,
) -> None:
    wheel_down_over(page.strength)
    assert page.strength.value() == pytest.approx(1.0)
    assert page.verticalScrollBar().value() > 0


def test_the_wheel_over_an_unfocused_combo_box_or_slider_changes_nothing(page: TallPage) -> None:
    wheel_down_over(page.choice)
    wheel_down_over(page.slider)
    assert page.choice.currentIndex() == 0
    assert page.slider.value() == 50


def test_a_focused_spin_box_still_follows_the_wheel(page: TallPage, qtbot: QtBot) -> None:
    page.strength.setFocus()
    qtbot.waitUntil(page.strength.hasFocus)
    wheel_down_over(page.strength)
    assert page.strength.value() == pytest.approx(0.8)
    assert page.verticalScrollBar().value() == 0


def test_controls_take_focus_from_a_click_or_tab_never_from_the_wheel(page: TallPage) -> None:
    for control in (page.strength, page.choice, page.slider):
        assert control.focusPolicy() == Qt.FocusPolicy.StrongFocus
