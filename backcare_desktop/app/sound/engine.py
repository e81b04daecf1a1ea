"""The GUI's handle on the sound engine: opened late, off the GUI thread, held only while needed.

Importing pygame and opening the device cost 50–300 ms, so the engine is opened on a worker a
moment after the window first paints, or when the first session begins — never on the start-up
path. Until it is open, calls wait in a short queue (a session that begins meanwhile gets its
music as soon as it can); if it cannot open, NullAudio stands in and `statusChanged` says why,
once. The engine is polled every 250 ms only while it holds the device, so an idle BackCare
holds no audio device and runs no sound timer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from backcare_desktop.app.collector import keep_lasting_objects
from backcare_desktop.app.sound.jobs import Jobs, sound_jobs
from backcare_desktop.core.clock import Clock
from backcare_desktop.core.settings.preferences import Preferences
from backcare_desktop.resources import assets_dir
from backcare_desktop.services.audio.library import SoundLibrary
from backcare_desktop.services.audio.player import (
    OWN_FOLDER,
    AudioPlayer,
    NullAudio,
    SoundSettings,
    describe_failure,
    open_audio,
)

log = logging.getLogger(__name__)

POLL_MS = 250
OPEN_DELAY_MS = 1500
"""After the first paint, wait this long before opening audio: the deferred start-up work
(building the other pages) runs first, and the pygame import does not compete with it."""
OPEN_FALLBACK_MS = 3000
"""An engine made after the window's first paint opens at the next paint, or after this."""

Opener = Callable[[SoundSettings], AudioPlayer]


def sound_settings_for(prefs: Preferences, library: SoundLibrary) -> SoundSettings:
    """The engine's settings for the person's preferences.

    No track chosen (or "own folder" without a folder) means the first bundled track; the
    breathing-cue volume is the engine's breath layer, the chime volume its chime layer.
    """
    folder = Path(prefs.music_folder) if prefs.music_folder else None
    default = library.default_track.id if library.default_track else SoundSettings().music
    if prefs.music_track == OWN_FOLDER:
        music = OWN_FOLDER if folder is not None else default
    else:
        music = prefs.music_track or default
    return SoundSettings(
        music=music,
        music_folder=folder,
        music_volume=prefs.volumes.music,
        breath_volume=prefs.volumes.cues,
        chime_volume=prefs.volumes.chimes,
        chimes_enabled=prefs.chimes_enabled,
        muted=prefs.muted,
    )


def default_opener(clock: Clock, library: SoundLibrary | None = None) -> Opener:
    """Opens the real engine (pygame) and checks the device once; never raises. `library` is
    the sound list already read, so the manifest is not parsed a second time."""

    def open_player(settings: SoundSettings) -> AudioPlayer:
        return open_audio(assets_dir(), clock, settings, probe=True, library=library)

    return open_player


class EngineLink(QObject):
    """Opens the engine lazily on the worker, runs its slow calls there, and polls it."""

    statusChanged = Signal(str)
    """"Sound unavailable: <reason>" when sound turns out not to work (once per reason)."""

    def __init__(
        self,
        clock: Clock,
        library: SoundLibrary,
        settings: SoundSettings,
        *,
        open_player: Opener | None = None,
        jobs: Jobs | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self._settings = settings
        self._open_player = open_player or default_opener(clock, library)
        self._jobs: Jobs = jobs if jobs is not None else sound_jobs(self)
        self._audio: AudioPlayer | None = None
        self._opening = False
        self._waiting: list[Callable[[AudioPlayer], None]] = []
        self._announced = ""
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.poll)

    @property
    def audio(self) -> AudioPlayer | None:
        """The engine once opened (NullAudio if sound cannot work here), else None."""
        return self._audio

    @property
    def status(self) -> str:
        """Empty while sound works or is not yet known, else "Sound unavailable: <reason>"."""
        return self._audio.status if self._audio is not None else ""

    @property
    def polling(self) -> bool:
        return self._poll.isActive()

    @property
    def settings(self) -> SoundSettings:
        return self._settings

    # -- opening -----------------------------------------------------------------------------

    def open_soon(self) -> None:
        """Start opening the engine on the worker (once); nothing waits for it."""
        if self._audio is not None or self._opening:
            return
        self._opening = True
        settings = self._settings
        self._jobs.submit(lambda: self._open(settings), self._opened)

    def _open(self, settings: SoundSettings) -> AudioPlayer:
        """Runs on the worker."""
        try:
            return self._open_player(settings)
        except Exception as error:  # the opener promises not to raise; be sure
            log.warning("sound could not start: %s", error)
            return NullAudio(describe_failure(error), self.library)

    def _opened(self, audio: AudioPlayer) -> None:
        self._audio, self._opening = audio, False
        keep_lasting_objects()  # pygame's modules, imported to open it, last as long as the app
        audio.apply_settings(self._settings)  # they may have changed while it opened
        self.announce(audio.status)
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action(audio)

    def when_open(self, action: Callable[[AudioPlayer], None]) -> None:
        """Run `action` with the engine now if it is open, else as soon as it is."""
        if self._audio is not None:
            action(self._audio)
        else:
            self._waiting.append(action)
            self.open_soon()

    def prepare(self, audio: AudioPlayer, then: Callable[[], None] | None = None) -> None:
        """Open the device and load the sounds on the worker, then `then` on the GUI thread."""

        def prepared(ok: bool) -> None:
            if not ok:
                self.announce(audio.status)
            elif then is not None:
                then()
            self.keep_polling()

        self._jobs.submit(audio.prepare, prepared)
        self.keep_polling()

    def announce(self, status: str) -> None:
        if status != self._announced:
            self._announced = status
            if status:
                log.warning("%s", status)
            self.statusChanged.emit(status)

    # -- settings ----------------------------------------------------------------------------

    def apply(self, settings: SoundSettings) -> None:
        """Use `settings` now (volumes apply at once, even mid-chime) and from opening on."""
        old, self._settings = self._settings, settings
        audio = self._audio
        if settings == old or audio is None:
            return
        audio.apply_settings(settings)
        moved = settings.music_folder != old.music_folder
        if settings.music == OWN_FOLDER and moved and audio.busy:
            folder = settings.music_folder  # music is playing: read the new folder on the worker
            self._jobs.submit(lambda: audio.set_music_folder(folder), lambda _scan: None)

    # -- polling, only while the device is held ----------------------------------------------

    def keep_polling(self) -> None:
        """Start the 250 ms poll if the engine holds the device (it stops itself after)."""
        if self._audio is not None and self._audio.busy and not self._poll.isActive():
            self._poll.start()

    def poll(self) -> None:
        """Lets the engine move on (own music) and close the device once its sound has faded."""
        if self._audio is None:
            self._poll.stop()
            return
        self._audio.poll()
        if not self._audio.busy:
            self._poll.stop()

    def release(self) -> None:
        """App quit: close the device now."""
        self._poll.stop()
        if self._audio is not None:
            self._audio.release()
