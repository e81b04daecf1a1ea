"""The Sound page of Settings: mute, a volume per layer with a test button, chimes, music.

The page talks to the sound engine only through `SoundSettingsBackend`, a small seam the
composition root fills in (over services.audio), so Settings never starts the mixer itself and
can be tested with a fake. Checking a folder of the person's own music reads files, which can
be slow on a network drive, so it runs on a job runner of its own (a slow drive must not hold
up settings saves) and answers on the GUI thread.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QWidget,
)

from backcare_desktop.app.jobs import JobRunner
from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.core.settings.preferences import Preferences
from backcare_desktop.gui.look.text import QT_TR_NOOP, tr, translated
from backcare_desktop.gui.settings.form import (
    SettingsSection,
    checkbox,
    hint,
    notice_frame,
    select_data,
    setting_name,
    show_notice,
    value_slider,
)
from backcare_desktop.gui.widgets.layout_helpers import SPACE
from backcare_desktop.services.audio.library import MUSIC_OFF, OWN_FOLDER

log = logging.getLogger(__name__)

LAYERS = (
    ("music", QT_TR_NOOP("Music")),
    ("cues", QT_TR_NOOP("Breathing cues")),
    ("chimes", QT_TR_NOOP("Step and end chimes")),
)
"""Sound layers as (name in Volumes, what the person sees)."""
MAX_SKIPPED_SHOWN = 8


class SoundSettingsBackend(Protocol):
    """What the Sound page needs from the sound engine."""

    def tracks(self) -> Sequence[tuple[str, str, str]]:
        """The bundled soundscapes as (id, title, description), in the order to offer them."""
        ...

    def scan_folder(self, folder: Path) -> tuple[int, Sequence[str]]:
        """How many files in `folder` can play, and one plain sentence per file skipped.

        Called on a worker thread: read files only, never touch Qt or the sound device.
        """
        ...

    def play_test_sound(self, layer: str) -> None:
        """Play a short sample of "music", "cues" or "chimes" at the saved volume; returns at
        once (the GUI thread never waits on audio)."""
        ...

    def status(self) -> str:
        """Empty when sound works, else "Sound unavailable: <reason>"."""
        ...


class SoundSection(SettingsSection):
    key = "sound"
    title = QT_TR_NOOP("Sound")

    def __init__(self, preferences: PreferencesModel, backend: SoundSettingsBackend) -> None:
        super().__init__(preferences, tr("Soft music and chimes for your sessions."))
        self.backend = backend
        self.scanning = False
        self.status_frame, self.status_label = notice_frame()
        self.column.insertWidget(2, self.status_frame)  # under the heading
        self._build_levels()
        self._build_music()
        self._jobs = JobRunner("music-folder-check", self)
        self.refresh_status()

    # -- building ----------------------------------------------------------------------------

    def _build_levels(self) -> None:
        box = self.add_card()
        self.mute = checkbox(tr("Mute all sound"))
        self.add_block(
            box,
            "",
            self.editor(self.mute),
            tr("Your volumes are kept for when you turn sound back on."),
        )
        self.mute.toggled.connect(lambda on: self.save(muted=on))
        box.addSpacing(SPACE["m"])
        box.addWidget(setting_name(tr("Volume")))
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACE["m"])
        grid.setVerticalSpacing(SPACE["s"])
        grid.setColumnStretch(1, 1)
        self.sliders: dict[str, QSlider] = {}
        self.levels: dict[str, QLabel] = {}
        self.test_buttons: dict[str, QPushButton] = {}
        for row, (layer, name) in enumerate(LAYERS):
            slider = value_slider(0, 100, tr("%1 volume", translated(name)))
            slider.setSingleStep(5)
            slider.setPageStep(10)
            level = QLabel()
            level.setMinimumWidth(48)
            test = QPushButton(tr("Test"))
            test.setAccessibleName(tr("Test %1", translated(name)))
            name_label = QLabel(translated(name))
            name_label.setWordWrap(True)  # longer words in other languages wrap, never clip
            grid.addWidget(name_label, row, 0)
            grid.addWidget(self.editor(slider, tr("From silent to full")), row, 1)
            grid.addWidget(level, row, 2)
            grid.addWidget(test, row, 3)
            slider.sliderMoved.connect(lambda value, lv=level: lv.setText(f"{value} %"))
            slider.valueChanged.connect(lambda value, lr=layer: self._volume_changed(lr, value))
            test.clicked.connect(lambda _checked=False, lr=layer: self.backend.play_test_sound(lr))
            self.sliders[layer], self.levels[layer], self.test_buttons[layer] = slider, level, test
        box.addLayout(grid)
        box.addWidget(
            hint(tr("Breathing cues mark in, hold and out; chimes mark each new step and the end."))
        )
        self.chimes = checkbox(tr("Play breathing cues and chimes"))
        self.add_block(
            box,
            "",
            self.editor(self.chimes),
            tr("Captions always show what each chime says, with sound or without."),
        )
        self.chimes.toggled.connect(lambda on: self.save(chimes_enabled=on))

    def _build_music(self) -> None:
        box = self.add_card()
        self.music = QComboBox()
        self.music.setAccessibleName(tr("Background music"))
        self.descriptions: dict[str, str] = {}
        for track_id, title, description in self.backend.tracks():
            self.music.addItem(title, track_id)
            self.music.setItemData(self.music.count() - 1, description, Qt.ItemDataRole.ToolTipRole)
            self.descriptions[track_id] = description
        self.music.addItem(tr("No music"), MUSIC_OFF)
        self.music.addItem(tr("My own music folder…"), OWN_FOLDER)
        self.add_block(
            box,
            tr("Background music"),
            self.editor(self.music, tr("Music that plays softly while you follow a routine")),
        )
        # What the chosen soundscape sounds like, in a sentence (it changes with the choice).
        self.music_about = hint("")
        self.music_about.setWordWrap(True)
        box.addWidget(self.music_about)
        box.addSpacing(SPACE["xs"])
        self.music.currentIndexChanged.connect(self._describe_music)
        self.music.currentIndexChanged.connect(self._music_chosen)
        box.addWidget(hint(tr("Your own OGG, MP3 or WAV files play one after another.")))
        self.folder_row = QWidget()
        row = QHBoxLayout(self.folder_row)
        row.setContentsMargins(0, SPACE["xs"], 0, 0)
        row.setSpacing(SPACE["s"])
        self.folder_label = hint("")
        self.change_folder = QPushButton(tr("Choose another folder…"))
        row.addWidget(self.folder_label, 1)
        row.addWidget(self.editor(self.change_folder))
        self.change_folder.clicked.connect(self.choose_folder)
        box.addWidget(self.folder_row)
        self.report_frame, self.report = notice_frame()
        box.addSpacing(SPACE["s"])
        box.addWidget(self.report_frame)

    # -- showing -----------------------------------------------------------------------------

    def _show(self, prefs: Preferences) -> None:
        self.mute.setChecked(prefs.muted)
        for layer, slider in self.sliders.items():
            percent = round(getattr(prefs.volumes, layer) * 100)
            slider.setValue(percent)
            self.levels[layer].setText(f"{percent} %")
        self.chimes.setChecked(prefs.chimes_enabled)
        choice = prefs.music_track
        if choice == OWN_FOLDER and not prefs.music_folder:
            choice = None
        select_data(self.music, choice)
        if self.music.currentIndex() < 0:
            self.music.setCurrentIndex(0)  # unset or unknown: the first track plays
        self._describe_music(self.music.currentIndex())
        own = self.music.currentData() == OWN_FOLDER
        self.folder_row.setVisible(own)
        if own and prefs.music_folder:
            self.folder_label.setText(tr("Folder: %1", prefs.music_folder))

    def refresh_status(self) -> None:
        """Show whether sound can play here (the engine may find out after Settings opened)."""
        show_notice(self.status_frame, self.status_label, self.backend.status())
        self.update_enabled()

    def update_enabled(self) -> None:
        super().update_enabled()
        self.music.setEnabled(self.editable and not self.scanning)
        self.change_folder.setEnabled(self.editable and not self.scanning)
        prefs = self.current
        unavailable = bool(self.backend.status())
        for layer, button in self.test_buttons.items():
            reason = ""
            if unavailable:
                reason = tr("Sound is unavailable on this computer right now")
            elif prefs.muted:
                reason = tr("Sound is muted")
            elif layer == "music" and prefs.music_track == MUSIC_OFF:
                reason = tr("No music is chosen")
            elif layer != "music" and not prefs.chimes_enabled:
                reason = tr("Breathing cues and chimes are off")
            button.setEnabled(not reason)
            button.setToolTip(reason or tr("Play a short sample at this volume"))

    # -- changes -----------------------------------------------------------------------------

    def _volume_changed(self, layer: str, percent: int) -> None:
        self.levels[layer].setText(f"{percent} %")
        volumes = dataclasses.replace(self.current.volumes, **{layer: percent / 100})
        self.save(volumes=volumes)

    def _describe_music(self, index: int) -> None:
        description = self.descriptions.get(str(self.music.itemData(index)), "")
        self.music_about.setText(description)
        self.music_about.setVisible(bool(description))

    def _music_chosen(self, index: int) -> None:
        if self._showing or index < 0:
            return
        choice = self.music.itemData(index)
        if choice == OWN_FOLDER:
            self.choose_folder()
            return
        show_notice(self.report_frame, self.report, "")
        self.save(music_track=choice)

    def choose_folder(self) -> None:
        """Ask for a folder, check it off the GUI thread, and use it if anything can play."""
        start = self.current.music_folder or QDir.homePath()
        folder = QFileDialog.getExistingDirectory(
            self, tr("Choose a folder of your own music"), start
        )
        if not folder:
            self.show_preferences(self.current)  # put the music choice back as it was
            return
        self.scanning = True
        self.update_enabled()
        show_notice(self.report_frame, self.report, tr("Checking the music in that folder…"))
        path = Path(folder)
        self._jobs.submit(
            lambda: self.backend.scan_folder(path),
            lambda found: self._scan_finished(path, found[0], list(found[1]), ""),
            lambda error: self._scan_finished(path, 0, [], error),
            what=f"checking the music folder {path}",
        )

    def _scan_finished(self, folder: Path, playable: int, skipped: list[str], error: str) -> None:
        self.scanning = False
        if playable > 0 and not error:
            self.save(music_track=OWN_FOLDER, music_folder=str(folder))
        self.show_preferences(self.current)
        show_notice(self.report_frame, self.report, folder_report(folder, playable, skipped, error))


def folder_report(folder: Path, playable: int, skipped: Sequence[str], error: str = "") -> str:
    """What checking a music folder found, in plain words."""
    if error:
        return tr("That folder could not be read, so your music choice is unchanged. (%1)", error)
    if playable == 0:
        head = tr(
            "No music BackCare can play was found in %1, so your music choice is unchanged.",
            folder.name or str(folder),
        )
    elif playable == 1:
        head = tr("1 piece of music from this folder will play.")
    else:
        head = tr(
            "%n pieces of music from this folder will play, one after another.", None, playable
        )
    if not skipped:
        return head
    lines = [f"• {message}" for message in skipped[:MAX_SKIPPED_SHOWN]]
    if len(skipped) > MAX_SKIPPED_SHOWN:
        lines.append(tr("• and %n more", None, len(skipped) - MAX_SKIPPED_SHOWN))
    intro = tr("These files were left out:")
    return "\n".join([head, "", intro, *lines])
