"""The bundled sounds, measured on the committed files: soundscapes whose live mix sits at
-23 LUFS and never audibly loops, chimes that ring out naturally above the music, stereo in a
room, and a synthesis script that reproduces them.

Every file is decoded once per run (about a second for all of them); reproducibility is checked
here on the shortest chime only, and for everything by `make audio-check` (minutes of
rendering), which compares a full fresh render the same way (packaging/audio/reproduce.py).
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from functools import cache
from itertools import combinations
from pathlib import Path
from types import ModuleType

import pytest

np = pytest.importorskip("numpy")
sf = pytest.importorskip("soundfile")
pytest.importorskip("pyloudnorm")

REPO = Path(__file__).resolve().parents[2]
AUDIO = REPO / "assets" / "audio"
TOOLS = REPO / "packaging" / "audio"
MANIFEST = json.loads((AUDIO / "manifest.json").read_text(encoding="utf-8"))
TRACKS = {track["id"]: track for track in MANIFEST["tracks"]}
LAYERS = [layer["file"] for track in MANIFEST["tracks"] for layer in track["layers"]]
CHIMES = list(MANIFEST["cues"])
DEFAULT_VOLUMES = json.loads((REPO / "assets" / "preferences_defaults.json").read_text())[
    "preferences"
]["volumes"]
CUE_SLIDER = {"inhale": "cues", "exhale": "cues", "hold": "cues", "step": "chimes", "end": "chimes"}
MIX_SECONDS = 120.0
AN_HOUR_S = 3600


def load_tool(name: str) -> ModuleType:
    """A module from packaging/audio/, under a name no other test can collide with."""
    spec = importlib.util.spec_from_file_location(f"backcare_audio_{name}", TOOLS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


loudness = load_tool("loudness")
reproduce = load_tool("reproduce")


@cache
def decode(relative: str) -> tuple[np.ndarray, int]:
    samples, rate = sf.read(AUDIO / relative, dtype="float64", always_2d=True)
    samples.setflags(write=False)
    return samples, int(rate)


def live_mix(track_id: str, seconds: float = MIX_SECONDS) -> tuple[np.ndarray, int]:
    """The soundscape as the app plays it: every layer looping on its own channel at its gain."""
    mix: np.ndarray | None = None
    rate = 0
    for layer in TRACKS[track_id]["layers"]:
        samples, rate = decode(layer["file"])
        looped = np.take(samples, np.arange(round(seconds * rate)) % len(samples), axis=0)
        part = looped * 10 ** (layer["gain_db"] / 20)
        mix = part if mix is None else mix + part
    assert mix is not None
    return mix, rate


def test_there_are_five_soundscapes_each_with_a_title_and_a_description() -> None:
    assert len(TRACKS) == 5
    assert all(track["title"] and track["description"] for track in TRACKS.values())


@pytest.mark.parametrize("track_id", sorted(TRACKS))
def test_no_soundscape_repeats_within_an_hour(track_id: str) -> None:
    lengths = [round(layer["seconds"]) for layer in TRACKS[track_id]["layers"]]
    assert 2 <= len(lengths) <= 3
    assert all(math.gcd(a, b) == 1 for a, b in combinations(lengths, 2)), lengths
    assert math.lcm(*lengths) > AN_HOUR_S
    for layer in TRACKS[track_id]["layers"]:
        samples, rate = decode(layer["file"])
        assert samples.shape[1] == 2, f"{layer['file']} should be stereo"
        assert len(samples) / rate == pytest.approx(layer["seconds"], abs=1e-3)


@pytest.mark.parametrize("track_id", sorted(TRACKS))
def test_each_soundscape_mixed_live_is_minus_23_lufs_with_headroom(track_id: str) -> None:
    mix, rate = live_mix(track_id)
    assert loudness.integrated_loudness(mix, rate) == pytest.approx(-23.0, abs=1.0)
    assert loudness.true_peak_dbtp(mix, rate) <= -3.0


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_loops_without_an_audible_seam(layer: str) -> None:
    samples, _ = decode(layer)
    # The step from the last sample back to the first is an ordinary one for this file.
    assert loudness.seam_step_percentile(samples) < 99.0


def test_a_loop_cut_short_would_be_caught() -> None:
    samples, _ = decode(TRACKS["warm_pads"]["layers"][0]["file"])
    assert loudness.seam_step_percentile(samples[:-777]) >= 99.0


@pytest.mark.parametrize("sound", LAYERS + [f"chimes/{name}.ogg" for name in CHIMES])
def test_every_sound_is_stereo_in_a_room_not_mono_on_two_speakers(sound: str) -> None:
    samples, _ = decode(sound)
    assert loudness.stereo_correlation(samples) < 0.98


def test_the_ocean_is_surf_reaching_up_to_8_khz_not_rumble() -> None:
    mix, rate = live_mix("ocean", 60.0)
    power = np.abs(np.fft.rfft(mix.mean(axis=1))) ** 2
    freqs = np.fft.rfftfreq(len(mix), 1 / rate)
    share = power[(freqs > 5000) & (freqs < 8000)].sum() / power.sum()
    assert 10 * np.log10(share) > -30.0


@pytest.mark.parametrize("chime", CHIMES)
def test_each_chime_rings_out_to_minus_60_db_without_a_fade(chime: str) -> None:
    samples, rate = decode(f"chimes/{chime}.ogg")
    ring_s, fastest_drop = loudness.tail_facts(samples, rate, floor_db=-60.0)
    assert ring_s < len(samples) / rate  # the file holds the whole decay
    assert fastest_drop <= 6.0  # dB per 100 ms: a natural decay, never a fade or a cut


def test_a_faded_chime_would_be_caught() -> None:
    samples, rate = decode("chimes/inhale.ogg")
    faded = samples[: 3 * rate] * np.linspace(1, 0, 3 * rate)[:, None] ** 8
    _ring_s, fastest_drop = loudness.tail_facts(faded, rate)
    assert fastest_drop > 6.0


@pytest.mark.parametrize("chime", CHIMES)
def test_each_chime_stands_6_to_9_lu_above_the_music_at_the_default_volumes(chime: str) -> None:
    samples, rate = decode(f"chimes/{chime}.ogg")
    chime_db = 40 * math.log10(DEFAULT_VOLUMES[CUE_SLIDER[chime]])  # gain = slider²
    music_db = 40 * math.log10(DEFAULT_VOLUMES["music"])
    chime_level = loudness.max_momentary_loudness(samples, rate) + chime_db
    assert 6.0 <= chime_level - (-23.0 + music_db) <= 9.0
    assert loudness.true_peak_dbtp(samples, rate) <= -3.0


def test_inhale_and_exhale_differ_in_pitch() -> None:
    def pitch(name: str) -> float:
        samples, rate = decode(f"chimes/{name}.ogg")
        return float(np.argmax(np.abs(np.fft.rfft(samples.mean(axis=1)))) * rate / len(samples))

    assert pitch("inhale") > pitch("exhale") * 1.3


def test_the_audio_assets_stay_small() -> None:
    total = sum(path.stat().st_size for path in AUDIO.rglob("*") if path.is_file())
    assert total < 6_000_000


def test_the_synthesis_script_reproduces_the_committed_hold_chime(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(TOOLS / "synthesize.py"), "--out", str(tmp_path), "--only", "hold"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.rglob("*.ogg")] == ["hold.ogg"]
    assert reproduce.compare(tmp_path, AUDIO) == []
