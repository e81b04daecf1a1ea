"""Settings: every preference in one calm dialog, applied and saved the moment it changes.

A list of sections on the left, the chosen section on the right, and a Close button: no OK or
Apply, because each control writes through the PreferencesModel at once (the store saves
atomically), so closing the dialog can never lose a change. If the settings file belongs to a
newer BackCare the store is read-only: a banner says why and the controls are disabled, rather
than letting the person make changes that would quietly vanish.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Final

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.app.preferences_model import PreferencesModel, SaveProblem
from backcare_desktop.core.breathing import BreathingPattern
from backcare_desktop.core.routine import Library
from backcare_desktop.core.settings.preferences import Preferences
from backcare_desktop.gui.look.screen_room import MINIMUM_SIZE, fitting_size
from backcare_desktop.gui.look.text import QT_TR_NOOP, tr, translated
from backcare_desktop.gui.settings.form import SettingsSection, notice_frame, show_notice
from backcare_desktop.gui.settings.oils import FavouriteOilsSection
from backcare_desktop.gui.settings.sections import (
    AppearanceSection,
    BreathingSection,
    RemindersSection,
    RoutineSection,
    SafetySection,
    StartAtLogin,
    StartupSection,
)
from backcare_desktop.gui.settings.sound import SoundSection, SoundSettingsBackend
from backcare_desktop.gui.widgets.layout_helpers import SPACE

__all__ = ["NEWER_VERSION_REASON", "SettingsDialog", "SoundSettingsBackend", "StartAtLogin"]

NEWER_VERSION_REASON: Final = QT_TR_NOOP(
    "Your settings were saved by a newer version of BackCare. So that nothing is lost, this "
    "version leaves them as they are. Open the newer BackCare to change them."
)
"""The banner text for a read-only settings store (pass it as `read_only_reason`)."""


class SettingsDialog(QDialog):
    """All settings, grouped in sections. Close with the button or Esc; nothing to confirm."""

    def __init__(
        self,
        parent: QWidget | None,
        preferences: PreferencesModel,
        library: Library,
        patterns: Mapping[str, BreathingPattern],
        sound: SoundSettingsBackend,
        set_start_at_login: StartAtLogin | None = None,
        *,
        read_only_reason: str | None = None,
        oils: Sequence[tuple[str, str]] = (),
        open_reminders: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.setWindowTitle(tr("Settings"))
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(fitting_size(self.screen(), QSize(880, 680), MINIMUM_SIZE))

        self.routine_section = RoutineSection(preferences, library)
        self.sound_section = SoundSection(preferences, sound)
        self.breathing_section = BreathingSection(preferences, patterns)
        self.appearance_section = AppearanceSection(preferences)
        self.startup_section = StartupSection(preferences, set_start_at_login)
        self.reminders_section = RemindersSection(preferences, open_reminders)
        self.oils_section = FavouriteOilsSection(preferences, oils)
        self.safety_section = SafetySection(preferences)
        self.sections: dict[str, SettingsSection] = {
            section.key: section
            for section in (
                self.routine_section,
                self.sound_section,
                self.breathing_section,
                self.appearance_section,
                self.startup_section,
                self.reminders_section,
                self.oils_section,
                self.safety_section,
            )
        }

        root = QVBoxLayout(self)
        root.setContentsMargins(SPACE["l"], SPACE["l"], SPACE["l"], SPACE["m"])
        root.setSpacing(SPACE["m"])
        self.read_only_frame, self.read_only_label = notice_frame()
        self.save_failed_frame, self.save_failed_label = notice_frame()
        root.addWidget(self.read_only_frame)
        root.addWidget(self.save_failed_frame)

        body = QHBoxLayout()
        body.setSpacing(SPACE["m"])
        self.nav = QListWidget()
        self.nav.setAccessibleName(tr("Settings sections"))
        self.nav.setFixedWidth(200)
        self.stack = QStackedWidget()
        for section in self.sections.values():
            self.nav.addItem(translated(section.title))
            self.stack.addWidget(section)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        root.addLayout(body, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(tr("Close"))
        self.close_button.setToolTip(tr("Your changes are already saved"))
        buttons.rejected.connect(self.reject)
        root.addWidget(buttons)

        self.set_read_only_reason(read_only_reason)
        self.show_preferences(preferences.value)
        preferences.changed.connect(self.show_preferences)
        preferences.saveProblem.connect(self._save_failed)
        self.nav.setCurrentRow(0)
        self.nav.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_section(self, key: str) -> None:
        """Open at a section: "routine", "sound", "breathing", "appearance", "startup",
        "reminders" or "safety"."""
        self.nav.setCurrentRow(list(self.sections).index(key))

    def current_section(self) -> str:
        return list(self.sections)[self.stack.currentIndex()]

    def show_preferences(self, prefs: Preferences) -> None:
        """Redraw every control for `prefs` (a change made here or anywhere else)."""
        for section in self.sections.values():
            section.show_preferences(prefs)

    def set_read_only_reason(self, reason: str | None) -> None:
        """Settings cannot be saved (`reason` says why): show it and disable the controls."""
        show_notice(
            self.read_only_frame, self.read_only_label, translated(reason) if reason else ""
        )
        for section in self.sections.values():
            section.set_editable(reason is None)

    def refresh_sound_status(self) -> None:
        """Call when the sound engine learns whether it works (it starts after the window)."""
        self.sound_section.refresh_status()

    def showEvent(self, event: QShowEvent) -> None:
        """Each time Settings opens, say afresh whether sound works."""
        self.refresh_sound_status()
        super().showEvent(event)

    def _save_failed(self, problem: SaveProblem) -> None:
        if problem.busy:
            text = tr(
                "Another BackCare program is saving your settings right now. Your change is "
                "kept and will be saved in a moment."
            )
        else:
            text = tr(
                "That change could not be saved, so it lasts only until BackCare closes. (%1)",
                problem.detail,
            )
        show_notice(self.save_failed_frame, self.save_failed_label, text)
