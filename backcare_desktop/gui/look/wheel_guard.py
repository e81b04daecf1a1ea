"""Scrolling a page never changes a control that merely passes under the pointer.

Qt lets a spin box, combo box or slider take the wheel (and the focus) as soon as the pointer
is over it, so scrolling the Oils page once moved an oil's strength from 1.0 % to 0.2 %. One
filter on each such control, put there by the app's style when Qt polishes the control, keeps
that from happening everywhere: the control takes focus only from a click or Tab, and while it
has none, its wheel events go on to the page around it, which scrolls.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QScrollBar,
    QWidget,
)

_GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)


def _is_guarded(widget: QObject) -> bool:
    return isinstance(widget, _GUARDED) and not isinstance(widget, QScrollBar)


class WheelGuard(QObject):
    """The filter on each guarded control: see the module docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
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


@cache
def _the_guard() -> WheelGuard:
    """One filter serves every control; it lives as long as the application."""
    return WheelGuard(QCoreApplication.instance())


def guard_wheel(widget: QWidget) -> None:
    """Guard `widget` if it is a spin box, combo box or slider; called from the app style's
    polish, which Qt runs once for every widget. A filter on each such control, not one on
    the application: an application filter made every event of every widget a Python call
    (+17 % instructions before the first paint, measured)."""
    if not _is_guarded(widget):
        return
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(_the_guard())  # Qt keeps one entry per filter: safe to repeat
