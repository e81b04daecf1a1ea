"""After a session: a calm look back — time spent, steps done — and an optional tension rating."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backcare_desktop.core.session import SessionSummary
from backcare_desktop.gui.look.text import duration_text, spoken_duration, tr
from backcare_desktop.gui.widgets.layout_helpers import SPACE, card, label, scroll_over_footer
from backcare_desktop.gui.widgets.tension_scale import TensionScale


class SummaryPage(QWidget):
    # The tension rated after the session, or None. Qt cannot declare `int | None` (PySide6
    # makes `Signal(int | None)` a signal with no argument), so the type lives in this comment.
    doneRequested = Signal(object)  # int | None
    againRequested = Signal(object)  # int | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        # The look back scrolls if it must; the rating and Done stay in view below it.
        column, footer_column = scroll_over_footer(self, 720, centred=True)
        self.title = label("", "display")
        column.addWidget(self.title)
        self.message = label("", "body")
        column.addWidget(self.message)
        stats, stats_layout = card("panel")
        row = QHBoxLayout()
        row.setSpacing(SPACE["xl"])
        self.time_value = self._stat(row, tr("time for your back"))
        self.done_value = self._stat(row, tr("steps done"))
        self.skipped_value = self._stat(row, tr("skipped"))
        stats_layout.addLayout(row)
        column.addWidget(stats)
        self.before_label = label("", "secondary")
        column.addWidget(self.before_label)
        self.tension = TensionScale(
            tr("And how does your back feel now?"), tr("Tension after the session")
        )
        footer_column.addWidget(self.tension)
        buttons = QHBoxLayout()
        again = QPushButton(tr("Do it again"))
        again.clicked.connect(lambda: self.againRequested.emit(self.tension_after()))
        buttons.addWidget(again)
        buttons.addStretch(1)
        self.done_button = QPushButton(tr("Done"))
        self.done_button.setProperty("primary", True)
        self.done_button.setDefault(True)
        self.done_button.setToolTip(tr("Save and go back home (Enter)"))
        self.done_button.clicked.connect(lambda: self.doneRequested.emit(self.tension_after()))
        buttons.addWidget(self.done_button)
        footer_column.addLayout(buttons)

    def _stat(self, row: QHBoxLayout, caption: str) -> QLabel:
        """A number over its caption; the three share the card's width."""
        box = QVBoxLayout()
        box.setSpacing(SPACE["xs"])
        value = label("", "title", wrap=False)
        box.addWidget(value)
        box.addWidget(label(caption, "secondary", wrap=False))
        box.addStretch(1)
        row.addLayout(box, 1)
        return value

    def tension_after(self) -> int | None:
        return self.tension.value() if self.tension.isVisible() else None

    def show_summary(
        self, summary: SessionSummary, tension_before: int | None, ask_tension: bool = True
    ) -> None:
        self.title.setText(summary_title(summary))
        self.message.setText(summary_message(summary))
        self.time_value.setText(duration_text(summary.active_seconds))
        total = len(summary.outcomes)
        self.done_value.setText(f"{summary.steps_done} / {total}")
        self.skipped_value.setText(str(summary.steps_skipped))
        self.tension.set_value(None)
        self.tension.setVisible(ask_tension)
        if ask_tension and tension_before is not None:
            self.before_label.setText(
                tr("Before the session you rated your tension %1 out of 10.", str(tension_before))
            )
            self.before_label.show()
        else:
            self.before_label.hide()
        self.done_button.setFocus()


def summary_title(summary: SessionSummary) -> str:
    """Praise only for what happened: "Well done" needs every step done."""
    total = len(summary.outcomes)
    if summary.steps_done == 0:
        return tr("No steps this time")
    if summary.completed and summary.steps_done == total:
        return tr("Well done")
    if summary.completed:
        return tr("Done for today")
    return tr("A good start")


def summary_message(summary: SessionSummary) -> str:
    time = spoken_duration(summary.active_seconds)
    total = len(summary.outcomes)
    if summary.steps_done == 0:
        return tr(
            "No step was done, so nothing was counted. Whenever you are ready, a few "
            "minutes will be good for your back."
        )
    if summary.completed and summary.steps_done == total:
        return tr(
            "You gave your back %1 of care. Take a moment before you get up, and drink some water.",
            time,
        )
    if summary.completed:
        return tr(
            "You did %1 of %2 steps: %3 of care. Take a moment before you get up.",
            summary.steps_done,
            total,
            time,
        )
    return tr(
        "You stopped early after %1 of care — that's fine. Every few minutes count, "
        "and tomorrow is another go.",
        time,
    )
