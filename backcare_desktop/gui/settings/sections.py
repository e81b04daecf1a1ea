"""The Settings pages for routine, breathing, appearance, start-up, reminders and safety.

(Sound has its own module, settings_sound.py; the shared pieces are in settings_form.py.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.core.breathing import BreathingPattern
from backcare_desktop.core.routine import Library
from backcare_desktop.core.settings.preferences import (
    GRACE_MINUTES_MAX,
    GRACE_MINUTES_MIN,
    ROUTINE_MINUTES_MAX,
    ROUTINE_MINUTES_MIN,
    TEXT_SCALE_MAX,
    TEXT_SCALE_MIN,
    THEMES,
    Preferences,
)
from backcare_desktop.gui.look.text import QT_TR_NOOP, tr, translated
from backcare_desktop.gui.settings.form import (
    SettingsSection,
    checkbox,
    hint,
    notice_frame,
    select_data,
    set_quietly,
    setting_name,
    show_notice,
    value_slider,
)
from backcare_desktop.gui.widgets.layout_helpers import SPACE, label, spin_box

log = logging.getLogger(__name__)

StartAtLogin = Callable[[bool], str | None]
"""Turns start-at-login on or off; returns None when done, or a sentence saying what failed."""


class RoutineSection(SettingsSection):
    key = "routine"
    title = QT_TR_NOOP("Routine")

    def __init__(self, preferences: PreferencesModel, library: Library) -> None:
        super().__init__(preferences, tr("How long a routine runs and which one comes first."))
        box = self.add_card()
        self.length = value_slider(ROUTINE_MINUTES_MIN, ROUTINE_MINUTES_MAX, tr("Routine length"))
        self.length.setPageStep(5)
        self.length_value = QLabel()
        self.add_block(
            box,
            tr("Routine length"),
            self.slider_row(self.length, self.length_value, tr("From 5 to 30 minutes")),
            tr("Full routines stretch or shrink to this; quick breaks keep their length."),
        )
        self.length.sliderMoved.connect(self._show_length)
        self.length.valueChanged.connect(self._length_changed)

        self.routine = QComboBox()
        self.routine.setAccessibleName(tr("Default routine"))
        for routine in library.routines:
            self.routine.addItem(routine.name, routine.id)
        self.add_block(
            box,
            tr("Default routine"),
            self.editor(self.routine),
            tr("“Start routine” in the menu and the tray begins this one."),
        )
        self.routine.currentIndexChanged.connect(
            lambda i: self.save(default_routine=self.routine.itemData(i)) if i >= 0 else None
        )

        self.tension = checkbox(tr("Ask how tense my back feels"))
        self.add_block(
            box,
            "",
            self.editor(self.tension),
            tr("A quick 0–10 rating before and after each session, to see how you're doing."),
        )
        self.tension.toggled.connect(lambda on: self.save(tension_rating=on))

        self.pause_when_away = checkbox(tr("Pause when I step away"))
        self.add_block(
            box,
            "",
            self.editor(self.pause_when_away),
            tr("A session pauses when the screen locks or the computer goes to sleep."),
        )
        self.pause_when_away.toggled.connect(lambda on: self.save(pause_when_away=on))

    def _show_length(self, minutes: int) -> None:
        self.length_value.setText(tr("%n min", None, minutes))

    def _length_changed(self, minutes: int) -> None:
        self._show_length(minutes)
        self.save(routine_minutes=minutes)

    def _show(self, prefs: Preferences) -> None:
        self.length.setValue(prefs.routine_minutes)
        self._show_length(prefs.routine_minutes)
        select_data(self.routine, prefs.default_routine)
        self.tension.setChecked(prefs.tension_rating)
        self.pause_when_away.setChecked(prefs.pause_when_away)


class BreathingSection(SettingsSection):
    key = "breathing"
    title = QT_TR_NOOP("Breathing")

    def __init__(
        self, preferences: PreferencesModel, patterns: Mapping[str, BreathingPattern]
    ) -> None:
        super().__init__(preferences, tr("The rhythm the breathing guide follows."))
        self._patterns = dict(patterns)
        box = self.add_card()
        self.pattern = QComboBox()
        self.pattern.setAccessibleName(tr("Breathing pattern"))
        for pattern_id, pattern in self._patterns.items():
            self.pattern.addItem(pattern.name, pattern_id)
        self.pattern_summary = hint("")
        self.add_block(box, tr("Breathing pattern"), self.editor(self.pattern))
        box.addWidget(self.pattern_summary)
        self.pattern.currentIndexChanged.connect(self._pattern_changed)

    def _pattern_changed(self, index: int) -> None:
        pattern = self._patterns.get(self.pattern.itemData(index)) if index >= 0 else None
        self.pattern_summary.setText(pattern.summary if pattern else "")
        if pattern is not None:
            self.save(breathing_pattern=pattern.id)

    def _show(self, prefs: Preferences) -> None:
        select_data(self.pattern, prefs.breathing_pattern)
        self._pattern_changed(self.pattern.currentIndex())


THEME_WORDS = {
    "system": (
        QT_TR_NOOP("Follow the system"),
        QT_TR_NOOP("Light, dark or high contrast, as your desktop is set."),
    ),
    "light": (QT_TR_NOOP("Light"), QT_TR_NOOP("Warm sand and white.")),
    "dark": (QT_TR_NOOP("Dark"), QT_TR_NOOP("Deep grey, easy in a dark room.")),
    "dim": (
        QT_TR_NOOP("Dim (evening)"),
        QT_TR_NOOP("Low light with warm colours and no blue glare."),
    ),
    "contrast": (
        QT_TR_NOOP("High contrast"),
        QT_TR_NOOP("White and bright yellow on black, with strong outlines."),
    ),
}


class AppearanceSection(SettingsSection):
    key = "appearance"
    title = QT_TR_NOOP("Appearance")

    def __init__(self, preferences: PreferencesModel) -> None:
        super().__init__(
            preferences, tr("Colours, text size and motion change at once, so you can try each.")
        )
        box = self.add_card()
        box.addWidget(setting_name(tr("Theme")))
        self.themes = QButtonGroup(self)
        self.theme_buttons: dict[str, QRadioButton] = {}
        for index, theme in enumerate(THEMES):
            name, description = THEME_WORDS[theme]
            button = QRadioButton(translated(name))
            button.setAccessibleName(translated(name))
            self.themes.addButton(button, index)
            self.theme_buttons[theme] = button
            box.addSpacing(SPACE["xs"])
            box.addWidget(self.editor(button, translated(description)))
            description_label = hint(translated(description))
            description_label.setContentsMargins(SPACE["l"] + 2, 0, 0, 0)
            box.addWidget(description_label)
        self.themes.idClicked.connect(lambda index: self.save(theme=THEMES[index]))

        box = self.add_card()
        self.text_scale = value_slider(TEXT_SCALE_MIN, TEXT_SCALE_MAX, tr("Text size"))
        self.text_scale.setSingleStep(10)
        self.text_scale.setPageStep(25)
        self.text_scale_value = QLabel()
        self.add_block(
            box,
            tr("Text size"),
            self.slider_row(self.text_scale, self.text_scale_value, tr("From 100 to 200 %")),
            tr("Every page's text grows with it; pages scroll where they no longer fit."),
        )
        self.text_scale.sliderMoved.connect(self._show_text_scale)
        self.text_scale.valueChanged.connect(self._text_scale_changed)

        self.reduced_motion = checkbox(tr("Reduce motion"))
        self.add_block(
            box,
            tr("Motion"),
            self.editor(self.reduced_motion),
            tr(
                "Nothing moves for show: the breathing guide names each phase and counts its "
                "seconds, with no growing circle."
            ),
        )
        self.reduced_motion.toggled.connect(lambda on: self.save(reduced_motion=on))

    def _show_text_scale(self, percent: int) -> None:
        self.text_scale_value.setText(tr("%1 %", str(percent)))
        self.text_scale.setAccessibleDescription(self.text_scale_value.text())

    def _text_scale_changed(self, percent: int) -> None:
        self._show_text_scale(percent)
        self.save(text_scale=percent)

    def _show(self, prefs: Preferences) -> None:
        button = self.theme_buttons.get(prefs.theme)
        if button is not None:
            button.setChecked(True)
        self.text_scale.setValue(prefs.text_scale)
        self._show_text_scale(prefs.text_scale)
        self.reduced_motion.setChecked(prefs.reduced_motion)


class StartupSection(SettingsSection):
    key = "startup"
    title = QT_TR_NOOP("Start-up")

    def __init__(
        self, preferences: PreferencesModel, set_start_at_login: StartAtLogin | None
    ) -> None:
        super().__init__(preferences, tr("How BackCare opens."))
        self._set_start_at_login = set_start_at_login
        box = self.add_card()
        self.start_minimized = checkbox(tr("Start minimized"))
        self.add_block(
            box,
            "",
            self.editor(self.start_minimized),
            tr("BackCare opens quietly in the tray and waits until you need it."),
        )
        self.start_minimized.toggled.connect(lambda on: self.save(start_minimized=on))

        self.start_at_login = checkbox(tr("Start BackCare when I log in"))
        self.add_block(
            box,
            "",
            self.editor(self.start_at_login),
            tr("It opens minimized, so your reminders can reach you without a window popping up."),
        )
        self.start_at_login.toggled.connect(self._start_at_login_toggled)
        self.login_error_frame, self.login_error = notice_frame()
        self.column.addWidget(self.login_error_frame)

    def _start_at_login_toggled(self, on: bool) -> None:
        if self._showing or not self.editable:
            return
        error = self._apply_start_at_login(on)
        if error:
            set_quietly(self.start_at_login, lambda: self.start_at_login.setChecked(not on))
            show_notice(self.login_error_frame, self.login_error, error)
            return
        show_notice(self.login_error_frame, self.login_error, "")
        self.save(start_at_login=on)

    def _apply_start_at_login(self, on: bool) -> str | None:
        if self._set_start_at_login is None:
            return None
        try:
            return self._set_start_at_login(on)
        except Exception as exc:  # the desktop refused; say so instead of crashing Settings
            log.exception("could not change start at login")
            return tr("Start at login could not be changed: %1", str(exc))

    def _show(self, prefs: Preferences) -> None:
        self.start_minimized.setChecked(prefs.start_minimized)
        self.start_at_login.setChecked(prefs.start_at_login)


class RemindersSection(SettingsSection):
    key = "reminders"
    title = QT_TR_NOOP("Reminders")

    def __init__(
        self, preferences: PreferencesModel, open_reminders: Callable[[], None] | None = None
    ) -> None:
        super().__init__(preferences, tr("Reminder times themselves are set under Reminders."))
        if open_reminders is not None:
            times = self.add_card()
            button = QPushButton(tr("Edit reminder times…"))
            button.setToolTip(tr("Opens the Reminders page: times, days and routines"))
            button.clicked.connect(open_reminders)
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(button)
            line.addStretch(1)
            self.add_block(times, tr("Reminder times"), row)
        box = self.add_card()
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.grace = spin_box()
        self.grace.setRange(GRACE_MINUTES_MIN, GRACE_MINUTES_MAX)
        self.grace.setSingleStep(15)
        self.grace.setSuffix(tr(" min"))
        self.grace.setKeyboardTracking(False)
        self.grace.setAccessibleName(tr("Catch-up time for missed reminders"))
        self.grace.setMinimumWidth(110)
        line.addWidget(self.editor(self.grace, tr("From 15 minutes to 4 hours")))
        self.grace_words = hint("")
        line.addSpacing(SPACE["s"])
        line.addWidget(self.grace_words)
        line.addStretch(1)
        self.add_block(
            box,
            tr("Catch-up time for missed reminders"),
            row,
            tr(
                "If your computer was asleep or off when a reminder was due, BackCare offers it "
                "once when you are back, as long as it is no older than this. Older ones are let "
                "go quietly."
            ),
        )
        self.grace.valueChanged.connect(self._grace_changed)

    def _grace_changed(self, minutes: int) -> None:
        self.grace_words.setText(hours_and_minutes(minutes) if minutes >= 60 else "")
        self.save(reminder_grace_minutes=minutes)

    def _show(self, prefs: Preferences) -> None:
        self.grace.setValue(prefs.reminder_grace_minutes)
        self._grace_changed(self.grace.value())


def hours_and_minutes(minutes: int) -> str:
    """90 -> "1 hour 30 minutes": easier to picture than "90 min"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(tr("1 hour") if hours == 1 else tr("%n hours", None, hours))
    if rest or not hours:
        parts.append(tr("1 minute") if rest == 1 else tr("%n minutes", None, rest))
    return " ".join(parts)


class SafetySection(SettingsSection):
    key = "safety"
    title = QT_TR_NOOP("Safety")

    def __init__(self, preferences: PreferencesModel) -> None:
        super().__init__(preferences, tr("What BackCare can do for your back, and what it can't."))
        box = self.add_card()
        text = label(
            tr(
                "Self-massage complements medical care; it never replaces it. Pain that lasts or "
                "gets worse belongs with a doctor or a licensed therapist."
            ),
            "body",
        )
        box.addWidget(text)
        box.addSpacing(SPACE["m"])
        self.read_notice = QPushButton(tr("Read the safety notice again"))
        self.read_notice.setToolTip(tr("The notice shown when BackCare first opened"))
        row = QHBoxLayout()
        row.addWidget(self.read_notice)
        row.addStretch(1)
        box.addLayout(row)
        self.read_notice.clicked.connect(self.show_notice)

    def show_notice(self) -> None:
        from backcare_desktop.gui.pages.safety_notice import SafetyNoticeDialog

        dialog = SafetyNoticeDialog(self)
        if dialog.exec() and not self.current.first_run_acknowledged:
            self.save(first_run_acknowledged=True)

    def _show(self, prefs: Preferences) -> None:
        pass
