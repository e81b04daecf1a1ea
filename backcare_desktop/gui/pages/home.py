"""Home: a greeting, the routines as cards, and the honest line about medical care."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.routine import Routine
from backcare_desktop.gui.look.text import equipment_text, greeting, minutes_text, pressure_text, tr
from backcare_desktop.gui.widgets.layout_helpers import (
    SPACE,
    card,
    centered_column,
    label,
    page_widget,
    tab_in_order,
)


class RoutineCard(QFrame):
    """One routine: what it is, how long, what you need, how firm; click or Start to begin."""

    chosen = Signal(str)

    def __init__(self, routine: Routine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routine = routine
        frame, layout = card(parent=self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(routine.name)
        layout.addWidget(label(routine.name, "heading"))
        summary = label(routine.summary, "secondary")
        summary.setMinimumHeight(summary.fontMetrics().lineSpacing() * 2)
        layout.addWidget(summary)
        chips = QHBoxLayout()
        chips.setSpacing(SPACE["s"])
        self.minutes_chip = label(minutes_text(routine.total_seconds), "chip")
        chips.addWidget(self.minutes_chip)
        chips.addWidget(label(pressure_text(routine.intensity), "chip"))
        for item in equipment_text(routine.equipment):
            chips.addWidget(label(item, "chip"))
        chips.addStretch(1)
        layout.addLayout(chips)
        layout.addSpacing(SPACE["xs"])
        row = QHBoxLayout()
        row.addStretch(1)
        self.start_button = QPushButton(tr("Start"))
        self.start_button.setProperty("primary", True)
        self.start_button.setToolTip(tr("Prepare for “%1”", routine.name))
        self.start_button.setAccessibleName(tr("Start %1", routine.name))
        self.start_button.clicked.connect(lambda: self.chosen.emit(routine.id))
        row.addWidget(self.start_button)
        layout.addLayout(row)

    def show_length(self, routine: Routine) -> None:
        """The same routine at another length (the person's preferred minutes changed)."""
        self.routine = routine
        self.minutes_chip.setText(minutes_text(routine.total_seconds))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.chosen.emit(self.routine.id)
        super().mouseReleaseEvent(event)


class HomePage(QScrollArea):
    routineChosen = Signal(str)
    guideRequested = Signal(str)
    breatheRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Your routines"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its buttons, scrolled to
        body = page_widget()
        self.setWidget(body)
        column = QVBoxLayout(body)
        column.setContentsMargins(SPACE["xxl"], SPACE["xl"], SPACE["xxl"], SPACE["xl"])
        column.setSpacing(SPACE["m"])
        self._content = centered_column(column, 1040)
        column.addStretch(1)
        layout = QVBoxLayout(self._content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE["m"])
        self.greeting = label("", "display")
        layout.addWidget(self.greeting)
        layout.addWidget(
            label(
                tr(
                    "A few calm minutes for your back. Pick a routine, find a quiet spot, "
                    "and follow along at your own pace."
                ),
                "body",
            )
        )
        breathe_row = QHBoxLayout()
        self.breathe_button = QPushButton(tr("Just breathe"))
        self.breathe_button.setToolTip(tr("A few minutes of paced breathing, no massage"))
        self.breathe_button.clicked.connect(self.breatheRequested)
        breathe_row.addWidget(self.breathe_button)
        breathe_row.addStretch(1)
        layout.addLayout(breathe_row)
        self.next_reminder = label("", "secondary")
        self.next_reminder.hide()
        layout.addWidget(self.next_reminder)
        layout.addSpacing(SPACE["s"])
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(SPACE["m"])
        self._grid.setVerticalSpacing(SPACE["m"])
        layout.addLayout(self._grid)
        self.cards: list[RoutineCard] = []
        layout.addSpacing(SPACE["s"])
        notice, notice_layout = card("banner")
        notice_layout.addWidget(
            label(
                tr(
                    "Self-massage complements medical care; it never replaces it. If pain is "
                    "severe, keeps getting worse, or comes with numbness, weakness or fever, "
                    "please see a doctor."
                ),
                "secondary",
            )
        )
        links = QHBoxLayout()
        warning = QPushButton(tr("Warning signs"))
        warning.setToolTip(tr("When back pain needs a doctor"))
        warning.clicked.connect(lambda: self.guideRequested.emit("warning_signs"))
        safe = QPushButton(tr("Safe practice"))
        safe.clicked.connect(lambda: self.guideRequested.emit("safe_practice"))
        links.addWidget(warning)
        links.addWidget(safe)
        self._footer = (warning, safe)
        links.addStretch(1)
        notice_layout.addLayout(links)
        layout.addWidget(notice)

    def set_greeting(self, hour: int) -> None:
        self.greeting.setText(greeting(hour))

    def set_next_reminder(self, text: str) -> None:
        self.next_reminder.setText(text)
        self.next_reminder.setVisible(bool(text))

    def set_routines(self, routines: list[Routine]) -> None:
        if [r.id for r in routines] == [c.routine.id for c in self.cards]:
            # Only their lengths changed: rebuilding 5 cards would stall the window ~30 ms.
            for routine_card, routine in zip(self.cards, routines, strict=True):
                routine_card.show_length(routine)
            return
        for old in self.cards:
            self._grid.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.cards = []
        for i, routine in enumerate(routines):
            routine_card = RoutineCard(routine)
            routine_card.chosen.connect(self.routineChosen)
            self._grid.addWidget(routine_card, i // 2, i % 2)
            self.cards.append(routine_card)
        for col in range(2):
            self._grid.setColumnStretch(col, 1)
        starts = (routine_card.start_button for routine_card in self.cards)
        tab_in_order([self.breathe_button, *starts, *self._footer])
