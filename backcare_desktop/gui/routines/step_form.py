"""One step's settings in the routine editor: how long (within the technique's bounds), which
side for a technique done per side, the breathing pattern for a breathing step, the area it is
for, and the person's own note, which the session shows with the step.

Only what applies to the step is shown: a side for per-side techniques, a pattern for
breathing; each field is tied to its visible label, so a screen reader names it by its label.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.breathing import BreathingPattern
from backcare_desktop.core.regions import REGION_NAMES
from backcare_desktop.core.routine import Technique
from backcare_desktop.core.routine_draft import DraftStep, StepSide
from backcare_desktop.core.routine_rules import MAX_NOTE_LENGTH
from backcare_desktop.gui.look.text import duration_text, tr, translated
from backcare_desktop.gui.widgets.bounded_spin_box import clamp_note
from backcare_desktop.gui.widgets.layout_helpers import SPACE, field_label, label, spin_box

DURATION_STEP = 5
"""The arrows move a step's length by the routines' own grain of 5 seconds."""


class StepForm(QWidget):
    """See the module docstring; `edited(DraftStep)` after each change the person makes."""

    edited = Signal(object)  # DraftStep

    def __init__(
        self, patterns: Mapping[str, BreathingPattern], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._step: DraftStep | None = None
        self._loading = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACE["s"])
        self.title = label("", "heading")
        column.addWidget(self.title)
        self.hint = label(tr("Choose a step to set its length, side and note."), "secondary")
        column.addWidget(self.hint)
        self._rows: dict[QWidget, QWidget] = {}
        self._tags: list[QLabel] = []

        self.duration = spin_box()
        self.duration.setSuffix(tr(" s"))
        self.duration.setSingleStep(DURATION_STEP)
        self.duration.setAccessibleName(tr("Duration in seconds"))
        self.duration_words = label("", "secondary", wrap=False)
        self._row(tr("&Duration"), self.duration, self.duration_words)
        self.clamped = clamp_note(self.duration)
        duration_row = self._rows[self.duration].layout()
        assert duration_row is not None
        duration_row.addWidget(self.clamped)

        self.side = QComboBox()
        self.side.addItem(tr("Both sides (one after the other)"), StepSide.BOTH.value)
        self.side.addItem(tr("Left side"), StepSide.LEFT.value)
        self.side.addItem(tr("Right side"), StepSide.RIGHT.value)
        self.side.setAccessibleName(tr("Side"))
        self._row(tr("S&ide"), self.side)

        self.breathing = QComboBox()
        self.breathing.addItem(tr("My usual pattern (from Settings)"), None)
        for pattern in patterns.values():
            self.breathing.addItem(pattern.name, pattern.id)
        self.breathing.setAccessibleName(tr("Breathing pattern"))
        self._row(tr("&Breathing"), self.breathing)

        self.area = QComboBox()
        self.area.setAccessibleName(tr("Area of the back"))
        self.area.setToolTip(tr("Which part of your back this step is for"))
        self._row(tr("&Area"), self.area)

        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE_LENGTH)
        self.note.setPlaceholderText(tr("For example: physio: keep the elbow low"))
        self.note.setToolTip(tr("Shown with this step during the session"))
        self.note.setAccessibleName(tr("Your note for this step"))
        self._row(tr("Your &note"), self.note)
        for row in self._rows.values():
            column.addWidget(row)
        width = max(tag.sizeHint().width() for tag in self._tags)
        for tag in self._tags:
            tag.setMinimumWidth(width)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.duration.valueChanged.connect(lambda _value: self._changed())
        self.side.currentIndexChanged.connect(lambda _index: self._changed())
        self.breathing.currentIndexChanged.connect(lambda _index: self._changed())
        self.area.currentIndexChanged.connect(lambda _index: self._changed())
        self.note.textEdited.connect(lambda _text: self._changed())
        self.show_step(None, None)

    def _row(self, text: str, field: QWidget, beside: QWidget | None = None) -> None:
        """A label and its field on one line, in a box of their own, so a row that does not
        apply to the step hides whole, spacing and all."""
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACE["xs"])
        line = QHBoxLayout()
        line.setSpacing(SPACE["m"])
        tag = field_label(text, field)
        self._tags.append(tag)
        line.addWidget(tag)
        line.addWidget(field, 0 if beside is not None else 1)
        if beside is not None:
            line.addWidget(beside, 1)
        column.addLayout(line)
        self._rows[field] = row

    def _show_row(self, field: QWidget, shown: bool) -> None:
        self._rows[field].setVisible(shown)

    def fields(self) -> list[QWidget]:
        """The form's controls in reading order (for the page's Tab order)."""
        return [self.duration, self.side, self.breathing, self.area, self.note]

    def show_step(
        self, step: DraftStep | None, technique: Technique | None, number: int = 0
    ) -> None:
        """Fill the form with `step` (None: no step chosen, the form rests)."""
        self._step = step
        self._loading = True
        try:
            chosen = step is not None and technique is not None
            self.hint.setVisible(not chosen)
            for field in self.fields():
                self._show_row(field, chosen)
            self.clamped.hide()
            if step is None or technique is None:
                self.title.setText(tr("Step settings"))
                return
            self.title.setText(tr("Step %1: %2", number, technique.name))
            span = technique.duration
            self.duration.setRange(span.minimum, span.maximum)
            self.duration.setValue(step.seconds)
            bounds = tr("%1 to %2", duration_text(span.minimum), duration_text(span.maximum))
            self.duration_words.setText(bounds)
            self.duration.setAccessibleDescription(bounds)
            self._show_row(self.side, technique.per_side)
            side = (step.side or StepSide.BOTH).value
            self.side.setCurrentIndex(max(self.side.findData(side), 0))
            self._show_row(self.breathing, technique.family == "breathing")
            self.breathing.setCurrentIndex(max(self.breathing.findData(step.breathing), 0))
            self._fill_areas(technique, step.region)
            self.note.setText(step.note or "")
        finally:
            self._loading = False

    def _fill_areas(self, technique: Technique, region: str | None) -> None:
        self.area.clear()
        self.area.addItem(tr("Not said"), None)
        for area in technique.regions:
            self.area.addItem(translated(REGION_NAMES.get(area, area)), area)
        if region is not None and self.area.findData(region) < 0:
            self.area.addItem(translated(REGION_NAMES.get(region, region)), region)
        self.area.setCurrentIndex(max(self.area.findData(region), 0))
        self._show_row(self.area, bool(technique.regions))

    def _changed(self) -> None:
        if self._loading or self._step is None:
            return
        note = self.note.text().strip()
        side = self._step.side
        if self.side.isVisibleTo(self) and isinstance(self.side.currentData(), str):
            side = StepSide(self.side.currentData())
        self._step = replace(
            self._step,
            seconds=self.duration.value(),
            side=side,
            breathing=self._text_or_none(self.breathing.currentData()),
            region=self._text_or_none(self.area.currentData()),
            note=note or None,
        )
        self.edited.emit(self._step)

    @staticmethod
    def _text_or_none(value: object) -> str | None:
        return value if isinstance(value, str) else None
