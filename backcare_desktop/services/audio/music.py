"""The music layer of PygameAudio: which file plays, from where, and what comes next.

Not thread-safe on its own and never opens the device: PygameAudio calls it under its state lock,
only while the mixer is open, and catches SDL errors around it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from backcare_desktop.services.audio.library import (
    MUSIC_OFF,
    OWN_FOLDER,
    FolderScan,
    SoundLibrary,
)

if TYPE_CHECKING:
    from types import ModuleType

    from backcare_desktop.services.audio.player import SoundSettings

logger = logging.getLogger(__name__)


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


@dataclass(frozen=True)
class NowPlaying:
    """The music file in the mixer, where it was started from, and its loop length if looping."""

    path: Path
    loop_seconds: float | None
    started_at_s: float


class MusicDeck:
    """Bundled loops play looped; the user's own files play one after another, round again."""

    def __init__(self, library: SoundLibrary) -> None:
        self._library = library
        self.playlist: tuple[Path, ...] = ()
        self.playlist_folder: Path | None = None
        self._index = 0
        self.now_playing: NowPlaying | None = None
        self.failed = False
        self._loaded_path: Path | None = None
        self._resume_from_s = 0.0

    def use_folder(self, scan: FolderScan | None) -> None:
        self.playlist = scan.tracks if scan else ()
        self.playlist_folder = scan.folder if scan else None
        self._index = 0

    def closed(self) -> None:
        """The mixer was closed: nothing is loaded or playing any more."""
        self.now_playing = None
        self._loaded_path = None

    def _candidates(self, settings: SoundSettings) -> list[tuple[Path, float | None]]:
        """Files to try, in order: the choice first, then the bundled default as a fallback."""
        if settings.music == MUSIC_OFF:
            return []
        candidates: list[tuple[Path, float | None]] = []
        if settings.music == OWN_FOLDER and self.playlist:
            count = len(self.playlist)
            candidates += [(self.playlist[(self._index + i) % count], None) for i in range(count)]
        track = self._library.track(settings.music) or self._library.default_track
        if track is not None:  # the first layer alone, until the layers are mixed live
            candidates.append((track.layers[0].path, track.layers[0].seconds))
        return candidates

    def start(
        self, pygame: ModuleType, settings: SoundSettings, fade_s: float, from_s: float = 0.0
    ) -> None:
        """Fade the chosen music in; a file that fails to load is skipped with a warning."""
        for path, loop_seconds in self._candidates(settings):
            # Loading frees the current music, and SDL_mixer waits (in 100 ms sleeps) for a
            # fade-out to end before freeing: so never reload the file already loaded.
            if path != self._loaded_path:
                try:
                    pygame.mixer.music.load(str(path))
                except Exception as error:
                    logger.warning("Music %s skipped: %s", path, error)
                    continue
                self._loaded_path = path
            if path in self.playlist:
                self._index = self.playlist.index(path)
            pygame.mixer.music.set_volume(settings.music_amplitude)
            loops = -1 if loop_seconds is not None else 0
            try:
                pygame.mixer.music.play(loops=loops, start=from_s, fade_ms=_ms(fade_s))
            except Exception:  # some formats cannot start mid-way: start from the top
                from_s = 0.0
                pygame.mixer.music.play(loops=loops, fade_ms=_ms(fade_s))
            self.now_playing = NowPlaying(path, loop_seconds, from_s)
            self.failed = False
            return
        self.failed = settings.music != MUSIC_OFF

    def fade_out(self, pygame: ModuleType, seconds: float) -> None:
        pygame.mixer.music.fadeout(_ms(seconds))

    def pause(self, pygame: ModuleType, fade_s: float) -> None:
        """Note where the music is, then fade it out (resume() starts it there again)."""
        playing = self.now_playing
        if playing is not None:
            played_ms = int(pygame.mixer.music.get_pos())  # -1 when stopped
            position = playing.started_at_s + max(0, played_ms) / 1000.0
            self._resume_from_s = (
                position % playing.loop_seconds if playing.loop_seconds else position
            )
        self.fade_out(pygame, fade_s)

    def resume(self, pygame: ModuleType, settings: SoundSettings, fade_s: float) -> None:
        self.start(pygame, settings, fade_s, from_s=self._resume_from_s)

    def interrupt(self) -> None:
        """The choice changed: forget the current piece so keep_going() fades the new one in."""
        self.now_playing = None
        self.failed = False

    def keep_going(self, pygame: ModuleType, settings: SoundSettings, fade_s: float) -> None:
        """Called regularly while music is wanted: start the next piece once the last one ended
        (own files), or the new choice once the old one has faded out."""
        if self.failed or pygame.mixer.music.get_busy():
            return
        if self.now_playing is not None and self.playlist:
            self._index = (self._index + 1) % len(self.playlist)
        self.start(pygame, settings, fade_s if self.now_playing is None else 0.0)
