"""The list of sounds: bundled tracks and chimes, and checking the user's own music folder."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from backcare_desktop.core.breathing import Cue
from backcare_desktop.services.audio.library import (
    SoundLibrary,
    read_manifest,
    scan_music_folder,
    sniff_audio,
)

ASSETS = Path(__file__).resolve().parents[2] / "assets"
WAV_HEAD = b"RIFF\x24\x00\x00\x00WAVEfmt "


def test_the_library_lists_the_bundled_tracks_and_chimes() -> None:
    library = SoundLibrary(ASSETS / "audio")
    assert [t.title for t in library.tracks] == [
        "Warm pads",
        "Gentle ocean",
        "Evening singing bowls",
        "Soft rain",
        "Slow kalimba",
    ]
    layers = [layer for track in library.tracks for layer in track.layers]
    assert all(layer.path.is_file() and layer.seconds >= 45 for layer in layers)
    assert all(0.0 < layer.gain <= 1.0 for layer in layers)
    assert all(library.cue_path(cue).is_file() for cue in Cue)
    assert library.track("ocean") is library.tracks[1]
    assert library.track("nope") is None


def test_a_broken_manifest_leaves_chimes_at_their_usual_place(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shutil.copytree(ASSETS / "audio" / "chimes", tmp_path / "chimes")
    (tmp_path / "manifest.json").write_text("{", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        library = SoundLibrary(tmp_path)
    assert library.tracks == () and library.default_track is None
    assert library.cue_path(Cue.END) == tmp_path / "chimes" / "end.ogg"
    assert "could not be read" in caplog.text


def test_scanning_a_folder_keeps_playable_files_and_says_why_others_were_skipped(
    tmp_path: Path,
) -> None:
    (tmp_path / "02 rain.ogg").write_bytes(b"OggS\x00\x02" + bytes(100))
    (tmp_path / "01 piano.MP3").write_bytes(b"ID3\x04" + bytes(100))
    (tmp_path / "album").mkdir()
    (tmp_path / "album" / "waves.wav").write_bytes(WAV_HEAD + bytes(100))
    (tmp_path / "song.flac").write_bytes(b"fLaC" + bytes(100))
    (tmp_path / "empty.ogg").write_bytes(b"")
    (tmp_path / "photo.ogg").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "cover.jpg").write_bytes(b"\xff\xd8\xff" + bytes(100))
    scan = scan_music_folder(tmp_path)
    assert [p.name for p in scan.tracks] == ["01 piano.MP3", "02 rain.ogg", "waves.wav"]
    reasons = {s.path.name: s.reason for s in scan.skipped}
    assert reasons == {
        "empty.ogg": "the file is empty",
        "photo.ogg": "this doesn't look like a real OGG file",
        "song.flac": "FLAC files can't be played; use OGG, MP3 or WAV",
    }
    assert scan.summary.startswith("3 pieces of music will play")
    assert "song.flac (FLAC files can't be played" in scan.summary


def test_a_missing_folder_is_reported_not_raised(tmp_path: Path) -> None:
    scan = scan_music_folder(tmp_path / "gone")
    assert scan.tracks == ()
    assert scan.skipped[0].reason == "the folder could not be opened"
    assert "built-in music plays instead" in scan.summary


def test_an_mp3_without_a_tag_is_recognised_by_its_frame_sync(tmp_path: Path) -> None:
    path = tmp_path / "plain.mp3"
    path.write_bytes(b"\xff\xfb\x90\x00" + bytes(100))
    assert sniff_audio(path) is None


def test_a_soundscape_is_read_as_layers_each_with_its_loop_length_and_linear_gain() -> None:
    raw = json.dumps(
        {
            "schema": 2,
            "tracks": [
                {
                    "id": "rain",
                    "title": "Soft rain",
                    "layers": [
                        {"file": "music/rain_drops.ogg", "seconds": 97.0, "gain_db": 0.0},
                        {"file": "music/rain_bed.ogg", "seconds": 61.0, "gain_db": -6.0},
                    ],
                    "loudness_lufs": -23.0,
                }
            ],
        }
    ).encode()
    tracks, _cues = read_manifest(raw, Path("audio"))
    (rain,) = tracks
    assert rain.description == ""
    assert [layer.path for layer in rain.layers] == [
        Path("audio/music/rain_drops.ogg"),
        Path("audio/music/rain_bed.ogg"),
    ]
    assert [layer.seconds for layer in rain.layers] == [97.0, 61.0]
    assert rain.layers[0].gain == 1.0
    assert rain.layers[1].gain == pytest.approx(0.501, abs=0.001)
