"""What a screen reader learns from BackCare's painted widgets, and what it is told unasked.

Qt describes its own widgets to assistive technology (AT-SPI on Linux, the interface Orca
uses), but a widget that paints itself, such as the countdown ring, is only "a filler" to it.
A painted widget that matters says what it is by offering `accessible_reading()`; the factory
installed here turns that into a `QAccessibleInterface` with a role, a value text and the
numbers of a `QAccessibleValueInterface`.

Measured with PySide6 6.11 over the real AT-SPI bus (tests/e2e/test_screen_reader.py):
- a Python `QAccessibleWidget` subclass from a factory gives its role and texts to AT-SPI;
- the value interface is reached through `interface_cast`, which must return a *pointer*: a
  separate Python `QAccessibleValueInterface` object handed over as a `VoidPtr` works
  (`queryValue()` reads its numbers); returning None from `interface_cast` crashes Qt, so the
  other kinds are passed on as the base class answers them, a null pointer at worst;
- `QAccessibleAnnouncementEvent` (Qt 6.8+) arrives as `object:announcement` with its text and
  politeness; so announcements need no live-region workaround.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleInterface,
    QAccessibleValueInterface,
)
from PySide6.QtWidgets import QAccessibleWidget, QWidget
from shiboken6 import Shiboken


@dataclass(frozen=True)
class AccessibleReading:
    """A painted widget as a screen reader reads it: its role, its value in words, and (for a
    widget that shows an amount) the numbers behind it."""

    role: QAccessible.Role
    text: str
    value: float | None = None
    minimum: float = 0.0
    maximum: float = 0.0


@runtime_checkable
class Readable(Protocol):
    """A widget that says what it shows (its name and description are its own)."""

    def accessible_reading(self) -> AccessibleReading: ...


class _ReadingValue(QAccessibleValueInterface):
    """The numbers of a reading, asked afresh each time (no copy to go stale)."""

    def __init__(self, widget: Readable) -> None:
        super().__init__()
        self._widget = widget

    def currentValue(self) -> float:
        return self._widget.accessible_reading().value or 0.0

    def minimumValue(self) -> float:
        return self._widget.accessible_reading().minimum

    def maximumValue(self) -> float:
        return self._widget.accessible_reading().maximum

    def minimumStepSize(self) -> float:
        return 0.0

    def setCurrentValue(self, value: object) -> None:
        return None


class _ReadableAccessible(QAccessibleWidget):
    def __init__(self, widget: QWidget) -> None:
        assert isinstance(widget, Readable)
        super().__init__(widget, widget.accessible_reading().role)
        self._readable = widget
        self._value = _ReadingValue(widget)

    def role(self) -> QAccessible.Role:
        return self._readable.accessible_reading().role

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Value:
            return self._readable.accessible_reading().text
        return str(super().text(kind))

    # PySide's stub says int, but Qt takes the answer as a pointer: only a VoidPtr works (an
    # int or None crashes), so the override's type differs from the stub's on purpose.
    def interface_cast(self, kind: QAccessible.InterfaceType) -> Shiboken.VoidPtr:  # type: ignore[override]
        if kind == QAccessible.InterfaceType.ValueInterface:
            if self._readable.accessible_reading().value is not None:
                return Shiboken.VoidPtr(shiboken6.getCppPointer(self._value)[0])
            return Shiboken.VoidPtr(0)
        answer: object = super().interface_cast(kind)
        return answer if isinstance(answer, Shiboken.VoidPtr) else Shiboken.VoidPtr(0)


def _factory(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, QWidget) and isinstance(obj, Readable):
        return _ReadableAccessible(obj)
    return None


_installed = False


def install_accessibility() -> None:
    """Let painted widgets describe themselves (once per process). Each readable widget calls
    it as it is made, so it is in place before any is asked about, yet off the start-up path:
    the first touch of `QAccessible` builds its large enums (~40 ms, measured)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def announce(source: QObject, text: str) -> None:
    """Have a screen reader say `text` when it is free (politely: it never interrupts)."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
