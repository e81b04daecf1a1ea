"""PygameAudio: the real sound engine, on pygame.mixer (no pygame window, no pygame event loop).

Threading: `prepare()`, `probe()` and `release()` may block (opening or closing the device) and
are meant for a worker thread; they serialise on a device lock. Every other method only takes a
short state lock around non-blocking SDL_mixer calls, so the GUI thread never waits on audio. A
session that starts while the device is still opening is remembered and its music starts as soon
as the device is open; a cue asked for before that is dropped (its moment has passed).

The device is held only while sound plays: finish(), stop() and preview() set a release time on
the injected Clock, and poll() closes the mixer once it has passed — on a short-lived thread, so
the ~50 ms SDL takes to close never lands on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from backcare_desktop.core.breathing import Cue
from backcare_desktop.core.clock import Clock
from backcare_desktop.services.audio.library import (
    OWN_FOLDER,
    FolderScan,
    SoundLibrary,
    Track,
    scan_music_folder,
)
from backcare_desktop.services.audio.music import MusicDeck
from backcare_desktop.services.audio.player import (
    CUE_FADE_ON_STOP_S,
    MIXER,
    MUSIC_FADE_IN_S,
    MUSIC_FADE_OUT_END_S,
    MUSIC_FADE_OUT_STOP_S,
    PAUSE_FADE_S,
    RELEASE_MARGIN_S,
    RESUME_FADE_S,
    UNAVAILABLE_PREFIX,
    MixerSettings,
    SoundSettings,
    describe_failure,
    import_pygame,
)

if TYPE_CHECKING:
    from types import ModuleType

    from pygame.mixer import Sound

logger = logging.getLogger(__name__)
SWITCH_FADE_S = 0.8


class _Device(Enum):
    CLOSED = "closed"
    OPENING = "opening"
    OPEN = "open"


class PygameAudio:
    """Music, breath cues and chimes through pygame.mixer; see services/audio.py for the API."""

    def __init__(
        self,
        library: SoundLibrary,
        clock: Clock,
        settings: SoundSettings | None = None,
        *,
        mixer: MixerSettings = MIXER,
        close_in_background: bool = True,
    ) -> None:
        """`close_in_background`: poll() closes the device on a short-lived thread, so the GUI
        thread that calls poll() never waits for SDL; tests pass False to close synchronously."""
        self._library = library
        self._clock = clock
        self._settings = settings or SoundSettings()
        self._mixer = mixer
        self._close_in_background = close_in_background
        self._state_lock = threading.Lock()
        self._device_lock = threading.Lock()
        self._device = _Device.CLOSED
        self._pygame: ModuleType | None = None
        self._sounds: dict[Cue, Sound] = {}
        self._failure: str | None = None
        self._want_music = False
        self._paused = False
        self._release_at: float | None = None
        self._music = MusicDeck(library)
        self.opened_at: float | None = None
        """Monotonic instant the device last opened (sample 0 of the output, for timing tests)."""

    # --- reporting ------------------------------------------------------------------------------

    @property
    def available(self) -> bool:
        return self._failure is None

    @property
    def status(self) -> str:
        return "" if self._failure is None else UNAVAILABLE_PREFIX + self._failure

    @property
    def settings(self) -> SoundSettings:
        return self._settings

    @property
    def busy(self) -> bool:
        return self._device is not _Device.CLOSED

    @property
    def release_at(self) -> float | None:
        """When poll() will close the device (monotonic), or None."""
        return self._release_at

    @property
    def now_playing(self) -> Path | None:
        """The music file last started (None when none has been started since opening)."""
        playing = self._music.now_playing
        return playing.path if playing else None

    def tracks(self) -> tuple[Track, ...]:
        return self._library.tracks

    def mixer_volumes(self) -> dict[str, float]:
        """The volumes the mixer actually holds ("music" and each loaded cue's value), for
        diagnostics and tests; empty while the device is closed."""
        with self._state_lock, self._mixer_calls("reading volumes") as pygame:
            if pygame is not None:
                volumes = {"music": float(pygame.mixer.music.get_volume())}
                volumes.update({c.value: float(s.get_volume()) for c, s in self._sounds.items()})
                return volumes
        return {}

    @contextmanager
    def _mixer_calls(self, what: str) -> Iterator[ModuleType | None]:
        """pygame if the device is open (else None); SDL errors are logged, not raised."""
        try:
            yield self._pygame if self._device is _Device.OPEN else None
        except Exception as error:
            logger.warning("Sound: %s failed: %s", what, error)

    # --- device ---------------------------------------------------------------------------------

    def _open_mixer(self, pygame: ModuleType) -> None:
        m = self._mixer
        pygame.mixer.init(frequency=m.frequency, size=m.size, channels=m.channels, buffer=m.buffer)
        self.opened_at = self._clock.monotonic()
        pygame.mixer.set_num_channels(m.mixing_channels)

    def probe(self) -> str | None:
        """Open and close the device once; the reason it failed, or None. Blocks: use a worker."""
        with self._device_lock:
            if self._device is not _Device.CLOSED:
                return None
            try:
                pygame = import_pygame()
                self._open_mixer(pygame)
                pygame.mixer.quit()
            except Exception as error:
                self._failure = describe_failure(error)
                logger.warning("Sound check failed: %s", error)
                return self._failure
            self._failure = None
            return None

    def _load_sounds(self, pygame: ModuleType) -> dict[Cue, Sound]:
        sounds: dict[Cue, Sound] = {}
        for cue in Cue:
            path = self._library.cue_path(cue)
            try:
                sounds[cue] = pygame.mixer.Sound(str(path))
            except Exception as error:  # missing file, unreadable, not audio
                logger.warning("Sound %s skipped (%s): %s", cue.value, path, error)
        return sounds

    def prepare(self) -> bool:
        """Open the device and load the chimes; False (and `status` says why) if it cannot.

        Blocks (measured 15–60 ms, up to ~0.25 s on a busy machine; the first call also imports
        pygame): run it on a worker. Calling it again while open is cheap.
        """
        with self._device_lock:
            with self._state_lock:
                if self._device is _Device.OPEN:
                    return True
                self._device = _Device.OPENING
            folder = self._settings.music_folder
            if self._settings.music == OWN_FOLDER and self._music.playlist_folder != folder:
                self._rescan(folder)
            try:
                pygame = import_pygame()
                self._open_mixer(pygame)
                sounds = self._load_sounds(pygame)
            except Exception as error:
                logger.warning("Sound unavailable for this session: %s", error)
                with self._state_lock:
                    self._failure = describe_failure(error)
                    self._device = _Device.CLOSED
                return False
            with self._state_lock:
                self._pygame, self._sounds = pygame, sounds
                self._failure = None
                self._device = _Device.OPEN
                self._apply_volumes()
                if self._want_music and not self._paused:
                    with self._mixer_calls("starting music") as mixer:
                        if mixer is not None:
                            self._music.start(mixer, self._settings, MUSIC_FADE_IN_S)
            return True

    def release(self) -> None:
        """Close the device now. Blocks while prepare() runs and for the close (~50 ms)."""
        with self._device_lock:
            self._close()

    def _close(self) -> None:
        with self._state_lock:
            if self._device is not _Device.OPEN or self._pygame is None:
                return
            pygame = self._pygame
            self._device = _Device.CLOSED
            self._sounds = {}
            self._music.closed()
            self._release_at = None
        try:
            pygame.mixer.music.stop()  # a fading track would make quit() wait for its fade
            pygame.mixer.quit()
        except Exception as error:
            logger.warning("Closing the sound device failed: %s", error)

    def _close_and_unlock(self) -> None:
        try:
            self._close()
        finally:
            self._device_lock.release()

    # --- settings -------------------------------------------------------------------------------

    def _apply_volumes(self) -> None:
        with self._mixer_calls("setting the volume") as pygame:
            if pygame is not None:
                pygame.mixer.music.set_volume(self._settings.music_amplitude)
                for cue, sound in self._sounds.items():
                    sound.set_volume(self._settings.cue_amplitude(cue))

    def apply_settings(self, settings: SoundSettings) -> None:
        with self._state_lock:
            old, self._settings = self._settings, settings
            self._apply_volumes()
            if (old.music, old.music_folder) == (settings.music, settings.music_folder):
                return
            if self._want_music and not self._paused:
                with self._mixer_calls("switching music") as pygame:
                    if pygame is not None:
                        self._music.fade_out(pygame, SWITCH_FADE_S)  # poll() fades the new one in
                        self._music.interrupt()

    def _rescan(self, folder: Path | None) -> FolderScan | None:
        scan = scan_music_folder(folder) if folder is not None else None
        for skipped in scan.skipped if scan else ():
            logger.warning("Own music: %s skipped: %s", skipped.path, skipped.reason)
        with self._state_lock:
            self._music.use_folder(scan)
        return scan

    def set_music_folder(self, folder: Path | None) -> FolderScan | None:
        """Use music from `folder`; reads each file's first bytes (use a worker for big folders)."""
        scan = self._rescan(folder)
        with self._state_lock:
            self._settings = replace(self._settings, music_folder=folder)
        return scan

    # --- session --------------------------------------------------------------------------------

    def start_session(self) -> None:
        with self._state_lock:
            self._want_music, self._paused, self._release_at = True, False, None
            with self._mixer_calls("starting music") as pygame:
                if pygame is not None:
                    self._music.start(pygame, self._settings, MUSIC_FADE_IN_S)

    def pause(self) -> None:
        with self._state_lock:
            if self._paused:
                return
            self._paused = True
            with self._mixer_calls("pausing") as pygame:
                if pygame is not None and self._want_music:
                    self._music.pause(pygame, PAUSE_FADE_S)

    def resume(self) -> None:
        with self._state_lock:
            if not self._paused:
                return
            self._paused = False
            with self._mixer_calls("resuming") as pygame:
                if pygame is not None and self._want_music:
                    self._music.resume(pygame, self._settings, RESUME_FADE_S)

    def play_cue(self, cue: Cue) -> None:
        with self._state_lock:
            self._play(cue)

    def _play(self, cue: Cue) -> float:
        """Start `cue` if it can sound; its length in seconds (0 if it did not play)."""
        sound = self._sounds.get(cue)
        if sound is None or self._settings.cue_amplitude(cue) == 0.0:
            return 0.0
        with self._mixer_calls(f"playing {cue.value}") as pygame:
            if pygame is not None:
                sound.play()
                return float(sound.get_length())
        return 0.0

    def preview(self, cue: Cue) -> None:
        with self._state_lock:
            length = self._play(cue)
            if not self._want_music:
                self._release_after(max(length, 0.1))

    def _release_after(self, seconds: float) -> None:
        if self._device is _Device.CLOSED:
            return
        due = self._clock.monotonic() + seconds + RELEASE_MARGIN_S
        self._release_at = max(due, self._release_at or due)

    def finish(self) -> None:
        with self._state_lock:
            self._want_music, self._paused = False, False
            with self._mixer_calls("fading music") as pygame:
                if pygame is not None:
                    self._music.fade_out(pygame, MUSIC_FADE_OUT_END_S)
            bell = self._play(Cue.END)
            self._release_after(max(MUSIC_FADE_OUT_END_S, bell))

    def stop(self) -> None:
        with self._state_lock:
            self._want_music, self._paused = False, False
            with self._mixer_calls("fading out") as pygame:
                if pygame is not None:
                    self._music.fade_out(pygame, MUSIC_FADE_OUT_STOP_S)
                    pygame.mixer.fadeout(round(CUE_FADE_ON_STOP_S * 1000))
            self._release_after(MUSIC_FADE_OUT_STOP_S)

    def poll(self) -> None:
        """Keep own-folder music going and close the device once its release time has passed."""
        with self._state_lock:
            with self._mixer_calls("checking music") as pygame:
                if pygame is not None and self._want_music and not self._paused:
                    self._music.keep_going(pygame, self._settings, MUSIC_FADE_IN_S)
            due = self._release_at is not None and self._clock.monotonic() >= self._release_at
        if due and self._device_lock.acquire(blocking=False):
            if self._close_in_background:
                threading.Thread(target=self._close_and_unlock, name="backcare-audio-close").start()
            else:
                self._close_and_unlock()
