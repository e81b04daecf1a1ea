"""PygameAudio: the real sound engine, on pygame.mixer (no pygame window, no pygame event loop).

Threading: `prepare()`, `probe()` and `release()` may block (opening or closing the device,
decoding layers): a worker calls them, serialised on a device lock. Every other method takes
only a short state lock around non-blocking SDL_mixer calls, so the GUI thread never waits on
audio. A session started while the device opens gets its music once the layers are decoded; a
cue asked for before that is dropped (its moment has passed).

Gains never jump: every level (the three sliders, mute, fades, crossfades, the hush that lets a
chime die away on Pause) is a Fader. The music's are walked into its mix by the gain ticker
(services/audio/ticker.py), which also writes a change of mute or the hush into each ringing
chime's own samples (services/audio/chime_gain.py), so SDL never steps a chime's volume.
Chimes play each on a channel of their own (services/audio/chimes.py); the soundscapes' mix
plays on a reserved channel (services/audio/music_decks.py).

The device is held only while sound plays (services/audio/device_hold.py): finish(), stop() and
preview() set a release time on the injected Clock, and so does a pause (PAUSE_RELEASE_S);
poll() closes the mixer once it has passed, off the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from backcare_desktop.core.breathing import Cue
from backcare_desktop.core.clock import Clock
from backcare_desktop.services.audio.chimes import Chimes, load_chimes, unmuted
from backcare_desktop.services.audio.decode import Decoder, decode
from backcare_desktop.services.audio.device import open_mixer, without_probe_noise
from backcare_desktop.services.audio.device_hold import DEVICE_LOCK as _DEVICE_LOCK
from backcare_desktop.services.audio.device_hold import DeviceState as _Device
from backcare_desktop.services.audio.device_hold import ReleaseTime, close_when_free
from backcare_desktop.services.audio.library import (
    OWN_FOLDER,
    FolderScan,
    SoundLibrary,
    Track,
    scan_music_folder,
)
from backcare_desktop.services.audio.music import VOLUME_STEPS, steps
from backcare_desktop.services.audio.music_decks import MusicDecks
from backcare_desktop.services.audio.player import (
    CHIME_HUSH_S,
    LEVEL_GLIDE_S,
    MIXER,
    MUSIC_FADE_IN_S,
    MUSIC_FADE_OUT_END_S,
    MUSIC_FADE_OUT_STOP_S,
    MUTE_GLIDE_S,
    PAUSE_FADE_S,
    PAUSE_RELEASE_S,
    UNAVAILABLE_PREFIX,
    MixerSettings,
    SoundSettings,
    describe_failure,
    import_pygame,
)
from backcare_desktop.services.audio.ramps import Fader
from backcare_desktop.services.audio.ticker import GainTicker

if TYPE_CHECKING:
    from types import ModuleType


logger = logging.getLogger(__name__)
HUSH_RETURN_S = 0.3


class PygameAudio:
    """Music, breath cues and chimes through pygame.mixer; see player.py for the API."""

    def __init__(
        self,
        library: SoundLibrary,
        clock: Clock,
        settings: SoundSettings | None = None,
        *,
        mixer: MixerSettings = MIXER,
        close_in_background: bool = True,
        decoder: Decoder = decode,
    ) -> None:
        """`close_in_background`: poll() closes the device on a short-lived thread and a gain
        ticker thread walks the glides, so the GUI thread never waits for SDL; tests pass False
        to close synchronously and to walk the glides themselves (poll() or tick()). `decoder`
        turns layer files into samples (tests decode in-process, once)."""
        self._library = library
        self._clock = clock
        self._settings = settings or SoundSettings()
        self._mixer = mixer
        self._close_in_background = close_in_background
        self._decode = decoder
        self._state_lock = threading.Lock()
        self._device_lock = _DEVICE_LOCK
        self._device = _Device.CLOSED
        self._pygame: ModuleType | None = None
        self._chimes = Chimes(mixer, muted=self._settings.muted)
        self._failure: str | None = None
        self._want_music = False
        self._paused = False
        self._release = ReleaseTime(clock)
        self._music = MusicDecks(library, self._settings.music_amplitude)
        self._ticker = GainTicker(
            self.tick, gliding=lambda: self.gliding, background=close_in_background
        )
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
        return self._release.at

    @property
    def now_playing(self) -> Path | None:
        """The music sounding or rising now (a soundscape's first layer, or an own file)."""
        return self._music.now_playing

    @property
    def music(self) -> MusicDecks:
        return self._music  # tests render its mix ahead to walk its glides

    @property
    def gliding(self) -> bool:
        """Some gain is still on its way (the ticker is walking it)."""
        return self._music.moving(self._clock.monotonic())

    def tracks(self) -> tuple[Track, ...]:
        return self._library.tracks

    def mixer_volumes(self) -> dict[str, float]:
        """The gains in play: "music" (the current piece), and for each loaded cue the volume
        it would be struck at now; for diagnostics and tests; empty while the device is closed."""
        with self._state_lock, self._mixer_calls("reading volumes") as pygame:
            if pygame is not None:
                quiet = self._chimes.quiet(self._clock.monotonic())
                volumes = {
                    c.value: steps(self._settings.cue_amplitude(c) * quiet) / VOLUME_STEPS
                    for c in self._chimes.cues
                }
                volumes["music"] = self._music.gain(pygame)
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
        open_mixer(pygame, self._mixer, owner=self)
        self.opened_at = self._clock.monotonic()

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

    def prepare(self) -> bool:
        """Open the device, load the chimes and decode the chosen soundscape's layers; False
        (and `status` says why) if the device cannot open.

        Blocks (opening: 15–60 ms, up to ~0.25 s on a busy machine, the first call also imports
        pygame; decoding a soundscape: about 0.1 s of CPU per minute of stereo layer): run it on
        a worker. Chimes can play while the layers decode. Calling it again while open is cheap,
        and is how a new track choice gets decoded.
        """
        with self._device_lock:
            with self._state_lock:
                opening = self._device is not _Device.OPEN
                if opening:
                    self._device = _Device.OPENING
            if opening and not self._open():
                return False
            self._load_music()
            with self._state_lock:
                self._sync_music()
            return True

    def _open(self) -> bool:
        folder = self._settings.music_folder
        if self._settings.music == OWN_FOLDER and self._music.playlist.folder != folder:
            self._rescan(folder)
        try:
            pygame = import_pygame()
            self._open_mixer(pygame)
            sounds = load_chimes(pygame, self._library)
        except Exception as error:
            logger.warning("Sound unavailable for this session: %s", error)
            with self._state_lock:
                self._failure = describe_failure(error)
                self._device = _Device.CLOSED
            return False
        with self._state_lock:
            self._pygame = pygame
            self._chimes.opened(sounds, pygame.mixer.get_init())
            self._music.opened(pygame.mixer.get_init())
            self._music.settle_level(self._settings.music_amplitude)
            self._failure = None
            self._device = _Device.OPEN
            self._chimes.settle(muted=self._settings.muted)
            self._apply_gains(self._clock.monotonic())
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
            self._chimes.closed()
            self._music.closed(keep=self._want_music)  # a paused session resumes where it was
            self._release.at = None
            self._ticker.stop()
        try:
            pygame.mixer.music.stop()
            without_probe_noise(pygame.mixer.quit)
        except Exception as error:
            logger.warning("Closing the sound device failed: %s", error)

    # --- gains ----------------------------------------------------------------------------------

    def tick(self) -> bool:
        """Walk every gain to where its glide is now; True while any still glides."""
        with self._state_lock:
            if self._device is not _Device.OPEN:
                return False
            more = False
            with self._mixer_calls("setting the volume") as pygame:
                if pygame is not None:
                    self._chimes.reshape()
                    more = self._apply_gains(self._clock.monotonic())
            return more or self.gliding

    def _apply_gains(self, now: float) -> bool:
        """Walk the gains to `now` and feed the music; True while the music needs feeding."""
        assert self._pygame is not None
        feeding = self._music.apply(self._pygame, now, paused=self._paused)
        self._chimes.prune()
        return feeding

    def _chime_glide(self, fader: Fader, target: float, seconds: float) -> None:
        """Mute or hush the chimes: the ticker writes it into the ringing ones' samples
        (chimes.py), LEAD_S ahead, off the GUI thread."""
        if self._chimes.glide(fader, target, seconds, self._clock.monotonic()):
            self._ticker.wake()

    # --- settings -------------------------------------------------------------------------------

    def apply_settings(self, settings: SoundSettings) -> None:
        with self._state_lock:
            old, self._settings = self._settings, settings
            now = self._clock.monotonic()
            muting = settings.muted != old.muted
            if self._device is _Device.OPEN:
                self._chime_glide(self._chimes.mute, unmuted(settings.muted), MUTE_GLIDE_S)
                seconds = MUTE_GLIDE_S if muting else LEVEL_GLIDE_S
                self._music.set_level(settings.music_amplitude, seconds, now)
                self._ticker.wake()
            else:
                self._chimes.mute.settle(unmuted(settings.muted))
                self._music.settle_level(settings.music_amplitude)
            with self._mixer_calls("switching music") as pygame:
                if pygame is not None:
                    self._sync_music()

    def _rescan(self, folder: Path | None) -> FolderScan | None:
        scan = scan_music_folder(folder) if folder is not None else None
        for skipped in scan.skipped if scan else ():
            logger.warning("Own music: %s skipped: %s", skipped.path, skipped.reason)
        with self._state_lock:
            self._music.playlist.use_folder(scan)
        return scan

    def set_music_folder(self, folder: Path | None) -> FolderScan | None:
        """Use music from `folder`; reads each file's first bytes (use a worker for big folders)."""
        scan = self._rescan(folder)
        with self._state_lock:
            self._settings = replace(self._settings, music_folder=folder)
            with self._mixer_calls("switching music") as pygame:
                if pygame is not None:
                    self._sync_music()
        return scan

    # --- music ----------------------------------------------------------------------------------

    def _load_music(self) -> None:
        """Decode the wanted soundscape's layers in a helper process (decode.py), outside the
        state lock (chimes keep playing), under the device lock (the mixer stays open)."""
        with self._state_lock:
            pygame = self._pygame
            key = self._music.wanted(self._settings) if self._want_music else None
            missing = self._music.missing_layers(key)
        if pygame is None or not missing:
            return
        frequency, size, channels = pygame.mixer.get_init()
        loaded, broken = self._decode(missing, (frequency, size, channels))
        with self._state_lock:
            self._music.add_layers(loaded, broken)
        if broken:
            self._load_music()  # the next candidate: the default soundscape

    def _sync_music(self) -> None:
        """Under the state lock: make the music what the settings and session want (nothing
        changes while paused)."""
        if self._pygame is None or self._device is not _Device.OPEN or self._paused:
            return
        key = self._music.wanted(self._settings) if self._want_music else None
        now = self._clock.monotonic()
        if self._music.sync(self._pygame, key, now):
            self._apply_gains(now)  # the first chunks go out at once
            self._ticker.wake()

    # --- session --------------------------------------------------------------------------------

    def start_session(self) -> None:
        with self._state_lock:
            self._want_music, self._paused, self._release.at = True, False, None
            self._music.fade_in_s = MUSIC_FADE_IN_S
            with self._mixer_calls("starting music") as pygame:
                if pygame is not None:
                    self._chime_glide(self._chimes.hush, 1.0, HUSH_RETURN_S)
                    self._sync_music()

    def pause(self) -> None:
        """The music fades out, a ringing chime dies away; after PAUSE_RELEASE_S the device
        closes (poll())."""
        with self._state_lock:
            if self._paused:
                return
            self._paused = True
            with self._mixer_calls("pausing") as pygame:
                if pygame is not None:
                    self._music.pause(PAUSE_FADE_S, self._clock.monotonic())
                    self._chime_glide(self._chimes.hush, 0.0, CHIME_HUSH_S)
                    self._release.at = self._clock.monotonic() + PAUSE_RELEASE_S

    def resume(self) -> None:
        """Fade back in from wherever the pause fade stands; if the device was closed meanwhile,
        the next prepare() opens it and the music fades in over RESUME_FADE_S."""
        with self._state_lock:
            if not self._paused:
                return
            self._paused, self._release.at = False, None
            key = self._music.wanted(self._settings)
            self._music.resume(key, self._clock.monotonic())
            with self._mixer_calls("resuming") as pygame:
                if pygame is not None:
                    self._chime_glide(self._chimes.hush, 1.0, HUSH_RETURN_S)
                    self._sync_music()

    def play_cue(self, cue: Cue) -> None:
        with self._state_lock:
            self._play(cue)

    def _play(self, cue: Cue) -> float:
        """Strike `cue` (chimes.py); its length in seconds (0 if it did not sound)."""
        struck = self._settings.cue_amplitude(cue)
        with self._mixer_calls(f"playing {cue.value}") as pygame:
            if pygame is not None:
                return self._chimes.strike(pygame, cue, struck, self._clock.monotonic())
        return 0.0

    def preview(self, cue: Cue) -> None:
        with self._state_lock:
            if not self._want_music:
                self._chime_glide(self._chimes.hush, 1.0, HUSH_RETURN_S)
            length = self._play(cue)
            if not self._want_music:
                self._release_after(max(length, 0.1))

    def _release_after(self, seconds: float) -> None:
        if self._device is not _Device.CLOSED:
            self._release.after(seconds)

    def finish(self) -> None:
        """The end bell rings out in full; the music fades over 5 s; then the device closes."""
        with self._state_lock:
            self._want_music, self._paused = False, False
            with self._mixer_calls("fading music") as pygame:
                if pygame is not None:
                    self._music.fade_out(MUSIC_FADE_OUT_END_S, self._clock.monotonic())
                    self._chime_glide(self._chimes.hush, 1.0, HUSH_RETURN_S)
            bell = self._play(Cue.END)
            self._release_after(max(MUSIC_FADE_OUT_END_S, bell))

    def stop(self) -> None:
        """The person stopped: music fades over 1.5 s, a ringing chime dies away over 1 s."""
        with self._state_lock:
            self._want_music, self._paused = False, False
            with self._mixer_calls("fading out") as pygame:
                if pygame is not None:
                    self._music.fade_out(MUSIC_FADE_OUT_STOP_S, self._clock.monotonic())
                    self._chime_glide(self._chimes.hush, 0.0, CHIME_HUSH_S)
            self._release_after(max(MUSIC_FADE_OUT_STOP_S, CHIME_HUSH_S))

    def poll(self) -> None:
        """Walk the gains, keep own-folder music going, close the device once its time came."""
        self.tick()
        with self._state_lock:
            with self._mixer_calls("checking music") as pygame:
                if pygame is not None and not self._paused:
                    self._music.keep_going()
            due = self._release.due()
        if due:
            close_when_free(self._close, self._device_lock, background=self._close_in_background)
