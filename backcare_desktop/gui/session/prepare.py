"""Prepare: settle in before the first step, choose today's length, optionally rate tension."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from backcare_desktop.core.routine import Routine, scale_to_minutes
from backcare_desktop.gui.look.text import duration_text, minutes_text, step_title, tr
from backcare_desktop.gui.widgets.bounded_spin_box import clamp_note
from backcare_desktop.gui.widgets.layout_helpers import (
    SPACE,
    card,
    field_label,
    label,
    scroll_over_footer,
    spin_box,
)
from backcare_desktop.gui.widgets.tension_scale import TensionScale
from backcare_desktop.resources import MissingAssetError, asset_path

log = logging.getLogger(__name__)
MIN_MINUTES, MAX_MINUTES = 5, 30


def load_prepare_items() -> list[str]:
    try:
        data = json.loads(asset_path("prepare.json").read_text(encoding="utf-8"))
        return [str(item["text"]) for item in data["items"]]
    except (MissingAssetError, ValueError, KeyError, TypeError) as exc:
        log.warning("prepare checklist unavailable: %s", exc)
        return []


@dataclass(frozen=True)
class StartRequest:
    """What Begin hands on: the routine scaled to today's length, and the optional extras."""

    routine: Routine
    tension_before: int | None
    oil: str | None


class PreparePage(QWidget):
    """The plan scrolls; the rating, Back and Begin stay in view below it, at any size."""

    startRequested = Signal(StartRequest)
    backRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._routine: Routine | None = None
        # The plan scrolls; the rating, Back and Begin stay in view below it, at any window
        # size and text size.
        column, footer_column = scroll_over_footer(self, 1000)
        column.addWidget(label(tr("Before you begin"), "secondary"))
        self.title = label("", "title")
        column.addWidget(self.title)
        self.summary = label("", "body")
        column.addWidget(self.summary)

        row = QHBoxLayout()
        row.setSpacing(SPACE["m"])
        settle, settle_layout = card("panel")
        settle_layout.addWidget(label(tr("Settle in"), "heading"))
        self._checklist_items = load_prepare_items()
        self.checklist: list[str] = []  # the "settle in" lines as shown, length filled in
        self.checklist_label = label("", "body")
        self.checklist_label.setTextFormat(Qt.TextFormat.RichText)
        settle_layout.addWidget(self.checklist_label)
        row.addWidget(settle, 1, Qt.AlignmentFlag.AlignTop)  # its own height, no empty tail

        plan, plan_layout = card("panel")
        plan_layout.addWidget(label(tr("Today's steps"), "heading"))
        self.steps_label = label("", "secondary")
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)
        plan_layout.addWidget(self.steps_label)
        plan_layout.addStretch(1)
        length_row = QHBoxLayout()
        self.length = spin_box()
        length_row.addWidget(field_label(tr("Length"), self.length))
        self.length.setSuffix(tr(" min"))
        self.length.setToolTip(tr("Every step stays within its safe range"))
        self.length.setAccessibleName(tr("Routine length in minutes"))
        self.length.valueChanged.connect(self._length_changed)
        length_row.addWidget(self.length)
        length_row.addStretch(1)
        plan_layout.addLayout(length_row)
        self.length_note = clamp_note(self.length)
        plan_layout.addWidget(self.length_note)
        self.oil_row = QWidget()
        oil_layout = QHBoxLayout(self.oil_row)
        oil_layout.setContentsMargins(0, 0, 0, 0)
        self.oil = QComboBox()
        oil_layout.addWidget(field_label(tr("Oil"), self.oil))
        self.oil.setAccessibleName(tr("Essential oil for this session"))
        oil_layout.addWidget(self.oil, 1)
        self.oil_row.hide()
        plan_layout.addWidget(self.oil_row)
        row.addWidget(plan, 1)
        column.addLayout(row)

        self.tension = TensionScale(
            tr("How tense does your back feel right now?"), tr("Tension before the session")
        )
        footer_column.addWidget(self.tension)
        buttons = QHBoxLayout()
        footer_column.addLayout(buttons)
        back = QPushButton(tr("Back"))
        back.setToolTip(tr("Back to the routines (Esc)"))
        back.clicked.connect(self.backRequested)
        buttons.addWidget(back)
        buttons.addStretch(1)
        self.start_button = QPushButton(tr("Begin"))
        self.start_button.setProperty("primary", True)
        self.start_button.setToolTip(tr("Start the first step (Enter)"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._start)
        buttons.addWidget(self.start_button)

    @property
    def routine(self) -> Routine | None:
        return self._routine

    def set_routine(self, routine: Routine, minutes: int | None = None) -> None:
        """Show a routine; `minutes` is the suggested length (the person's preference)."""
        self._routine = routine
        self.title.setText(routine.name)
        self.summary.setText(routine.summary)
        low = max(MIN_MINUTES, -(-routine.min_seconds // 60))
        high = max(low, min(MAX_MINUTES, routine.max_seconds // 60))
        natural = round(routine.total_seconds / 60)
        self.length.blockSignals(True)
        self.length.setRange(low, high)
        self.length.setValue(max(low, min(high, minutes if minutes is not None else natural)))
        self.length.blockSignals(False)
        self.tension.set_value(None)
        self.length_note.hide()
        self._length_changed(self.length.value())
        self.start_button.setFocus()

    def set_oils(self, oils: list[tuple[str, str]], suggested: str | None) -> None:
        """Offer the person's favourite oils (id, name); hidden when they have none."""
        self.oil.clear()
        self.oil.addItem(tr("No oil today"), None)
        for oil_id, name in oils:
            self.oil.addItem(name, oil_id)
        if suggested is not None:
            index = self.oil.findData(suggested)
            self.oil.setCurrentIndex(max(0, index))
        self.oil_row.setVisible(bool(oils))

    def planned_routine(self) -> Routine:
        assert self._routine is not None
        return scale_to_minutes(self._routine, self.length.value())

    def _length_changed(self, _value: int) -> None:
        if self._routine is None:
            return
        planned = self.planned_routine()
        rows = "".join(
            f"<tr><td style='padding:2px 12px 2px 0'>{escape(step_title(step))}</td>"
            f"<td align='right' style='padding:2px 0'>{duration_text(step.seconds)}</td></tr>"
            for step in planned.steps
        )
        self.steps_label.setText(f"<table width='100%'>{rows}</table>")
        length = tr("%1 minutes", str(round(planned.total_seconds / 60)))
        self.checklist = [text.replace("{length}", length) for text in self._checklist_items]
        items = "".join(
            f"<li style='margin-bottom:6px'>{escape(text)}</li>" for text in self.checklist
        )
        self.checklist_label.setText(f"<ul style='margin-left:-20px'>{items}</ul>")
        self.start_button.setText(tr("Begin · %1", minutes_text(planned.total_seconds)))

    def _start(self) -> None:
        if self._routine is not None:
            oil = self.oil.currentData() if self.oil_row.isVisibleTo(self) else None
            request = StartRequest(
                self.planned_routine(), self.tension.value(), oil if isinstance(oil, str) else None
            )
            self.startRequested.emit(request)
