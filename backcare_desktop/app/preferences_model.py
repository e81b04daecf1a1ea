"""The person's preferences as seen by the GUI: one current value, a signal when it changes.

Views never write storage: they call `update(...)`, which validates through the core, saves
through the store (off nothing but this one call), and announces the new value.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class PreferencesSaver(Protocol):
    def save(self, preferences: Any) -> None: ...


class PreferencesModel(QObject):
    changed = Signal(object)
    saveFailed = Signal(str)

    def __init__(
        self, preferences: Any, saver: PreferencesSaver | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._value = preferences
        self._saver = saver

    @property
    def value(self) -> Any:
        return self._value

    def update(self, **changes: Any) -> None:
        with_changes = getattr(self._value, "with_changes", None)
        new = (
            with_changes(**changes)
            if callable(with_changes)
            else dataclasses.replace(self._value, **changes)
        )
        if new == self._value:
            return
        self._value = new
        if self._saver is not None:
            try:
                self._saver.save(new)
            except Exception as exc:  # a full disk or a read-only store must not lose the session
                log.exception("could not save preferences")
                self.saveFailed.emit(str(exc))
        self.changed.emit(new)
