"""Scrolling a page never changes a control that merely passes under the pointer.

Qt lets a spin box, combo box or slider take the wheel (and the focus) as soon as the pointer
is over it, so scrolling the Oils page once moved an oil's strength from 1.0 % to 0.2 %. One
filter on the application keeps that from happening everywhere: such a control takes focus
only from a click or Tab, and while it has none, its wheel events go on to the page around it,
which scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

_GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)
_WATCHED = (QEvent.Type.Wheel, QEvent.Type.Polish)


def _is_guarded(widget: QObject) -> bool:
    return isinstance(widget, _GUARDED) and not isinstance(widget, QScrollBar)


class WheelGuard(QObject):
    """The application-wide filter: see the module docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _WATCHED or not _is_guarded(watched):
            return False
        assert isinstance(watched, QWidget)
        if kind == QEvent.Type.Polish:
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            QCoreApplication.sendEvent(area.viewport(), event)
        return True


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scrolling page that holds `widget`, which the wheel is handed to.

    Handed on explicitly rather than left to Qt's own propagation, which Qt 6 does only for
    wheel events from the window system and only while no scroll gesture is under way."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard on `app` once (later calls return the one already there)."""
    existing = app.findChild(WheelGuard)
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    for widget in app.allWidgets():  # made before the guard: their polish has passed
        if _is_guarded(widget) and widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return guard
