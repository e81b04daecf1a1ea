"""Settings' Sound page over the real sound engine (the `SoundSettingsBackend` seam).

Settings never opens the mixer itself: a test button asks the SoundController, which opens and
prepares the device on its worker and closes it again once the sample has faded.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from backcare_desktop.app.sound.controller import SoundController
from backcare_desktop.services.audio.library import scan_music_folder


class SoundSettingsAdapter:
    """Implements gui.settings_sound.SoundSettingsBackend for a SoundController."""

    def __init__(self, controller: SoundController) -> None:
        self._controller = controller

    def tracks(self) -> Sequence[tuple[str, str, str]]:
        return [(track.id, track.title, track.description) for track in self._controller.tracks()]

    def scan_folder(self, folder: Path) -> tuple[int, Sequence[str]]:
        """Runs on Settings' worker thread: reads the files' first bytes, touches no Qt."""
        scan = scan_music_folder(folder)
        return len(scan.tracks), [
            f"{skipped.path.name}: {skipped.reason}" for skipped in scan.skipped
        ]

    def play_test_sound(self, layer: str) -> None:
        """Cues: the in-breath chime; chimes: the step chime; music: a 5 s fade in and out of
        the chosen music (the engine has no music preview, so a short music-only session)."""
        self._controller.play_test_sound(layer)

    def status(self) -> str:
        return self._controller.status
