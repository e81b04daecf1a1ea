"""The Qt binding must not corrupt Python's reference counts (PySide6 6.12.0 did).

On Python 3.11 None, True and False are ordinary objects: a binding that drops a reference
on every void call makes a long-running BackCare abort ("deallocating None").
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot


def test_void_and_bool_calls_keep_reference_counts(qtbot: QtBot) -> None:
    outer = QWidget()
    qtbot.addWidget(outer)
    layout = QVBoxLayout(outer)
    layout.addWidget(QWidget())
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for i in range(500):
        layout.invalidate()
        outer.resize(300 + i % 7, 200)
        outer.isVisible()
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    assert after == before
