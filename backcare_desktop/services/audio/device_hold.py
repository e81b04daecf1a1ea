"""How long the engine holds the sound device: one lock per process, and when to let go.

SDL has one audio device per process, so every player opens and closes it under DEVICE_LOCK.
The device is held only while sound plays: closing the mixer is what frees the sound server's
stream, as SDL keeps a paused device's stream running, playing zeros (measured on a PulseAudio
null sink: RUNNING, Corked: no). So the engine sets a release time when its sound is done, and
its poll() closes the device once that time has passed, on a short-lived thread, so the ~50 ms
SDL takes to close never lands on the GUI thread. A device still open when the interpreter
exits is closed before pygame quits SDL (`close_at_exit`).
"""

from __future__ import annotations

import atexit
import threading
import weakref
from collections.abc import Callable
from enum import Enum
from typing import Protocol

from backcare_desktop.core.clock import Clock
from backcare_desktop.services.audio.player import RELEASE_MARGIN_S

DEVICE_LOCK = threading.Lock()
"""SDL has one audio device per process, so every player opens and closes it under this one
lock: two players' sound checks on two workers at once freed SDL's mixer twice (an abort)."""


class DeviceState(Enum):
    CLOSED = "closed"
    OPENING = "opening"
    OPEN = "open"


class ReleaseTime:
    """When the device may close (monotonic), or None while sound is still wanted."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self.at: float | None = None

    def after(self, seconds: float) -> None:
        """Close once `seconds` (and a margin for the last buffer) have passed; never earlier
        than a release already set, so a short preview does not cut a fading bell."""
        due = self._clock.monotonic() + seconds + RELEASE_MARGIN_S
        self.at = max(due, self.at or due)

    def due(self) -> bool:
        return self.at is not None and self._clock.monotonic() >= self.at


def close_when_free(close: Callable[[], None], lock: threading.Lock, *, background: bool) -> None:
    """Run `close` under `lock` unless someone holds it (a prepare() on a worker: the device is
    wanted again); on a short-lived thread when `background`, so the caller never waits."""
    if not lock.acquire(blocking=False):
        return

    def close_and_unlock() -> None:
        try:
            close()
        finally:
            lock.release()

    if background:
        threading.Thread(target=close_and_unlock, name="backcare-audio-close").start()
    else:
        close_and_unlock()


class Releasable(Protocol):
    def release(self) -> None: ...


class _AtExit:
    """Closes every open device when the interpreter exits with one still open, before pygame
    quits SDL: a gain ticker still feeding a mixer that pygame had quit crashed the process (a
    tool that left the app open at exit, every time). The hook goes in after pygame's own,
    which the first open imports, and so runs before it (last in, first out)."""

    def __init__(self) -> None:
        self._players: weakref.WeakSet[Releasable] = weakref.WeakSet()
        self._hooked = False

    def add(self, player: Releasable) -> None:
        if not self._hooked:
            atexit.register(self.close_all)
            self._hooked = True
        self._players.add(player)

    def close_all(self) -> None:
        for player in list(self._players):
            player.release()


_AT_EXIT = _AtExit()


def close_at_exit(player: Releasable) -> None:
    """`player.release()` at interpreter exit, if it is still around (see `_AtExit`)."""
    _AT_EXIT.add(player)
