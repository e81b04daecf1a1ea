"""The chimes: breath cues and bells, each struck on a free channel of its own.

A chime keeps the level it was struck at, as a bowl does: moving a slider while it rings changes
the next chime, so no ringing tail ever has its gain stepped (on a soft tail even SDL's smallest
per-buffer volume step is a click). Only the mute and the pause hush glide a ringing chime down:
they are the chimes' own Faders here (the music's level and mute glide in music_decks.py). Not
locked itself: the engine (pygame_player.py) calls it under its state lock.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from backcare_desktop.core.breathing import Cue
from backcare_desktop.services.audio.music import VOLUME_STEPS, steps
from backcare_desktop.services.audio.ramps import Fader

if TYPE_CHECKING:
    from types import ModuleType

    from pygame.mixer import Channel, Sound

    from backcare_desktop.services.audio.library import SoundLibrary
    from backcare_desktop.services.audio.player import MixerSettings

logger = logging.getLogger(__name__)


def load_chimes(pygame: ModuleType, library: SoundLibrary) -> dict[Cue, Sound]:
    """Every cue's sound that loads: a missing or broken file silences only its own cue.
    Reads files, so the engine calls it while opening the device, outside its state lock."""
    sounds: dict[Cue, Sound] = {}
    for cue in Cue:
        path = library.cue_path(cue)
        try:
            sounds[cue] = pygame.mixer.Sound(str(path))
        except Exception as error:  # missing file, unreadable, not audio
            logger.warning("Sound %s skipped (%s): %s", cue.value, path, error)
    return sounds


def unmuted(muted: bool) -> float:
    """The mute fader's resting value."""
    return 0.0 if muted else 1.0


class Chimes:
    """The loaded cue sounds and the chimes still ringing, for one opening of the device."""

    def __init__(self, mixer: MixerSettings, *, muted: bool) -> None:
        self._mixer = mixer
        self.mute = Fader(unmuted(muted))
        self.hush = Fader(1.0)
        """Lets a ringing chime die away on Pause and Stop, and rises again on Resume."""
        self._sounds: dict[Cue, Sound] = {}
        self._ringing: list[tuple[Channel, float, int]] = []
        """Each chime still sounding: its channel, the level it was struck at, its volume now."""

    @property
    def cues(self) -> tuple[Cue, ...]:
        """The cues that loaded (none while the device is closed)."""
        return tuple(self._sounds)

    def quiet(self, now: float) -> float:
        """What mute and the pause hush leave of every chime's level at `now`."""
        return self.mute.value(now) * self.hush.value(now)

    def moving(self, now: float) -> bool:
        return self.mute.moving(now) or self.hush.moving(now)

    def settle(self, *, muted: bool) -> None:
        """Rest both faders (the device just opened: nothing rings that a jump could click)."""
        self.mute.settle(unmuted(muted))
        self.hush.settle(1.0)

    def opened(self, sounds: dict[Cue, Sound]) -> None:
        """The device opened with these sounds; nothing rings yet."""
        self._sounds, self._ringing = sounds, []

    def closed(self) -> None:
        """The device closed: its sounds and channels are gone with it."""
        self._sounds = {}

    def strike(self, pygame: ModuleType, cue: Cue, struck: float, now: float) -> float:
        """Strike `cue` at level `struck` on a free channel; its length in seconds (0 if it
        did not sound: not loaded, silent, or every chime channel busy)."""
        sound = self._sounds.get(cue)
        if sound is None or struck == 0.0:
            return 0.0
        channel = self._free_channel(pygame)
        if channel is None:
            return 0.0
        volume = steps(struck * self.quiet(now))
        channel.set_volume(volume / VOLUME_STEPS)  # before play(): no loud first buffer
        channel.play(sound)
        self._ringing.append((channel, struck, volume))
        return float(sound.get_length())

    def follow(self, now: float) -> None:
        """Walk every ringing chime to where mute and hush stand at `now`, times the level it
        was struck at; a volume is set only when its step changed; finished chimes are dropped."""
        quiet = self.quiet(now)
        ringing = []
        for channel, struck, applied in self._ringing:
            if channel.get_busy():
                volume = steps(struck * quiet)
                if volume != applied:
                    channel.set_volume(volume / VOLUME_STEPS)
                ringing.append((channel, struck, volume))
        self._ringing = ringing

    def _free_channel(self, pygame: ModuleType) -> Channel | None:
        """A channel sounding nothing, outside those reserved for the music's mix."""
        for number in range(self._mixer.music_channels, self._mixer.mixing_channels):
            channel: Channel = pygame.mixer.Channel(number)
            if not channel.get_busy():
                return channel
        return None
