"""The chimes: breath cues and bells, each struck on a free channel of its own.

A chime keeps the level it was struck at, as a bowl does: moving a slider while it rings changes the
next chime, so no ringing tail ever has its gain stepped. Mute and the pause hush do move a ringing
chime, but not through its channel's volume (SDL steps that once per buffer, a click on a soft
tail): each strike plays its own copy of the chime's samples, and a glide of mute or hush is written
into the copies still ringing (chime_gain.py) by reshape(), which the engine calls on its gain
ticker's thread: a few ms per ringing chime that the GUI thread does not wait for. They are the
chimes' own Faders here (the music's level and mute glide in music_decks.py). Not locked itself: the
engine (pygame_player.py) calls it under its state lock.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from backcare_desktop.core.breathing import Cue
from backcare_desktop.services.audio.chime_gain import LEAD_S, GainPlan, plan, shaped
from backcare_desktop.services.audio.music import VOLUME_STEPS, steps
from backcare_desktop.services.audio.ramps import Curve, Fader

if TYPE_CHECKING:
    from types import ModuleType

    from pygame.mixer import Channel, Sound

    from backcare_desktop.services.audio.library import SoundLibrary
    from backcare_desktop.services.audio.player import MixerSettings

logger = logging.getLogger(__name__)


def load_chimes(pygame: ModuleType, library: SoundLibrary) -> dict[Cue, bytes]:
    """Every cue's samples that load, in the mixer's format: a missing or broken file silences
    only its own cue. Reads files, so the engine calls it while opening the device, outside its
    state lock."""
    sounds: dict[Cue, bytes] = {}
    for cue in Cue:
        path = library.cue_path(cue)
        try:
            sounds[cue] = pygame.mixer.Sound(str(path)).get_raw()
        except Exception as error:  # missing file, unreadable, not audio
            logger.warning("Sound %s skipped (%s): %s", cue.value, path, error)
    return sounds


def unmuted(muted: bool) -> float:
    """The mute fader's resting value."""
    return 0.0 if muted else 1.0


@dataclass
class Ringing:
    """One chime still sounding: its channel, its own copy of the samples, the original they
    are shaped from, when it was struck (monotonic s) and at what level."""

    channel: Channel
    sound: Sound
    original: bytes
    struck_at: float
    struck: float


class Chimes:
    """The loaded cue sounds and the chimes still ringing, for one opening of the device."""

    def __init__(self, mixer: MixerSettings, *, muted: bool) -> None:
        self._mixer = mixer
        self.mute = Fader(unmuted(muted))
        self.hush = Fader(1.0)
        """Lets a ringing chime die away on Pause and Stop, and rises again on Resume."""
        self._sounds: dict[Cue, bytes] = {}
        self._rate = mixer.frequency
        self._frame_bytes = mixer.channels * 2
        self._ringing: list[Ringing] = []
        self._reshape_from: float | None = None
        """Where the ringing chimes' samples must be rewritten from (a glide began), if at all."""

    @property
    def cues(self) -> tuple[Cue, ...]:
        """The cues that loaded (none while the device is closed)."""
        return tuple(self._sounds)

    @property
    def ringing(self) -> tuple[Ringing, ...]:
        """The chimes struck and not known to be over (tests read their samples)."""
        return tuple(self._ringing)

    def quiet(self, now: float) -> float:
        """What mute and the pause hush leave of every chime's level at `now`."""
        return self.mute.value(now) * self.hush.value(now)

    def settle(self, *, muted: bool) -> None:
        """Rest both faders (the device just opened: nothing rings that a jump could click)."""
        self.mute.settle(unmuted(muted))
        self.hush.settle(1.0)

    def opened(self, sounds: dict[Cue, bytes], device_format: tuple[int, int, int]) -> None:
        """The device opened (frequency, size, channels) with these samples; nothing rings."""
        frequency, _size, channels = device_format
        self._sounds, self._ringing, self._reshape_from = sounds, [], None
        self._rate, self._frame_bytes = frequency, channels * 2

    def closed(self) -> None:
        """The device closed: its sounds and channels are gone with it."""
        self._sounds, self._ringing, self._reshape_from = {}, [], None

    def glide(self, fader: Fader, target: float, seconds: float, now: float) -> bool:
        """Glide `fader` (mute or hush) to `target`, beginning LEAD_S from `now`; the ringing
        chimes take the new gain from there on at the next reshape(). False if nothing changed."""
        begins = now + LEAD_S
        if not fader.glide(target, seconds, begins, Curve.SMOOTH):
            return False
        pending = self._reshape_from
        self._reshape_from = begins if pending is None else min(pending, begins)
        return True

    def reshape(self) -> None:
        """Write the gains glided to since the last call into the ringing chimes' samples (a
        chime struck meanwhile already has them)."""
        begins, self._reshape_from = self._reshape_from, None
        if begins is not None:
            self._reshape(begins)

    def _plan(self, begins: float) -> GainPlan:
        settles = max(self.mute.settles, self.hush.settles, begins)
        return plan(self.quiet, begins, settles, self._rate)

    def _reshape(self, begins: float) -> None:
        self.prune()
        if not self._ringing:
            return
        gains = self._plan(begins)
        for chime in self._ringing:
            first = gains.first_frame(chime.struck_at) * self._frame_bytes
            if first >= len(chime.original):
                continue
            # A Sound exports its samples as a writable buffer (pygame's stubs do not say so)
            samples = memoryview(chime.sound).cast("B")  # type: ignore[arg-type]
            for part in shaped(memoryview(chime.original)[first:], gains, self._frame_bytes):
                samples[first : first + len(part)] = part
                first += len(part)

    def strike(self, pygame: ModuleType, cue: Cue, struck: float, now: float) -> float:
        """Strike `cue` at level `struck` on a free channel; its length in seconds (0 if it
        did not sound: not loaded, silent, or every chime channel busy)."""
        original = self._sounds.get(cue)
        if original is None or struck == 0.0:
            return 0.0
        channel = self._free_channel(pygame)
        if channel is None:
            return 0.0
        gains = self._plan(now)
        samples = original if gains.still else b"".join(shaped(original, gains, self._frame_bytes))
        sound: Sound = pygame.mixer.Sound(buffer=samples)  # its own copy, to shape as it rings
        channel.set_volume(steps(struck) / VOLUME_STEPS)  # before play(): no loud first buffer
        channel.play(sound)
        self._ringing.append(Ringing(channel, sound, original, now, struck))
        return len(original) / self._frame_bytes / self._rate

    def prune(self) -> None:
        """Forget the chimes that have finished."""
        self._ringing = [chime for chime in self._ringing if chime.channel.get_busy()]

    def _free_channel(self, pygame: ModuleType) -> Channel | None:
        """A channel sounding nothing, outside those reserved for the music's mix."""
        for number in range(self._mixer.music_channels, self._mixer.mixing_channels):
            channel: Channel = pygame.mixer.Channel(number)
            if not channel.get_busy():
                return channel
        return None
