"""The music of PygameAudio: decks that each play one piece and fade as one.

A bundled soundscape is a `LayerDeck`: each of its layers loops on a mixer channel of its own at
its own gain, so layers of co-prime lengths (150 s, 97 s, 61 s) line up again only after hours,
and SDL_mixer sums them on its own thread in C. The person's own music is a `StreamDeck` on
pygame's single music stream, streamed from disk, one file after another. Two decks sound at
once during a crossfade: the old one falls while the new one rises (equal power), so there is
never a moment of silence between pieces.

Not thread-safe on its own and never opens the device: PygameAudio calls it under its state lock,
only while the mixer is open, and catches SDL errors around it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from backcare_desktop.services.audio.library import FolderScan
from backcare_desktop.services.audio.ramps import Fader

if TYPE_CHECKING:
    from types import ModuleType

    from pygame.mixer import Channel, Sound

logger = logging.getLogger(__name__)

VOLUME_STEPS = 128  # SDL_mixer keeps each volume as an integer out of 128


def steps(gain: float) -> int:
    """The mixer's integer volume for `gain` (what set_volume will store)."""
    return max(0, min(VOLUME_STEPS, int(gain * VOLUME_STEPS)))


class Deck(Protocol):
    """One piece of music in the mixer, faded as a whole by its `fader`."""

    key: str
    fader: Fader

    def apply(self, gain: float) -> None:
        """Set the mixer's volume(s) for an overall gain (music slider × this deck's fader)."""
        ...

    def hold(self) -> None:
        """Stand still where it is (it has faded to silence for a pause)."""
        ...

    def carry_on(self) -> None: ...

    def stop(self) -> None: ...


class LayerDeck:
    """A bundled soundscape: each layer looping on its own reserved channel."""

    def __init__(
        self, key: str, pygame: ModuleType, voices: list[tuple[int, Sound, float]]
    ) -> None:
        """`voices`: (reserved channel number, decoded layer, its gain) for each layer."""
        self.key = key
        self.fader = Fader(0.0)
        self.channel_ids = [channel for channel, _, _ in voices]
        self._voices: list[tuple[Channel, Sound, float]] = [
            (pygame.mixer.Channel(channel), sound, gain) for channel, sound, gain in voices
        ]
        self._applied: list[int] = [-1] * len(voices)

    @property
    def channels(self) -> list[Channel]:
        return [channel for channel, _, _ in self._voices]

    def start(self) -> None:
        for channel, sound, _ in self._voices:
            channel.set_volume(0.0)
            channel.play(sound, loops=-1)
        self._applied = [0] * len(self._voices)

    def apply(self, gain: float) -> None:
        for index, (channel, _, layer_gain) in enumerate(self._voices):
            volume = steps(gain * layer_gain)
            if volume != self._applied[index]:
                channel.set_volume(volume / VOLUME_STEPS)
                self._applied[index] = volume

    def hold(self) -> None:
        for channel in self.channels:
            channel.pause()

    def carry_on(self) -> None:
        for channel in self.channels:
            channel.unpause()

    def stop(self) -> None:
        for channel in self.channels:
            channel.stop()


class Playlist:
    """The person's own files: which one plays, and where it stood when the music paused."""

    def __init__(self) -> None:
        self.tracks: tuple[Path, ...] = ()
        self.folder: Path | None = None
        self.index = 0
        self.position_s = 0.0

    def use_folder(self, scan: FolderScan | None) -> None:
        self.tracks = scan.tracks if scan else ()
        self.folder = scan.folder if scan else None
        self.index, self.position_s = 0, 0.0


class StreamDeck:
    """The person's own music on pygame's music stream, one file after another, round again."""

    def __init__(self, key: str, pygame: ModuleType, playlist: Playlist) -> None:
        self.key = key
        self.fader = Fader(0.0)
        self._pygame = pygame
        self._playlist = playlist
        self._applied = -1
        self._held = False
        self._started_at_s = 0.0
        self.now_playing: Path | None = None

    def start(self) -> bool:
        """Start the current file where it stood (silent until the fader rises); False if no
        file of the playlist plays."""
        music, playlist = self._pygame.mixer.music, self._playlist
        count = len(playlist.tracks)
        for attempt in range(count):
            path = playlist.tracks[(playlist.index + attempt) % count]
            from_s = playlist.position_s if attempt == 0 else 0.0
            try:
                music.load(str(path))
                music.set_volume(0.0)
                try:
                    music.play(start=from_s)
                except Exception:  # some formats cannot start mid-way: start from the top
                    from_s = 0.0
                    music.play()
            except Exception as error:
                logger.warning("Music %s skipped: %s", path, error)
                continue
            playlist.index = (playlist.index + attempt) % count
            self._started_at_s, self._applied = from_s, 0
            self.now_playing = path
            return True
        return False

    def apply(self, gain: float) -> None:
        volume = steps(gain)
        if volume != self._applied:
            self._pygame.mixer.music.set_volume(volume / VOLUME_STEPS)
            self._applied = volume

    def note_position(self) -> None:
        """Remember where the file is, so a reopened device starts it there again."""
        played_ms = int(self._pygame.mixer.music.get_pos())  # -1 when stopped
        self._playlist.position_s = self._started_at_s + max(0, played_ms) / 1000.0

    def hold(self) -> None:
        self.note_position()
        self._pygame.mixer.music.pause()
        self._held = True

    def carry_on(self) -> None:
        self._pygame.mixer.music.unpause()
        self._held = False

    def stop(self) -> None:
        self._pygame.mixer.music.stop()

    def keep_going(self) -> None:
        """Called regularly: once a file has ended, the next one (at the deck's gain)."""
        if self._held or self._pygame.mixer.music.get_busy() or not self._playlist.tracks:
            return
        self._playlist.index = (self._playlist.index + 1) % len(self._playlist.tracks)
        self._playlist.position_s = 0.0
        applied = self._applied
        if self.start():
            self._pygame.mixer.music.set_volume(applied / VOLUME_STEPS)
            self._applied = applied
