"""A page just shown starts its journal read once it has painted, so the worker's Python work
does not make the page's first paint wait on the interpreter lock."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.gui.pages.home import HomePage
from backcare_desktop.gui.widgets.after_paint import AfterPaint


class Paints(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_the_call_comes_once_the_widget_has_painted(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    paints = Paints(widget)
    painted_by_then: list[int] = []
    after = AfterPaint(widget, lambda: painted_by_then.append(paints.count), 60_000)
    after.start()
    widget.show()
    assert painted_by_then == []
    qtbot.waitUntil(lambda: bool(painted_by_then))
    assert painted_by_then[0] >= 1 and not after.armed


def test_a_widget_that_never_paints_is_called_back_after_the_fallback(qtbot: QtBot) -> None:
    widget = QWidget()  # never shown: a window started minimized
    qtbot.addWidget(widget)
    calls: list[bool] = []
    AfterPaint(widget, lambda: calls.append(True), 20).start()
    qtbot.waitUntil(lambda: bool(calls))
    qtbot.wait(40)
    assert calls == [True]


def test_armed_twice_before_it_paints_it_calls_back_once(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[bool] = []
    after = AfterPaint(widget, lambda: calls.append(True), 60_000)
    after.start()
    after.start()
    widget.show()
    qtbot.waitUntil(lambda: bool(calls))
    widget.repaint()
    qtbot.wait(20)
    assert calls == [True]


def test_home_asks_for_todays_glance_once_it_has_painted_not_as_it_is_shown(
    qtbot: QtBot,
) -> None:
    home = HomePage()
    qtbot.addWidget(home)
    body = home.widget()
    assert body is not None
    paints = Paints(body)
    asked: list[int] = []
    home.todayWanted.connect(lambda: asked.append(paints.count))
    home.resize(900, 600)
    home.show()
    assert asked == []
    qtbot.waitUntil(lambda: bool(asked))
    assert asked[0] >= 1
