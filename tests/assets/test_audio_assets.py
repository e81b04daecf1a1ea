"""The bundled sounds: seamless loops, even loudness, gentle chimes, small files, and a synthesis
script that reproduces them.

Reproducibility: on the libsndfile/libvorbis the files were made with (recorded in the manifest)
regeneration is bit-for-bit. With another libvorbis the encoder may round differently, so the
test then compares decoded samples and allows a difference of at most 3 % of the signal's RMS
(-30 dB), far below anything audible for these soft sounds yet far above what a changed sound
design would produce.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

np = pytest.importorskip("numpy")
sf = pytest.importorskip("soundfile")

REPO = Path(__file__).resolve().parents[2]
AUDIO = REPO / "assets" / "audio"
SCRIPT = REPO / "packaging" / "audio" / "synthesize.py"
MANIFEST = json.loads((AUDIO / "manifest.json").read_text(encoding="utf-8"))
TRACKS = [t["id"] for t in MANIFEST["tracks"]]
CHIMES = list(MANIFEST["cues"])
EXCERPT_S = 4.0
CODEC_TOLERANCE = 0.03


def load_tool(name: str) -> ModuleType:
    """A module from packaging/audio/, under a name no other test can collide with."""
    spec = importlib.util.spec_from_file_location(
        f"backcare_audio_{name}", SCRIPT.parent / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


loudness = load_tool("loudness")


def decode(path: Path) -> tuple[np.ndarray, int]:
    samples, rate = sf.read(path, dtype="float64", always_2d=True)
    assert samples.shape[1] == 1, f"{path.name} should be mono"
    return samples[:, 0], int(rate)


def test_there_are_three_loops_of_at_least_two_minutes() -> None:
    assert len(TRACKS) >= 3
    for track in MANIFEST["tracks"]:
        samples, rate = decode(AUDIO / track["layers"][0]["file"])
        assert len(samples) / rate >= 120.0


@pytest.mark.parametrize("track", TRACKS)
def test_each_loop_is_about_minus_23_lufs(track: str) -> None:
    samples, rate = decode(AUDIO / "music" / f"{track}.ogg")
    level = loudness.integrated_loudness(samples, rate, periodic=True)
    assert level == pytest.approx(-23.0, abs=0.5)


@pytest.mark.parametrize("track", TRACKS)
def test_the_loop_seam_has_no_click(track: str) -> None:
    samples, _ = decode(AUDIO / "music" / f"{track}.ogg")
    seam = loudness.seam_report(samples)
    # The join is no rougher than the ordinary stretches of the track (a click measures 4-20x).
    assert seam.ratio < 2.0, seam
    # And the last sample leads into the first like any two neighbours do.
    steps = np.abs(np.diff(samples))
    assert seam.seam_step <= np.percentile(steps, 99.9)


def test_a_cut_loop_would_be_caught() -> None:
    samples, _ = decode(AUDIO / "music" / f"{TRACKS[0]}.ogg")
    assert loudness.seam_report(samples[:-777]).ratio > 2.0


@pytest.mark.parametrize("track", TRACKS)
def test_the_loops_carry_no_harsh_highs(track: str) -> None:
    samples, rate = decode(AUDIO / "music" / f"{track}.ogg")
    assert loudness.energy_share_above(samples, rate, 3000.0) < 0.001
    assert loudness.peak_dbfs(samples) < -3.0


@pytest.mark.parametrize("chime", CHIMES)
def test_chimes_peak_at_or_below_minus_3_dbfs_and_stay_mostly_below_3_khz(chime: str) -> None:
    samples, rate = decode(AUDIO / "chimes" / f"{chime}.ogg")
    assert loudness.peak_dbfs(samples) <= -3.0
    assert loudness.energy_share_above(samples, rate, 3000.0) < 0.01
    assert abs(samples[-1]) < 1e-3  # ends in silence: no click when it stops


def test_inhale_and_exhale_differ_in_pitch_and_the_hold_is_quieter() -> None:
    def pitch(name: str) -> float:
        samples, rate = decode(AUDIO / "chimes" / f"{name}.ogg")
        return float(np.argmax(np.abs(np.fft.rfft(samples))) * rate / len(samples))

    assert pitch("inhale") > pitch("exhale") * 1.3
    peaks = {
        name: loudness.peak_dbfs(decode(AUDIO / "chimes" / f"{name}.ogg")[0]) for name in CHIMES
    }
    assert peaks["hold"] < min(peaks["inhale"], peaks["exhale"]) - 6


def test_the_audio_assets_stay_small() -> None:
    total = sum(path.stat().st_size for path in AUDIO.rglob("*") if path.is_file())
    assert total < 6_000_000


def test_the_synthesis_script_reproduces_the_committed_files(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--out",
            str(tmp_path),
            "--only",
            "hold",
            *TRACKS,
            "--excerpt-seconds",
            str(EXCERPT_S),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    same_encoder = sf.__libsndfile_version__ == MANIFEST["encoder"]["libsndfile"]
    fresh_chime = (tmp_path / "chimes" / "hold.ogg").read_bytes()
    if same_encoder:
        assert fresh_chime == (AUDIO / "chimes" / "hold.ogg").read_bytes()
    pairs = [(tmp_path / "chimes" / "hold.ogg", AUDIO / "chimes" / "hold.ogg", None)]
    # The last half second of an excerpt differs: the encoder sees the excerpt end there.
    pairs += [
        (tmp_path / "music" / f"{t}.ogg", AUDIO / "music" / f"{t}.ogg", EXCERPT_S - 0.5)
        for t in TRACKS
    ]
    for fresh_path, committed_path, seconds in pairs:
        fresh, rate = decode(fresh_path)
        committed, _ = decode(committed_path)
        count = len(fresh) if seconds is None else int(seconds * rate)
        difference = fresh[:count] - committed[:count]
        if same_encoder:
            assert np.max(np.abs(difference)) == 0.0, fresh_path.name
        else:
            rms = np.sqrt(np.mean(committed[:count] ** 2))
            assert np.sqrt(np.mean(difference**2)) <= CODEC_TOLERANCE * rms, fresh_path.name
