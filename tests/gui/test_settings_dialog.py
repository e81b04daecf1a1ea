"""The Settings dialog: every change applies and is saved at once, and problems are explained."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.core.breathing import BreathingPattern, load_patterns
from backcare_desktop.core.routine import Library
from backcare_desktop.core.settings.preferences import Preferences, Volumes
from backcare_desktop.gui.settings.dialog import NEWER_VERSION_REASON, SettingsDialog
from backcare_desktop.gui.settings.sound import folder_report
from backcare_desktop.resources import assets_dir
from backcare_desktop.services.audio.library import scan_music_folder
from backcare_desktop.storage.memory import MemoryPreferencesStore
from backcare_desktop.storage.store import PreferencesStore, shipped_defaults


class FakeSound:
    """The sound seam: two tracks, a real folder check, and a record of test sounds."""

    def __init__(self, status: str = "") -> None:
        self._status = status
        self.played: list[str] = []

    def tracks(self) -> Sequence[tuple[str, str, str]]:
        return [
            ("warm_pads", "Warm pads", "Soft chords that drift."),
            ("ocean", "Gentle ocean", "Waves breaking on a quiet shore."),
        ]

    def scan_folder(self, folder: Path) -> tuple[int, Sequence[str]]:
        scan = scan_music_folder(folder)
        return len(scan.tracks), [f"{s.path.name}: {s.reason}" for s in scan.skipped]

    def play_test_sound(self, layer: str) -> None:
        self.played.append(layer)

    def status(self) -> str:
        return self._status


@pytest.fixture(scope="module")
def patterns() -> dict[str, BreathingPattern]:
    return load_patterns(assets_dir() / "breathing_patterns.json")


@pytest.fixture
def store(tmp_path: Path) -> PreferencesStore:
    return PreferencesStore(tmp_path / "preferences.json", shipped_defaults())


def saved(store: PreferencesStore) -> Preferences:
    """What a fresh store reads back from the file: proof that a change was persisted."""
    return PreferencesStore(store.path, shipped_defaults()).load()[0]


MakeDialog = Callable[..., SettingsDialog]


@pytest.fixture
def make_dialog(
    qtbot: QtBot, library: Library, patterns: dict[str, BreathingPattern], store: PreferencesStore
) -> MakeDialog:
    alive: list[SettingsDialog] = []  # held here so a test may use just one section

    def make(
        model: PreferencesModel | None = None,
        sound: FakeSound | None = None,
        set_start_at_login: Callable[[bool], str | None] | None = None,
        read_only_reason: str | None = None,
        section: str = "routine",
    ) -> SettingsDialog:
        if model is None:
            model = PreferencesModel(store.load()[0], store)
        dialog = SettingsDialog(
            None,
            model,
            library,
            patterns,
            sound or FakeSound(),
            set_start_at_login,
            read_only_reason=read_only_reason,
        )
        qtbot.addWidget(dialog)
        alive.append(dialog)
        dialog.show()
        dialog.show_section(section)
        return dialog

    return make


# -- Routine -----------------------------------------------------------------------------------


def test_the_routine_length_slider_saves_the_new_length(
    make_dialog: MakeDialog, store: PreferencesStore
) -> None:
    dialog = make_dialog()
    section = dialog.routine_section
    section.length.setValue(20)
    assert dialog.preferences.value.routine_minutes == 20
    assert saved(store).routine_minutes == 20
    assert section.length_value.text() == "20 min"


def test_the_routine_length_offers_five_to_thirty_minutes(make_dialog: MakeDialog) -> None:
    length = make_dialog().routine_section.length
    assert (length.minimum(), length.maximum()) == (5, 30)


def test_choosing_a_default_routine_saves_it(
    make_dialog: MakeDialog, store: PreferencesStore
) -> None:
    combo = make_dialog().routine_section.routine
    combo.setCurrentIndex(combo.findData("evening_wind_down"))
    assert saved(store).default_routine == "evening_wind_down"


def test_the_tension_rating_can_be_turned_off(
    make_dialog: MakeDialog, store: PreferencesStore
) -> None:
    make_dialog().routine_section.tension.click()
    assert saved(store).tension_rating is False


def test_pausing_when_away_is_on_unless_turned_off(
    make_dialog: MakeDialog, store: PreferencesStore
) -> None:
    switch = make_dialog().routine_section.pause_when_away
    assert switch.isChecked()
    switch.click()
    assert saved(store).pause_when_away is False


# -- Sound -------------------------------------------------------------------------------------


def test_a_volume_slider_changes_only_its_own_layer(
    make_dialog: MakeDialog, store: PreferencesStore
) -> None:
    before = store.load()[0].volumes
    sound = make_dialog().sound_section
    sound.sliders["cues"].setValue(35)
    assert saved(store).volumes == Volumes(music=before.music, cues=0.35, chimes=before.chimes)
    assert sound.levels["cues"].text() == "35 %"


def test_mute_and_chimes_are_saved(make_dialog: MakeDialog, store: PreferencesStore) -> None:
    sound = make_dialog().sound_section
    sound.mute.click()
    sound.chimes.click()
    assert (saved(store).muted, saved(store).chimes_enabled) == (True, False)


def test_the_chosen_soundscape_is_described_under_the_list(make_dialog: MakeDialog) -> None:
    sound = make_dialog().sound_section
    music = sound.music
    assert not sound.music_about.isHidden()
    assert sound.music_about.text() == "Soft chords that drift."
    music.setCurrentIndex(music.findData("ocean"))
    assert sound.music_about.text() == "Waves breaking on a quiet shore."
    assert music.itemData(music.currentIndex(), Qt.ItemDataRole.ToolTipRole) == (
        "Waves breaking on a quiet shore."
    )
    music.setCurrentIndex(music.findData("off"))
    assert sound.music_about.isHidden()


def test_choosing_a_track_or_no_music_is_saved(
    make_dialog: MakeDialog, store: PreferencesStore
) -> None:
    music = make_dialog().sound_section.music
    music.setCurrentIndex(music.findData("ocean"))
    assert saved(store).music_track == "ocean"
    music.setCurrentIndex(music.findData("off"))
    assert saved(store).music_track == "off"


def test_each_test_button_plays_its_own_layer(make_dialog: MakeDialog) -> None:
    fake = FakeSound()
    sound = make_dialog(sound=fake).sound_section
    for layer in ("music", "cues", "chimes"):
        sound.test_buttons[layer].click()
    assert fake.played == ["music", "cues", "chimes"]


def test_test_buttons_rest_while_sound_is_muted(make_dialog: MakeDialog) -> None:
    sound = make_dialog().sound_section
    sound.mute.click()
    assert not any(button.isEnabled() for button in sound.test_buttons.values())
    assert sound.test_buttons["music"].toolTip() == "Sound is muted"


def test_unavailable_sound_is_explained_on_the_sound_page(make_dialog: MakeDialog) -> None:
    reason = "Sound unavailable: no sound device could be opened"
    sound = make_dialog(sound=FakeSound(status=reason), section="sound").sound_section
    assert sound.status_frame.isVisible()
    assert sound.status_label.text() == reason
    assert not sound.test_buttons["cues"].isEnabled()
    assert sound.sliders["music"].isEnabled()  # the choice is still saved for later


def test_sound_that_becomes_available_later_clears_the_status(make_dialog: MakeDialog) -> None:
    fake = FakeSound(status="Sound unavailable: still starting")
    dialog = make_dialog(sound=fake, section="sound")
    fake._status = ""
    dialog.refresh_sound_status()
    assert not dialog.sound_section.status_frame.isVisible()
    assert dialog.sound_section.test_buttons["music"].isEnabled()


def _music_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "My music"
    folder.mkdir()
    (folder / "evening.ogg").write_bytes(b"OggS" + bytes(60))
    (folder / "broken.mp3").write_bytes(b"not really music")
    (folder / "cover.jpg").write_bytes(b"\xff\xd8\xff")
    return folder


def test_an_own_music_folder_is_used_and_a_bad_file_reported(
    make_dialog: MakeDialog,
    store: PreferencesStore,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = _music_folder(tmp_path)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))
    sound = make_dialog(section="sound").sound_section
    sound.music.setCurrentIndex(sound.music.findData("own_folder"))
    qtbot.waitUntil(lambda: not sound.scanning)
    assert (saved(store).music_track, saved(store).music_folder) == ("own_folder", str(folder))
    assert sound.report_frame.isVisible()
    assert "1 piece of music from this folder will play." in sound.report.text()
    assert "broken.mp3" in sound.report.text()
    assert "cover.jpg" not in sound.report.text()
    assert sound.folder_row.isVisible()
    assert str(folder) in sound.folder_label.text()


def test_a_folder_with_nothing_playable_leaves_the_music_as_it_was(
    make_dialog: MakeDialog,
    store: PreferencesStore,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "Nothing here"
    folder.mkdir()
    (folder / "song.flac").write_bytes(b"fLaC")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))
    sound = make_dialog().sound_section
    sound.music.setCurrentIndex(sound.music.findData("own_folder"))
    qtbot.waitUntil(lambda: not sound.scanning)
    assert saved(store).music_track is None
    assert sound.music.currentData() == "warm_pads"
    assert "No music BackCare can play was found" in sound.report.text()
    assert "song.flac: FLAC files can't be played" in sound.report.text()


def test_cancelling_the_folder_choice_puts_the_music_back(
    make_dialog: MakeDialog, store: PreferencesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: "")
    sound = make_dialog().sound_section
    sound.music.setCurrentIndex(sound.music.findData("ocean"))
    sound.music.setCurrentIndex(sound.music.findData("own_folder"))
    assert sound.music.currentData() == "ocean"
    assert saved(store).music_track == "ocean"


def test_a_long_list_of_skipped_files_is_cut_short() -> None:
    text = folder_report(Path("/m"), 3, [f"f{i}.wma: no" for i in range(12)])
    assert "f7.wma" in text and "f8.wma" not in text
    assert "and 4 more" in text


# -- Breathing, appearance, start-up, reminders, safety ----------------------------------------


def test_the_breathing_pattern_is_saved(make_dialog: MakeDialog, store: PreferencesStore) -> None:
    section = make_dialog().breathing_section
    section.pattern.setCurrentIndex(section.pattern.findData("box"))
    assert saved(store).breathing_pattern == "box"
    assert "hold 4" in section.pattern_summary.text()


def test_reduce_motion_and_text_size_live_under_appearance_and_are_saved(
    make_dialog: MakeDialog, store: PreferencesStore
) -> None:
    section = make_dialog().appearance_section
    section.reduced_motion.click()
    section.text_scale.setValue(150)
    assert (saved(store).reduced_motion, saved(store).text_scale) == (True, 150)
    assert section.text_scale_value.text() == "150 %"


def test_a_theme_is_saved_the_moment_it_is_picked(
    make_dialog: MakeDialog, store: PreferencesStore
) -> None:
    make_dialog().appearance_section.theme_buttons["dim"].click()
    assert saved(store).theme == "dim"


def test_start_minimized_is_saved(make_dialog: MakeDialog, store: PreferencesStore) -> None:
    make_dialog().startup_section.start_minimized.click()
    assert saved(store).start_minimized is True


def test_start_at_login_asks_the_desktop_then_saves(
    make_dialog: MakeDialog, store: PreferencesStore
) -> None:
    calls: list[bool] = []

    def set_start_at_login(on: bool) -> str | None:
        calls.append(on)
        return None

    dialog = make_dialog(set_start_at_login=set_start_at_login, section="startup")
    section = dialog.startup_section
    section.start_at_login.click()
    assert calls == [True]
    assert saved(store).start_at_login is True
    assert not section.login_error_frame.isVisible()


def test_start_at_login_that_fails_reverts_the_box_and_says_why(
    make_dialog: MakeDialog, store: PreferencesStore
) -> None:
    error = "The autostart folder could not be written: permission denied"
    dialog = make_dialog(set_start_at_login=lambda on: error, section="startup")
    section = dialog.startup_section
    section.start_at_login.click()
    assert not section.start_at_login.isChecked()
    assert section.login_error_frame.isVisible()
    assert section.login_error.text() == error
    assert saved(store).start_at_login is False


def test_start_at_login_that_raises_is_reported_not_crashed(make_dialog: MakeDialog) -> None:
    def broken(on: bool) -> str | None:
        raise OSError("read-only file system")

    section = make_dialog(set_start_at_login=broken).startup_section
    section.start_at_login.click()
    assert not section.start_at_login.isChecked()
    assert "read-only file system" in section.login_error.text()


def test_the_catch_up_window_for_missed_reminders_is_saved(
    make_dialog: MakeDialog, store: PreferencesStore
) -> None:
    section = make_dialog().reminders_section
    grace = section.grace
    assert (grace.minimum(), grace.maximum()) == (15, 240)
    grace.setValue(90)
    assert saved(store).reminder_grace_minutes == 90
    assert section.grace_words.text() == "1 hour 30 minutes"


def test_the_safety_notice_can_be_read_again(
    make_dialog: MakeDialog, store: PreferencesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backcare_desktop.gui.pages import safety_notice

    shown: list[QWidget] = []

    def fake_exec(dialog: QWidget) -> int:
        shown.append(dialog)
        return 1

    monkeypatch.setattr(safety_notice.SafetyNoticeDialog, "exec", fake_exec)
    make_dialog().safety_section.read_notice.click()
    assert len(shown) == 1
    assert saved(store).first_run_acknowledged is True


def test_the_safety_notice_has_one_heading_and_keeps_every_point(qtbot: QtBot) -> None:
    from backcare_desktop.gui.pages.safety_notice import SafetyNoticeDialog

    dialog = SafetyNoticeDialog()
    qtbot.addWidget(dialog)
    assert dialog.heading.text() == "Before you begin"
    body = dialog.text.toMarkdown()
    assert "Before you begin" not in body
    assert "never replaces it" in body and "Warning signs" in body


# -- The dialog as a whole ---------------------------------------------------------------------


def test_a_read_only_store_disables_the_controls_and_says_why(
    make_dialog: MakeDialog, tmp_path: Path
) -> None:
    path = tmp_path / "newer.json"
    newer = {"preferences": {"1": {"schema_version": 99, "theme": "dark"}}}
    path.write_text(json.dumps(newer), encoding="utf-8")
    store = PreferencesStore(path, shipped_defaults())
    prefs, _notices = store.load()
    assert store.read_only
    dialog = make_dialog(
        model=PreferencesModel(prefs, store), read_only_reason=NEWER_VERSION_REASON
    )
    assert dialog.read_only_frame.isVisible()
    assert "newer version of BackCare" in dialog.read_only_label.text()
    editors = [w for section in dialog.sections.values() for w in section.editors]
    assert editors and not any(w.isEnabled() for w in editors)
    assert dialog.safety_section.read_notice.isEnabled()
    assert dialog.close_button.isEnabled()
    assert json.loads(path.read_text(encoding="utf-8")) == newer


def test_a_change_made_elsewhere_shows_without_being_saved_twice(
    make_dialog: MakeDialog,
) -> None:
    memory = MemoryPreferencesStore(shipped_defaults())
    model = PreferencesModel(memory.prefs, memory)
    dialog = make_dialog(model=model)
    model.update(theme="dark", routine_minutes=25, volumes=Volumes(0.1, 0.2, 0.3))
    assert memory.saves == 1
    assert dialog.appearance_section.theme_buttons["dark"].isChecked()
    assert dialog.routine_section.length.value() == 25
    assert dialog.sound_section.sliders["chimes"].value() == 30


def test_a_change_that_cannot_be_saved_is_explained(make_dialog: MakeDialog) -> None:
    memory = MemoryPreferencesStore(shipped_defaults(), read_only=True)
    dialog = make_dialog(model=PreferencesModel(memory.prefs, memory))
    dialog.startup_section.start_minimized.click()
    assert dialog.save_failed_frame.isVisible()
    assert "lasts only until BackCare closes" in dialog.save_failed_label.text()


def test_every_section_can_be_opened_by_name(make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    for key in dialog.sections:
        dialog.show_section(key)
        assert dialog.current_section() == key


def test_escape_closes_the_dialog(make_dialog: MakeDialog, qtbot: QtBot) -> None:
    dialog = make_dialog()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # type: ignore[no-untyped-call]
    assert not dialog.isVisible()


def test_the_close_button_closes_the_dialog(make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_favourite_oils_can_be_chosen_in_settings(
    qtbot: QtBot,
    library: Library,
    patterns: dict[str, BreathingPattern],
    store: PreferencesStore,
) -> None:
    model = PreferencesModel(store.load()[0], store)
    dialog = SettingsDialog(
        None,
        model,
        library,
        patterns,
        FakeSound(),
        oils=[("lavender", "Lavender"), ("bergamot", "Bergamot")],
    )
    qtbot.addWidget(dialog)
    dialog.show_section("oils")
    boxes = dialog.oils_section.boxes
    assert boxes["lavender"].isChecked() == ("lavender" in model.value.favourite_oils)
    boxes["bergamot"].setChecked(True)
    assert "bergamot" in store.load()[0].favourite_oils
    boxes["bergamot"].setChecked(False)
    assert "bergamot" not in store.load()[0].favourite_oils


def test_reminder_times_open_from_settings(
    qtbot: QtBot,
    library: Library,
    patterns: dict[str, BreathingPattern],
    store: PreferencesStore,
) -> None:
    opened: list[bool] = []
    dialog = SettingsDialog(
        None,
        PreferencesModel(store.load()[0], store),
        library,
        patterns,
        FakeSound(),
        open_reminders=lambda: opened.append(True),
    )
    qtbot.addWidget(dialog)
    dialog.show_section("reminders")
    buttons = [
        b
        for b in dialog.reminders_section.findChildren(QPushButton)
        if "reminder times" in b.text()
    ]
    buttons[0].click()
    assert opened == [True]
