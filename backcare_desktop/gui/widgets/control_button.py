"""A session control that takes Space for itself while it has the keyboard focus.

Space is the session's Pause key everywhere in the window; without this, Space on a focused
Skip or Stop paused instead of pressing the button the person had moved to.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QToolButton


class ControlButton(QToolButton):
    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            event.accept()  # delivered to this button as a key press, not as the shortcut
            return True
        return super().event(event)
