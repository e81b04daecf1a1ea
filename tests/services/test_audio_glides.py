"""The engine never changes a gain in one step, lets chimes ring, crossfades, and lets the device
go during a long pause (SDL's dummy driver; the clock is a FakeClock and the test walks the
glides with tick(), as the gain ticker thread does every 5 ms in the app)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backcare_desktop.core.breathing import Cue
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.services.audio.library import SoundLibrary
from backcare_desktop.services.audio.player import (
    CHIME_HUSH_S,
    CROSSFADE_S,
    LEVEL_GLIDE_S,
    MIXER,
    PAUSE_FADE_S,
    PAUSE_RELEASE_S,
    RESUME_FADE_S,
    SoundSettings,
    amplitude,
)
from backcare_desktop.services.audio.pygame_player import PygameAudio

ASSETS = Path(__file__).resolve().parents[2] / "assets"
STEP = 1 / 128


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def audio(clock: FakeClock) -> Iterator[PygameAudio]:
    player = PygameAudio(
        SoundLibrary(ASSETS / "audio"), clock, SoundSettings(), close_in_background=False
    )
    player.start_session()
    assert player.prepare()
    clock.advance(3.0)
    player.tick()
    yield player
    player.release()


def at(audio: PygameAudio, clock: FakeClock, seconds: float) -> dict[str, float]:
    clock.advance(seconds)
    audio.tick()
    return audio.mixer_volumes()


def channel_volumes(first: int, count: int) -> list[float]:
    import pygame

    return [
        pygame.mixer.Channel(c).get_volume()
        for c in range(first, first + count)
        if pygame.mixer.Channel(c).get_busy()
    ]


def chime_channels() -> list[float]:
    """The volumes of the channels sounding a chime (those not reserved for music)."""
    return channel_volumes(MIXER.music_channels, MIXER.mixing_channels - MIXER.music_channels)


def test_a_slider_move_glides_instead_of_stepping(audio: PygameAudio, clock: FakeClock) -> None:
    before = audio.mixer_volumes()["music"]
    audio.apply_settings(SoundSettings(music_volume=1.0))
    assert audio.mixer_volumes()["music"] == before  # nothing moved in the same instant
    middle = at(audio, clock, LEVEL_GLIDE_S / 2)["music"]
    assert before < middle < 1.0
    assert at(audio, clock, LEVEL_GLIDE_S / 2)["music"] == 1.0


def test_the_breath_slider_moved_mid_chime_glides_that_chime(
    audio: PygameAudio, clock: FakeClock
) -> None:
    audio.play_cue(Cue.INHALE)
    before = audio.mixer_volumes()["inhale"]
    audio.apply_settings(SoundSettings(breath_volume=0.2))
    steps = [at(audio, clock, 0.02)["inhale"] for _ in range(15)]
    assert steps[-1] == pytest.approx(amplitude(0.2), abs=STEP)
    assert max(a - b for a, b in zip([before, *steps], steps, strict=False)) < before / 5


def test_mute_and_unmute_glide(audio: PygameAudio, clock: FakeClock) -> None:
    audio.apply_settings(SoundSettings(muted=True))
    assert 0.0 < at(audio, clock, LEVEL_GLIDE_S / 3)["music"] < amplitude(0.6)
    assert set(at(audio, clock, LEVEL_GLIDE_S)) and at(audio, clock, 0)["music"] == 0.0
    audio.apply_settings(SoundSettings())
    assert 0.0 < at(audio, clock, LEVEL_GLIDE_S / 3)["music"] < amplitude(0.6)


def test_overlapping_chimes_each_ring_on_their_own_channel(audio: PygameAudio) -> None:
    audio.play_cue(Cue.INHALE)
    audio.play_cue(Cue.INHALE)
    audio.play_cue(Cue.STEP)
    assert len(chime_channels()) == 3
    assert len(channel_volumes(0, MIXER.music_channels)) == 1  # the music keeps its own


def test_pause_lets_a_ringing_chime_die_away_over_a_second(
    audio: PygameAudio, clock: FakeClock
) -> None:
    audio.play_cue(Cue.STEP)
    full = audio.mixer_volumes()["step"]
    audio.pause()
    assert audio.mixer_volumes()["step"] == full
    assert 0.0 < at(audio, clock, CHIME_HUSH_S / 3)["step"] < full
    assert at(audio, clock, CHIME_HUSH_S)["step"] == 0.0
    assert len(chime_channels()) == 1  # not cut


def test_resuming_during_the_pause_fade_turns_it_round_where_it_stands(
    audio: PygameAudio, clock: FakeClock
) -> None:
    full = audio.mixer_volumes()["music"]
    audio.pause()
    fading = at(audio, clock, 0.3)["music"]
    assert 0.0 < fading < full
    audio.resume()
    assert abs(at(audio, clock, 0.012)["music"] - fading) <= 2 * STEP
    assert at(audio, clock, RESUME_FADE_S)["music"] == full


def test_a_long_pause_releases_the_device_and_resume_fades_back_in(
    audio: PygameAudio, clock: FakeClock
) -> None:
    import pygame

    audio.pause()
    clock.advance(PAUSE_FADE_S)
    audio.poll()
    assert audio.busy  # a short pause keeps it, ready to resume
    clock.advance(PAUSE_RELEASE_S - PAUSE_FADE_S)
    audio.poll()
    assert not audio.busy and pygame.mixer.get_init() is None
    audio.resume()
    assert audio.prepare()  # the controller asks the worker to open it again
    assert audio.mixer_volumes()["music"] == 0.0
    assert at(audio, clock, RESUME_FADE_S / 2)["music"] > 0.0
    assert at(audio, clock, RESUME_FADE_S)["music"] == pytest.approx(amplitude(0.6), abs=STEP)


def test_a_track_switch_is_an_equal_power_crossfade(audio: PygameAudio, clock: FakeClock) -> None:
    level = audio.mixer_volumes()["music"]
    audio.apply_settings(SoundSettings(music="ocean"))
    audio.prepare()
    old, new = sorted(channel_volumes(0, MIXER.music_channels), reverse=True)
    assert old == pytest.approx(level, abs=STEP) and new == 0.0
    clock.advance(CROSSFADE_S / 2)
    audio.tick()
    old, new = channel_volumes(0, MIXER.music_channels)
    assert old == pytest.approx(new, abs=STEP)
    assert old**2 + new**2 == pytest.approx(level**2, abs=4 * STEP)
    clock.advance(CROSSFADE_S / 2)
    audio.tick()
    assert channel_volumes(0, MIXER.music_channels) == [pytest.approx(level, abs=STEP)]


def test_finishing_lets_the_end_bell_ring_out_in_full(audio: PygameAudio, clock: FakeClock) -> None:
    audio.finish()
    bell = audio.mixer_volumes()["end"]
    clock.advance(8.0)
    audio.poll()
    assert audio.mixer_volumes()["end"] == bell  # no fade on the bell's tail
    assert audio.busy
