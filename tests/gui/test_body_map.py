"""The body map: areas picked by keyboard or mouse, in order, each a named toggle button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.core.regions import REGIONS
from backcare_desktop.gui.look.theme import THEME_NAMES, load_theme
from backcare_desktop.gui.routines.body_map import REGION_SHAPES, BodyMap


def shown_map(qtbot: QtBot) -> BodyMap:
    body_map = BodyMap(load_theme("light"))
    qtbot.addWidget(body_map)
    body_map.resize(560, 400)
    body_map.show()
    qtbot.waitExposed(body_map)
    body_map.activateWindow()
    qtbot.waitUntil(body_map.isActiveWindow)
    return body_map


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_each_area_is_a_named_toggle_button_from_the_neck_down(qtbot: QtBot) -> None:
    body_map = shown_map(qtbot)
    names = [button.accessibleName() for button in body_map.buttons.values()]
    assert names == [
        "Neck",
        "Shoulders",
        "Upper back",
        "Between the shoulder blades",
        "Mid back",
        "Lower back",
        "Hips and glutes",
    ]
    assert all(button.isCheckable() for button in body_map.buttons.values())
    assert all(
        button.focusPolicy() & Qt.FocusPolicy.TabFocus for button in body_map.buttons.values()
    )


def test_areas_picked_by_keyboard_are_numbered_in_the_order_picked(qtbot: QtBot) -> None:
    body_map = shown_map(qtbot)
    body_map.buttons["neck"].setFocus(Qt.FocusReason.TabFocusReason)
    picks: list[tuple[str, ...]] = []
    body_map.picksChanged.connect(picks.append)
    for _ in range(5):  # down to the lower back
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is body_map.buttons["lower_back"]
    QTest.keyClick(focused(), Qt.Key.Key_Space)
    QTest.keyClick(focused(), Qt.Key.Key_Backtab)
    QTest.keyClick(focused(), Qt.Key.Key_Backtab)
    QTest.keyClick(focused(), Qt.Key.Key_Backtab)
    QTest.keyClick(focused(), Qt.Key.Key_Backtab)
    assert focused() is body_map.buttons["shoulders"]
    QTest.keyClick(focused(), Qt.Key.Key_Space)
    assert body_map.picks() == ("lower_back", "shoulders")
    assert picks[-1] == ("lower_back", "shoulders")
    lower_back = body_map.buttons["lower_back"]
    assert lower_back.isChecked() and lower_back.text().startswith("1")
    assert "first" in lower_back.accessibleDescription()
    assert body_map.buttons["shoulders"].text().startswith("2")


def test_putting_an_area_back_moves_the_later_ones_up(qtbot: QtBot) -> None:
    body_map = shown_map(qtbot)
    for region in ("neck", "glutes", "mid_back"):
        body_map.toggle(region)
    body_map.toggle("neck")
    assert body_map.picks() == ("glutes", "mid_back")
    assert not body_map.buttons["neck"].isChecked()
    assert body_map.buttons["neck"].text() == "Neck"
    assert body_map.buttons["mid_back"].text().startswith("2")


def test_clicking_an_area_on_the_figure_picks_it_and_again_puts_it_back(qtbot: QtBot) -> None:
    body_map = shown_map(qtbot)
    figure = body_map.figure
    for region in REGIONS:
        spot = figure.centre_of(region).toPoint()
        assert figure.region_at(figure.centre_of(region)) == region
        qtbot.mouseClick(figure, Qt.MouseButton.LeftButton, pos=spot)
    assert body_map.picks() == REGIONS
    qtbot.mouseClick(figure, Qt.MouseButton.LeftButton, pos=figure.centre_of("neck").toPoint())
    assert "neck" not in body_map.picks()
    qtbot.mouseClick(figure, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))  # beside the body
    assert len(body_map.picks()) == len(REGIONS) - 1


def test_the_area_under_the_pointer_or_a_focused_button_lights_up(qtbot: QtBot) -> None:
    body_map = shown_map(qtbot)
    figure = body_map.figure
    qtbot.mouseMove(figure, figure.centre_of("mid_back").toPoint())
    qtbot.waitUntil(lambda: figure.lit == "mid_back")
    body_map.buttons["glutes"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: figure.lit == "glutes")


def test_the_areas_do_not_overlap_so_a_click_means_one_area() -> None:
    for first in REGIONS:
        for second in REGIONS:
            if first < second:
                overlap = REGION_SHAPES[first].intersected(REGION_SHAPES[second])
                assert overlap.isEmpty(), (first, second)


def test_the_figure_paints_in_every_theme(qtbot: QtBot) -> None:
    body_map = shown_map(qtbot)
    body_map.set_picks(("neck", "lower_back"))
    pictures = set()
    for name in THEME_NAMES:
        body_map.set_theme(load_theme(name))
        image = body_map.figure.grab().toImage()
        pictures.add(bytes(image.constBits()))
    assert len(pictures) == len(THEME_NAMES)


def test_the_figure_tells_a_screen_reader_it_is_a_picture_of_the_picks(qtbot: QtBot) -> None:
    from PySide6.QtGui import QAccessible

    body_map = shown_map(qtbot)
    body_map.toggle("lower_back")
    body_map.toggle("neck")
    figure = QAccessible.queryAccessibleInterface(body_map.figure)
    assert figure.role() == QAccessible.Role.Graphic
    assert figure.text(QAccessible.Text.Value) == "Picked: Lower back, Neck"
    button = QAccessible.queryAccessibleInterface(body_map.buttons["neck"])
    assert button.text(QAccessible.Text.Name) == "Neck"
    assert button.state().checkable and button.state().checked


def test_picking_an_area_says_which_pick_it_was(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backcare_desktop.gui.routines import body_map as module

    said: list[str] = []
    monkeypatch.setattr(module, "announce", lambda _source, text: said.append(text))
    body_map = shown_map(qtbot)
    body_map.toggle("lower_back")
    body_map.toggle("neck")
    body_map.toggle("lower_back")
    assert said == ["Lower back picked first", "Neck picked second", "Lower back put back"]
