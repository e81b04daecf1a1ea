""" "Just breathe": choose a rhythm and a length, follow the pacer, and it ends calmly on time."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot
from sound_fakes import RecordingAudio

from backcare_desktop.app.sound.controller import LEAD_IN_S, SoundController
from backcare_desktop.core.breathing import Cue
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.gui.pages.breathe import BreathePage
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.services.audio.player import MUSIC_OFF

MakeSoundingWindow = Callable[..., tuple[MainWindow, SoundController]]


@pytest.fixture
def audio(clock: FakeClock) -> RecordingAudio:
    return RecordingAudio(clock)


@pytest.fixture
def opened(
    make_sounding_window: MakeSoundingWindow, clock: FakeClock, audio: RecordingAudio
) -> Callable[..., tuple[MainWindow, SoundController, BreathePage]]:
    def make(**preferences: object) -> tuple[MainWindow, SoundController, BreathePage]:
        window, sound = make_sounding_window(lambda _s: audio, **preferences)
        window.show_page("breathe")
        page = window.stack.currentWidget()
        assert isinstance(page, BreathePage)
        return window, sound, page

    return make


def run_to_the_end(sound: SoundController, clock: FakeClock) -> None:
    """Fire every breath cue on time, then the end timer, as Qt would."""
    until = sound.practice_ends_at
    assert until is not None
    while (due := sound.breath_cues.next_due) is not None and due < until:
        clock.advance(due - clock.monotonic())
        sound.breath_cues.fire_due()
    clock.advance(until - clock.monotonic())
    sound.check_practice_end()


def test_the_header_and_the_home_screen_open_just_breathe(
    make_sounding_window: MakeSoundingWindow, clock: FakeClock, audio: RecordingAudio
) -> None:
    window, _sound = make_sounding_window(lambda _s: audio)
    assert "breathe" in window.header.nav
    window.home.breatheRequested.emit()
    assert isinstance(window.stack.currentWidget(), BreathePage)
    assert window.header.nav["breathe"].isChecked()


def test_it_offers_every_pattern_and_starts_on_the_preferred_one(
    opened: Callable[..., tuple[MainWindow, SoundController, BreathePage]],
) -> None:
    _window, sound, page = opened(breathing_pattern="box")
    ids = [page.pattern.itemData(i) for i in range(page.pattern.count())]
    assert ids == list(sound.patterns())
    assert page.chosen_pattern().id == "box"
    assert "Four equal sides" in page.summary.text()
    assert (page.minutes.minimum(), page.minutes.maximum()) == (1, 10)
    assert not page.pacer.animating  # a still first breath until Start


def test_before_start_the_circle_says_ready_not_breathe_in_with_a_count(
    opened: Callable[..., tuple[MainWindow, SoundController, BreathePage]],
) -> None:
    _window, _sound, page = opened(breathing_pattern="resonance")
    assert page.pacer.shown_words() == ("Ready", "")
    page.start_button.click()
    word, count = page.pacer.shown_words()
    assert word == "Breathe in" and count.isdigit()


def test_a_three_minute_run_says_three_minutes_left_then_finishes_its_breath(
    opened: Callable[..., tuple[MainWindow, SoundController, BreathePage]],
    clock: FakeClock,
) -> None:
    _window, sound, page = opened(breathing_pattern="four_seven_eight")
    page.minutes.setValue(3)
    page.start_button.click()
    assert page.remaining.text() == "3:00 left"
    ends = sound.practice_ends_at
    assert ends is not None and ends > clock.monotonic() + LEAD_IN_S + 180  # a whole breath
    clock.advance(LEAD_IN_S + 60)
    page.show_remaining()
    assert page.remaining.text() == "2:00 left"
    clock.advance(121)
    page.show_remaining()
    assert page.remaining.text() == "Finishing this breath"


def test_it_runs_for_the_chosen_minutes_and_ends_on_a_whole_breath(
    opened: Callable[..., tuple[MainWindow, SoundController, BreathePage]],
    clock: FakeClock,
    audio: RecordingAudio,
    qtbot: QtBot,
) -> None:
    _window, sound, page = opened(breathing_pattern="box")
    page.minutes.setValue(1)
    started = clock.monotonic()
    page.start_button.click()
    assert page.running and page.start_button.text() == "Stop"
    assert page.caption.text() == "Settle in…"
    assert not page.pattern.isEnabled() and not page.minutes.isEnabled()
    # 60 s of 16 s box breaths is 3.75 breaths: it finishes the fourth, after the lead-in
    assert sound.practice_ends_at == started + LEAD_IN_S + 64.0
    assert page.remaining.text() == "1:00 left"  # the length chosen, not the lead-in
    with qtbot.waitSignal(sound.practiceEnded) as ended:
        run_to_the_end(sound, clock)
    assert ended.args == [True]
    cues = audio.cues()
    assert len(cues) == 16 and cues[0] == (Cue.INHALE, started + LEAD_IN_S)
    assert cues[-1][0] is Cue.HOLD
    assert audio.names()[-1] == "finish"  # the end bell, then the device closes
    assert not page.running and page.start_button.text() == "Start"
    assert page.caption.text() == "Session complete"
    assert "Well done" in page.remaining.text()
    assert not page.pacer.animating


def test_captions_follow_the_breath(
    opened: Callable[..., tuple[MainWindow, SoundController, BreathePage]], clock: FakeClock
) -> None:
    _window, sound, page = opened(breathing_pattern="four_seven_eight")
    page.start()
    seen = []
    for _ in range(3):
        due = sound.breath_cues.next_due
        assert due is not None
        clock.advance(due - clock.monotonic())
        sound.breath_cues.fire_due()
        seen.append(page.caption.text())
    assert seen == ["Breathe in", "Hold", "Breathe out"]


def test_stop_ends_it_quietly(
    opened: Callable[..., tuple[MainWindow, SoundController, BreathePage]],
    audio: RecordingAudio,
) -> None:
    _window, sound, page = opened()
    page.start()
    page.start_button.click()
    assert not page.running and not sound.practicing
    assert audio.names()[-1] == "stop"
    assert sound.breath_cues.next_due is None
    assert page.caption.text() == ""


def test_it_plays_cues_only_unless_music_is_asked_for(
    opened: Callable[..., tuple[MainWindow, SoundController, BreathePage]],
    audio: RecordingAudio,
) -> None:
    _window, _sound, page = opened()
    page.start()
    start_at = audio.names().index("start_session")
    settings_then = [a for n, a, _t in audio.calls[: len(audio.calls)] if n == "apply_settings"]
    assert settings_then[-1].music == MUSIC_OFF
    assert start_at >= 0
    page.stop()
    assert audio.applied()[-1].music == "warm_pads"  # the person's choice again afterwards
    page.music.setChecked(True)
    page.start()
    assert audio.applied()[-1].music == "warm_pads"


def test_leaving_the_page_ends_the_breathing(
    opened: Callable[..., tuple[MainWindow, SoundController, BreathePage]],
) -> None:
    window, sound, page = opened()
    page.start()
    window.show_home()
    assert not sound.practicing and not page.running


def test_a_routine_started_meanwhile_takes_over_the_sound(
    opened: Callable[..., tuple[MainWindow, SoundController, BreathePage]],
    audio: RecordingAudio,
) -> None:
    window, sound, page = opened()
    page.start()
    routine = window.library.routine("desk_break")
    window.begin_session(routine, None, None)
    assert not sound.practicing and not page.running
    assert audio.names()[-2:] == ["start_session", "prepare"]
    assert page.start_button.text() == "Start"


def test_with_reduce_motion_just_breathe_runs_no_frames_only_its_count(
    opened: Callable[..., tuple[MainWindow, SoundController, BreathePage]],
) -> None:
    _window, _sound, page = opened(reduced_motion=True)
    page.toggle()
    assert page.pacer.timeline is not None
    assert not page.pacer.animating and page.pacer.waiting_for_count
