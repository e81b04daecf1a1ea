"""Sound for sessions: the AudioPlayer seam, its silent fallback, and the factory.

Three layers, each with its own volume, under one master mute:
- music: a bundled loop (or the user's own folder), faded in over 3 s when a session starts,
  faded out at the end or on stop, faded and paused with the session;
- breath cues: the inhale / hold / exhale chimes;
- chimes: the step-change chime and the end-of-session bell.

No ducking. Rendered mixes at the default volumes (packaging/audio/mix_preview.py) show every
chime's partials 18–24 dB above the music in their own frequency bins (min over a resonance
step, all three tracks): nothing is masked, so there is nothing to duck for. Ducking by 6 dB
would instead make the music dip at every phase change, doubling its level swings (3.2 -> 6.9 dB
on the pads) — a pumping in time with the breath that draws attention to itself.

Mixer settings (MIXER): 44.1 kHz, 16-bit, stereo, 512-frame buffer (pygame's default).
A chime starts at the next buffer the mixer fills, so the buffer is the cue's timing grain:
512 frames is 11.6 ms, 1024 would be 23.2 ms. With 1024, two cues whose boundaries fall either
side of a buffer edge come out up to 23 ms off the pattern's spacing — over the 20 ms the timing
test allows (a 21 ms spacing error was measured); with 512 the worst case is 11.6 ms (measured
over 13 renders: onsets 13–29 ms after their boundaries, spacing within 12.5 ms; see
tests/services/test_audio_disk_timing.py). 512 is still large enough not to crackle: SDL_mixer
fills it on SDL's own thread in C (no Python, no GIL) and the whole engine — music decoding and
mixing included — uses under 1 % of a core (tests/benchmarks/session_cpu.py); 256 would buy
nothing audible and wake the audio system twice as often. The device is open only during
sessions, so a sound server's shorter period while it is open costs nothing when BackCare is
idle. 44.1 kHz matches the chimes, so they play unresampled; music is 22.05 kHz mono and SDL
upsamples it by exactly two.

The GUI thread never waits on audio: `prepare()` (import pygame, open the device, decode 20 s
of chimes; measured 15–22 ms, 124 ms the first time with the pygame import) and `release()`
(~30 ms) run off it; every other method is well under a millisecond (play_cue ~30 µs) of
bookkeeping or non-blocking calls into SDL_mixer, whose mixing runs on SDL's own thread.
pygame is imported inside methods only, never when this module is imported.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from backcare_desktop.core.breathing import Cue
from backcare_desktop.core.clock import Clock
from backcare_desktop.services.audio.library import (
    MUSIC_OFF,
    OWN_FOLDER,
    FolderScan,
    SoundLibrary,
    Track,
    scan_music_folder,
)

if TYPE_CHECKING:
    from types import ModuleType

logger = logging.getLogger(__name__)

UNAVAILABLE_PREFIX = "Sound unavailable: "
MUSIC_FADE_IN_S = 3.0
MUSIC_FADE_OUT_END_S = 5.0
MUSIC_FADE_OUT_STOP_S = 1.5
PAUSE_FADE_S = 0.8
RESUME_FADE_S = 1.5
CROSSFADE_S = 3.0
"""A track switch: the old piece falls while the new one rises, equal power, no gap."""
LEVEL_GLIDE_S = 0.3
"""A music slider move glides this long (in 16-frame steps: see mixdown.py)."""
MUTE_GLIDE_S = 0.5
"""Mute and unmute: from or to silence, where the ear is keenest, a little longer."""
CHIME_HUSH_S = 1.0
"""Pause or Stop let a ringing chime die away over this long rather than cutting it."""
PAUSE_RELEASE_S = 3.0
"""A pause longer than this closes the device; resuming opens it again and fades in."""
RELEASE_MARGIN_S = 0.5
BREATH_CUES = frozenset({Cue.INHALE, Cue.EXHALE, Cue.HOLD})

__all__ = [
    "MUSIC_OFF",
    "OWN_FOLDER",
    "AudioPlayer",
    "FolderScan",
    "MixerSettings",
    "NullAudio",
    "SoundSettings",
    "Track",
    "amplitude",
    "open_audio",
]


@dataclass(frozen=True)
class MixerSettings:
    """The format the audio device is opened with (see the module docstring for why)."""

    frequency: int = 44100
    size: int = -16
    channels: int = 2
    buffer: int = 512
    mixing_channels: int = 16
    """Room for overlapping chimes: a new one never cuts one still ringing."""
    music_channels: int = 1
    """Reserved for the soundscapes' mix (services/audio/mixdown.py); each chime plays on a
    channel of its own among the rest."""


MIXER = MixerSettings()


def _unit(value: float, name: str) -> float:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
    return float(value)


@dataclass(frozen=True)
class SoundSettings:
    """What the user chose for sound. `music` is a track id, OWN_FOLDER or MUSIC_OFF."""

    music: str = "warm_pads"
    music_folder: Path | None = None
    music_volume: float = 0.6
    breath_volume: float = 0.6
    chime_volume: float = 0.75
    chimes_enabled: bool = True
    muted: bool = False

    def __post_init__(self) -> None:
        _unit(self.music_volume, "music_volume")
        _unit(self.breath_volume, "breath_volume")
        _unit(self.chime_volume, "chime_volume")

    def cue_amplitude(self, cue: Cue) -> float:
        """Playback gain of a cue: 0 when muted or chimes are off."""
        if self.muted or not self.chimes_enabled:
            return 0.0
        return amplitude(self.breath_volume if cue in BREATH_CUES else self.chime_volume)

    @property
    def music_amplitude(self) -> float:
        return 0.0 if self.muted else amplitude(self.music_volume)


def amplitude(volume: float) -> float:
    """Slider position (0..1) to gain: squared, so equal slider steps sound like equal steps."""
    return volume * volume


class AudioPlayer(Protocol):
    """What sessions and Settings need from the sound engine."""

    @property
    def available(self) -> bool:
        """False when sound cannot play (see `status`)."""
        ...

    @property
    def status(self) -> str:
        """Empty when sound works, else "Sound unavailable: <reason>" for Settings/status line."""
        ...

    @property
    def settings(self) -> SoundSettings: ...

    @property
    def busy(self) -> bool:
        """The device is open (poll() must keep being called until this turns False)."""
        ...

    def tracks(self) -> tuple[Track, ...]: ...

    def apply_settings(self, settings: SoundSettings) -> None:
        """Take new volumes/mute/track choice; volumes apply at once, even mid-chime."""
        ...

    def set_music_folder(self, folder: Path | None) -> FolderScan | None:
        """Use the user's own music from `folder` (None: forget it); says what was skipped."""
        ...

    def prepare(self) -> bool:
        """Open the device and load the sounds (blocks 10–300 ms: call it on a worker)."""
        ...

    def start_session(self) -> None:
        """A session begins: fade the chosen music in (at once, or as soon as prepare() is done)
        and keep the device until finish() or stop()."""
        ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def play_cue(self, cue: Cue) -> None:
        """Play a chime now; never blocks; silently skipped if it cannot sound."""
        ...

    def preview(self, cue: Cue) -> None:
        """Play a chime for Settings' "test sound" (after prepare()); the device closes after."""
        ...

    def finish(self) -> None:
        """Session complete: end bell, music fades out, the device closes once the bell fades."""
        ...

    def stop(self) -> None:
        """The user stopped: quick fade of everything, then the device closes."""
        ...

    def poll(self) -> None:
        """Call every ~250 ms while `busy`: next own-folder track, and closing the device."""
        ...

    def release(self) -> None:
        """Close the device now (app quit)."""
        ...


class NullAudio:
    """Silence, with the reason: sessions run unchanged and Settings can say why."""

    def __init__(self, reason: str, library: SoundLibrary | None = None) -> None:
        self.reason = reason
        self._library = library
        self._settings = SoundSettings()

    @property
    def available(self) -> bool:
        return False

    @property
    def status(self) -> str:
        return UNAVAILABLE_PREFIX + self.reason

    @property
    def settings(self) -> SoundSettings:
        return self._settings

    @property
    def busy(self) -> bool:
        return False

    def tracks(self) -> tuple[Track, ...]:
        return self._library.tracks if self._library else ()

    def apply_settings(self, settings: SoundSettings) -> None:
        self._settings = settings

    def set_music_folder(self, folder: Path | None) -> FolderScan | None:
        self._settings = replace(self._settings, music_folder=folder)
        return scan_music_folder(folder) if folder is not None else None

    def prepare(self) -> bool:
        return False

    def start_session(self) -> None:
        pass

    def pause(self) -> None:
        pass

    def resume(self) -> None:
        pass

    def play_cue(self, cue: Cue) -> None:
        pass

    def preview(self, cue: Cue) -> None:
        pass

    def finish(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def poll(self) -> None:
        pass

    def release(self) -> None:
        pass


def import_pygame() -> ModuleType:
    """pygame, imported on first use (it costs 40–300 ms; never on the start-up path)."""
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    import pygame

    return pygame


def describe_failure(error: BaseException) -> str:
    """A short reason for "Sound unavailable: …" from an import or SDL error."""
    if isinstance(error, ImportError):
        return "the pygame sound library is not installed"
    text = str(error).strip() or type(error).__name__
    if "busy" in text.lower():
        return f"the sound device is busy ({text})"
    return f"no sound device could be opened ({text})"


def open_audio(
    assets_dir: Path,
    clock: Clock,
    settings: SoundSettings | None = None,
    *,
    probe: bool = True,
    mixer: MixerSettings = MIXER,
    library: SoundLibrary | None = None,
) -> AudioPlayer:
    """The app's sound engine, or NullAudio with the reason if sound cannot work here.

    `library` is the sound list the app already read (so manifest.json is parsed once); by
    default it is read from `assets_dir`.

    With `probe`, the device is opened and closed once (about 50–300 ms including the pygame
    import), so Settings can say at once whether sound works: call this after the first window
    has painted, ideally on a worker. Any failure — pygame missing, no device, device busy,
    any SDL error — gives NullAudio("…"), never an exception.
    """
    library = library or SoundLibrary(assets_dir / "audio")
    try:
        from backcare_desktop.services.audio.pygame_player import PygameAudio

        import_pygame()
    except Exception as error:  # ImportError, or a broken pygame install
        logger.warning("Sound disabled: %s", error)
        return NullAudio(describe_failure(error), library)
    player = PygameAudio(library, clock, settings, mixer=mixer)
    if probe:
        failure = player.probe()
        if failure is not None:
            return NullAudio(failure, library)
    return player
