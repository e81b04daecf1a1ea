"""Which sounds exist: the bundled tracks and chimes, and the user's own music folder.

Standard library only, so Settings can list tracks and check a chosen folder without starting
the sound engine. Files are checked by their first bytes (cheap, no decoding); a file that still
fails to play later is skipped by the engine with a logged warning.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from backcare_desktop.core.breathing import Cue
from backcare_desktop.core.content.fields import (
    ContentError,
    check_schema,
    join,
    parse_json,
    read_identifier,
    read_list,
    read_number,
    read_object,
    read_text,
    read_unique_ids,
)

logger = logging.getLogger(__name__)

MUSIC_OFF = "off"
OWN_FOLDER = "own_folder"
PLAYABLE_SUFFIXES = (".ogg", ".mp3", ".wav")
OTHER_AUDIO_SUFFIXES = (".flac", ".m4a", ".aac", ".wma", ".opus", ".aif", ".aiff", ".mid", ".midi")
MAX_FOLDER_FILES = 500
MAX_FOLDER_DEPTH = 3
MANIFEST_FILE: Final = "manifest.json"
MANIFEST_SCHEMA: Final = 2
"""Version 2: a track is a list of layers (version 1 had one file per track)."""
MAX_LAYERS: Final = 4
LAYER_GAIN_DB: Final = (-60.0, 0.0)
"""A layer is only ever turned down: the mixer cannot play a channel above full scale."""


@dataclass(frozen=True)
class Layer:
    """One seamless loop of a soundscape, played looped on its own channel.

    A soundscape's layers have loop lengths with no common rhythm (co-prime seconds), so their
    live mix does not repeat within an hour although each file is only a minute or two long.
    `gain` is the linear amplitude the layer plays at within its soundscape (1.0 = as encoded).
    """

    path: Path
    seconds: float
    gain: float


@dataclass(frozen=True)
class Track:
    """A background soundscape that ships with the app: one or more layers mixed live."""

    id: str
    title: str
    description: str
    layers: tuple[Layer, ...]


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


def read_manifest(raw: bytes, audio_dir: Path) -> tuple[tuple[Track, ...], dict[Cue, Path]]:
    """The tracks and chime files in the bytes of manifest.json, through the shared reader.

    Measurements the synthesis script records beside each sound (loudness, peaks) are allowed
    and ignored here; a wrong field raises ContentError naming it.
    """
    top = read_object(
        parse_json(raw, MANIFEST_FILE),
        MANIFEST_FILE,
        "",
        {"schema", "tracks"},
        {"cues"},
        others_allowed=True,
    )
    check_schema(top["schema"], MANIFEST_FILE, MANIFEST_SCHEMA)
    tracks = tuple(
        _read_track(entry, audio_dir, f"tracks[{index}]")
        for index, entry in enumerate(read_list(top["tracks"], MANIFEST_FILE, "tracks"))
    )
    read_unique_ids((track.id for track in tracks), MANIFEST_FILE, "tracks")
    raw_cues = read_object(
        top.get("cues", {}), MANIFEST_FILE, "cues", (), [cue.value for cue in Cue]
    )
    cues = {
        Cue(name): audio_dir / _read_sound_file(entry, f"cues.{name}")
        for name, entry in raw_cues.items()
    }
    return tracks, cues


def _read_track(raw: object, audio_dir: Path, path: str) -> Track:
    fields = read_object(raw, MANIFEST_FILE, path, {"id", "title", "layers"}, others_allowed=True)
    description = fields.get("description")
    layers_path = join(path, "layers")
    return Track(
        read_identifier(fields["id"], MANIFEST_FILE, join(path, "id")),
        read_text(fields["title"], MANIFEST_FILE, join(path, "title")),
        ""
        if description is None
        else read_text(description, MANIFEST_FILE, join(path, "description")),
        tuple(
            _read_layer(entry, audio_dir, f"{layers_path}[{index}]")
            for index, entry in enumerate(
                read_list(fields["layers"], MANIFEST_FILE, layers_path, 1, MAX_LAYERS)
            )
        ),
    )


def _read_layer(raw: object, audio_dir: Path, path: str) -> Layer:
    fields = read_object(
        raw, MANIFEST_FILE, path, {"file", "seconds", "gain_db"}, others_allowed=True
    )
    gain_db = read_number(fields["gain_db"], MANIFEST_FILE, join(path, "gain_db"), *LAYER_GAIN_DB)
    return Layer(
        audio_dir / _read_sound_file(raw, path),
        read_number(fields["seconds"], MANIFEST_FILE, join(path, "seconds"), 1, 24 * 3600),
        10.0 ** (gain_db / 20.0),
    )


def _read_sound_file(raw: object, path: str) -> str:
    """The `file` of a layer or cue: a relative path inside the audio folder."""
    fields = read_object(raw, MANIFEST_FILE, path, {"file"}, others_allowed=True)
    name = read_text(fields["file"], MANIFEST_FILE, join(path, "file"), max_length=200)
    if name.startswith("/") or ".." in name.split("/"):
        expected = "a file inside the audio folder"
        raise ContentError(MANIFEST_FILE, join(path, "file"), expected, repr(name))
    return name


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
            tracks, cues = read_manifest(path.read_bytes(), self.audio_dir)
        except (OSError, ContentError) as error:
            logger.warning(
                "Sound list %s could not be read (%s); music is unavailable", path, error
            )
            return
        self._tracks = tracks
        self._cue_files.update(cues)

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
