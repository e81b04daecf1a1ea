"""The Qt binding must not corrupt Python's reference counts (PySide6 6.12.0 did).

On Python 3.11 None, True and False are ordinary objects: a binding that drops a reference
on every void call makes a long-running BackCare abort ("deallocating None").

The counts are global, so other threads move them too (a job runner still writing an earlier
test's settings, a sound ticker): exact equality failed once in a loaded full run, 83 off. A
binding that drops one reference per call is 2,000 or more off over this loop, so the test
allows a quarter of that, with the cycle collector paused.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

CALLS = 2000
"""Loop turns, each with two void calls and one returning a bool (False: never shown)."""
ALLOWED_DRIFT = CALLS // 4


def test_void_and_bool_calls_keep_reference_counts(qtbot: QtBot) -> None:
    outer = QWidget()
    qtbot.addWidget(outer)
    layout = QVBoxLayout(outer)
    layout.addWidget(QWidget())
    gc.collect()
    gc.disable()
    try:
        before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
        for i in range(CALLS):
            layout.invalidate()
            outer.resize(300 + i % 7, 200)
            outer.isVisible()
        after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    finally:
        gc.enable()
    drift = [abs(a - b) for a, b in zip(after, before, strict=True)]
    assert max(drift) < ALLOWED_DRIFT, (before, after)
