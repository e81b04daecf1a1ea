"""A tiny subscribe/emit hook, so core objects can announce things without knowing who listens.

Sound, storage and the GUI bridge subscribe; the core never imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

E = TypeVar("E")


class Hook(Generic[E]):
    """Listeners for one kind of event, called in subscription order."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[E], None]] = []

    def subscribe(self, listener: Callable[[E], None]) -> Callable[[], None]:
        """Add a listener; the returned function removes it again."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def emit(self, event: E) -> None:
        for listener in list(self._listeners):
            listener(event)
