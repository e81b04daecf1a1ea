"""Which sounds exist: the bundled tracks and chimes, and the user's own music folder.

Standard library only, so Settings can list tracks and check a chosen folder without starting
the sound engine. Files are checked by their first bytes (cheap, no decoding); a file that still
fails to play later is skipped by the engine with a logged warning.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from backcare_desktop.core.breathing import Cue

logger = logging.getLogger(__name__)

MUSIC_OFF = "off"
OWN_FOLDER = "own_folder"
PLAYABLE_SUFFIXES = (".ogg", ".mp3", ".wav")
OTHER_AUDIO_SUFFIXES = (".flac", ".m4a", ".aac", ".wma", ".opus", ".aif", ".aiff", ".mid", ".midi")
MAX_FOLDER_FILES = 500
MAX_FOLDER_DEPTH = 3


@dataclass(frozen=True)
class Track:
    """A background track that ships with the app."""

    id: str
    title: str
    description: str
    path: Path
    seconds: float


@dataclass(frozen=True)
class SkippedFile:
    """A file in the user's music folder that will not be played, and why (in plain words)."""

    path: Path
    reason: str


@dataclass(frozen=True)
class FolderScan:
    """The result of checking a music folder: what will play and what was skipped."""

    folder: Path
    tracks: tuple[Path, ...]
    skipped: tuple[SkippedFile, ...]

    @property
    def summary(self) -> str:
        """One or two sentences for Settings."""
        if not self.tracks:
            head = (
                "No music BackCare can play was found in this folder; "
                "the built-in music plays instead."
            )
        elif len(self.tracks) == 1:
            head = "1 piece of music will play."
        else:
            head = f"{len(self.tracks)} pieces of music will play, one after another."
        if not self.skipped:
            return head
        names = ", ".join(f"{s.path.name} ({s.reason})" for s in self.skipped[:5])
        more = f" and {len(self.skipped) - 5} more" if len(self.skipped) > 5 else ""
        return f"{head} Skipped: {names}{more}."


def sniff_audio(path: Path) -> str | None:
    """Why `path` cannot be played, or None if its first bytes look like OGG, MP3 or WAV."""
    suffix = path.suffix.lower()
    if suffix in OTHER_AUDIO_SUFFIXES:
        return f"{suffix[1:].upper()} files can't be played; use OGG, MP3 or WAV"
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return "the file could not be opened"
    if not head:
        return "the file is empty"
    if suffix == ".ogg" and head.startswith(b"OggS"):
        return None
    if suffix == ".wav" and head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return None
    if suffix == ".mp3" and (
        head.startswith(b"ID3") or (head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
    ):
        return None
    return f"this doesn't look like a real {suffix[1:].upper()} file"


def scan_music_folder(folder: Path) -> FolderScan:
    """OGG/MP3/WAV files in `folder` and its subfolders (a few levels), sorted by name.

    Other files (covers, playlists) are ignored; audio in formats the mixer cannot play and
    files that fail the first-bytes check are listed as skipped with the reason.
    """
    tracks: list[Path] = []
    skipped: list[SkippedFile] = []
    if not folder.is_dir():
        return FolderScan(folder, (), (SkippedFile(folder, "the folder could not be opened"),))
    for root, dirs, files in os.walk(folder, onerror=lambda error: logger.warning("%s", error)):
        depth = len(Path(root).relative_to(folder).parts)
        dirs[:] = (
            sorted(d for d in dirs if not d.startswith(".")) if depth < MAX_FOLDER_DEPTH else []
        )
        for name in sorted(files, key=str.casefold):
            path = Path(root) / name
            suffix = path.suffix.lower()
            if suffix not in PLAYABLE_SUFFIXES and suffix not in OTHER_AUDIO_SUFFIXES:
                continue
            reason = sniff_audio(path)
            if reason is None:
                tracks.append(path)
            else:
                skipped.append(SkippedFile(path, reason))
            if len(tracks) >= MAX_FOLDER_FILES:
                return FolderScan(folder, tuple(tracks), tuple(skipped))
    return FolderScan(folder, tuple(tracks), tuple(skipped))


class SoundLibrary:
    """The bundled sounds, described by assets/audio/manifest.json (written by the synthesis
    script). A missing or broken manifest leaves the chimes at their conventional paths and the
    track list empty, with a logged warning — sound degrades, the app carries on."""

    def __init__(self, audio_dir: Path) -> None:
        self.audio_dir = audio_dir
        self._tracks: tuple[Track, ...] = ()
        self._cue_files: dict[Cue, Path] = {
            cue: audio_dir / "chimes" / f"{cue.value}.ogg" for cue in Cue
        }
        self._load_manifest(audio_dir / "manifest.json")

    def _load_manifest(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            tracks = tuple(
                Track(
                    str(entry["id"]),
                    str(entry["title"]),
                    str(entry.get("description", "")),
                    self.audio_dir / str(entry["file"]),
                    float(entry["seconds"]),
                )
                for entry in data["tracks"]
            )
            for name, entry in data.get("cues", {}).items():
                self._cue_files[Cue(name)] = self.audio_dir / str(entry["file"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            logger.warning(
                "Sound list %s could not be read (%s); music is unavailable", path, error
            )
            return
        self._tracks = tracks

    @property
    def tracks(self) -> tuple[Track, ...]:
        return self._tracks

    def track(self, track_id: str) -> Track | None:
        return next((t for t in self._tracks if t.id == track_id), None)

    @property
    def default_track(self) -> Track | None:
        return self._tracks[0] if self._tracks else None

    def cue_path(self, cue: Cue) -> Path:
        return self._cue_files[cue]
