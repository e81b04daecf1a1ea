"""Just breathe: the breathing guide on its own, for one to ten minutes.

The page only shows and asks: the run itself — its timeline, cues, captions and its end on a
finished out-breath — belongs to the SoundController, the same one that voices the guided
sessions, so a breath sounds and reads the same everywhere. Music is optional and off by
default: the chimes and the circle are enough to breathe with, and a quiet start suits a
few spare minutes at a desk.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.sound.controller import SoundController
from backcare_desktop.core.breath_timeline import BreathingTimeline
from backcare_desktop.core.breathing import BreathingPattern
from backcare_desktop.core.clock import Clock
from backcare_desktop.core.settings.preferences import Preferences
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.widgets.bounded_spin_box import clamp_note
from backcare_desktop.gui.widgets.breathing_pacer import BreathingPacer
from backcare_desktop.gui.widgets.caption_line import CaptionLine
from backcare_desktop.gui.widgets.centred_square import CentredSquare
from backcare_desktop.gui.widgets.countdown_ring import format_clock
from backcare_desktop.gui.widgets.layout_helpers import SPACE, field_label, label, spin_box

MIN_MINUTES = 1
MAX_MINUTES = 10
DEFAULT_MINUTES = 3
CLOCK_MS = 1000
PACER_MAX_PX = 360
"""The one thing on the page, so larger than in the session player; capped because repainting
costs by area (with music: 3.5 % of one core at 360 px, 4.8 % at 420 px)."""


class BreathePage(QWidget):
    """Choose a rhythm and a length, press Start, follow the circle."""

    def __init__(
        self,
        sound: SoundController,
        preferences: PreferencesModel,
        clock: Clock,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._sound = sound
        self._preferences = preferences
        self._clock = clock
        self._theme = theme
        self._running = False
        self._chosen_seconds = 0.0
        self._chosen_end = 0.0  # when the length chosen is up; the last breath then finishes
        root = QVBoxLayout(self)
        root.setContentsMargins(SPACE["xxl"], SPACE["l"], SPACE["xxl"], SPACE["l"])
        root.setSpacing(SPACE["m"])
        root.addWidget(label(tr("Just breathe"), "display"))
        intro = label(
            tr(
                "Follow the circle: breathe in as it grows, out as it shrinks. "
                "A few slow minutes are enough."
            ),
            "body",
        )
        intro.setMaximumWidth(760)
        root.addWidget(intro)
        root.addLayout(self._build_choices())
        self._below = QHBoxLayout()  # Soft music and Start, when the page is too narrow
        self._below.setSpacing(SPACE["m"])
        root.addLayout(self._below)
        self.length_note = clamp_note(self.minutes)
        root.addWidget(self.length_note)
        self.summary = label("", "secondary")
        root.addWidget(self.summary)

        self.pacer = BreathingPacer(clock)
        root.addWidget(CentredSquare(self.pacer, PACER_MAX_PX), 1)
        self.caption = CaptionLine("heading")
        self.caption.setMinimumHeight(self.caption.fontMetrics().lineSpacing() * 2)
        root.addWidget(self.caption)
        self.remaining = label("", "secondary")
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        root.addWidget(self.remaining)

        self._tick = QTimer(self)
        self._tick.setInterval(CLOCK_MS)
        self._tick.timeout.connect(self.show_remaining)
        sound.practiceCaption.connect(self._caption)
        sound.practiceEnded.connect(self._ended)
        preferences.changed.connect(self._preferences_changed)
        self.set_theme(theme)
        self.pacer.set_reduced_motion(preferences.value.reduced_motion)
        self._show_pattern()

    def _build_choices(self) -> QHBoxLayout:
        row = self._row = QHBoxLayout()
        row.setSpacing(SPACE["m"])
        self.pattern = QComboBox()
        row.addWidget(field_label(tr("Rhythm"), self.pattern))
        self.pattern.setAccessibleName(tr("Breathing rhythm"))
        for pattern in self._sound.patterns().values():
            self.pattern.addItem(pattern.name, pattern.id)
        self._select_pattern(self._preferences.value.breathing_pattern)
        self.pattern.currentIndexChanged.connect(lambda _i: self._show_pattern())
        row.addWidget(self.pattern)
        row.addSpacing(SPACE["s"])
        self.minutes = spin_box()
        row.addWidget(field_label(tr("Length"), self.minutes))
        self.minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes.setValue(DEFAULT_MINUTES)
        self.minutes.setSuffix(tr(" min"))
        self.minutes.setAccessibleName(tr("Length in minutes"))
        row.addWidget(self.minutes)
        row.addSpacing(SPACE["s"])
        self.music = QCheckBox(tr("Soft music"))
        self.music.setToolTip(tr("Play your background music too (the chimes play either way)"))
        row.addWidget(self.music)
        row.addStretch(1)
        self.start_button = QPushButton(tr("Start"))
        self.start_button.setProperty("primary", True)
        self.start_button.setMinimumWidth(120)
        self.start_button.clicked.connect(self.toggle)
        row.addWidget(self.start_button)
        return row

    def fit_room(self, room: QSize) -> None:
        """Where the room is narrower than the row of choices (200 % on a laptop), put Soft
        music and Start on a line of their own below, so Start stays on the screen (the page
        scroller tells the room, see PageStack: the page is never narrower than its minimum)."""
        wrapped = self._below.count() > 0
        needed = self._row.minimumSize().width() + 2 * SPACE["xxl"]  # the page's side margins
        if wrapped:  # as wide as the row would be with them back in it
            moved = (self.music, self.start_button)
            needed += sum(w.sizeHint().expandedTo(w.minimumSize()).width() for w in moved)
            needed += 2 * self._row.spacing()
        wrap = room.width() < needed
        if wrap == wrapped:
            return
        if wrap:
            for widget in (self.music, self.start_button):
                self._row.removeWidget(widget)
            self._below.addWidget(self.music)
            self._below.addStretch(1)
            self._below.addWidget(self.start_button)
        else:
            while self._below.count():
                self._below.takeAt(0)
            self._row.insertWidget(self._row.count() - 1, self.music)
            self._row.addWidget(self.start_button)

    # -- choices -----------------------------------------------------------------------------

    def _select_pattern(self, pattern_id: str) -> None:
        index = self.pattern.findData(pattern_id)
        if index >= 0:
            self.pattern.setCurrentIndex(index)

    def chosen_pattern(self) -> BreathingPattern:
        return self._sound.pattern_for(self.pattern.currentData())

    def _show_pattern(self) -> None:
        """Say what the rhythm is, and show its first breath, still, until Start."""
        pattern = self.chosen_pattern()
        self.summary.setText(pattern.summary)
        if not self._running:
            self.pacer.hold_ready(BreathingTimeline(pattern, self._clock.monotonic()))

    def _preferences_changed(self, prefs: Preferences) -> None:
        self.pacer.set_reduced_motion(prefs.reduced_motion)
        if not self._running:
            self._select_pattern(prefs.breathing_pattern)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.pacer.set_colors({**theme.tokens, "surface": theme["background"]})

    # -- running -----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    def toggle(self) -> None:
        if self._running:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        timeline = self._sound.start_practice(
            self.chosen_pattern(), self.minutes.value(), music=self.music.isChecked()
        )
        if timeline is None:
            self.caption.show_caption(tr("A routine is running; breathe along with it."))
            return
        self._running = True
        self._chosen_seconds = self.minutes.value() * 60.0
        self._chosen_end = timeline.start + self._chosen_seconds
        self.pacer.set_timeline(timeline)
        self._set_controls()
        self.show_remaining()
        self._tick.start()

    def stop(self) -> None:
        self._sound.stop_practice()

    def _ended(self, completed: bool) -> None:
        if not self._running:
            return
        self._running = False
        self._tick.stop()
        self._set_controls()
        self._show_pattern()
        if completed:
            self.remaining.setText(tr("Well done. Notice how you feel before you carry on."))
        else:
            self.caption.show_caption("", announced=False)
            self.remaining.setText("")

    def _set_controls(self) -> None:
        self.start_button.setText(tr("Stop") if self._running else tr("Start"))
        self.start_button.setProperty("primary", not self._running)
        style = self.start_button.style()
        style.unpolish(self.start_button)
        style.polish(self.start_button)
        for widget in (self.pattern, self.minutes, self.music):
            widget.setEnabled(not self._running)

    def _caption(self, text: str) -> None:
        self.caption.show_caption(text)

    def show_remaining(self) -> None:
        """The time left of the length chosen ("3:00 left" for three minutes, while settling
        in too), then "Finishing this breath" while the run ends on a whole out-breath."""
        if self._sound.practice_ends_at is None:
            return
        left = min(self._chosen_seconds, self._chosen_end - self._clock.monotonic())
        if left <= 0:
            self.remaining.setText(tr("Finishing this breath"))
        else:
            self.remaining.setText(tr("%1 left", format_clock(left)))

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the page (not minimising the window) ends the breathing quietly."""
        if not event.spontaneous() and self._running:
            self.stop()
        super().hideEvent(event)
