"""The engine never changes a gain in one step, lets chimes ring, crossfades, and lets the device
go during a long pause (SDL's dummy driver; the clock is a FakeClock; the test renders the
music's mix ahead itself, as feeding the mixer does in real time, and reads a ringing chime's
gain off the samples its channel plays)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from audio_decoding import decode_here

from backcare_desktop.core.breathing import Cue
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.services.audio.chime_gain import LEAD_S
from backcare_desktop.services.audio.library import SoundLibrary
from backcare_desktop.services.audio.mixdown import RATE
from backcare_desktop.services.audio.player import (
    CHIME_HUSH_S,
    CROSSFADE_S,
    LEVEL_GLIDE_S,
    MIXER,
    MUTE_GLIDE_S,
    PAUSE_FADE_S,
    PAUSE_RELEASE_S,
    RESUME_FADE_S,
    SoundSettings,
    amplitude,
)
from backcare_desktop.services.audio.pygame_player import PygameAudio

with warnings.catch_warnings():  # in the standard library to 3.12; audioop-lts from 3.13
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

ASSETS = Path(__file__).resolve().parents[2] / "assets"
STEP = 1 / 128
TEN_MS = RATE // 100


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def audio(clock: FakeClock) -> Iterator[PygameAudio]:
    player = PygameAudio(
        SoundLibrary(ASSETS / "audio"),
        clock,
        SoundSettings(),
        close_in_background=False,
        decoder=decode_here,
    )
    player.start_session()
    assert player.prepare()
    at(player, clock, 3.0)
    yield player
    player.release()


def at(audio: PygameAudio, clock: FakeClock, seconds: float) -> dict[str, float]:
    """The gains `seconds` later: the clock moved on and the mix rendered that far."""
    clock.advance(seconds)
    audio.music.mixdown.render(round(seconds * RATE))
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


def ringing_gains(cue: Cue) -> list[float]:
    """The gain of each 10 ms of the chime sounding on the first busy chime channel: its
    samples now against the chime's own file (mute and hush are written into them)."""
    import pygame

    channel = next(
        pygame.mixer.Channel(c)
        for c in range(MIXER.music_channels, MIXER.mixing_channels)
        if pygame.mixer.Channel(c).get_busy()
    )
    playing = channel.get_sound().get_raw()
    original = pygame.mixer.Sound(str(ASSETS / "audio" / "chimes" / f"{cue.value}.ogg")).get_raw()
    window = TEN_MS * 4
    return [
        audioop.rms(playing[at : at + window], 2)
        / max(1, audioop.rms(original[at : at + window], 2))
        for at in range(0, len(original) - window, window)
    ]


def gain_at(gains: list[float], seconds: float) -> float:
    return gains[round(seconds * 100)]


def test_a_slider_move_glides_from_where_the_mix_stands(audio: PygameAudio) -> None:
    mix = audio.music.mixdown
    before = mix.level.value(mix.horizon)
    audio.apply_settings(SoundSettings(music_volume=1.0))
    begins = mix.horizon  # the first sample not yet rendered: nothing already queued jumps
    assert mix.level.value(begins) == before
    assert before < mix.level.value(begins + LEVEL_GLIDE_S / 2) < 1.0
    assert mix.level.value(begins + LEVEL_GLIDE_S) == 1.0


def test_a_ringing_chime_keeps_the_level_it_was_struck_at(
    audio: PygameAudio, clock: FakeClock
) -> None:
    audio.play_cue(Cue.INHALE)
    (struck,) = chime_channels()
    audio.apply_settings(SoundSettings(breath_volume=0.2))
    at(audio, clock, 1.0)
    assert chime_channels() == [struck]  # its tail is never stepped
    assert audio.mixer_volumes()["inhale"] == pytest.approx(amplitude(0.2), abs=STEP)
    audio.play_cue(Cue.INHALE)
    assert sorted(chime_channels()) == [pytest.approx(amplitude(0.2), abs=STEP), struck]


def test_mute_and_unmute_glide(audio: PygameAudio, clock: FakeClock) -> None:
    mix = audio.music.mixdown
    audio.apply_settings(SoundSettings(muted=True))
    begins = mix.horizon
    assert 0.0 < mix.level.value(begins + MUTE_GLIDE_S / 3) < amplitude(0.6)
    assert at(audio, clock, MUTE_GLIDE_S)["music"] == 0.0
    audio.apply_settings(SoundSettings())
    begins = mix.horizon
    assert mix.level.value(begins) == 0.0
    assert 0.0 < mix.level.value(begins + MUTE_GLIDE_S / 3) < amplitude(0.6)


def test_mute_and_unmute_glide_a_ringing_chime_in_its_samples(
    audio: PygameAudio, clock: FakeClock
) -> None:
    audio.play_cue(Cue.STEP)
    clock.advance(0.5)
    audio.apply_settings(SoundSettings(muted=True))
    audio.tick()  # the gain ticker's thread writes it into the samples
    clock.advance(0.2)
    audio.apply_settings(SoundSettings())  # caught mid-glide: it turns round where it stands
    audio.tick()
    gains = ringing_gains(Cue.STEP)
    mute, unmute = 0.5 + LEAD_S, 0.7 + LEAD_S
    assert gain_at(gains, mute - 0.01) == pytest.approx(1.0, abs=0.01)  # not read yet: as struck
    assert 0.0 < gain_at(gains, unmute) < 1.0
    turn = round(unmute * 100)
    assert all(a > b for a, b in pairwise(gains[round(mute * 100) + 1 : turn]))  # falling
    assert all(a < b for a, b in pairwise(gains[turn : turn + 50]))
    assert max(abs(a - b) for a, b in pairwise(gains[:300])) < 0.05  # no step
    assert gain_at(gains, unmute + MUTE_GLIDE_S) == pytest.approx(1.0, abs=0.01)


def test_the_caller_only_records_a_chime_glide_the_ticker_writes_it(
    audio: PygameAudio, clock: FakeClock
) -> None:
    audio.play_cue(Cue.INHALE)
    clock.advance(0.5)
    audio.apply_settings(SoundSettings(muted=True))  # the GUI thread: no samples touched
    assert set(ringing_gains(Cue.INHALE)[:200]) == {1.0}
    clock.advance(0.05)  # the ticker wakes a little later: the glide still begins on time
    audio.tick()
    gains = ringing_gains(Cue.INHALE)
    assert gain_at(gains, 0.5 + LEAD_S - 0.01) == pytest.approx(1.0, abs=0.01)
    assert gain_at(gains, 0.5 + LEAD_S + MUTE_GLIDE_S / 2) == pytest.approx(0.5, abs=0.03)


def test_overlapping_chimes_each_ring_on_their_own_channel(audio: PygameAudio) -> None:
    audio.play_cue(Cue.INHALE)
    audio.play_cue(Cue.INHALE)
    audio.play_cue(Cue.STEP)
    assert len(chime_channels()) == 3
    assert len(channel_volumes(0, MIXER.music_channels)) == 1  # the music's mix keeps its own


def test_pause_lets_a_ringing_chime_die_away_over_a_second(
    audio: PygameAudio, clock: FakeClock
) -> None:
    audio.play_cue(Cue.STEP)
    clock.advance(0.4)
    audio.pause()
    audio.tick()
    gains = ringing_gains(Cue.STEP)
    hush = 0.4 + LEAD_S
    assert gain_at(gains, hush - 0.01) == pytest.approx(1.0, abs=0.01)
    dying = gains[round(hush * 100) : round((hush + CHIME_HUSH_S) * 100)]
    assert all(a >= b for a, b in pairwise(dying))  # smoothly, over a second
    assert max(a - b for a, b in pairwise(dying)) < 0.03
    assert gain_at(gains, hush + CHIME_HUSH_S / 2) == pytest.approx(0.5, abs=0.03)
    assert set(gains[round((hush + CHIME_HUSH_S) * 100) :]) == {0.0}
    assert len(chime_channels()) == 1  # not cut


def test_resuming_during_the_pause_fade_turns_it_round_where_it_stands(
    audio: PygameAudio, clock: FakeClock
) -> None:
    mix = audio.music.mixdown
    (scape,) = mix.scapes
    audio.pause()
    at(audio, clock, 0.3)
    audio.resume()
    turn = mix.horizon
    fading = scape.fader.value(turn)
    assert 0.0 < fading < 1.0  # caught in the pause fade
    assert scape.fader.value(turn + 0.001) == pytest.approx(fading, abs=0.002)  # no jump
    assert scape.fader.value(turn + RESUME_FADE_S) == 1.0


def test_a_long_pause_releases_the_device_and_resume_fades_back_in(
    audio: PygameAudio, clock: FakeClock
) -> None:
    import pygame

    audio.pause()
    assert at(audio, clock, PAUSE_FADE_S)["music"] == 0.0
    audio.poll()
    assert audio.busy  # a short pause keeps it, ready to resume
    clock.advance(PAUSE_RELEASE_S - PAUSE_FADE_S)
    audio.poll()
    assert not audio.busy and pygame.mixer.get_init() is None
    audio.resume()
    assert audio.prepare()  # the controller asks the worker to open it again
    assert 0.0 < audio.mixer_volumes()["music"] < amplitude(0.6) / 2  # fading in again
    assert at(audio, clock, RESUME_FADE_S)["music"] == pytest.approx(amplitude(0.6))


def test_a_track_switch_is_an_equal_power_crossfade(audio: PygameAudio, clock: FakeClock) -> None:
    level = audio.mixer_volumes()["music"]
    audio.apply_settings(SoundSettings(music="ocean"))
    audio.prepare()
    mix = audio.music.mixdown
    old, new = mix.scapes
    assert (old.key, new.key) == ("warm_pads", "ocean")
    at(audio, clock, CROSSFADE_S / 2)
    old_gain, new_gain = mix.gain(old, mix.horizon), mix.gain(new, mix.horizon)
    assert old_gain**2 + new_gain**2 == pytest.approx(level**2, rel=0.02)
    at(audio, clock, CROSSFADE_S / 2)
    assert mix.scapes == [new] and mix.gain(new, mix.horizon) == pytest.approx(level)


def test_finishing_lets_the_end_bell_ring_out_in_full(audio: PygameAudio, clock: FakeClock) -> None:
    audio.finish()
    bell = audio.mixer_volumes()["end"]
    clock.advance(8.0)
    audio.poll()
    assert audio.mixer_volumes()["end"] == bell  # no fade on the bell's tail
    assert audio.busy
