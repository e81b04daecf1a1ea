"""A breathing step in the real session player: the pacer in place of the picture, following the
same timeline as the chimes, frozen by a pause, with captions under the controls."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QAbstractAnimation, QTimer
from PySide6.QtWidgets import QDialog, QWidget
from sound_fakes import RecordingAudio

from backcare_desktop.app.sound.controller import SoundController
from backcare_desktop.core.breathing import Cue
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Library, Routine, Step
from backcare_desktop.gui.session.player import PACER_MAX_PX
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.services.audio.player import NullAudio

MakeSoundingWindow = Callable[..., tuple[MainWindow, SoundController]]


def massage(library: Library, seconds: int = 30) -> Step:
    return Step(library.techniques["effleurage_back"], seconds)


def breathing(library: Library, seconds: int = 32, pattern: str = "box") -> Step:
    return Step(library.techniques["deep_breathing"], seconds, breathing=pattern)


def routine(*steps: Step) -> Routine:
    return Routine("test", "Test routine", "", tuple(steps), follows_length_preference=False)


@pytest.fixture
def audio(clock: FakeClock) -> RecordingAudio:
    return RecordingAudio(clock)


@pytest.fixture
def wired(
    make_sounding_window: MakeSoundingWindow, clock: FakeClock, audio: RecordingAudio
) -> Callable[..., tuple[MainWindow, SoundController]]:
    def make(**preferences: object) -> tuple[MainWindow, SoundController]:
        window, sound = make_sounding_window(lambda _s: audio, **preferences)
        return window, sound

    return make


def finish_step(window: MainWindow, clock: FakeClock) -> None:
    machine = window.controller.machine
    assert machine is not None
    clock.advance(machine.step_remaining())
    window.controller.tick()


def test_a_breathing_step_shows_the_pacer_in_place_of_the_picture(
    wired: Callable[..., tuple[MainWindow, SoundController]], library: Library, clock: FakeClock
) -> None:
    window, _sound = wired()
    window.begin_session(routine(massage(library), breathing(library)), None, None)
    page = window.session
    assert page.visual.currentWidget() is page.illustration
    finish_step(window, clock)
    pacer = page.pacer
    assert pacer is not None and page.visual.currentWidget() is page.pacer_frame
    assert pacer.width() == pacer.height() == PACER_MAX_PX  # capped, square, centred
    assert page.pacer_frame is not None
    assert pacer.x() == (page.pacer_frame.width() - PACER_MAX_PX) // 2
    machine = window.controller.machine
    assert machine is not None and pacer.timeline is not None
    assert pacer.timeline.start == machine.step_started_at
    assert pacer.timeline.pattern.id == "box"
    assert pacer.isVisible() and pacer.animating
    assert page.caption.text() == "♪ Breathe in"


def test_the_pacer_and_the_chimes_follow_one_timeline(
    wired: Callable[..., tuple[MainWindow, SoundController]],
    library: Library,
    clock: FakeClock,
    audio: RecordingAudio,
) -> None:
    window, sound = wired()
    window.begin_session(routine(breathing(library, 32, "box")), None, None)
    pacer = window.session.pacer
    assert pacer is not None
    for _ in range(3):
        due = sound.breath_cues.next_due
        assert due is not None
        clock.advance(due - clock.monotonic())
        sound.breath_cues.fire_due()
        pacer.refresh()
        state = pacer.current_state()
        assert state is not None and state.phase_elapsed == 0.0
        assert window.session.caption.text() == f"♪ {state.word}"
    assert [cue for cue, _t in audio.cues()] == [Cue.INHALE, Cue.HOLD, Cue.EXHALE, Cue.HOLD]


def test_pausing_freezes_the_pacer_and_resuming_follows_the_shifted_breath(
    wired: Callable[..., tuple[MainWindow, SoundController]], library: Library, clock: FakeClock
) -> None:
    window, _sound = wired()
    window.begin_session(routine(breathing(library, 60, "resonance")), None, None)
    pacer = window.session.pacer
    assert pacer is not None
    clock.advance(2.0)
    window.controller.toggle_pause()
    assert pacer.paused and not pacer.animating
    pacer.refresh()
    frozen = pacer.current_state()
    assert frozen is not None and frozen.phase_elapsed == 2.0
    clock.advance(45.0)
    pacer.refresh()
    assert pacer.current_state() == frozen
    window.controller.toggle_pause()
    machine = window.controller.machine
    assert machine is not None and pacer.timeline is not None
    assert pacer.timeline.start == machine.step_started_at
    assert pacer.animating
    state = pacer.current_state()
    assert state is not None and state.phase_elapsed == pytest.approx(2.0)


def test_the_picture_comes_back_after_the_breathing_step(
    wired: Callable[..., tuple[MainWindow, SoundController]], library: Library, clock: FakeClock
) -> None:
    window, _sound = wired()
    window.begin_session(routine(breathing(library), massage(library)), None, None)
    finish_step(window, clock)
    page = window.session
    assert page.visual.currentWidget() is page.illustration
    assert page.pacer is not None and not page.pacer.animating
    assert page.caption.text() == "♪ Next step"


def test_the_reduced_motion_preference_reaches_the_pacer(
    wired: Callable[..., tuple[MainWindow, SoundController]], library: Library
) -> None:
    window, _sound = wired(reduced_motion=True)
    window.begin_session(routine(breathing(library)), None, None)
    pacer = window.session.pacer
    assert pacer is not None and pacer.reduced_motion
    assert pacer.circle_radius() is None
    window.preferences.update(reduced_motion=False)
    assert not pacer.reduced_motion


def moving_parts(top: QWidget) -> list[str]:
    """Whatever could move on screen: running animations, and widgets' timers ticking faster
    than the once-a-second clocks (the countdown, the pacer's count) that only change words.
    (Sound keeps its own timers: they move nothing.)"""
    animations = [
        type(a).__name__
        for a in top.findChildren(QAbstractAnimation)
        if a.state() == QAbstractAnimation.State.Running
    ]
    timers = [
        f"{t.parent().__class__.__name__} every {t.interval()} ms"
        for t in top.findChildren(QTimer)
        if t.isActive() and t.interval() < 1000 and isinstance(t.parent(), QWidget)
    ]
    return animations + timers


def test_with_reduce_motion_nothing_on_the_session_screen_moves(
    wired: Callable[..., tuple[MainWindow, SoundController]], library: Library, clock: FakeClock
) -> None:
    window, _sound = wired(reduced_motion=True)
    window.begin_session(routine(massage(library), breathing(library)), None, None)
    assert moving_parts(window) == []
    finish_step(window, clock)
    pacer = window.session.pacer
    assert pacer is not None and pacer.isVisible()
    assert not pacer.animating and pacer.waiting_for_count
    assert moving_parts(window) == []
    window.preferences.update(reduced_motion=False)
    assert pacer.animating and moving_parts(window) != []  # the test sees motion when there is


def test_a_shipped_routine_breathes_with_the_pattern_it_names(
    wired: Callable[..., tuple[MainWindow, SoundController]], clock: FakeClock
) -> None:
    window, _sound = wired()
    window.open_prepare("desk_break")
    window.prepare.start_button.click()
    machine = window.controller.machine
    assert machine is not None
    while machine.current_step.technique.family != "breathing":
        finish_step(window, clock)
    pacer = window.session.pacer
    assert pacer is not None and pacer.timeline is not None
    assert pacer.timeline.pattern.id == machine.current_step.breathing
    while window.controller.active:
        finish_step(window, clock)
    assert window.stack.currentWidget() is window.summary
    assert not pacer.animating


def test_the_status_line_says_once_when_sound_is_unavailable(
    make_sounding_window: MakeSoundingWindow, library: Library, clock: FakeClock
) -> None:
    window, sound = make_sounding_window(lambda _s: NullAudio("no sound device"))
    said: list[str] = []
    sound.statusChanged.connect(said.append)
    window.begin_session(routine(massage(library)), None, None)
    assert window.statusBar().currentMessage() == "Sound unavailable: no sound device"
    window.controller.stop()
    window.begin_session(routine(massage(library)), None, None)
    assert said == ["Sound unavailable: no sound device"]


def test_an_open_settings_dialog_is_told_when_sound_turns_out_unavailable(
    make_sounding_window: MakeSoundingWindow, clock: FakeClock
) -> None:
    window, sound = make_sounding_window(lambda _s: NullAudio("no sound device"))
    told: list[str] = []

    class SettingsStandIn(QDialog):
        def refresh_sound_status(self) -> None:
            told.append(sound.status)

    SettingsStandIn(window)
    sound.engine.open_soon()
    assert told == ["Sound unavailable: no sound device"]
