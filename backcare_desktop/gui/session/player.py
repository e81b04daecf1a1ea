"""The session player: the picture large, what to do, how long is left, and calm controls.

On a breathing step the breathing pacer takes the picture's place. It follows the timeline the
sound controller hands over (the same one its chimes follow), so circle, captions and chimes
cannot disagree; it is created the first time a breathing step comes up. Its size is capped
(PACER_MAX_PX): repainting a moving circle costs in proportion to its area. Measured with
tests/benchmarks/session_cpu.py (a breathing step with music, 1180 × 780 window): 4.1 % of one
core at 320 px, 4.8–5.3 % at 360 px, 6.6 % uncapped (650 × 497); the target is 5 %.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.breath_timeline import BreathingTimeline
from backcare_desktop.core.clock import Clock
from backcare_desktop.core.routine import Routine, Side, Step
from backcare_desktop.core.session import SessionMachine
from backcare_desktop.gui.look.focus_ring import RADIUS_PROPERTY as FOCUS_RADIUS
from backcare_desktop.gui.look.text import duration_text, spoken_duration, step_title, tr
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.widgets.accessibility import announce
from backcare_desktop.gui.widgets.breathing_pacer import BreathingPacer
from backcare_desktop.gui.widgets.caption_line import CaptionLine
from backcare_desktop.gui.widgets.centred_square import CentredSquare
from backcare_desktop.gui.widgets.control_button import ControlButton
from backcare_desktop.gui.widgets.countdown_ring import CountdownRing, format_clock
from backcare_desktop.gui.widgets.illustration import IllustrationView
from backcare_desktop.gui.widgets.layout_helpers import SPACE, focus_when_scrolling, label
from backcare_desktop.gui.widgets.segmented_progress import SegmentedProgress
from backcare_desktop.gui.widgets.snug_scroll import MINIMUM_LINES, SnugScrollArea

PACER_MAX_PX = 320
CONTROL_RADIUS, COMPACT_CONTROL_RADIUS = 24, 20
"""The round session controls' corners (the style sheet's border-radius; a compact button's
is its half-width, as the style sheet sets for `compact` ones)."""


def side_text(side: Side | None) -> str:
    if side is Side.LEFT:
        return tr("Left side")
    if side is Side.RIGHT:
        return tr("Right side")
    return ""


def note_text(step: Step) -> str:
    """The person's own note for the step, as the session shows and says it."""
    return tr("Your note: %1", step.note) if step.note else ""


COMPACT_WIDTH, COMPACT_HEIGHT, SHORT_HEIGHT = 1100, 700, 480
"""Below these page sizes the session packs tighter (see SessionPage.resizeEvent)."""
RING_LARGE, RING_SMALL, RING_TINY = 168, 124, 96
TINY_ROOM = 360
"""Below this height of room (200 % on a 1366×768 or 1280×720 screen: about 290 and 265
points; 1280×720 at 150 % has 363, where the page as it is fits) the session packs
tightest: thinner margins and gaps, a smaller ring and round buttons, so the countdown and
the buttons stay in view (see SessionPage.fit_room)."""
RING_MINI = 64
TINY_WORDS_LINES = 2
BUTTON_SIDES = {"pause": 64, "other": 52}
TINY_BUTTON_SIDES = {"pause": 48, "other": 40}


class SessionPage(QWidget):
    def __init__(
        self, theme: Theme, actions: dict[str, QAction], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._theme = theme
        root = self._root = QVBoxLayout(self)
        self._tiny = False

        top = QHBoxLayout()
        self.routine_label = label("", "secondary", wrap=False)
        top.addWidget(self.routine_label)
        top.addStretch(1)
        self.position_label = label("", "secondary", wrap=False)
        top.addWidget(self.position_label)
        focus = ControlButton()
        focus.setDefaultAction(actions["focus"])
        top.addWidget(focus)
        root.addLayout(top)

        middle = QHBoxLayout()
        self._middle = middle
        middle.setSpacing(SPACE["xl"])
        self.visual = QStackedWidget()
        self.illustration = IllustrationView(theme)
        self.visual.addWidget(self.illustration)
        self.pacer: BreathingPacer | None = None
        self.pacer_frame: QWidget | None = None
        self.visual.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        middle.addWidget(self.visual, 3)

        # The words scroll in a small window; the countdown below them never does, so a
        # person following a step sees the time left at any size (1366×768 at 150 % too).
        side_panel = QVBoxLayout()
        side_panel.setSpacing(SPACE["m"])
        self._side_panel = side_panel
        self.side_badge = label("", "badge")
        badge_row = QHBoxLayout()
        badge_row.addWidget(self.side_badge)
        badge_row.addStretch(1)
        side_panel.addLayout(badge_row)
        self.step_title = label("", "title")
        side_panel.addWidget(self.step_title)
        self.instructions = label("", "body")
        self.instructions.setMaximumWidth(560)
        side_panel.addWidget(self.instructions)
        self.note = label("", "field")  # the person's own words for the step
        self.note.setMaximumWidth(560)
        self.note.hide()
        side_panel.addWidget(self.note)
        self.cautions = label("", "secondary")
        self.cautions.setMaximumWidth(560)
        side_panel.addWidget(self.cautions)
        words = QWidget()
        words.setLayout(side_panel)
        side_scroll = self.words_scroll = SnugScrollArea(words)
        side_scroll.setAccessibleName(tr("What to do"))
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        focus_when_scrolling(side_scroll)
        ring_row = QHBoxLayout()
        ring_row.setSpacing(SPACE["l"])
        self.ring = CountdownRing()
        ring_row.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignTop)
        beside_ring = QVBoxLayout()
        beside_ring.addStretch(1)
        self.paused_label = label(tr("Paused — press Space to continue"), "heading")
        self.paused_label.hide()
        beside_ring.addWidget(self.paused_label)
        self.next_label = label("", "secondary")
        beside_ring.addWidget(self.next_label)
        beside_ring.addStretch(1)
        ring_row.addLayout(beside_ring, 1)
        side = QWidget()
        column = self._side_column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACE["m"])
        column.addStretch(1)
        column.addWidget(side_scroll)
        column.addLayout(ring_row)
        column.addStretch(1)
        side.setMinimumWidth(340)
        side.setMaximumWidth(600)
        middle.addWidget(side, 2)
        root.addLayout(middle, 1)

        self.progress = SegmentedProgress()
        root.addWidget(self.progress)

        controls = QHBoxLayout()
        controls.setSpacing(SPACE["m"])
        controls.addStretch(1)
        self.buttons: dict[str, QToolButton] = {}
        for name in ("back", "pause", "skip", "stop"):
            button = ControlButton()
            button.setObjectName("control")
            button.setDefaultAction(actions[name])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            if name == "pause":
                button.setProperty("primary", True)
            controls.addWidget(button)
            self.buttons[name] = button
        controls.addStretch(1)
        root.addLayout(controls)
        # The chime's words in the subtitle manner (a note sign, italics, quiet): set plain and
        # centred under the round buttons, "Next step" read as one more button.
        self.caption = CaptionLine("caption")
        self.caption.setMinimumHeight(self.caption.fontMetrics().lineSpacing())  # no jump
        root.addWidget(self.caption)
        self._chrome = [self.routine_label, self.position_label]
        self._last_step: Step | None = None
        self._pack()
        self.set_theme(theme)

    def fit_room(self, room: QSize) -> None:
        """Pack tightest in a very short room (the page scroller tells it, see PageStack):
        the page's own height cannot, as it never gets below the page's minimum."""
        tiny = room.height() < TINY_ROOM
        if tiny != self._tiny:
            self._tiny = tiny
            self._pack()
            self._size_ring(self.height())

    def _pack(self) -> None:
        gap = SPACE["xs"] if self._tiny else SPACE["m"]
        self._root.setContentsMargins(SPACE["xl"], gap, SPACE["xl"], gap)
        self._root.setSpacing(gap)
        self.words_scroll.set_minimum_lines(TINY_WORDS_LINES if self._tiny else MINIMUM_LINES)
        sides = TINY_BUTTON_SIDES if self._tiny else BUTTON_SIDES
        for name, button in self.buttons.items():
            side = sides["pause" if name == "pause" else "other"]
            button.setFixedSize(side, side)
            button.setIconSize(button.size() * 0.45)
            compact = side < 2 * CONTROL_RADIUS
            button.setProperty(FOCUS_RADIUS, COMPACT_CONTROL_RADIUS if compact else CONTROL_RADIUS)
            if bool(button.property("compact")) != compact:
                button.setProperty("compact", compact)
                button.style().unpolish(button)
                button.style().polish(button)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.illustration.set_theme(theme)
        self.ring.set_colors(
            theme["border"], theme["accent"], theme["text"], theme["text_secondary"]
        )
        self.progress.set_colors(theme["border"], theme["accent"], theme["text_secondary"])
        if self.pacer is not None:
            self.pacer.set_colors({**theme.tokens, "surface": theme["background"]})

    def resizeEvent(self, event: QResizeEvent) -> None:
        """In a small window the words get more of the width and the ring gets smaller, so a
        step's instructions, cautions and countdown all stay in view."""
        small_width = event.size().width() < COMPACT_WIDTH
        self._middle.setStretch(0, 1 if small_width else 3)
        self._middle.setStretch(1, 1 if small_width else 2)
        self._size_ring(event.size().height())
        super().resizeEvent(event)

    def _size_ring(self, height: int) -> None:
        small_height = height < COMPACT_HEIGHT
        short = height < SHORT_HEIGHT  # 150 % on a laptop: words need room
        side = RING_SMALL if small_height else RING_LARGE
        side = RING_MINI if self._tiny else RING_TINY if short else side
        self.ring.setFixedSize(side, side)
        self._side_panel.setSpacing(SPACE["s"] if small_height else SPACE["m"])
        column_gap = SPACE["s"] if small_height else SPACE["m"]
        self._side_column.setSpacing(SPACE["xs"] if self._tiny else column_gap)

    def set_focus_mode(self, on: bool) -> None:
        for widget in self._chrome:
            widget.setVisible(not on)

    def begin(self, routine: Routine) -> None:
        self.routine_label.setText(routine.name)
        self.progress.set_steps(
            [float(step.seconds) for step in routine.steps],
            [step_title(step) for step in routine.steps],
        )
        self.caption.show_caption("", announced=False)
        self._last_step = None

    def show_step(self, machine: SessionMachine) -> None:
        """Show the current step and tell a screen reader which step it is now."""
        step: Step = machine.current_step
        technique = step.technique
        self.illustration.set_illustration(technique.illustration_file(step.side), step_title(step))
        self.step_title.setText(technique.name)
        badge = side_text(step.side)
        self.side_badge.setText(badge)
        self.side_badge.setVisible(bool(badge))
        self.instructions.setText(" ".join(technique.instructions))
        self.cautions.setText(" ".join(technique.cautions))
        self.note.setText(note_text(step))
        self.note.setVisible(bool(step.note))
        steps = machine.routine.steps
        if machine.index + 1 < len(steps):
            upcoming = steps[machine.index + 1]
            self.next_label.setText(
                tr("Next: %1 · %2", step_title(upcoming), duration_text(upcoming.seconds))
            )
        else:
            self.next_label.setText(tr("Last step — then a moment to notice how you feel."))
        self.refresh(machine)
        self._announce_step(machine)

    def _announce_step(self, machine: SessionMachine) -> None:
        step, previous = machine.current_step, self._last_step
        self._last_step = step
        text = tr(
            "Step %1 of %2: %3, %4",
            str(machine.index + 1),
            str(len(machine.routine.steps)),
            step_title(step),
            spoken_duration(step.seconds),
        )
        switched = (
            previous is not None
            and step.side is not None
            and previous.technique.id == step.technique.id
            and previous.side != step.side
        )
        if switched:
            text = tr("Switch sides. %1", text)
        if step.note:
            text = tr("%1. %2", text, note_text(step))
        announce(self, text)

    def announce_pause(self, paused: bool) -> None:
        announce(self, tr("Paused") if paused else tr("Continuing"))

    def focus_controls(self) -> None:
        """Put the keyboard on the session's main control (Pause) as the session starts, so a
        screen reader starts on something that can be used, not on the page's scroll area."""
        self.buttons["pause"].setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self, machine: SessionMachine) -> None:
        step = machine.current_step
        remaining = machine.step_remaining()
        self.ring.set_time(remaining, step.seconds, tr("of %1", duration_text(step.seconds)))
        self.position_label.setText(
            tr(
                "Step %1 of %2 · %3 left",
                str(machine.index + 1),
                str(len(machine.routine.steps)),
                format_clock(machine.total_remaining()),
            )
        )
        fraction = 1 - remaining / step.seconds if step.seconds else 1.0
        self.progress.set_progress(machine.outcomes, machine.index, fraction)
        paused = machine.paused
        self.paused_label.setVisible(paused)
        if paused:
            self.caption.show_caption("", announced=False)  # the last chime's is old news

    def show_caption(self, text: str) -> None:
        self.caption.show_caption(text, shown=tr("♪ %1", text) if text else "")

    # -- breathing steps ---------------------------------------------------------------------

    def show_breathing(
        self, timeline: BreathingTimeline | None, clock: Clock, *, reduced_motion: bool = False
    ) -> None:
        """Show the pacer following `timeline` in place of the picture; None brings the picture
        back. The pacer animates only while it is visible and the session runs."""
        if timeline is None:
            if self.pacer is not None:
                self.pacer.stop()
            self.visual.setCurrentWidget(self.illustration)
            return
        pacer = self._pacer(clock)
        pacer.set_reduced_motion(reduced_motion)
        pacer.set_timeline(timeline)
        assert self.pacer_frame is not None
        self.visual.setCurrentWidget(self.pacer_frame)

    def pause_breathing(self) -> None:
        """Freeze the pacer where the breath is (the session paused)."""
        if self.pacer is not None:
            self.pacer.pause()

    def set_reduced_motion(self, on: bool) -> None:
        if self.pacer is not None:
            self.pacer.set_reduced_motion(on)

    def _pacer(self, clock: Clock) -> BreathingPacer:
        if self.pacer is None:
            colors = {**self._theme.tokens, "surface": self._theme["background"]}
            self.pacer = BreathingPacer(clock, colors)
            self.pacer_frame = CentredSquare(self.pacer, PACER_MAX_PX)
            self.visual.addWidget(self.pacer_frame)
        return self.pacer
