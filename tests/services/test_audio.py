"""The sound engine with SDL's dummy driver: layers, fallbacks and holding the device briefly."""

from __future__ import annotations

import json
import logging
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from audio_decoding import decode_here

from backcare_desktop.core.breathing import Cue
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.services.audio.chime_gain import LEAD_S
from backcare_desktop.services.audio.library import SoundLibrary
from backcare_desktop.services.audio.mixdown import RATE
from backcare_desktop.services.audio.music_decks import MIX_CHANNEL
from backcare_desktop.services.audio.player import (
    LEVEL_GLIDE_S,
    MUSIC_OFF,
    MUTE_GLIDE_S,
    OWN_FOLDER,
    NullAudio,
    SoundSettings,
    amplitude,
    open_audio,
)
from backcare_desktop.services.audio.pygame_player import PygameAudio

ASSETS = Path(__file__).resolve().parents[2] / "assets"
MANIFEST = json.loads((ASSETS / "audio" / "manifest.json").read_text(encoding="utf-8"))


def first_layer(track_id: str) -> Path:
    """The file the engine names for a bundled soundscape (its first layer)."""
    track = SoundLibrary(ASSETS / "audio").track(track_id)
    assert track is not None
    return track.layers[0].path


def chime_seconds(cue: Cue) -> float:
    """How long a chime's file is: it holds the bowl's whole natural ring."""
    return float(MANIFEST["cues"][cue.value]["seconds"])


MIXER_STEP = 1 / 128  # SDL_mixer keeps volumes in 128 steps


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_player(
    clock: FakeClock, audio_dir: Path = ASSETS / "audio", **settings: object
) -> PygameAudio:
    return PygameAudio(
        SoundLibrary(audio_dir),
        clock,
        SoundSettings(**settings),
        close_in_background=False,  # type: ignore[arg-type]
        decoder=decode_here,
    )


@pytest.fixture
def player(clock: FakeClock) -> Iterator[PygameAudio]:
    audio = make_player(clock)
    yield audio
    audio.release()


def mixer_is_open() -> bool:
    import pygame

    return pygame.mixer.get_init() is not None


def music_channel_playing() -> bool:
    """The channel reserved for the soundscapes' mix is sounding."""
    import pygame

    return bool(pygame.mixer.Channel(MIX_CHANNEL).get_busy())


def later(audio: PygameAudio, clock: FakeClock, seconds: float) -> None:
    """`seconds` on: the clock (chimes' glides) and the music's mix rendered that far ahead."""
    clock.advance(seconds)
    audio.music.mixdown.render(round(seconds * RATE))
    audio.tick()


def test_no_sound_device_gives_null_audio_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", "no_such_driver")
    audio = open_audio(ASSETS, clock)
    assert isinstance(audio, NullAudio)
    assert audio.status.startswith("Sound unavailable: no sound device could be opened")
    assert not audio.available
    assert [t.id for t in audio.tracks()] == [
        "warm_pads",
        "ocean",
        "evening_bowls",
        "soft_rain",
        "slow_kalimba",
    ]


def test_missing_pygame_gives_null_audio_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    monkeypatch.setitem(sys.modules, "pygame", None)
    audio = open_audio(ASSETS, clock)
    assert audio.status == "Sound unavailable: the pygame sound library is not installed"


def test_open_audio_probes_and_leaves_the_device_closed(clock: FakeClock) -> None:
    audio = open_audio(ASSETS, clock)
    assert isinstance(audio, PygameAudio)
    assert audio.available and audio.status == ""
    assert not audio.busy and not mixer_is_open()


def test_null_audio_takes_every_call_silently(tmp_path: Path) -> None:
    audio = NullAudio("testing")
    assert audio.prepare() is False
    audio.start_session()
    audio.play_cue(Cue.INHALE)
    audio.pause()
    audio.resume()
    audio.preview(Cue.STEP)
    audio.finish()
    audio.stop()
    audio.poll()
    audio.release()
    audio.apply_settings(SoundSettings(muted=True))
    assert audio.settings.muted
    scan = audio.set_music_folder(tmp_path)
    assert scan is not None and scan.tracks == ()
    assert not audio.busy


def test_a_device_that_fails_later_silences_only_that_session(
    monkeypatch: pytest.MonkeyPatch, player: PygameAudio
) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", "no_such_driver")
    assert player.prepare() is False
    assert player.status.startswith("Sound unavailable: ")
    player.start_session()
    player.play_cue(Cue.INHALE)
    player.finish()
    assert not player.busy
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    assert player.prepare() is True
    assert player.status == ""


def test_prepare_loads_every_chime_and_start_fades_the_music_in(
    player: PygameAudio, clock: FakeClock
) -> None:
    assert player.prepare()
    assert set(player.mixer_volumes()) == {"music", *(c.value for c in Cue)}
    player.start_session()
    assert player.prepare()  # the controller's next step: decode the soundscape on the worker
    assert player.now_playing == first_layer("warm_pads")
    assert music_channel_playing()
    assert player.mixer_volumes()["music"] < 0.1 * amplitude(0.6)  # the 3 s fade has begun
    later(player, clock, 1.5)
    assert 0.0 < player.mixer_volumes()["music"] < amplitude(0.6)
    later(player, clock, 1.5)
    assert player.mixer_volumes()["music"] == pytest.approx(amplitude(0.6))


def test_music_asked_for_before_the_device_is_ready_starts_when_it_is(player: PygameAudio) -> None:
    player.start_session()  # the worker's prepare() has not run yet
    assert player.now_playing is None
    player.prepare()
    assert music_channel_playing()


def test_a_missing_or_corrupt_chime_is_skipped_with_a_warning(
    tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    audio_dir = tmp_path / "audio"
    shutil.copytree(ASSETS / "audio", audio_dir)
    (audio_dir / "chimes" / "hold.ogg").unlink()
    (audio_dir / "chimes" / "step.ogg").write_bytes(b"OggS" + b"\x00garbage" * 50)
    audio = make_player(clock, audio_dir)
    with caplog.at_level(logging.WARNING):
        assert audio.prepare()
    try:
        warnings = " ".join(r.getMessage() for r in caplog.records)
        assert "hold" in warnings and "step" in warnings
        assert set(audio.mixer_volumes()) == {"music", "inhale", "exhale", "end"}
        audio.play_cue(Cue.HOLD)
        audio.play_cue(Cue.STEP)
        audio.play_cue(Cue.INHALE)
    finally:
        audio.release()


def play_music(audio: PygameAudio, clock: FakeClock) -> None:
    """Start a session and let its music fade in fully."""
    audio.start_session()
    audio.prepare()
    later(audio, clock, 3.0)


def test_each_layer_has_its_own_volume(clock: FakeClock) -> None:
    audio = make_player(clock, music_volume=0.5, breath_volume=0.75, chime_volume=1.0)
    audio.prepare()
    try:
        play_music(audio, clock)
        volumes = audio.mixer_volumes()
        assert volumes["music"] == pytest.approx(amplitude(0.5), abs=MIXER_STEP)
        assert (
            volumes["inhale"] == volumes["hold"] == pytest.approx(amplitude(0.75), abs=MIXER_STEP)
        )
        assert volumes["step"] == volumes["end"] == pytest.approx(1.0, abs=MIXER_STEP)
        audio.apply_settings(SoundSettings(music_volume=1.0, breath_volume=0.0, chime_volume=0.5))
        later(audio, clock, LEVEL_GLIDE_S)
        volumes = audio.mixer_volumes()
        assert volumes["music"] == pytest.approx(1.0, abs=MIXER_STEP)
        assert volumes["exhale"] == 0.0
        assert volumes["end"] == pytest.approx(0.25, abs=MIXER_STEP)
    finally:
        audio.release()


def test_master_mute_silences_every_layer_and_unmute_restores_them(
    player: PygameAudio, clock: FakeClock
) -> None:
    player.prepare()
    play_music(player, clock)
    before = player.mixer_volumes()
    player.apply_settings(SoundSettings(muted=True))
    later(player, clock, LEAD_S + MUTE_GLIDE_S)
    assert set(player.mixer_volumes().values()) == {0.0}
    player.apply_settings(SoundSettings())
    later(player, clock, LEAD_S + MUTE_GLIDE_S)
    assert player.mixer_volumes() == before


def test_chimes_switched_off_play_nothing(player: PygameAudio) -> None:
    import pygame

    player.apply_settings(SoundSettings(chimes_enabled=False, music=MUSIC_OFF))
    player.prepare()
    player.start_session()
    player.play_cue(Cue.INHALE)
    assert not pygame.mixer.get_busy()


def test_the_device_closes_once_the_end_bell_has_faded(
    player: PygameAudio, clock: FakeClock
) -> None:
    player.prepare()
    player.start_session()
    player.finish()
    assert player.release_at is not None
    bell_and_margin = player.release_at - clock.monotonic()
    assert bell_and_margin == pytest.approx(chime_seconds(Cue.END) + 0.5, abs=0.01)  # then 0.5 s
    clock.advance(bell_and_margin - 0.1)
    player.poll()
    assert player.busy and mixer_is_open()
    clock.advance(0.2)
    player.poll()
    assert not player.busy and not mixer_is_open()


def test_stopping_closes_the_device_after_a_short_fade(
    player: PygameAudio, clock: FakeClock
) -> None:
    player.prepare()
    player.start_session()
    player.stop()
    clock.advance(2.0)
    player.poll()
    assert not mixer_is_open()


def test_a_new_session_during_the_end_bell_keeps_the_device(
    player: PygameAudio, clock: FakeClock
) -> None:
    player.prepare()
    player.start_session()
    player.finish()
    clock.advance(3.0)
    assert player.prepare()
    player.start_session()
    clock.advance(30.0)
    player.poll()
    assert player.busy and mixer_is_open()


def test_a_test_sound_releases_the_device_afterwards(player: PygameAudio, clock: FakeClock) -> None:
    player.prepare()
    player.preview(Cue.INHALE)
    ring = chime_seconds(Cue.INHALE)
    assert player.release_at == pytest.approx(clock.monotonic() + ring + 0.5, abs=0.01)
    clock.advance(ring + 0.8)
    player.poll()
    assert not mixer_is_open()


def test_stop_before_the_device_opened_leaves_nothing_open(player: PygameAudio) -> None:
    player.start_session()
    player.stop()
    assert not player.busy and not mixer_is_open()


def test_own_music_plays_and_broken_files_are_skipped(
    tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "my music"
    folder.mkdir()
    (folder / "a broken.ogg").write_bytes(b"OggS" + bytes(200))  # passes the sniff, fails to decode
    shutil.copy(first_layer("ocean"), folder / "b calm.ogg")
    audio = make_player(clock, music=OWN_FOLDER)
    scan = audio.set_music_folder(folder)
    assert scan is not None and len(scan.tracks) == 2
    audio.prepare()
    try:
        with caplog.at_level(logging.WARNING):
            audio.start_session()
        assert audio.now_playing == folder / "b calm.ogg"
        assert "a broken.ogg" in caplog.text
    finally:
        audio.release()


def test_own_music_folder_with_nothing_playable_falls_back_to_the_built_in_music(
    tmp_path: Path, clock: FakeClock
) -> None:
    audio = make_player(clock, music=OWN_FOLDER, music_folder=tmp_path)
    audio.prepare()
    try:
        audio.start_session()
        audio.prepare()
        assert audio.now_playing == first_layer("warm_pads")
    finally:
        audio.release()


def test_changing_the_track_mid_session_crossfades_to_the_new_one(
    player: PygameAudio, clock: FakeClock
) -> None:
    player.prepare()
    play_music(player, clock)
    player.apply_settings(SoundSettings(music="evening_bowls"))
    assert player.now_playing == first_layer("warm_pads")  # not decoded yet
    player.prepare()  # the engine link decodes the new choice on the worker
    assert player.now_playing == first_layer("evening_bowls")
    assert len(player.music.mixdown.scapes) == 2  # both sound while they cross
    later(player, clock, 3.0)
    assert [scape.key for scape in player.music.mixdown.scapes] == ["evening_bowls"]


def test_pausing_fades_the_music_and_resuming_brings_it_back(
    player: PygameAudio, clock: FakeClock
) -> None:
    player.prepare()
    play_music(player, clock)
    player.pause()
    later(player, clock, 1.0)
    assert player.mixer_volumes()["music"] == 0.0
    assert player.busy
    player.resume()
    later(player, clock, 1.5)
    assert player.mixer_volumes()["music"] == pytest.approx(amplitude(0.6))


def test_volume_settings_outside_zero_to_one_are_refused() -> None:
    with pytest.raises(ValueError, match="music_volume"):
        SoundSettings(music_volume=1.5)


def test_a_device_still_open_at_exit_is_closed_before_pygame_quits(player: PygameAudio) -> None:
    """The interpreter exiting with a session's sound still playing (a tool that leaves the app
    open): the at-exit hook closes the device, so no gain ticker feeds a quit mixer."""
    from backcare_desktop.services.audio import device_hold

    assert player.prepare()
    player.start_session()
    assert player.busy
    device_hold._AT_EXIT.close_all()
    assert not player.busy
