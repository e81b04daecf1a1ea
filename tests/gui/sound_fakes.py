"""Stand-ins for the sound engine in GUI tests: a player that records every call, at the Clock's
instant, and behaves like the real one where the GUI depends on it (busy while the device is
held; finish/stop release it on the next poll)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from backcare_desktop.core.breathing import Cue
from backcare_desktop.core.clock import Clock
from backcare_desktop.services.audio.library import FolderScan, Layer, scan_music_folder
from backcare_desktop.services.audio.player import SoundSettings, Track

T = TypeVar("T")

TRACKS = (
    Track("warm_pads", "Warm pads", "Soft chords.", (Layer(Path("warm_pads.ogg"), 150.0, 1.0),)),
    Track("ocean", "Gentle ocean", "Waves.", (Layer(Path("ocean.ogg"), 97.0, 1.0),)),
)


class RecordingAudio:
    """An AudioPlayer that plays nothing and remembers (name, argument, instant) of each call."""

    def __init__(self, clock: Clock, *, status: str = "", prepare_ok: bool = True) -> None:
        self.clock = clock
        self._status = status
        self.prepare_ok = prepare_ok
        self.calls: list[tuple[str, Any, float]] = []
        self._settings = SoundSettings()
        self._device_open = False
        self._releasing = False

    def _record(self, name: str, arg: Any = None) -> None:
        self.calls.append((name, arg, self.clock.monotonic()))

    def names(self) -> list[str]:
        return [name for name, _arg, _t in self.calls if name not in ("poll", "apply_settings")]

    def cues(self) -> list[tuple[Cue, float]]:
        return [(arg, t) for name, arg, t in self.calls if name == "play_cue"]

    def applied(self) -> list[SoundSettings]:
        return [arg for name, arg, _t in self.calls if name == "apply_settings"]

    @property
    def available(self) -> bool:
        return not self._status

    @property
    def status(self) -> str:
        return self._status

    @property
    def settings(self) -> SoundSettings:
        return self._settings

    @property
    def busy(self) -> bool:
        return self._device_open

    def tracks(self) -> tuple[Track, ...]:
        return TRACKS

    def apply_settings(self, settings: SoundSettings) -> None:
        self._settings = settings
        self._record("apply_settings", settings)

    def set_music_folder(self, folder: Path | None) -> FolderScan | None:
        self._record("set_music_folder", folder)
        return scan_music_folder(folder) if folder else None

    def prepare(self) -> bool:
        self._record("prepare")
        if self.prepare_ok and not self._status:
            self._device_open = True
        return self._device_open

    def start_session(self) -> None:
        self._record("start_session")
        self._releasing = False

    def pause(self) -> None:
        self._record("pause")

    def resume(self) -> None:
        self._record("resume")

    def play_cue(self, cue: Cue) -> None:
        self._record("play_cue", cue)

    def preview(self, cue: Cue) -> None:
        self._record("preview", cue)
        self._releasing = True

    def finish(self) -> None:
        self._record("finish")
        self._releasing = True

    def stop(self) -> None:
        self._record("stop")
        self._releasing = True

    def poll(self) -> None:
        self._record("poll")
        if self._releasing:
            self._device_open = self._releasing = False

    def release(self) -> None:
        self._record("release")
        self._device_open = False


class HeldJobs:
    """A worker that holds every job until the test lets it run (to see what waits for what)."""

    def __init__(self) -> None:
        self.pending: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []

    def submit(self, job: Callable[[], T], done: Callable[[T], None]) -> None:
        self.pending.append((job, done))

    def run_all(self) -> None:
        while self.pending:
            job, done = self.pending.pop(0)
            done(job())
