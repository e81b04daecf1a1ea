"""The one bridge between the core session and Qt: timers drive ticks, core events become signals.

A coarse timer refreshes the countdown; a precise single-shot timer is armed for the next step
boundary so the step change (and its chime) lands on time. Both stop while paused or idle, so a
paused or finished session costs no CPU.

The window holds a controller from the start, but the core session is imported only when a
session begins: making its ten value classes cost every start's first paint about 4 ms. So the
signals carry their dataclasses as `object`, with the class named beside each. Qt's `Qt`
namespace waits for a session too (docs/ARCHITECTURE.md, "Before the first paint").
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from backcare_desktop.core.clock import Clock
from backcare_desktop.core.routine import Routine

if TYPE_CHECKING:
    from backcare_desktop.core.session import SessionEvent, SessionMachine
    from backcare_desktop.core.session_snapshot import SessionSnapshot

REFRESH_MS = 250


class SessionController(QObject):
    stepStarted = Signal(object)  # StepStarted
    paused = Signal()
    resumed = Signal()
    finished = Signal(object)  # SessionSummary
    stopped = Signal(object)  # SessionSummary
    ticked = Signal()
    # Every SessionEvent, for listeners such as sound. A union: Qt declares one class per
    # argument, so the type lives in this comment.
    coreEvent = Signal(object)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.machine: SessionMachine | None = None
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.tick)
        self._boundary = QTimer(self)
        self._boundary.setSingleShot(True)
        self._boundary.timeout.connect(self.tick)

    @property
    def active(self) -> bool:
        return self.machine is not None and self.machine.under_way

    @property
    def is_paused(self) -> bool:
        """A session is under way and paused (the tray then offers to resume it)."""
        return self.machine is not None and self.machine.paused

    def begin(self, routine: Routine, place: SessionSnapshot | None = None) -> None:
        """Start `routine`, from its first step or from where `place` says a session was."""
        from PySide6.QtCore import Qt  # see the module docstring

        from backcare_desktop.core.session import SessionMachine

        self._boundary.setTimerType(Qt.TimerType.PreciseTimer)
        self.machine = SessionMachine(routine, self.clock)
        if place is None:
            self._dispatch(self.machine.start())
            return
        self._dispatch(
            self.machine.start_from(
                place.step_index,
                place.step_elapsed,
                place.outcomes,
                place.started_at,
                place.active_seconds,
            )
        )

    def tick(self) -> None:
        if self.machine is None:
            return
        self._dispatch(self.machine.tick())
        self.ticked.emit()

    def toggle_pause(self) -> None:
        if self.active:
            assert self.machine is not None
            self._dispatch(self.machine.toggle_pause())

    def pause(self) -> None:
        """Pause a running session (closing the window, another page, the screen locking)."""
        if self.machine is not None and self.machine.running:
            self._dispatch(self.machine.pause())

    def resume(self) -> None:
        if self.machine is not None and self.machine.paused:
            self._dispatch(self.machine.resume())

    def skip(self) -> None:
        if self.active:
            assert self.machine is not None
            self._dispatch(self.machine.skip())

    def back(self) -> None:
        if self.active:
            assert self.machine is not None
            self._dispatch(self.machine.back())

    def stop(self) -> None:
        if self.active:
            assert self.machine is not None
            self._dispatch(self.machine.stop())

    def _dispatch(self, events: list[SessionEvent]) -> None:
        from backcare_desktop.core.session import (  # loaded by begin(): see the module docstring
            SessionFinished,
            SessionPaused,
            SessionResumed,
            SessionStopped,
            StepStarted,
        )

        for event in events:
            self.coreEvent.emit(event)
            if isinstance(event, StepStarted):
                self.stepStarted.emit(event)
            elif isinstance(event, SessionPaused):
                self.paused.emit()
            elif isinstance(event, SessionResumed):
                self.resumed.emit()
            elif isinstance(event, SessionFinished):
                self.finished.emit(event.summary)
            elif isinstance(event, SessionStopped):
                self.stopped.emit(event.summary)
        self._arm_timers()

    def _arm_timers(self) -> None:
        running = self.machine is not None and self.machine.running
        if not running:
            self._refresh.stop()
            self._boundary.stop()
            return
        assert self.machine is not None
        if not self._refresh.isActive():
            self._refresh.start()
        self._boundary.start(max(1, math.ceil(self.machine.step_remaining() * 1000)))
