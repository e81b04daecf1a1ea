"""Home: a greeting, today at a glance, the routines as cards with a picture each, and the
honest line about medical care."""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
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
from backcare_desktop.gui.look.text import greeting, tr
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.pages.routine_card import RoutineCard
from backcare_desktop.gui.widgets.after_paint import AfterPaint
from backcare_desktop.gui.widgets.layout_helpers import (
    SPACE,
    add_at_top,
    card,
    centered_column,
    label,
    page_widget,
    tab_in_order,
)
from backcare_desktop.gui.widgets.qt_numbers import take_no_focus

if TYPE_CHECKING:  # the journal's module (and csv) load after the first paint
    from backcare_desktop.core.journal import TodayGlance


TODAY_FALLBACK_MS = 200
"""Today's glance is read this long after Home is shown if it has not painted by then."""


class HomePage(QScrollArea):
    routineChosen = Signal(str)
    guideRequested = Signal(str)
    breatheRequested = Signal()
    composeRequested = Signal()
    newRoutineRequested = Signal()
    importRequested = Signal()
    starToggled = Signal(str, bool)
    editRequested = Signal(str)
    exportRequested = Signal(str)
    removeRequested = Signal(str)
    todayWanted = Signal()
    """Shown again (and painted, see after_paint.py): today's glance may be out of date (a new
    day, a session elsewhere)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Your routines"))
        self._theme: Theme | None = None
        self._pictures = False  # drawn after the first paint, then kept drawn
        self._first_rows: int | None = None  # rows of cards made before the first paint
        self._waiting: list[Routine] = []  # the routines whose cards wait for that paint
        self._marks: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        take_no_focus(self)  # Tab goes to its buttons, scrolled to
        body = page_widget()
        self.setWidget(body)
        self._today_after_paint = AfterPaint(body, self.todayWanted.emit, TODAY_FALLBACK_MS)
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
        add_at_top(breathe_row, self.breathe_button)
        own_row = self._build_make_your_own()
        add_at_top(breathe_row, self.compose_button)
        breathe_row.addSpacing(SPACE["m"])
        breathe_row.addWidget(self._build_today(), 1)
        layout.addLayout(breathe_row)
        layout.addSpacing(SPACE["s"])
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(SPACE["m"])
        self._grid.setVerticalSpacing(SPACE["m"])
        layout.addLayout(self._grid)
        layout.addLayout(own_row)
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

    def _build_make_your_own(self) -> QHBoxLayout:
        """The ways to make BackCare the person's own: today's routine from where it feels
        tense (beside Just breathe, a way to start now), and under the routines a routine of
        one's own or one from a file. Nothing is added above the first card, so its Start
        stays in view on a small screen."""
        row = QHBoxLayout()
        row.setSpacing(SPACE["s"])
        self.compose_button = QPushButton(tr("Where does it feel tense?"))
        self.compose_button.setToolTip(
            tr("Pick the tense areas of your back and BackCare composes today's routine")
        )
        self.compose_button.clicked.connect(self.composeRequested)
        self.new_button = QPushButton(tr("New routine"))
        self.new_button.setToolTip(tr("Write a routine of your own, step by step"))
        self.new_button.clicked.connect(self.newRoutineRequested)
        self.import_button = QPushButton(tr("Import…"))
        self.import_button.setAccessibleName(tr("Import a routine"))
        self.import_button.setToolTip(tr("Add a routine from a file someone shared with you"))
        self.import_button.clicked.connect(self.importRequested)
        for button in (self.compose_button, self.new_button, self.import_button):
            button.hide()  # until offered: a window without the routines' pages has no use
        row.addWidget(self.new_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        return row

    def offer_own_routines(self, compose: bool, edit: bool, files: bool) -> None:
        """Show the ways to make a routine one's own that this window can take."""
        self.compose_button.setVisible(compose)
        self.new_button.setVisible(edit)
        self.import_button.setVisible(files)

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
        self._today_after_paint.start()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self._pictures:
            self.draw_pictures()

    def draw_pictures(self) -> None:
        """Give each card its picture (after the first paint, and again for a new theme); the
        first time, make the cards held back below the fold first."""
        self._build_waiting_cards()
        self._pictures = True
        if self._theme is not None:
            for routine_card in self.cards:
                routine_card.show_picture(self._theme)

    def set_greeting(self, hour: int) -> None:
        self.greeting.setText(greeting(hour))

    def set_next_reminder(self, text: str) -> None:
        self.next_reminder.setText(text)
        self.next_reminder.setVisible(bool(text))

    def build_cards_after_paint(self, window_height: int) -> None:
        """Before the first paint, make only the rows of cards a window this tall can show;
        the rest follow with the pictures, right after that paint (draw_pictures).

        Each card is a dozen styled widgets to build, polish and lay out, and three of nine
        lie below the fold of a 1180×780 window (holding them back: 2.5 % less work to the
        first paint, measured with callgrind). The rows are
        counted generously, in lines of the app's font: the header and greeting above the
        cards take about 18 lines and a row of cards about 15 (counted here as 16 and 14),
        so a row that shows is never missing from the first frame, at any text size."""
        line = max(1, self.fontMetrics().lineSpacing())
        self._first_rows = max(1, math.ceil((window_height - 16 * line) / (14 * line)))

    def set_routines(
        self,
        routines: list[Routine],
        favourites: Collection[str] = (),
        own: Collection[str] = (),
    ) -> None:
        """One card per routine, in this order; starred `favourites`; `own` the person's."""
        self._marks = (frozenset(favourites), frozenset(own))
        shown = [c.routine.id for c in self.cards] + [r.id for r in self._waiting]
        if [r.id for r in routines] == shown:
            # Only their lengths or marks changed: rebuilding 9 cards would stall the window.
            for routine_card, routine in zip(self.cards, routines, strict=False):
                routine_card.show_length(routine)
                routine_card.show_marks(routine.id in favourites, routine.id in own)
            self._waiting = list(routines[len(self.cards) :])
            return
        for old in self.cards:
            self._grid.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.cards = []
        first = len(routines) if self._first_rows is None else 2 * self._first_rows
        self._waiting = list(routines[first:])
        for routine in routines[:first]:
            self._add_card(routine)
        for col in range(2):
            self._grid.setColumnStretch(col, 1)
        self._order_tabs()
        if self._pictures:
            self.draw_pictures()

    def _add_card(self, routine: Routine) -> None:
        favourites, own = self._marks
        routine_card = RoutineCard(routine)
        routine_card.show_marks(routine.id in favourites, routine.id in own)
        routine_card.chosen.connect(self.routineChosen)
        routine_card.starToggled.connect(self.starToggled)
        routine_card.editRequested.connect(self.editRequested)
        routine_card.exportRequested.connect(self.exportRequested)
        routine_card.removeRequested.connect(self.removeRequested)
        i = len(self.cards)
        self._grid.addWidget(routine_card, i // 2, i % 2)
        self.cards.append(routine_card)

    def _build_waiting_cards(self) -> None:
        """The cards below the fold that build_cards_after_paint held back, and from now on
        every card at once."""
        self._first_rows = None
        if not self._waiting:
            return
        waiting, self._waiting = self._waiting, []
        for routine in waiting:
            self._add_card(routine)
        self._order_tabs()

    def _order_tabs(self) -> None:
        on_cards = (
            button
            for routine_card in self.cards
            for button in (
                routine_card.star_button,
                routine_card.more_button,
                routine_card.start_button,
            )
        )
        tab_in_order(
            [
                self.breathe_button,
                self.compose_button,
                *on_cards,
                self.new_button,
                self.import_button,
                *self._footer,
            ]
        )
