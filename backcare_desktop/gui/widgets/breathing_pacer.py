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
second), never for frames.
"""

from __future__ import annotations

import contextlib
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
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcare_desktop.core.breathing import BreathingPattern, BreathingTimeline, Phase, PhaseState
from backcare_desktop.core.clock import Clock
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.widgets.accessibility import AccessibleReading, install_accessibility

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


def breath_fullness(state: PhaseState) -> float:
    """0 (empty) to 1 (full): eased in and out like a real breath, flat during holds."""
    if state.phase is Phase.HOLD_IN:
        return 1.0
    if state.phase is Phase.HOLD_OUT:
        return 0.0
    eased = 0.5 - 0.5 * math.cos(math.pi * state.progress)
    return eased if state.phase is Phase.INHALE else 1.0 - eased


def _blend(base: QColor, over: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        base.redF() + (over.redF() - base.redF()) * amount,
        base.greenF() + (over.greenF() - base.greenF()) * amount,
        base.blueF() + (over.blueF() - base.blueF()) * amount,
    )


def disc_fill(surface: QColor, breath: QColor) -> QColor:
    """The breath disc's colour: the breath tint laid softly over the surface. The words sit on
    it in the theme's text colour (contrast at least 5.4:1 in light, dark and dim)."""
    return _blend(surface, breath, 0.32)


def _tabular(font: QFont) -> QFont:
    tagged = QFont(font)
    with contextlib.suppress(AttributeError, TypeError):  # Qt < 6.7 has no font features
        tagged.setFeature(QFont.Tag("tnum"), 1)
    return tagged


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
            self._paint_circle(painter, centre, radius, event.rect())
        if self._state is not None:
            self._paint_words(painter, centre)
            if self._reduced_motion:
                self._paint_phase_row(painter, centre)
            self._painted = self._look()
        painter.end()

    def _paint_circle(
        self, painter: QPainter, centre: QPointF, radius: float, dirty: QRect
    ) -> None:
        """A guide ring at full size and the breath disc: a flat, soft fill under a crisp edge.

        The fill is drawn without antialiasing (the 2 px edge covers its rim): a gradient or an
        antialiased fill of a disc this large costs several times more per frame. The guide ring
        is only drawn when the repainted area reaches it.
        """
        breath, surface = self._colors["breath"], self._colors["surface"]
        full = self._full_radius()
        corner = max(
            math.hypot(x - centre.x(), y - centre.y())
            for x in (dirty.left(), dirty.right() + 1)
            for y in (dirty.top(), dirty.bottom() + 1)
        )
        if corner >= full - 2.0:
            painter.setPen(QPen(_blend(surface, breath, 0.35), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, full, full)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(disc_fill(surface, breath))
        painter.drawEllipse(centre, radius, radius)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(breath, 2.0))
        painter.drawEllipse(centre, radius, radius)

    def _fonts(self) -> tuple[QFont, QFont, float]:
        """The word and count fonts and the base size, made once per widget font."""
        base_font = self.font()
        if self._font_cache is None or self._font_cache[0] != base_font:
            base = max(base_font.pointSizeF(), 9.0)
            word_font = QFont(base_font)
            word_font.setPointSizeF(base * 1.3)
            count_font = _tabular(base_font)
            count_font.setPointSizeF(base * 2.4)
            count_font.setWeight(QFont.Weight.DemiBold)
            self._font_cache = (QFont(base_font), word_font, count_font, base)
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
        painter.drawText(word_box, Qt.AlignmentFlag.AlignCenter, word)
        painter.setFont(count_font)
        painter.setPen(self._colors["text"])
        count_box = QRectF(0, centre.y() - base * 1.4, width, base * 4.0)
        painter.drawText(count_box, Qt.AlignmentFlag.AlignCenter, count)

    def _paint_phase_row(self, painter: QPainter, centre: QPointF) -> None:
        """The breath's phases in a still row (in · hold · out), the current one in the text
        colour over a short bar; the others quieter. Nothing in it moves."""
        assert self._state is not None and self._timeline is not None
        font = QFont(self.font())
        base = max(font.pointSizeF(), 9.0)
        font.setPointSizeF(base * 0.95)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        phases = [phase for phase, _length in self._timeline.pattern.phases]
        words = [self.phase_word(phase) for phase in phases]
        gap = metrics.horizontalAdvance("  ·  ")
        width = sum(metrics.horizontalAdvance(w) for w in words) + gap * (len(words) - 1)
        x = centre.x() - width / 2
        y = centre.y() + base * 3.8
        for phase, word in zip(phases, words, strict=True):
            advance = metrics.horizontalAdvance(word)
            current = phase is self._state.phase
            painter.setPen(self._colors["text"] if current else self._colors["text_secondary"])
            painter.drawText(QPointF(x, y), word)
            if current:
                painter.setPen(QPen(self._colors["breath"], 3.0))
                painter.drawLine(QPointF(x, y + 6), QPointF(x + advance, y + 6))
            x += advance + gap
