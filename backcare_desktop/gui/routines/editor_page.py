"""The routine editor: a name, the technique library, the steps and one step's settings, a
live total, the rules as the person edits, and Save.

The page works on a `RoutineDraft` and leaves every judgement to the core: after each edit,
`routine_rules.enforce` takes out a step that breaks a safety rule (and the page says so),
and `check` answers what blocks Save and what is advice. Saving goes through the person's
routines (the app's RoutinesModel, here the `RoutineKeeper` seam), which writes on the job
runner and answers once the routine is on disk; the page then says `saved`. A built-in
routine is never changed: a draft that does not carry an id of the person's own is saved
under a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.routine import Library
from backcare_desktop.core.routine_book import as_new
from backcare_desktop.core.routine_draft import (
    DraftStep,
    RoutineDraft,
    StepSide,
    is_own,
    new_id,
    step_count,
    total_seconds,
)
from backcare_desktop.core.routine_rules import MAX_NAME_LENGTH, Check, check, enforce
from backcare_desktop.gui.look.text import duration_text, tr
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.routines.rule_notes import RuleNotes, problem_text
from backcare_desktop.gui.routines.step_form import StepForm
from backcare_desktop.gui.routines.step_list import StepList
from backcare_desktop.gui.routines.technique_picker import TechniquePicker
from backcare_desktop.gui.widgets.accessibility import announce
from backcare_desktop.gui.widgets.confirmation import confirm
from backcare_desktop.gui.widgets.layout_helpers import (
    SPACE,
    field_label,
    label,
    scroll_over_footer,
    tab_in_order,
)

NARROW_WIDTH = 860
"""Below this page width the library sits above the steps instead of beside them."""
NEW_ID = "own_routine"
"""A new routine's id until it is saved, when its name gives it a real one."""


class RoutineKeeper(Protocol):
    """Where the editor saves: the app's RoutinesModel (app/routines_model.py)."""

    def save(self, draft: RoutineDraft, done: Callable[[str], None] | None = None) -> None: ...

    def taken_ids(self) -> frozenset[str]: ...


def ask_discard(parent: QWidget) -> bool:
    """Ask before losing changes; True to discard them."""
    return confirm(
        parent,
        tr("Discard changes?"),
        tr("Leave the editor without saving? Your changes to this routine will be lost."),
        tr("Discard changes"),
        tr("Keep editing"),
    )


class EditorPage(QWidget):
    """See the module docstring. `saved(routine_id)` once the routine is on disk; `closed`
    when the person leaves without saving."""

    saved = Signal(str)
    closed = Signal()

    def __init__(
        self,
        library: Library,
        routines: RoutineKeeper,
        theme: Theme,
        *,
        confirm_discard: Callable[[QWidget], bool] = ask_discard,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.setAccessibleName(tr("Routine editor"))
        self._library = library
        self._routines = routines
        self._confirm_discard = confirm_discard
        self._id = NEW_ID
        self._new = True
        self._summary: str | None = None
        self._start = RoutineDraft(NEW_ID, "")
        self._dismissed: set[str] = set()
        self._check = Check((), ())
        content, footer = scroll_over_footer(self, 1240, fill=True)
        self.heading = label(tr("New routine"), "title")
        content.addWidget(self.heading)
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME_LENGTH)
        self.name.setPlaceholderText(tr("For example: What my physio showed me"))
        self.name.setAccessibleName(tr("Routine name"))
        name_row = QHBoxLayout()
        name_row.setSpacing(SPACE["m"])
        name_row.addWidget(field_label(tr("&Name"), self.name, "heading"))
        name_row.addWidget(self.name, 1)
        content.addLayout(name_row)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(SPACE["xl"])
        content.addLayout(self.body, 1)
        self.picker = TechniquePicker(library.techniques, theme)
        self.body.addWidget(self.picker, 2)
        self.body.addLayout(self._build_steps(theme), 3)
        footer.addLayout(self._build_footer())
        self._connect()
        save_keys = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_keys.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_keys.activated.connect(self.save)
        self.edit(None)

    def _build_steps(self, theme: Theme) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(SPACE["s"])
        top = QHBoxLayout()
        self.steps_heading = label(tr("Steps"), "heading", wrap=False)
        top.addWidget(self.steps_heading)
        top.addStretch(1)
        self.total = label("", "field", wrap=False)
        top.addWidget(self.total)
        column.addLayout(top)
        self.notes = RuleNotes()
        column.addWidget(self.notes)
        self.steps = StepList(self._library.techniques, theme)
        self.steps_heading.setBuddy(self.steps.list)
        column.addWidget(self.steps, 1)
        self.form = StepForm(self._library.patterns)
        column.addWidget(self.form)
        return column

    def _build_footer(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(SPACE["m"])
        self.reason = label("", "secondary")
        row.addWidget(self.reason, 1)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setToolTip(tr("Leave without saving"))
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.cancel_button)
        self.save_button = QPushButton(tr("Save routine"))
        self.save_button.setProperty("primary", True)
        self.save_button.setToolTip(tr("Save it as your own routine (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        return row

    def _connect(self) -> None:
        self.picker.chosen.connect(self.add_step)
        self.steps.currentChanged.connect(self._show_current)
        self.steps.changed.connect(self._steps_changed)
        self.form.edited.connect(self._step_edited)
        self.name.textEdited.connect(lambda _text: self._after_edit())
        self.notes.dismissed.connect(self._dismiss)

    # -- opening ----------------------------------------------------------------------------------

    def edit(self, draft: RoutineDraft | None) -> None:
        """Open `draft` (None: an empty new routine). A copy of a built-in or a composed routine
        arrives already under an id of its own (routine_book.as_new)."""
        self._new = draft is None
        draft = draft or RoutineDraft(NEW_ID, "")
        self._id = draft.id
        self._summary = draft.summary
        self._dismissed = set()
        self.notes.clear()
        self.heading.setText(tr("New routine") if self._new else tr("Edit “%1”", draft.name))
        self.name.setText(draft.name)
        self.steps.set_steps(draft.steps)
        self._after_edit()
        self._start = self.draft()
        self._show_current(self.steps.current_row())
        self.picker.search.clear()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def draft(self) -> RoutineDraft:
        """The routine as it stands in the editor."""
        return RoutineDraft(self._id, self.name.text().strip(), self.steps.steps(), self._summary)

    def set_theme(self, theme: Theme) -> None:
        self.picker.set_theme(theme)
        self.steps.set_theme(theme)

    # -- editing ----------------------------------------------------------------------------------

    def add_step(self, technique_id: str) -> None:
        """Add the technique after the selected step, at its usual length, both sides."""
        technique = self._library.techniques[technique_id]
        step = DraftStep(
            technique.id,
            technique.duration.default,
            StepSide.BOTH if technique.per_side else None,
        )
        row = self.steps.current_row() + 1 if self.steps.current_row() >= 0 else 0
        if not self.steps.steps():
            row = 0
        self.steps.insert(row, step)
        announce(self, tr("Added %1 as step %2", technique.name, row + 1))

    def _show_current(self, row: int) -> None:
        steps = self.steps.steps()
        if 0 <= row < len(steps):
            step = steps[row]
            self.form.show_step(step, self._library.techniques.get(step.technique), row + 1)
        else:
            self.form.show_step(None, None)

    def _steps_changed(self) -> None:
        self._show_current(self.steps.current_row())
        self._after_edit()

    def _step_edited(self, step: object) -> None:
        row = self.steps.current_row()
        if isinstance(step, DraftStep) and row >= 0:
            self.steps.replace(row, step)
            self._after_edit()

    def _dismiss(self, code: str) -> None:
        self._dismissed.add(code)
        self._show_rules()
        self.steps.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _after_edit(self) -> None:
        """Run the rules on the routine as it now stands, and show what they say."""
        draft, removed = enforce(self.draft(), self._library)
        if removed:
            self.steps.set_steps(draft.steps, self.steps.current_row())
            self._show_current(self.steps.current_row())
            told = self.notes.tell_removed(removed)
            if told:
                announce(self, told)
        self._check = check(draft, self._library)
        self._show_rules()
        seconds = total_seconds(draft)
        count = step_count(draft)
        steps = tr("1 step") if count == 1 else tr("%n steps", None, count)
        self.total.setText(tr("Total %1 · %2", duration_text(seconds), steps))
        self.total.setAccessibleName(tr("Total length %1, %2", duration_text(seconds), steps))

    def _show_rules(self) -> None:
        advice = [p for p in self._check.advice if p.code.value not in self._dismissed]
        if self.notes.show_advice(advice):
            self._order_tabs()
        errors = list(dict.fromkeys(problem_text(p) for p in self._check.errors))
        reasons = " ".join(errors)
        self.reason.setText(tr("To save: %1", reasons) if errors else "")
        self.save_button.setEnabled(not errors)

    def _order_tabs(self) -> None:
        tab_in_order(
            [
                self.name,
                self.picker.search,
                self.picker.list,
                self.picker.add_button,
                *self.notes.buttons(),
                self.steps.list,
                self.steps.up_button,
                self.steps.down_button,
                self.steps.remove_button,
                *self.form.fields(),
                self.cancel_button,
                self.save_button,
            ]
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        narrow = event.size().width() < NARROW_WIDTH
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)

    # -- leaving ----------------------------------------------------------------------------------

    def has_changes(self) -> bool:
        return self.draft() != self._start

    def save(self) -> None:
        """Keep the routine as the person's own (Ctrl+S); blocked, with the reason shown,
        while a rule says it cannot be kept."""
        draft = self.draft()
        if not self._check.ok:
            announce(self, self.reason.text())
            return
        taken = self._routines.taken_ids()
        if self._new:
            draft = RoutineDraft(new_id(draft.name, taken), draft.name, draft.steps, draft.summary)
        elif not is_own(draft.id):
            draft = as_new(draft, taken)  # never over a built-in routine
        self._id, self._new = draft.id, False
        self.reason.setText(tr("Saving…"))
        self._routines.save(draft, done=self._saved)

    def _saved(self, routine_id: str) -> None:
        self._start = self.draft()
        self.reason.setText("")
        self.saved.emit(routine_id)

    def cancel(self) -> None:
        """Leave, asking first when there are changes."""
        if self.may_leave():
            self.closed.emit()

    def may_leave(self) -> bool:
        """Whether the window may show another page (Cancel, a header button, a reminder's
        Start now): asks first when there are unsaved changes, which are then let go."""
        if self.has_changes():
            if not self._confirm_discard(self):
                return False
            self._start = self.draft()
        return True
