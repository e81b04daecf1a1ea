"""How long the engine holds the sound device: one lock per process, and when to let go.

SDL has one audio device per process, so every player opens and closes it under DEVICE_LOCK.
The device is held only while sound plays: closing the mixer is what frees the sound server's
stream, as SDL keeps a paused device's stream running, playing zeros (measured on a PulseAudio
null sink: RUNNING, Corked: no). So the engine sets a release time when its sound is done, and
its poll() closes the device once that time has passed, on a short-lived thread, so the ~50 ms
SDL takes to close never lands on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import Enum

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
