"""The breathing pacer: a soft circle that grows as you breathe in and shrinks as you breathe out.

It draws, it does not decide: the phase comes from a `BreathingTimeline` (core/breathing.py)
evaluated at the Clock's monotonic time, so the circle and the chimes (scheduled by the session's
tick from the same timeline) can never drift apart, and a slow frame only skips a frame.

Repainting costs something, so frames run only while the pacer is visible, running and not
paused, at most at the screen's refresh rate (capped at 60 Hz), and only when something visible
changes: while the circle moves that is every frame; during a hold, or the slow turn at the top
and bottom of a breath, the pacer sleeps until the edge moves half a pixel or the count changes.
With reduced motion nothing moves: the phase word, the count, and a still row naming the
breath's phases with the current one marked; the pacer wakes only when the count changes (once a
second), never for frames. What it paints, and how, is in breath_drawing.py.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QFont,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcare_desktop.core.breath_timeline import BreathingTimeline, PhaseState
from backcare_desktop.core.breathing import BreathingPattern, Phase
from backcare_desktop.core.clock import Clock
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.widgets.accessibility import AccessibleReading, install_accessibility
from backcare_desktop.gui.widgets.breath_drawing import (
    CentredWords,
    breath_fullness,
    disc_fill,
    paint_circle,
    paint_phase_row,
    word_fonts,
)

DEFAULT_COLORS = {
    "breath": "#7fa38a",
    "text": "#2b2f33",
    "text_secondary": "#5f666d",
    "surface": "#ffffff",
}
MIN_VISIBLE_STEP_PX = 0.5  # an edge moving less than half a pixel is not worth a repaint
LOOKAHEAD_FRAMES = 60
SMALLEST = 0.42  # the empty-lunged circle, as a fraction of the full one (the words still fit)
MAX_FRAME_RATE = 60.0

__all__ = ["BreathingPacer", "breath_fullness", "disc_fill"]


class BreathingPacer(QWidget):
    """Shows one breathing timeline. `phaseChanged` is for display only: chimes are scheduled
    by the session's tick, which keeps running when the pacer is hidden."""

    phaseChanged = Signal(Phase)

    def __init__(
        self, clock: Clock, colors: Mapping[str, str] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        install_accessibility()
        self._clock = clock
        self._timeline: BreathingTimeline | None = None
        self._paused_at: float | None = None
        self._ready = False  # showing a breath to come, before Start: no words to follow yet
        self._reduced_motion = False
        self._state: PhaseState | None = None
        self._painted: tuple[Phase, int, float] | None = None
        self._font_cache: tuple[QFont, QFont, QFont, float] | None = None
        self._words = CentredWords()
        self._colors = {k: QColor(v) for k, v in DEFAULT_COLORS.items()}
        if colors:
            self.set_colors(colors)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_frame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(tr("Breathing guide"))
        self.setAccessibleDescription(tr("Not running"))

    # --- what to show --------------------------------------------------------------------------

    def set_colors(self, tokens: Mapping[str, str]) -> None:
        """Theme tokens: breath, text, text_secondary, surface (others are ignored).

        `surface` is the colour behind the pacer: it paints its own background (an opaque
        widget is about a fifth cheaper to repaint), so pass the colour of whatever it sits on.
        """
        for key in DEFAULT_COLORS:
            if key in tokens:
                self._colors[key] = QColor(tokens[key])
        self.update()

    def start(self, pattern: BreathingPattern, start: float) -> None:
        """Follow `pattern` from monotonic instant `start` (the breathing step's start)."""
        self.set_timeline(BreathingTimeline(pattern, start))

    def set_timeline(self, timeline: BreathingTimeline | None) -> None:
        self._timeline = timeline
        self._paused_at = None
        self._ready = False
        self._state = None
        self.refresh()
        self._update_timer()

    @property
    def timeline(self) -> BreathingTimeline | None:
        """The timeline shown, already shifted by any pauses (share it with the cue tracker)."""
        return self._timeline

    def stop(self) -> None:
        self.set_timeline(None)

    def pause(self) -> None:
        """Freeze on the current instant."""
        if self._timeline is not None and self._paused_at is None:
            self._paused_at = self._clock.monotonic()
            self._update_timer()

    def hold_ready(self, timeline: BreathingTimeline) -> None:
        """Show `timeline`'s first breath still, as a preview before Start: the circle only,
        with "Ready" in place of an instruction and a count nobody should follow yet."""
        self.set_timeline(timeline)
        self.pause()
        self._ready = True
        self.setAccessibleDescription(tr("Ready: press Start to begin"))
        self._painted = None
        self.update()

    def shown_words(self) -> tuple[str, str]:
        """The word and the count as painted now ("" when nothing is shown)."""
        if self._state is None:
            return "", ""
        if self._ready:
            return tr("Ready"), ""
        return self.phase_word(self._state.phase), str(self._state.count)

    def resume(self) -> None:
        """Carry on where the breath was frozen: the timeline moves by the paused time."""
        if self._timeline is not None and self._paused_at is not None:
            self._ready = False
            self._timeline = self._timeline.shifted(self._clock.monotonic() - self._paused_at)
            self._paused_at = None
            self.refresh()
            self._update_timer()

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def set_reduced_motion(self, reduced: bool) -> None:
        self._reduced_motion = reduced
        self._painted = None
        self._update_timer()
        self.update()

    @property
    def reduced_motion(self) -> bool:
        return self._reduced_motion

    # --- state ----------------------------------------------------------------------------------

    def current_state(self) -> PhaseState | None:
        return self._state

    def accessible_reading(self) -> AccessibleReading:
        """Read as an animation whose value is the phase and the seconds left in it (asked,
        never sent every second; each new phase is in the description)."""
        state = self._state
        if state is None:
            return AccessibleReading(QAccessible.Role.Animation, tr("Not running"))
        return AccessibleReading(
            QAccessible.Role.Animation,
            tr("%1, %n seconds left", None, state.count, self.phase_word(state.phase)),
            value=float(state.count),
            maximum=float(math.ceil(state.phase_length)),
        )

    def phase_word(self, phase: Phase) -> str:
        return {
            Phase.INHALE: tr("Breathe in"),
            Phase.HOLD_IN: tr("Hold"),
            Phase.EXHALE: tr("Breathe out"),
            Phase.HOLD_OUT: tr("Hold"),
        }[phase]

    def _full_radius(self) -> float:
        return max(0.0, min(self.width(), self.height()) / 2.0 - 6.0)

    def circle_radius(self) -> float | None:
        """The breath circle's radius in pixels as painted now; None when no circle is drawn."""
        if self._reduced_motion or self._state is None:
            return None
        return self._radius_for(self._state)

    def _radius_for(self, state: PhaseState) -> float:
        return self._full_radius() * (SMALLEST + (1.0 - SMALLEST) * breath_fullness(state))

    def refresh(self) -> None:
        """Recompute the phase for the clock's current instant; repaint if anything visible moved.

        Most frames of a slow breath move the circle's edge by well under a pixel, and a hold
        moves nothing but the count once a second: those frames are skipped, which is most of
        the pacer's CPU saving (see tests/benchmarks/session_cpu.py).
        """
        if self._timeline is None:
            self._state = None
            self._painted = None
            self.update()
            return
        now = self._paused_at if self._paused_at is not None else self._clock.monotonic()
        state = self._timeline.state_at(now)
        previous = self._state
        self._state = state
        if previous is None or (previous.phase, previous.cycle_index) != (
            state.phase,
            state.cycle_index,
        ):
            seconds = f"{state.phase_length:g}"
            self.setAccessibleDescription(
                tr("%1 for %2 seconds", self.phase_word(state.phase), seconds)
            )
            self.phaseChanged.emit(state.phase)
        if self._visible_change():
            self.update(self._dirty_rect())

    def _look(self) -> tuple[Phase, int, float]:
        """What a frame shows: phase word, count, and the circle's radius or the line's length."""
        assert self._state is not None
        radius = self.circle_radius()
        extent = radius if radius is not None else 0.0  # reduced motion: nothing moves
        return self._state.phase, self._state.count, extent

    def _visible_change(self) -> bool:
        look = self._look()
        if self._painted is None or look[:2] != self._painted[:2]:
            return True
        return abs(look[2] - self._painted[2]) >= MIN_VISIBLE_STEP_PX

    def _dirty_rect(self) -> QRect:
        """What must be repainted: while only the circle's size changed, the square round the
        larger of its old and new size (the words sit inside even the smallest circle);
        otherwise the square round the full circle, which holds everything the pacer draws."""
        look, painted = self._look(), self._painted
        if painted is None or look[:2] != painted[:2] or self.circle_radius() is None:
            reach = self._full_radius()
        else:
            reach = max(look[2], painted[2])
        side = math.ceil(2 * reach) + 8
        return QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)

    # --- frame timer ----------------------------------------------------------------------------

    def _frame_interval_ms(self) -> int:
        screen = self.screen()
        rate = screen.refreshRate() if screen is not None else MAX_FRAME_RATE
        rate = min(MAX_FRAME_RATE, rate if rate and rate > 1 else MAX_FRAME_RATE)
        return max(1, round(1000.0 / rate))

    def _frames_until_change(self, frame_s: float) -> int:
        """How many frames ahead the picture next changes visibly (edge moves half a pixel,
        count or phase changes), looking at most a second ahead. Sleeping until then, instead of
        waking every frame to find nothing to draw, is what keeps a hold or the slow turn of a
        breath nearly free; while the circle moves, that is every frame."""
        if self._timeline is None or self._state is None:
            return 1
        now = self._clock.monotonic()
        radius = self._radius_for(self._state)
        key = (self._state.phase, self._state.count)
        for frames in range(1, LOOKAHEAD_FRAMES + 1):
            ahead = self._timeline.state_at(now + frames * frame_s)
            if (ahead.phase, ahead.count) != key:
                return frames
            if abs(self._radius_for(ahead) - radius) >= MIN_VISIBLE_STEP_PX:
                return frames
        return LOOKAHEAD_FRAMES

    def _on_frame(self) -> None:
        self.refresh()
        self._update_timer()

    def _update_timer(self) -> None:
        """Arm the next frame, or stop: frames run only while visible, running and not paused."""
        should_run = self.isVisible() and self._timeline is not None and self._paused_at is None
        if not should_run:
            self._timer.stop()
            return
        if self._reduced_motion:
            self._timer.start(self._ms_until_count_changes())
            return
        interval = self._frame_interval_ms()
        self._timer.start(interval * self._frames_until_change(interval / 1000.0))

    def _ms_until_count_changes(self) -> int:
        """Reduced motion draws no frames: the next thing to change is the count (or the
        phase, which changes with it), at most a second away."""
        state = self._state
        if state is None:
            return 1000
        left = state.phase_length - state.phase_elapsed
        return max(1, min(1000, math.ceil((left - (state.count - 1)) * 1000)))

    @property
    def frame_interval_ms(self) -> int:
        """The shortest time between frames (the display's refresh, at most 60 Hz)."""
        return self._frame_interval_ms()

    @property
    def animating(self) -> bool:
        """Frames are being drawn (only while visible, running, not paused and not with
        reduced motion, where the pacer only wakes for the count: `waiting_for_count`)."""
        return self._timer.isActive() and not self._reduced_motion

    @property
    def waiting_for_count(self) -> bool:
        """With reduced motion, the one timer armed: until the count next changes."""
        return self._timer.isActive() and self._reduced_motion

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self._update_timer()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    # --- painting -------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(280, 280)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 160)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self._colors["surface"])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2.0, self.height() / 2.0)
        radius = self.circle_radius()
        if radius is not None:
            paint_circle(painter, centre, radius, self._full_radius(), event.rect(), self._colors)
        if self._state is not None:
            self._paint_words(painter, centre)
            if self._reduced_motion:
                self._paint_phase_row(painter, centre)
            self._painted = self._look()
        painter.end()

    def _fonts(self) -> tuple[QFont, QFont, float]:
        """The word and count fonts and the base size, made once per widget font."""
        base_font = self.font()
        if self._font_cache is None or self._font_cache[0] != base_font:
            self._font_cache = (QFont(base_font), *word_fonts(base_font))
        _, word_font, count_font, base = self._font_cache
        return word_font, count_font, base

    def _paint_words(self, painter: QPainter, centre: QPointF) -> None:
        assert self._state is not None
        word_font, count_font, base = self._fonts()
        word, count = self.shown_words()
        painter.setFont(word_font)
        painter.setPen(self._colors["text"])
        width = self.width()
        word_box = QRectF(0, centre.y() - base * 4.2, width, base * 2.6)
        self._words.draw(painter, word_box, word)
        painter.setFont(count_font)
        painter.setPen(self._colors["text"])
        count_box = QRectF(0, centre.y() - base * 1.4, width, base * 4.0)
        self._words.draw(painter, count_box, count)

    def _paint_phase_row(self, painter: QPainter, centre: QPointF) -> None:
        assert self._state is not None and self._timeline is not None
        phases = [(phase, self.phase_word(phase)) for phase, _ in self._timeline.pattern.phases]
        paint_phase_row(painter, self.font(), centre, phases, self._state.phase, self._colors)
