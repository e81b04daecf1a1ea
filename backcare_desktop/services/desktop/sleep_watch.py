"""Hear when the machine goes to sleep and wakes up (systemd-logind's PrepareForSleep).

Reminders are checked on a coarse timer anyway; this lets the app re-check the moment the
machine wakes, so a reminder missed during sleep is offered at once, not up to 30 s later.
Where logind is absent (other systems, containers) a NullSleepWatch says why and the coarse
timer alone does the job.

`on_change(going_to_sleep)` runs on the listener thread unless `deliver` is given (the GUI
passes one that posts the call onto the Qt thread, as for notifications).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Protocol

from jeepney import MatchRule, Message

from backcare_desktop.services.desktop.bus import Bus
from backcare_desktop.services.desktop.notifications import Deliver

log = logging.getLogger(__name__)

LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"


class SleepWatch(Protocol):
    def close(self) -> None: ...


class NullSleepWatch:
    """No sleep signals here; `reason` says why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def close(self) -> None:
        return None


class LogindSleepWatch:
    """Calls `on_change(True)` before the machine sleeps and `on_change(False)` after it wakes.

    Listens on the system `bus`, which whoever opened it also closes."""

    def __init__(
        self,
        on_change: Callable[[bool], None],
        bus: Bus,
        *,
        deliver: Deliver | None = None,
    ) -> None:
        self._on_change = on_change
        self._deliver = deliver or (lambda call: call())
        rule = MatchRule(
            type="signal", interface=LOGIND_MANAGER, member="PrepareForSleep", path=LOGIND_PATH
        )
        self._listener = bus.listen(rule, self._on_signal, "sleep-watch")
        self._closed = False

    def _on_signal(self, message: Message) -> None:
        going_to_sleep = bool(message.body[0])
        self._deliver(lambda: self._on_change(going_to_sleep))

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._listener.stop()


def watch_sleep(
    on_change: Callable[[bool], None],
    *,
    bus: Bus,
    deliver: Deliver | None = None,
) -> SleepWatch:
    """A LogindSleepWatch where the system `bus` is reachable, else a NullSleepWatch."""
    if not sys.platform.startswith("linux"):
        return _null("logind exists only on Linux")
    if bus.reason:
        return _null(f"no system bus: {bus.reason}")
    try:
        return LogindSleepWatch(on_change, bus, deliver=deliver)
    except Exception as error:
        return _null(f"the system bus is not reachable ({error})")


def _null(reason: str) -> NullSleepWatch:
    log.info("Not watching for sleep and wake: %s", reason)
    return NullSleepWatch(reason)
