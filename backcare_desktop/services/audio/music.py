"""The person's own music on pygame's music stream, and the mixer's volume steps.

Bundled soundscapes are mixed in Python (mixdown.py); the person's own files (MP3, OGG, WAV of
any length) are streamed from disk by SDL_mixer's single music stream, one after another, with
their volume set per buffer: such music is rarely as dark as a soft pad, so the mixer's own
volume steps stay under its own treble.

Not thread-safe on its own and never opens the device: PygameAudio calls it under its state lock,
only while the mixer is open, and catches SDL errors around it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from backcare_desktop.services.audio.library import FolderScan
from backcare_desktop.services.audio.ramps import Fader

if TYPE_CHECKING:
    from types import ModuleType


logger = logging.getLogger(__name__)

VOLUME_STEPS = 128  # SDL_mixer keeps each volume as an integer out of 128


def steps(gain: float) -> int:
    """The mixer's integer volume for `gain` (what set_volume will store)."""
    return max(0, min(VOLUME_STEPS, int(gain * VOLUME_STEPS)))


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
