"""A question before something that cannot be undone: each button says what it does (a screen
reader reads a button alone), and Escape or Return without a choice keep things as they are."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.gui.widgets.confirmation import confirm


def asking(qtbot: QtBot, answer: Callable[[QMessageBox], None]) -> tuple[bool, list[str]]:
    """Ask, answer with `answer` once the box shows; what confirm said and the buttons' names."""
    parent = QWidget()
    qtbot.addWidget(parent)
    names: list[str] = []

    def when_shown() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, when_shown)
            return
        names.extend(b.accessibleName() or b.text() for b in box.findChildren(QPushButton))
        answer(box)

    QTimer.singleShot(0, when_shown)
    chosen = confirm(parent, "Remove “Mine”?", "Remove your routine?", "Remove “Mine”", "Keep it")
    return chosen, names


def test_the_buttons_say_what_they_do(qtbot: QtBot) -> None:
    _chosen, names = asking(qtbot, lambda box: box.reject())
    assert sorted(names) == ["Keep it", "Remove “Mine”"]


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Return])
def test_escape_and_return_keep_things_as_they_are(qtbot: QtBot, key: Qt.Key) -> None:
    chosen, _names = asking(qtbot, lambda box: qtbot.keyClick(box, key))
    assert chosen is False


def test_choosing_the_act_confirms_it(qtbot: QtBot) -> None:
    def press_act(box: QMessageBox) -> None:
        (act,) = [b for b in box.buttons() if b.text() == "Remove “Mine”"]
        act.click()

    chosen, _names = asking(qtbot, press_act)
    assert chosen is True
