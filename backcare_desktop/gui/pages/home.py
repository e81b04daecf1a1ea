"""Home: a greeting, today at a glance, the routines as cards with a picture each, and the
honest line about medical care."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.routine import Routine
from backcare_desktop.gui.look.text import equipment_text, greeting, minutes_text, pressure_text, tr
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.pages.routine_pictures import (
    PICTURE_SIZE,
    routine_picture,
    routine_picture_file,
)
from backcare_desktop.gui.widgets.layout_helpers import (
    SPACE,
    card,
    centered_column,
    label,
    page_widget,
    tab_in_order,
)

if TYPE_CHECKING:  # the journal's module (and csv) load after the first paint
    from backcare_desktop.core.journal import TodayGlance


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
        top = QHBoxLayout()
        top.setSpacing(SPACE["m"])
        self.picture = QLabel()
        self.picture.setFixedSize(PICTURE_SIZE)
        self.picture.setAccessibleName(tr("Picture of %1", routine.name))
        top.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(SPACE["xs"])
        words.addWidget(label(routine.name, "heading"))
        summary = label(routine.summary, "secondary")
        summary.setMinimumHeight(summary.fontMetrics().lineSpacing() * 2)
        words.addWidget(summary)
        words.addStretch(1)
        top.addLayout(words, 1)
        layout.addLayout(top)
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

    def show_picture(self, theme: Theme) -> None:
        file_name = routine_picture_file(self.routine)
        if file_name is not None:
            self.picture.setPixmap(routine_picture(file_name, theme, self.devicePixelRatioF()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.chosen.emit(self.routine.id)
        super().mouseReleaseEvent(event)


class HomePage(QScrollArea):
    routineChosen = Signal(str)
    guideRequested = Signal(str)
    breatheRequested = Signal()
    todayWanted = Signal()
    """Shown again: today's glance may be out of date (a new day, a session elsewhere)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Your routines"))
        self._theme: Theme | None = None
        self._pictures = False  # drawn after the first paint, then kept drawn
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
        breathe_row.addWidget(self.breathe_button, 0, Qt.AlignmentFlag.AlignTop)
        breathe_row.addSpacing(SPACE["m"])
        breathe_row.addWidget(self._build_today(), 1)
        layout.addLayout(breathe_row)
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

    def _build_today(self) -> QWidget:
        """Today at a glance, beside Just breathe: practised or not, then the kind streak and
        the next reminder. Two short lines, no taller than the button, so the first routine's
        Start stays in view on a small screen."""
        box = QWidget()
        self.today_card = box
        lines = QVBoxLayout(box)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(0)
        self.today_line = label(tr("Not yet today — a few minutes are plenty."), "field")
        lines.addWidget(self.today_line)
        second = QHBoxLayout()
        second.setSpacing(SPACE["m"])
        self.streak_line = label("", "secondary", wrap=False)
        self.streak_line.hide()
        second.addWidget(self.streak_line)
        self.next_reminder = label("", "secondary", wrap=False)
        self.next_reminder.hide()
        second.addWidget(self.next_reminder)
        second.addStretch(1)
        lines.addLayout(second)
        return box

    def set_today(self, glance: TodayGlance) -> None:
        self.today_line.setText(
            tr("✓ You practised today. Lovely.")
            if glance.practised_today
            else tr("Not yet today — a few minutes are plenty.")
        )
        streak = glance.streak.days
        days = tr("1 day") if streak == 1 else tr("%n days", None, streak)
        week = tr("%1 of 7 days this week", glance.week.days_practised)
        self.streak_line.setText(
            tr("Kind streak: %1 · %2", days, week) if streak else tr("This week: %1", week)
        )
        self.streak_line.show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.todayWanted.emit()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self._pictures:
            self.draw_pictures()

    def draw_pictures(self) -> None:
        """Give each card its picture (after the first paint, and again for a new theme)."""
        self._pictures = True
        if self._theme is not None:
            for routine_card in self.cards:
                routine_card.show_picture(self._theme)

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
        if self._pictures:
            self.draw_pictures()
