"""The SoundController turns session events into sound, breath cues and captions, on time.

Driven on a FakeClock with a recording fake player and an inline worker: timers are fired by
calling their handlers after advancing the clock, so every instant is exact.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sound_fakes import HeldJobs, RecordingAudio

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.session_controller import SessionController
from backcare_desktop.app.sound.controller import SoundController
from backcare_desktop.app.sound.engine import sound_settings_for
from backcare_desktop.app.sound.jobs import InlineJobs, Jobs, sound_jobs
from backcare_desktop.app.sound.settings_adapter import SoundSettingsAdapter
from backcare_desktop.core.breath_timeline import BreathingTimeline
from backcare_desktop.core.breathing import Cue
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Library, Routine, Step, Technique
from backcare_desktop.core.settings.preferences import Volumes
from backcare_desktop.resources import assets_dir
from backcare_desktop.services.audio.library import SoundLibrary
from backcare_desktop.services.audio.player import MUSIC_OFF, OWN_FOLDER, NullAudio, SoundSettings
from backcare_desktop.storage.store import shipped_defaults

pytestmark = pytest.mark.usefixtures("qapp")  # timers need the application object


@dataclass
class Rig:
    clock: FakeClock
    prefs: PreferencesModel
    session: SessionController
    audio: RecordingAudio
    sound: SoundController
    captions: list[str] = field(default_factory=list)
    opened_on: list[str] = field(default_factory=list)


def make_rig(
    clock: FakeClock, jobs: Jobs | None = None, audio: RecordingAudio | None = None, **prefs: object
) -> Rig:
    model = PreferencesModel(shipped_defaults().with_changes(**prefs))
    session = SessionController(clock)
    player = audio or RecordingAudio(clock)
    opened_on: list[str] = []

    def open_player(_settings: SoundSettings) -> RecordingAudio:
        opened_on.append(threading.current_thread().name)
        return player

    sound = SoundController(model, clock, open_player=open_player, jobs=jobs or InlineJobs())
    sound.attach(session)
    rig = Rig(clock, model, session, player, sound, opened_on=opened_on)
    sound.caption.connect(rig.captions.append)
    return rig


@pytest.fixture
def rig(clock: FakeClock) -> Rig:
    return make_rig(clock)


def technique(library: Library, family: str) -> Technique:
    return next(t for t in library.techniques.values() if t.family == family and not t.per_side)


def routine(*steps: Step) -> Routine:
    return Routine("test", "Test routine", "", tuple(steps), follows_length_preference=False)


def massage(library: Library, seconds: int = 30) -> Step:
    return Step(technique(library, "effleurage"), seconds)


def breathing(library: Library, seconds: int = 60, pattern: str | None = "box") -> Step:
    return Step(library.techniques["deep_breathing"], seconds, breathing=pattern)


def finish_step(rig: Rig) -> None:
    machine = rig.session.machine
    assert machine is not None
    rig.clock.advance(machine.step_remaining())
    rig.session.tick()


def follow_cues_until(rig: Rig, until: float) -> None:
    """Advance the clock to each armed boundary and fire the cue timer, up to `until`."""
    while (due := rig.sound.breath_cues.next_due) is not None and due <= until:
        rig.clock.advance(due - rig.clock.monotonic())
        rig.sound.breath_cues.fire_due()


# -- the session drives the player --------------------------------------------------------------


def test_a_session_drives_the_player_from_start_to_the_end_bell(rig: Rig, library: Library) -> None:
    rig.session.begin(routine(massage(library), massage(library), massage(library)))
    assert rig.audio.names()[:2] == ["start_session", "prepare"]
    finish_step(rig)
    finish_step(rig)
    assert [cue for cue, _t in rig.audio.cues()] == [Cue.STEP, Cue.STEP]
    assert rig.captions == ["Next step", "Next step"]
    finish_step(rig)
    assert rig.audio.names()[-1] == "finish"
    assert rig.captions[-1] == "Session complete"


def test_pause_resume_and_stop_reach_the_player(rig: Rig, library: Library) -> None:
    rig.session.begin(routine(massage(library), massage(library)))
    rig.session.toggle_pause()
    rig.session.toggle_pause()
    rig.session.stop()
    assert rig.audio.names() == ["start_session", "prepare", "pause", "resume", "prepare", "stop"]


def test_the_first_step_and_going_back_to_it_play_no_step_chime(rig: Rig, library: Library) -> None:
    rig.session.begin(routine(massage(library), massage(library)))
    rig.session.skip()
    rig.session.back()
    assert [cue for cue, _t in rig.audio.cues()] == [Cue.STEP]


def test_a_session_that_begins_before_sound_is_ready_gets_it_once_ready(
    clock: FakeClock, library: Library
) -> None:
    jobs = HeldJobs()
    rig = make_rig(clock, jobs)
    rig.session.begin(routine(massage(library), massage(library)))
    rig.session.toggle_pause()
    assert rig.audio.calls == []  # nothing on the GUI thread waited for audio
    jobs.run_all()
    assert rig.audio.names() == ["start_session", "pause", "prepare"]


def test_a_session_stopped_before_sound_was_ready_never_starts_it(
    clock: FakeClock, library: Library
) -> None:
    jobs = HeldJobs()
    rig = make_rig(clock, jobs)
    rig.session.begin(routine(massage(library)))
    rig.session.stop()
    jobs.run_all()
    assert "start_session" not in rig.audio.names()


# -- breathing steps ----------------------------------------------------------------------------


def test_breath_cues_land_exactly_on_the_patterns_boundaries(rig: Rig, library: Library) -> None:
    rig.session.begin(routine(breathing(library, 40, "box")))
    machine = rig.session.machine
    assert machine is not None
    start = machine.step_started_at
    intervals = []
    while (due := rig.sound.breath_cues.next_due) is not None and due < start + 40:
        intervals.append(rig.sound.breath_cues.interval_ms)
        rig.clock.advance(due - rig.clock.monotonic())
        rig.sound.breath_cues.fire_due()
    expected = [
        (cue, start + 4.0 * k)
        for k, cue in enumerate([Cue.INHALE, Cue.HOLD, Cue.EXHALE, Cue.HOLD] * 3)
    ][:10]
    assert rig.audio.cues() == expected
    assert intervals == [4000] * 9
    assert rig.captions[:4] == ["Breathe in", "Hold", "Breathe out", "Hold"]


def test_the_step_names_its_pattern_and_the_preference_fills_in(
    clock: FakeClock, library: Library
) -> None:
    rig = make_rig(clock, breathing_pattern="extended_exhale")
    rig.session.begin(routine(breathing(library, 60, None), breathing(library, 60, "box")))
    timelines: list[BreathingTimeline] = []
    rig.sound.sessionBreathing.connect(timelines.append)
    assert rig.sound.breath_cues.timeline is not None
    assert rig.sound.breath_cues.timeline.pattern.id == "extended_exhale"
    assert rig.sound.breath_cues.next_due == rig.clock.monotonic() + 4.0
    finish_step(rig)
    assert timelines[-1].pattern.id == "box"


def test_captions_show_every_cue_even_with_chimes_off(clock: FakeClock, library: Library) -> None:
    rig = make_rig(clock, chimes_enabled=False)
    rig.session.begin(routine(massage(library), breathing(library, 16, "box")))
    finish_step(rig)
    follow_cues_until(rig, rig.clock.monotonic() + 12)
    assert rig.audio.cues() == []
    assert rig.captions == ["Next step", "Breathe in", "Hold", "Breathe out", "Hold"]


def test_a_pause_shifts_the_breath_no_cue_while_paused_and_the_right_phase_after(
    rig: Rig, library: Library
) -> None:
    rig.session.begin(routine(breathing(library, 120, "resonance")))
    machine = rig.session.machine
    assert machine is not None
    start = machine.step_started_at
    timelines: list[BreathingTimeline] = []
    rig.sound.sessionBreathing.connect(timelines.append)
    rig.clock.advance(2.0)
    rig.session.toggle_pause()
    assert rig.sound.breath_cues.next_due is None
    rig.clock.advance(30.0)
    rig.sound.breath_cues.fire_due()  # a stray wake-up while paused plays nothing
    assert rig.audio.cues() == [(Cue.INHALE, start)]
    rig.session.toggle_pause()
    resumed = rig.clock.monotonic()
    assert timelines[-1].start == machine.step_started_at == start + 30.0
    assert rig.sound.breath_cues.next_due == pytest.approx(resumed + 3.5, abs=1e-9)
    follow_cues_until(rig, resumed + 3.5 + 5.5)
    assert [cue for cue, _t in rig.audio.cues()] == [Cue.INHALE, Cue.EXHALE, Cue.INHALE]
    assert rig.audio.cues()[1][1] == start + 30.0 + 5.5
    assert rig.audio.cues()[2][1] == start + 30.0 + 11.0


def test_leaving_a_breathing_step_stops_its_cues(rig: Rig, library: Library) -> None:
    rig.session.begin(routine(breathing(library, 20, "box"), massage(library)))
    finish_step(rig)
    assert rig.sound.breath_cues.next_due is None
    assert rig.sound.breath_cues.timeline is None


# -- settings -----------------------------------------------------------------------------------


def test_preference_changes_reach_the_player_as_sound_settings(rig: Rig) -> None:
    rig.sound.engine.open_soon()
    rig.prefs.update(
        volumes=Volumes(music=0.2, cues=0.3, chimes=0.4),
        muted=True,
        music_track="ocean",
        chimes_enabled=False,
    )
    assert rig.audio.applied()[-1] == SoundSettings(
        music="ocean",
        music_folder=None,
        music_volume=0.2,
        breath_volume=0.3,
        chime_volume=0.4,
        chimes_enabled=False,
        muted=True,
    )


def test_choosing_other_music_mid_session_has_it_decoded_on_the_worker(
    rig: Rig, library: Library
) -> None:
    rig.session.begin(routine(massage(library), massage(library)))
    rig.prefs.update(music_track="ocean")
    assert rig.audio.names()[-1] == "prepare"  # decodes the new soundscape; it crossfades in
    assert rig.audio.applied()[-1].music == "ocean"


def test_changing_volumes_while_idle_opens_nothing(rig: Rig) -> None:
    rig.sound.engine.open_soon()
    rig.prefs.update(music_track="ocean")
    assert "prepare" not in rig.audio.names()


def test_music_choice_maps_to_the_engines_names(tmp_path: Path) -> None:
    library = SoundLibrary(assets_dir() / "audio")
    prefs = shipped_defaults()
    assert sound_settings_for(prefs, library).music == "warm_pads"  # none chosen: the first
    folder_only = prefs.with_changes(music_track=OWN_FOLDER)
    assert sound_settings_for(folder_only, library).music == "warm_pads"
    own = prefs.with_changes(music_track=OWN_FOLDER, music_folder=str(tmp_path))
    assert sound_settings_for(own, library).music == OWN_FOLDER
    assert sound_settings_for(own, library).music_folder == tmp_path
    off = prefs.with_changes(music_track=MUSIC_OFF)
    assert sound_settings_for(off, library).music == MUSIC_OFF


def test_settings_chosen_before_sound_opened_apply_when_it_opens(rig: Rig) -> None:
    rig.prefs.update(muted=True)
    rig.sound.engine.open_soon()
    assert rig.audio.settings.muted


# -- opening, failing, polling ------------------------------------------------------------------


def test_sound_opens_only_when_asked_and_on_a_worker_thread(qtbot: QtBot, clock: FakeClock) -> None:
    rig = make_rig(clock, sound_jobs())
    assert rig.opened_on == [] and rig.sound.audio is None
    rig.sound.engine.open_soon()
    qtbot.waitUntil(lambda: rig.sound.audio is not None)
    assert rig.opened_on and rig.opened_on[0] != threading.current_thread().name


def test_sound_opens_a_moment_after_the_first_paint(qtbot: QtBot, clock: FakeClock) -> None:
    from PySide6.QtWidgets import QWidget

    from backcare_desktop.app.sound.engine import OPEN_FALLBACK_MS
    from backcare_desktop.gui.widgets.after_paint import after_first_paint

    rig = make_rig(clock)
    widget = QWidget()
    qtbot.addWidget(widget)
    after_first_paint(widget, rig.sound.engine.open_soon, OPEN_FALLBACK_MS)  # as the root does
    assert rig.sound.audio is None
    widget.show()
    qtbot.waitUntil(lambda: rig.sound.audio is not None)


def test_a_failed_open_says_why_once_and_sessions_still_run(
    clock: FakeClock, library: Library
) -> None:
    model = PreferencesModel(shipped_defaults())
    session = SessionController(clock)
    sound = SoundController(
        model,
        clock,
        open_player=lambda _s: NullAudio("no sound device was found"),
        jobs=InlineJobs(),
    )
    sound.attach(session)
    said: list[str] = []
    captions: list[str] = []
    sound.statusChanged.connect(said.append)
    sound.caption.connect(captions.append)
    session.begin(routine(massage(library), breathing(library, 20, "box")))
    finish_step(Rig(clock, model, session, RecordingAudio(clock), sound))
    session.stop()
    session.begin(routine(massage(library)))
    assert said == ["Sound unavailable: no sound device was found"]
    assert sound.status == said[0]
    assert captions[:2] == ["Next step", "Breathe in"]
    assert not sound.engine.polling


def test_an_opener_that_raises_gives_silence_with_a_reason(clock: FakeClock) -> None:
    def broken(_settings: SoundSettings) -> NullAudio:
        raise OSError("device exploded")

    sound = SoundController(
        PreferencesModel(shipped_defaults()), clock, open_player=broken, jobs=InlineJobs()
    )
    sound.engine.open_soon()
    assert sound.status.startswith("Sound unavailable: ")
    assert "device exploded" in sound.status


def test_the_poll_timer_runs_only_while_the_device_is_held(rig: Rig, library: Library) -> None:
    rig.sound.engine.open_soon()
    assert not rig.sound.engine.polling  # open but idle: no device, no timer
    rig.session.begin(routine(massage(library)))
    assert rig.sound.engine.polling
    finish_step(rig)
    assert rig.sound.engine.polling  # the end bell is still ringing
    rig.sound.engine.poll()
    assert not rig.audio.busy
    assert not rig.sound.engine.polling


# -- Settings' seam -----------------------------------------------------------------------------


def test_settings_test_buttons_prepare_then_preview(rig: Rig) -> None:
    adapter = SoundSettingsAdapter(rig.sound)
    adapter.play_test_sound("cues")
    adapter.play_test_sound("chimes")
    assert rig.audio.names() == ["prepare", "preview", "prepare", "preview"]
    previews = [arg for name, arg, _t in rig.audio.calls if name == "preview"]
    assert previews == [Cue.INHALE, Cue.STEP]
    assert rig.sound.engine.polling  # the device closes again once the chime has faded
    rig.sound.engine.poll()
    assert not rig.sound.engine.polling


def test_the_music_test_fades_the_music_in_then_out(rig: Rig) -> None:
    SoundSettingsAdapter(rig.sound).play_test_sound("music")
    assert rig.audio.names() == ["start_session", "prepare"]
    rig.sound.end_music_preview()
    assert rig.audio.names()[-1] == "stop"


def test_the_adapter_lists_tracks_checks_folders_and_reports_status(
    rig: Rig, tmp_path: Path
) -> None:
    adapter = SoundSettingsAdapter(rig.sound)
    track_id, title, description = adapter.tracks()[0]
    assert (track_id, title) == ("warm_pads", "Warm pads") and description.startswith("Soft chords")
    assert adapter.status() == ""
    (tmp_path / "good.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVEfmt ")
    (tmp_path / "bad.mp3").write_bytes(b"not music at all")
    (tmp_path / "song.flac").write_bytes(b"fLaC")
    playable, skipped = adapter.scan_folder(tmp_path)
    assert playable == 1
    assert len(skipped) == 2 and any(line.startswith("bad.mp3: ") for line in skipped)
