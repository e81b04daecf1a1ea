"""Reminders: the times BackCare offers a routine, when the next one comes, and a pause.

The page never writes storage: every change is one core/reminders/reminder_list.py operation
handed to `preferences.change_reminders`, which applies it to the latest list on disk. The page
redraws from the preferences whenever they change, also when `backcare remind` changed them
from a terminal. The order, the wording and the limits are reminder_list's.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.core.reminders import reminder_list
from backcare_desktop.core.reminders.reminder_list import (
    MAX_REMINDERS,
    ReminderChange,
    ReminderListError,
    offer_words,
)
from backcare_desktop.core.reminders.rules import ReminderRule
from backcare_desktop.core.routine import Library
from backcare_desktop.core.settings.preferences import GRACE_MINUTES_MAX, GRACE_MINUTES_MIN
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.reminders.editor import ReminderEditor, days_words
from backcare_desktop.gui.widgets.elided_label import ElidedLabel
from backcare_desktop.gui.widgets.layout_helpers import (
    SPACE,
    card,
    field_label,
    label,
    scrolling_column,
    spin_box,
    tab_in_order,
)

log = logging.getLogger(__name__)


class ReminderControls(Protocol):
    """What the page asks of the reminder service (ReminderService fits)."""

    nextReminderChanged: Any
    pausedChanged: Any

    def next_reminder_text(self) -> str: ...

    def paused_until(self) -> datetime | None: ...

    def when_text(self, moment: datetime) -> str: ...

    def pause_until_tomorrow(self) -> datetime | None: ...

    def resume(self) -> None: ...


class ReminderRow(QFrame):
    """One reminder: its time and days, what it offers, an on/off switch, Edit and Remove."""

    toggled = Signal(str, bool)
    editRequested = Signal(str)
    removeRequested = Signal(str)

    def __init__(self, rule: ReminderRule, routine_name: str) -> None:
        super().__init__()
        self.rule = rule
        self.setObjectName("panel")
        row = QHBoxLayout(self)
        # The same side margins as the cards above, so the buttons line up with "Pause all".
        row.setContentsMargins(SPACE["l"], SPACE["m"], SPACE["l"], SPACE["m"])
        row.setSpacing(SPACE["m"])
        self.time = label(rule.time_text, "title", wrap=False)
        self.time.setMinimumWidth(110)
        row.addWidget(self.time)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.days = label(days_words(rule.weekdays), "body")
        words.addWidget(self.days)
        detail = offer_words(rule, routine_name)
        self.detail = ElidedLabel(detail, "secondary")
        words.addWidget(self.detail)
        row.addLayout(words, 1)
        self.enabled = QCheckBox(tr("On"))
        self.enabled.setChecked(rule.enabled)
        self.enabled.setAccessibleName(tr("Reminder at %1 on", rule.time_text))
        self.enabled.toggled.connect(lambda on: self.toggled.emit(rule.id, on))
        row.addWidget(self.enabled)
        self.edit = QPushButton(tr("Edit"))
        self.edit.setAccessibleName(tr("Edit the reminder at %1", rule.time_text))
        self.edit.clicked.connect(lambda: self.editRequested.emit(rule.id))
        row.addWidget(self.edit)
        self.remove = QPushButton(tr("Remove"))
        self.remove.setAccessibleName(tr("Remove the reminder at %1", rule.time_text))
        self.remove.clicked.connect(lambda: self.removeRequested.emit(rule.id))
        row.addWidget(self.remove)
        self.setAccessibleName(f"{rule.time_text}, {self.days.text()}, {detail}")
        if not rule.enabled:  # the secondary colour, at the same size
            muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
            for widget in (self.time, self.days):
                widget.setStyleSheet(f"color: {muted};")


class RemindersPage(QScrollArea):
    """The list, Add / Edit / Remove, the catch-up window, the pause and the next reminder."""

    def __init__(
        self,
        preferences: PreferencesModel,
        library: Library,
        service: ReminderControls,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.library = library
        self.service = service
        self.editor: ReminderEditor | None = None
        self.rows: list[ReminderRow] = []
        self._removed: tuple[int, ReminderRule] | None = None
        column = scrolling_column(self, 900, tr("Reminders"))
        column.addWidget(label(tr("Reminders"), "display"))
        column.addWidget(
            label(
                tr(
                    "A gentle nudge at the times that suit your day. Each reminder comes once; "
                    "if your computer was asleep, BackCare offers the one you missed when you "
                    "are back."
                ),
                "body",
            )
        )
        self.status = self._build_status()
        column.addWidget(self.status)
        self._list = QVBoxLayout()
        self._list.setSpacing(SPACE["s"])
        column.addLayout(self._list)
        self.empty = label(
            tr("No reminders yet. Many people like early evening, when the day's sitting is done."),
            "secondary",
        )
        column.addWidget(self.empty)
        actions = QHBoxLayout()
        self.add_button = QPushButton(tr("Add a reminder"))
        self.add_button.setProperty("primary", True)
        self.add_button.clicked.connect(lambda: self.open_editor(None))
        actions.addWidget(self.add_button)
        self.undo_note = label("", "secondary", wrap=False)
        self.undo_button = QPushButton(tr("Undo"))
        self.undo_button.clicked.connect(self.undo_remove)
        actions.addSpacing(SPACE["m"])
        actions.addWidget(self.undo_note)
        actions.addWidget(self.undo_button)
        actions.addStretch(1)
        column.addLayout(actions)
        column.addWidget(self._build_grace())
        self._hide_undo()
        preferences.changed.connect(lambda _prefs: self.refresh())
        service.nextReminderChanged.connect(lambda _text: self._show_status())
        service.pausedChanged.connect(lambda _until: self._show_status())
        self.refresh()

    # -- building ----------------------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        """The person's routines changed: new reminders can start the new set."""
        self.library = library

    def _build_status(self) -> QFrame:
        frame, layout = card("panel")
        row = QHBoxLayout()
        row.setSpacing(SPACE["m"])
        self.next_line = label("", "heading")
        row.addWidget(self.next_line, 1)
        self.pause_button = QPushButton(tr("Pause all until tomorrow"))
        self.pause_button.setToolTip(tr("No reminders for the rest of today"))
        self.pause_button.clicked.connect(self.pause_all)
        row.addWidget(self.pause_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.resume_button = QPushButton(tr("Resume"))
        self.resume_button.clicked.connect(self.resume_all)
        row.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(row)
        self.pause_note = label("", "secondary")
        layout.addWidget(self.pause_note)
        return frame

    def _build_grace(self) -> QFrame:
        frame, layout = card("panel")
        row = QHBoxLayout()
        self.grace = spin_box()
        name = tr("Catch-up time for missed reminders")
        layout.addWidget(field_label(name, self.grace, "heading"))
        self.grace.setRange(GRACE_MINUTES_MIN, GRACE_MINUTES_MAX)
        self.grace.setSingleStep(15)
        self.grace.setSuffix(tr(" min"))
        self.grace.setKeyboardTracking(False)
        self.grace.setMinimumWidth(110)
        self.grace.setAccessibleName(tr("Catch-up time for missed reminders"))
        self.grace.valueChanged.connect(self._grace_changed)
        row.addWidget(self.grace)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(
            label(
                tr(
                    "If your computer was asleep or off when a reminder was due, BackCare "
                    "offers it once when you are back, as long as it is no older than this. "
                    "Older ones are let go quietly."
                ),
                "secondary",
            )
        )
        return frame

    # -- showing -----------------------------------------------------------------------------

    def rules(self) -> list[ReminderRule]:
        return list(self.preferences.value.reminders)

    def refresh(self) -> None:
        rules = self.rules()
        for row in self.rows:
            self._list.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        for rule in rules:
            row = ReminderRow(rule, self._routine_name(rule.routine_id))
            row.toggled.connect(self.set_enabled)
            row.editRequested.connect(self._edit)
            row.removeRequested.connect(self.remove_rule)
            self._list.addWidget(row)
            self.rows.append(row)
        self.empty.setVisible(not rules)
        in_rows = (w for row in self.rows for w in (row.enabled, row.edit, row.remove))
        buttons = (self.add_button, self.undo_button, self.grace)
        tab_in_order([self.pause_button, self.resume_button, *in_rows, *buttons])
        full = len(rules) >= MAX_REMINDERS
        self.add_button.setEnabled(not full)
        self.add_button.setToolTip(
            tr("You have the most reminders BackCare keeps (%1).", str(MAX_REMINDERS))
            if full
            else ""
        )
        minutes = self.preferences.value.reminder_grace_minutes
        self.grace.blockSignals(True)
        self.grace.setValue(minutes)  # always within the spec's range: the file was checked
        self.grace.blockSignals(False)
        self._show_status()

    def _show_status(self) -> None:
        rules = self.rules()
        paused = self.service.paused_until()
        text = self.service.next_reminder_text()
        if paused is not None:
            self.next_line.setText(tr("Reminders are paused"))
            when = self.service.when_text(paused)
            if (paused.hour, paused.minute) == (0, 0):  # "tomorrow 00:00" reads like an alarm
                when = when.removesuffix(" 00:00")
            self.pause_note.setText(tr("They start again %1.", when))
        elif text:
            self.next_line.setText(text)
            self.pause_note.setText("")
        elif rules:
            self.next_line.setText(tr("All your reminders are switched off"))
            self.pause_note.setText("")
        else:  # the list's own "No reminders yet" says it: the card would only repeat it
            self.next_line.setText("")
            self.pause_note.setText("")
        self.status.setVisible(bool(rules) or paused is not None)
        self.pause_note.setVisible(bool(self.pause_note.text()))
        self.pause_button.setVisible(paused is None and bool(rules))
        self.pause_button.setEnabled(any(rule.enabled for rule in rules))
        self.resume_button.setVisible(paused is not None)

    def _routine_name(self, routine_id: str | None) -> str:
        if routine_id is None:
            default = self.preferences.value.default_routine
            return tr("Your default routine (%1)", self._plain_name(default))
        return self._plain_name(routine_id)

    def _plain_name(self, routine_id: str) -> str:
        try:
            return self.library.routine(routine_id).name
        except KeyError:
            return tr("Unknown routine (%1)", routine_id)

    # -- changing ----------------------------------------------------------------------------

    def open_editor(self, rule: ReminderRule | None) -> ReminderEditor:
        """Open the editor (window-modal, without a nested event loop); saves when accepted."""
        if self.editor is not None:
            self.editor.close()
        default_name = self._plain_name(self.preferences.value.default_routine)
        # Parented to the window: under the page, the theme's scroll-area rule would strip the
        # fields' frames.
        editor = ReminderEditor(self.library, self.rules(), rule, default_name, self.window())
        editor.setWindowModality(Qt.WindowModality.WindowModal)
        editor.accepted.connect(lambda: self.save_rule(editor.rule()))
        editor.finished.connect(lambda _result: self._editor_closed(editor))
        self.editor = editor
        editor.open()
        return editor

    def _editor_closed(self, editor: ReminderEditor) -> None:
        if self.editor is editor:
            self.editor = None
        editor.deleteLater()

    def _edit(self, rule_id: str) -> None:
        for rule in self.rules():
            if rule.id == rule_id:
                self.open_editor(rule)
                return

    def save_rule(self, rule: ReminderRule) -> None:
        """Add `rule`, or replace the reminder with the same id."""
        self._hide_undo()
        self._change(lambda rules: reminder_list.replace(rules, rule))

    def set_enabled(self, rule_id: str, on: bool) -> None:
        self._change(lambda rules: reminder_list.set_enabled(rules, rule_id, on))

    def remove_rule(self, rule_id: str) -> None:
        rules = self.rules()
        for index, rule in enumerate(rules):
            if rule.id == rule_id:
                if not self._change(lambda current: reminder_list.remove(current, rule_id)):
                    return
                self._removed = (index, rule)
                # Focus stays in the list: on the next reminder's Remove, else on Add.
                following = self.rows[index].remove if index < len(self.rows) else None
                (following or self.add_button).setFocus(Qt.FocusReason.OtherFocusReason)
                self.undo_note.setText(tr("Removed the reminder at %1.", rule.time_text))
                self.undo_note.show()
                self.undo_button.show()
                return

    def undo_remove(self) -> None:
        removed = self._removed
        self._hide_undo()
        if removed is not None:
            self.save_rule(removed[1])

    def _hide_undo(self) -> None:
        self._removed = None
        self.undo_note.hide()
        self.undo_button.hide()

    def _change(self, change: ReminderChange) -> bool:
        """One list operation; one the list refuses (a twin another program just added, the
        list full) is said on the page instead of saved. True when it was made."""
        try:
            self.preferences.change_reminders(change)
        except ReminderListError as error:
            log.info("reminder change refused: %s", error)
            self.undo_note.setText(tr("That reminder could not be saved: %1", str(error)))
            self.undo_note.show()
            self.undo_button.hide()
            return False
        return True

    def _grace_changed(self, minutes: int) -> None:
        self.preferences.update(reminder_grace_minutes=minutes)

    def pause_all(self) -> None:
        self.service.pause_until_tomorrow()
        self._show_status()

    def resume_all(self) -> None:
        self.service.resume()
        self._show_status()
