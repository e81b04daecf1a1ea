"""The gain ticker: a short-lived thread that keeps the soundscapes' mix fed and walks the gains.

The soundscapes' mix is rendered in Python (mixdown.py) and queued on one mixer channel a 200 ms
chunk at a time: the ticker queues the next whenever the channel has room, every 40 ms. The
person's own music plays on SDL's stream, whose volume SDL reads once per buffer (11.6 ms), so
while one of its glides runs the ticker sets it every 10 ms. It also writes a change of mute or
the pause hush into the ringing chimes' samples (chime_gain.py), so the GUI thread never does
that work. With nothing gliding, 40 ms
wake-ups are ten times fewer over a whole session: at 100 a second the session cost 5.3-5.5 %
of a core, over the 5 % budget. It exists only while something glides or music plays, and ends
by itself after, so an idle app costs no wake-ups.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

TICK_S = 0.010
FEED_S = 0.040
"""With nothing gliding: the queued chunk (200 ms) leaves five wake-ups to queue the next."""


class GainTicker:
    """Calls `step()` while it returns True: every TICK_S while `gliding()`, else every FEED_S;
    `wake()` starts it again."""

    def __init__(
        self,
        step: Callable[[], bool],
        *,
        gliding: Callable[[], bool] = lambda: True,
        background: bool = True,
    ) -> None:
        """`background=False` (tests on a FakeClock): no thread; the test calls `step()`."""
        self._step = step
        self._gliding = gliding
        self._background = background
        self._lock = threading.Lock()
        self._running = False
        self._pending = False
        self._quit = threading.Event()

    @property
    def running(self) -> bool:
        return self._running

    def wake(self) -> None:
        """Something started gliding: make sure the thread runs (cheap when it already does)."""
        if not self._background:
            return
        with self._lock:
            self._pending = True
            self._quit.clear()
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._run, name="backcare-audio-gain", daemon=True).start()

    def stop(self) -> None:
        """Cut the thread's wait short (the device is closing; its next step finds no glide)."""
        self._quit.set()

    def _run(self) -> None:
        while True:
            with self._lock:
                self._pending = False
            gliding = self._step()
            with self._lock:
                if not gliding and not self._pending:
                    self._running = False
                    return
            if gliding:
                self._quit.wait(TICK_S if self._gliding() else FEED_S)
