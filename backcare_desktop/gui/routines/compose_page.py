"""The page around the body map: where it feels tense, how much time there is, what is at hand,
and the routine composed from it, each step with the reason it is there.

The routine is composed again at every change, on the GUI thread: composing is pure
arithmetic over the technique library (0.2 ms for one area and 5 minutes, about 10 ms for all
seven areas, 30 minutes and every piece of equipment, measured on a busy 2-core machine), so
there is no Compose button to forget and nothing to wait for. The picks are kept as today's
choice (a setting with its day), so coming back later the same day shows the same routine.

From here the routine starts at once, is shuffled (another valid routine for the same
choices), saved as the person's own, or opened in the editor. The plan scrolls; the buttons
stay in view below it at any window and text size.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.core.clock import Clock
from backcare_desktop.core.composer import compose, shuffle
from backcare_desktop.core.composition import Composition, Request
from backcare_desktop.core.regions import REGION_NAMES
from backcare_desktop.core.routine import (
    EQUIPMENT,
    MAX_TARGET_MINUTES,
    MIN_TARGET_MINUTES,
    Library,
    Routine,
)
from backcare_desktop.core.routine_book import as_new
from backcare_desktop.core.routine_draft import RoutineDraft, draft_of
from backcare_desktop.core.settings.todays_choice import TodaysChoice
from backcare_desktop.gui.look.text import (
    EQUIPMENT_WORDS,
    duration_text,
    minutes_text,
    step_title,
    tr,
    translated,
)
from backcare_desktop.gui.look.theme import Theme, load_theme
from backcare_desktop.gui.routines.body_map import BodyMap
from backcare_desktop.gui.routines.composed_steps import ComposedSteps, StepRow
from backcare_desktop.gui.widgets.layout_helpers import (
    SPACE,
    card,
    field_label,
    label,
    scroll_over_footer,
    spin_box,
)

if TYPE_CHECKING:  # the editor's seam, also where a composed routine is saved
    from backcare_desktop.gui.routines.editor_page import RoutineKeeper

AT_HAND = tuple(item for item in EQUIPMENT if item != "none")
"""The check boxes: hands alone are always at hand, so "none" has none."""


class ComposeHost(Protocol):
    """What the page asks of the main window."""

    def start_routine(self, routine: Routine) -> object: ...

    def open_editor(self, draft: RoutineDraft | None) -> None: ...

    def show_home(self) -> None: ...


def ask_routine_name(parent: QWidget, suggested: str) -> str | None:
    """The name to save the routine under, or None when the person cancels (tests replace it)."""
    name, accepted = QInputDialog.getText(
        parent,
        tr("Save as my routine"),
        tr("Name your routine:"),
        QLineEdit.EchoMode.Normal,
        suggested,
    )
    return name.strip() or None if accepted else None


class ComposePage(QWidget):
    """See the module docstring. `composition` is what is shown (None with nothing picked)."""

    def __init__(
        self,
        library: Library,
        preferences: PreferencesModel,
        clock: Clock,
        host: ComposeHost,
        routines: RoutineKeeper,
        theme: Theme | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.library = library
        self.preferences = preferences
        self.clock = clock
        self.host = host
        self.routines = routines
        self.composition: Composition | None = None
        self._seed = 0
        self._applying = False  # showing a stored choice: not a change to store again
        self._restored_on: date | None = None
        column, footer = scroll_over_footer(self, 1040)
        column.addWidget(label(tr("Where does your back feel tense today?"), "title"))
        column.addWidget(
            label(
                tr(
                    "Pick the areas, the most tense first: they get the most time. "
                    "Today's routine is put together for them, gently and safely."
                ),
                "body",
            )
        )
        row = QHBoxLayout()
        row.setSpacing(SPACE["m"])
        map_card, map_layout = card("panel")
        self._theme = theme or load_theme("light")
        self.body_map = BodyMap(self._theme)
        self.body_map.picksChanged.connect(lambda _picks: self._choice_changed())
        map_layout.addWidget(self.body_map)
        row.addWidget(map_card, 3)
        row.addWidget(self._build_options(), 2)
        column.addLayout(row)
        column.addWidget(self._build_plan())
        self.status = label("", "secondary")
        self.status.hide()  # until there is something to say
        footer.addWidget(self.status)
        footer.addLayout(self._build_buttons())
        self._restore()

    # -- building ----------------------------------------------------------------------------

    def _build_options(self) -> QFrame:
        frame, layout = card("panel")
        self.minutes = spin_box()
        self.minutes.setRange(MIN_TARGET_MINUTES, MAX_TARGET_MINUTES)
        self.minutes.setSuffix(tr(" min"))
        self.minutes.setAccessibleName(tr("Time you have, in minutes"))
        self.minutes.setValue(self._default_minutes())
        self.minutes.valueChanged.connect(lambda _value: self._choice_changed())
        layout.addWidget(field_label(tr("Time you have"), self.minutes, "heading"))
        minutes_row = QHBoxLayout()
        minutes_row.addWidget(self.minutes)
        minutes_row.addStretch(1)
        layout.addLayout(minutes_row)
        layout.addSpacing(SPACE["s"])
        layout.addWidget(label(tr("At hand"), "heading"))
        layout.addWidget(label(tr("Your hands are always at hand."), "secondary"))
        self.equipment: dict[str, QCheckBox] = {}
        for item in AT_HAND:
            box = QCheckBox(translated(EQUIPMENT_WORDS[item]))
            box.setObjectName(f"at_hand_{item}")
            box.toggled.connect(lambda _on: self._choice_changed())
            layout.addWidget(box)
            self.equipment[item] = box
        layout.addStretch(1)
        rules = label(
            tr(
                "Every routine made here keeps the safety rules: no pressure on the spine, "
                "no foam roller on the lower back, no tapping over the kidneys, and "
                "pressure that builds gently."
            ),
            "secondary",
        )
        rules.setMinimumWidth(SPACE["xxl"] * 3)  # a wrapped label would ask for ~650 px
        layout.addWidget(rules)
        return frame

    def _build_plan(self) -> QFrame:
        frame, layout = card("panel")
        heading = QHBoxLayout()
        heading.addWidget(label(tr("Today's routine"), "heading"))
        heading.addStretch(1)
        self.total = label("", "secondary", wrap=False)
        heading.addWidget(self.total)
        layout.addLayout(heading)
        self.hint = label(
            tr(
                "Pick where it feels tense, on the figure or with the buttons beside it, "
                "and a routine for today appears here."
            ),
            "body",
        )
        layout.addWidget(self.hint)
        self.note = label("", "secondary")
        layout.addWidget(self.note)
        self.steps = ComposedSteps(self._theme)
        self.steps.setAccessibleName(tr("Steps of today's routine"))
        layout.addWidget(self.steps)
        return frame

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(SPACE["s"])
        self.back_button = QPushButton(tr("Back to Home"))
        self.back_button.setToolTip(tr("Back to the routines (Esc)"))
        self.back_button.clicked.connect(self.host.show_home)
        row.addWidget(self.back_button)
        row.addStretch(1)
        self.shuffle_button = QPushButton(tr("Shuffle"))
        self.shuffle_button.setToolTip(tr("Another routine for the same areas, time and things"))
        self.shuffle_button.clicked.connect(self.shuffle)
        self.edit_button = QPushButton(tr("Edit…"))
        self.edit_button.setToolTip(tr("Change the steps in the routine editor"))
        self.edit_button.clicked.connect(self.edit)
        self.save_button = QPushButton(tr("Save as my routine…"))
        self.save_button.setToolTip(tr("Keep this routine with your own, under a name"))
        self.save_button.clicked.connect(self.save)
        self.start_button = QPushButton(tr("Start"))
        self.start_button.setProperty("primary", True)
        self.start_button.setToolTip(tr("Start today's routine now (Enter)"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        for button in (self.shuffle_button, self.edit_button, self.save_button):
            row.addWidget(button)
        row.addWidget(self.start_button)
        return row

    # -- today's choice ----------------------------------------------------------------------

    def today(self) -> date:
        return self.clock.now().date()

    def _default_minutes(self) -> int:
        minutes = self.preferences.value.routine_minutes
        return max(MIN_TARGET_MINUTES, min(MAX_TARGET_MINUTES, minutes))

    def _restore(self) -> None:
        """Show today's choice if one was made today, else a fresh page."""
        today = self.today()
        self._restored_on = today
        stored = self.preferences.value.todays_choice
        choice = stored.on(today) if stored is not None else None
        self._applying = True
        try:
            self.body_map.set_picks(choice.regions if choice else ())
            self.minutes.setValue(choice.minutes if choice else self._default_minutes())
            for item, box in self.equipment.items():
                box.setChecked(choice is not None and item in choice.equipment)
        finally:
            self._applying = False
        self._compose()

    def showEvent(self, event: QShowEvent) -> None:
        """A page left open overnight starts the new day afresh when shown again."""
        super().showEvent(event)
        if not event.spontaneous() and self._restored_on != self.today():
            self._restore()

    def choice(self) -> TodaysChoice | None:
        picks = self.body_map.picks()
        if not picks:
            return None
        at_hand = tuple(item for item, box in self.equipment.items() if box.isChecked())
        return TodaysChoice(self.today(), picks, self.minutes.value(), at_hand)

    def _choice_changed(self) -> None:
        if self._applying:
            return
        self._compose()
        self.preferences.update(todays_choice=self.choice())

    # -- composing ---------------------------------------------------------------------------

    def _compose(self) -> None:
        choice = self.choice()
        if choice is None:
            self._show(None)
            return
        request = Request(
            choice.regions,
            choice.minutes,
            frozenset({"none", *choice.equipment}),
            self._seed,
        )
        self._show(compose(self.library, request))

    def shuffle(self) -> None:
        """Another valid routine for the same choices; later changes keep composing with it."""
        if self.composition is None:
            return
        shuffled = shuffle(self.library, self.composition)
        self._seed = shuffled.request.seed
        self._show(shuffled)

    def _show(self, composition: Composition | None) -> None:
        self.composition = composition
        has_routine = composition is not None
        for button in (self.shuffle_button, self.edit_button, self.save_button, self.start_button):
            button.setEnabled(has_routine)
        self.hint.setVisible(not has_routine)
        self.steps.setVisible(has_routine)
        if composition is None:
            self.steps.set_rows([])
            self.total.setText("")
            self.note.hide()
            return
        routine = composition.routine
        self.total.setText(
            tr("%1 · %n steps", None, len(routine.steps), minutes_text(routine.total_seconds))
        )
        self.steps.set_rows(
            [
                StepRow(
                    f"{number}. {step_title(step)}",
                    duration_text(step.seconds),
                    translated(reason.text),
                )
                for number, (step, reason) in enumerate(
                    zip(routine.steps, composition.reasons, strict=True), start=1
                )
            ]
        )
        note = self._note_for(composition)
        self.note.setText(note)
        self.note.setVisible(bool(note))

    @staticmethod
    def _note_for(composition: Composition) -> str:
        def names(regions: tuple[str, ...]) -> str:
            return ", ".join(translated(REGION_NAMES[region]) for region in regions)

        lines = []
        if composition.unreachable:
            lines.append(
                tr(
                    "Nothing you have at hand reaches this area: %1. Gentle work for the "
                    "whole back takes its place; a wall or a massage ball may help.",
                    names(composition.unreachable),
                )
            )
        if composition.left_out:
            lines.append(
                tr(
                    "There was not enough time for: %1. Give it more minutes to include it.",
                    names(composition.left_out),
                )
            )
        return "\n".join(lines)

    # -- what the person does with it --------------------------------------------------------

    def routine(self) -> Routine | None:
        """The composed routine as it starts: named in the person's language."""
        if self.composition is None:
            return None
        routine = self.composition.routine
        return replace(routine, name=translated(routine.name))

    def _draft(self, name: str) -> RoutineDraft:
        """The composed routine as a routine of the person's own (a fresh `own_` id), each
        step remembering the area it was chosen for."""
        assert self.composition is not None
        regions = [reason.region for reason in self.composition.reasons]
        composed = draft_of(self.composition.routine, regions)
        return as_new(composed, self.routines.taken_ids(), name)

    def start(self) -> None:
        routine = self.routine()
        if routine is not None:
            self.host.start_routine(routine)

    def edit(self) -> None:
        routine = self.routine()
        if routine is not None:
            self.host.open_editor(self._draft(routine.name))

    def save(self) -> None:
        routine = self.routine()
        if routine is None:
            return
        name = ask_routine_name(self, routine.name)
        if name is None:
            return
        self.status.setText(tr("Saving “%1”…", name))
        self.status.show()
        self.routines.save(self._draft(name), lambda _id: self._saved(name))

    def _saved(self, name: str) -> None:
        self.status.setText(tr("Saved “%1” with your routines on Home.", name))

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.body_map.set_theme(theme)
        self.steps.set_theme(theme)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.host.show_home()
            return
        super().keyPressEvent(event)
