"""The small dialog that adds or edits one reminder: a time, the days, a label, the routine.

It checks as the person types, so Save is only offered for a reminder that can be kept: at
least one day, a short label, and not the very same time and days as another reminder.

A label holding control or text-direction characters (often invisible, arriving by paste) is
refused with an inline message and Save stays disabled, as `backcare remind add` refuses it:
stripping them instead would save a text other than the one the person typed or pasted,
without telling them, and a calm "why not" is better than a silent change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.plain_text import refused_characters
from backcare_desktop.core.reminders.reminder_list import MAX_LABEL, clash, new_id
from backcare_desktop.core.reminders.rules import ReminderRule
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.look.text import QT_TR_NOOP, tr, translated
from backcare_desktop.gui.widgets.layout_helpers import SPACE, field_label, label

DAY_LABELS = (
    QT_TR_NOOP("Mon"),
    QT_TR_NOOP("Tue"),
    QT_TR_NOOP("Wed"),
    QT_TR_NOOP("Thu"),
    QT_TR_NOOP("Fri"),
    QT_TR_NOOP("Sat"),
    QT_TR_NOOP("Sun"),
)
DAY_NAMES = (
    QT_TR_NOOP("Monday"),
    QT_TR_NOOP("Tuesday"),
    QT_TR_NOOP("Wednesday"),
    QT_TR_NOOP("Thursday"),
    QT_TR_NOOP("Friday"),
    QT_TR_NOOP("Saturday"),
    QT_TR_NOOP("Sunday"),
)
PRESETS = (
    (QT_TR_NOOP("Every day"), frozenset(range(7))),
    (QT_TR_NOOP("Weekdays"), frozenset(range(5))),
    (QT_TR_NOOP("Weekends"), frozenset({5, 6})),
)


def days_words(weekdays: frozenset[int]) -> str:
    """'Every day', 'Weekdays', 'Weekends' or 'Mon, Wed, Fri'."""
    for text, days in PRESETS:
        if weekdays == days:
            return translated(text)
    return ", ".join(translated(DAY_LABELS[day]) for day in sorted(weekdays))


class WeekdayPicker(QWidget):
    """Seven toggle buttons, Monday to Sunday, and quick choices for common sets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACE["s"])
        row = QHBoxLayout()
        row.setSpacing(SPACE["xs"])
        self.buttons: list[QToolButton] = []
        for day, text in enumerate(DAY_LABELS):
            button = QToolButton()
            button.setText(translated(text))
            button.setCheckable(True)
            button.setMinimumWidth(52)
            button.setProperty("role", "scale")
            button.setAccessibleName(translated(DAY_NAMES[day]))
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        column.addLayout(row)
        presets = QHBoxLayout()
        presets.setSpacing(SPACE["s"])
        self.preset_buttons: dict[str, QPushButton] = {}
        for text, days in PRESETS:
            preset = QPushButton(translated(text))
            preset.clicked.connect(lambda _=False, chosen=days: self.set_days(chosen))
            presets.addWidget(preset)
            self.preset_buttons[text] = preset
        presets.addStretch(1)
        column.addLayout(presets)
        self.setAccessibleName(tr("Days"))

    def days(self) -> frozenset[int]:
        return frozenset(day for day, button in enumerate(self.buttons) if button.isChecked())

    def set_days(self, days: frozenset[int]) -> None:
        for day, button in enumerate(self.buttons):
            button.setChecked(day in days)


class ReminderEditor(QDialog):
    """Add (rule None) or edit a reminder; `rule()` gives the result once accepted."""

    def __init__(
        self,
        library: Library,
        others: Sequence[ReminderRule],
        rule: ReminderRule | None = None,
        default_routine_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Edit reminder") if rule else tr("New reminder"))
        self.setMinimumWidth(520)
        self._others = [other for other in others if rule is None or other.id != rule.id]
        self._original = rule
        column = QVBoxLayout(self)
        column.setContentsMargins(SPACE["l"], SPACE["l"], SPACE["l"], SPACE["l"])
        column.setSpacing(SPACE["s"])

        self.time_edit = QTimeEdit()
        column.addWidget(field_label(tr("Time"), self.time_edit, "heading"))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(tr("Reminder time"))
        self.time_edit.setToolTip(tr("Type the time, or use the arrows"))
        self._style_time_edit()
        time_row = QHBoxLayout()
        time_row.addWidget(self.time_edit)
        time_row.addStretch(1)
        column.addLayout(time_row)
        column.addSpacing(SPACE["s"])

        column.addWidget(label(tr("Days"), "heading"))
        self.days = WeekdayPicker()
        column.addWidget(self.days)
        column.addSpacing(SPACE["s"])

        self.routine = QComboBox()
        column.addWidget(field_label(tr("Routine"), self.routine, "heading"))
        self.routine.setAccessibleName(tr("Routine to offer"))
        default = tr("Your default routine")
        if default_routine_name:
            default = tr("Your default routine (%1)", default_routine_name)
        self.routine.addItem(default, None)
        for routine in library.routines:
            self.routine.addItem(routine.name, routine.id)
        column.addWidget(self.routine)
        column.addSpacing(SPACE["s"])

        self.label_edit = QLineEdit()
        column.addWidget(field_label(tr("Label (optional)"), self.label_edit, "heading"))
        self.label_edit.setMaxLength(MAX_LABEL)
        self.label_edit.setPlaceholderText(tr("For example: After work"))
        self.label_edit.setAccessibleName(tr("Label"))
        column.addWidget(self.label_edit)
        self.label_room = label("", "secondary")
        column.addWidget(self.label_room)

        self.problem = label("", "danger")
        self.problem.hide()
        column.addWidget(self.problem)
        column.addSpacing(SPACE["s"])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setProperty("primary", True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)

        self._load(rule)
        self.time_edit.timeChanged.connect(lambda _t: self._validate())
        for button in self.days.buttons:
            button.toggled.connect(lambda _on: self._validate())
        self.label_edit.textChanged.connect(lambda _t: self._validate())
        self._validate()

    def _style_time_edit(self) -> None:
        """Large: the time is what this dialog is about. (A style sheet on a QTimeEdit hides
        its text in Qt 6.11, so only the font is changed.)"""
        font = QFont(self.time_edit.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.8)
        self.time_edit.setFont(font)
        self.time_edit.setMinimumWidth(QFontMetrics(font).horizontalAdvance("00:00") + 56)

    def _load(self, rule: ReminderRule | None) -> None:
        if rule is None:
            self.time_edit.setTime(QTime(19, 0))
            self.days.set_days(frozenset(range(7)))
            return
        self.time_edit.setTime(QTime(rule.time.hour, rule.time.minute))
        self.days.set_days(rule.weekdays)
        self.label_edit.setText(rule.label)
        index = self.routine.findData(rule.routine_id) if rule.routine_id else 0
        if index < 0:  # a routine this version does not have: keep it, named plainly
            self.routine.addItem(tr("Unknown routine (%1)", str(rule.routine_id)), rule.routine_id)
            index = self.routine.count() - 1
        self.routine.setCurrentIndex(index)

    def chosen_time(self) -> time:
        value = self.time_edit.time()
        return time(value.hour(), value.minute())

    def problem_text(self) -> str:
        """Why the reminder cannot be saved as it is, or "" when it can."""
        days = self.days.days()
        if not days:
            return tr("Choose at least one day.")
        refused = refused_characters(self.label_edit.text())
        if refused:  # often invisible (a pasted text-direction mark): name them, say what to do
            codes = ", ".join(refused)
            return tr(
                "The label holds control or text-direction characters (%1). "
                "Clear it and type it again.",
                codes,
            )
        at = self.chosen_time()
        if clash(self._others, at, days):
            return tr("You already have a reminder at %1 on these days.", at.strftime("%H:%M"))
        return ""

    def _show_label_room(self) -> None:
        """How much more the label takes, so the limit is known before it stops the typing."""
        left = MAX_LABEL - len(self.label_edit.text())
        if left <= 0:
            text = tr("The label is full (%1 characters).", MAX_LABEL)
        elif left == 1:
            text = tr("1 character left")
        else:
            text = tr("%n characters left", None, left)
        self.label_room.setText(text)

    def _validate(self) -> None:
        self._show_label_room()
        problem = self.problem_text()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.save_button.setEnabled(not problem)

    def accept(self) -> None:
        if self.problem_text():
            return
        super().accept()

    def rule(self) -> ReminderRule:
        """The reminder as set in the dialog (keeps the id and on/off state when editing)."""
        original = self._original
        routine_id = self.routine.currentData()
        return ReminderRule(
            id=original.id if original else new_id(other.id for other in self._others),
            time=self.chosen_time(),
            weekdays=self.days.days(),
            enabled=original.enabled if original else True,
            label=self.label_edit.text().strip(),
            routine_id=routine_id if isinstance(routine_id, str) else None,
        )
