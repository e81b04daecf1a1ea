"""Regenerate BackCare's original sounds: five layered soundscapes and five chimes, in stereo.

    .venv-dev/bin/python packaging/audio/synthesize.py               # everything -> assets/audio
    .venv-dev/bin/python packaging/audio/synthesize.py --spectrograms build/audio-spectrograms
    .venv-dev/bin/python packaging/audio/synthesize.py --out /tmp/x --only hold ocean

Deterministic: fixed seeds, phases from integer arithmetic, and a fixed Ogg serial number, so on
the same numpy and libsndfile/libvorbis the files come out bit-for-bit identical; elsewhere the
decoded samples agree to within the codec's noise (`reproduce.py` compares them, and
`make audio-check` regenerates everything and compares it with the committed files).

Loudness: each soundscape's layers are balanced by their designed relative levels, then the
live mix of all of them (as the app plays it, each layer looping on its own channel) is set to
-23 LUFS integrated over its first MIX_SECONDS. Chimes are set by their loudest 400 ms so that
at the default volume sliders they stand 6-9 LU above the music.

numpy, scipy, soundfile and pyloudnorm are tool dependencies (the `tools` extra); the app never
imports this.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parent))

import chimes
import loudness
import ogg_pages
from loops import Loop, Stereo, rotate_to_quiet_seam, start_at_small_step
from reverb import in_room_loop
from soundscapes import SOUNDSCAPES, LayerDesign, SoundscapeDesign, repeats_after_s

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "assets" / "audio"
DEFAULTS_FILE = REPO / "assets" / "preferences_defaults.json"
MUSIC_RATE = 22050
CHIME_RATE = 44100
TARGET_LUFS = -23.0
MIX_SECONDS = 180
# libsndfile's 0..1 compression scale (Vorbis quality 1 - level). Measured on these sounds: 0.9
# gives ~21 kbit/s for the tonal layers and ~35 kbit/s for surf and rain, with no audible loss
# at background level; 1.0 is no smaller. Chimes are heard in the foreground: more bits.
MUSIC_COMPRESSION = 0.9
CHIME_COMPRESSION = 0.55
LOUDNESS_TOLERANCE_LU = 0.15
SEAM_PERCENTILE_LIMIT = 90.0
WRITE_BLOCK = 16384  # libsndfile 1.2 can crash on one huge Vorbis write; feed it in blocks
CHIME_CAPTIONS = {
    "inhale": "Breathe in",
    "exhale": "Breathe out",
    "hold": "Hold",
    "step": "Next step",
    "end": "Session complete",
}
CUE_SLIDER = {"inhale": "cues", "exhale": "cues", "hold": "cues", "step": "chimes", "end": "chimes"}


def default_volumes() -> dict[str, float]:
    """The volume sliders a new user starts with (the app's own defaults file)."""
    data = json.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))
    return {key: float(value) for key, value in data["preferences"]["volumes"].items()}


def db_gain(db: float) -> float:
    return float(10.0 ** (db / 20.0))


def render_layer(design: LayerDesign) -> Stereo:
    """One layer in its room, started where its seam is quietest."""
    loop = Loop(MUSIC_RATE, design.seconds)
    return rotate_to_quiet_seam(in_room_loop(design.render(loop), design.room, MUSIC_RATE))


def live_mix(layers: list[Stereo], gains: list[float], seconds: float, rate: int) -> Stereo:
    """What the app plays: every layer looping from the same moment, summed at its gain."""
    count = round(seconds * rate)
    mix = np.zeros((count, 2))
    for layer, gain in zip(layers, gains, strict=True):
        mix += gain * np.take(layer, np.arange(count) % len(layer), axis=0)
    return mix


def render_soundscape(design: SoundscapeDesign) -> list[Stereo]:
    """The layers at their designed balance, scaled together so their mix is at -23 LUFS."""
    layers = []
    for layer in design.layers:
        samples = render_layer(layer)
        own = loudness.integrated_loudness(samples, MUSIC_RATE)
        layers.append(samples * db_gain(layer.level_lu - own))
    mix = live_mix(layers, [1.0] * len(layers), MIX_SECONDS, MUSIC_RATE)
    gain = db_gain(TARGET_LUFS - loudness.integrated_loudness(mix, MUSIC_RATE))
    return [samples * gain for samples in layers]


def write_ogg(path: Path, samples: Stereo, rate: int, compression: float) -> None:
    """Encode stereo float samples as Ogg Vorbis with a serial number fixed by the file name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sf.SoundFile(
        path, "w", rate, 2, format="OGG", subtype="VORBIS", compression_level=compression
    ) as out:
        for start in range(0, len(samples), WRITE_BLOCK):
            out.write(samples[start : start + WRITE_BLOCK])
    ogg_pages.set_serial(path, ogg_pages.serial_for(path.name))


def encode_layer(path: Path, samples: Stereo) -> Stereo:
    """Encode a layer; if the codec left its seam step among the largest 10 % of the file's
    steps, start the loop at another small step and encode again. Returns what was encoded."""
    for attempt in range(1, 6):
        write_ogg(path, samples, MUSIC_RATE, MUSIC_COMPRESSION)
        if loudness.seam_step_percentile(read(path)[0]) <= SEAM_PERCENTILE_LIMIT:
            break
        samples = start_at_small_step(samples, round(1.1 * attempt * MUSIC_RATE))
    return samples


def read(path: Path) -> tuple[Stereo, int]:
    samples, rate = sf.read(path, dtype="float64", always_2d=True)
    return samples, int(rate)


def analyse_soundscape(design: SoundscapeDesign, out: Path) -> dict[str, float]:
    """What the listener gets: the decoded layers mixed live as the app will play them."""
    layers = [read(out / layer.file)[0] for layer in design.layers]
    mix = live_mix(layers, [1.0] * len(layers), MIX_SECONDS, MUSIC_RATE)
    return {
        "repeats_after_s": repeats_after_s(design),
        "loudness_lufs": round(loudness.integrated_loudness(mix, MUSIC_RATE), 2),
        "true_peak_dbtp": round(loudness.true_peak_dbtp(mix, MUSIC_RATE), 2),
        "stereo_correlation": round(loudness.stereo_correlation(mix), 3),
        "worst_seam_step_percentile": round(
            max(loudness.seam_step_percentile(layer) for layer in layers), 1
        ),
    }


def analyse_chime(path: Path) -> dict[str, float]:
    x, rate = read(path)
    ring_s, fastest_drop = loudness.tail_facts(x, rate)
    return {
        "seconds": round(len(x) / rate, 3),
        "max_momentary_lufs": round(loudness.max_momentary_loudness(x, rate), 2),
        "true_peak_dbtp": round(loudness.true_peak_dbtp(x, rate), 2),
        "rings_to_minus_60_db_s": round(ring_s, 2),
        "fastest_drop_db_per_100ms": round(fastest_drop, 2),
        "stereo_correlation": round(loudness.stereo_correlation(x), 3),
    }


def build_chime(name: str, out: Path) -> dict[str, object]:
    design = chimes.CHIMES[name]
    samples = chimes.ring_out(design, CHIME_RATE)
    target = chimes.level_for(design, default_volumes(), CUE_SLIDER[name])
    samples *= db_gain(target - loudness.max_momentary_loudness(samples, CHIME_RATE))
    path = out / "chimes" / f"{name}.ogg"
    write_ogg(path, samples, CHIME_RATE, CHIME_COMPRESSION)
    return {"file": f"chimes/{name}.ogg", "caption": CHIME_CAPTIONS[name], **analyse_chime(path)}


def build_soundscape(design: SoundscapeDesign, out: Path) -> dict[str, object]:
    """Encode the layers; the codec shifts a noisy mix's loudness a little (up to ~0.5 LU), so
    when the decoded mix misses -23 LUFS the layers are corrected once and encoded again."""
    layers = render_soundscape(design)
    for _attempt in range(2):
        layers = [
            encode_layer(out / layer.file, samples)
            for layer, samples in zip(design.layers, layers, strict=True)
        ]
        facts = analyse_soundscape(design, out)
        error = TARGET_LUFS - facts["loudness_lufs"]
        if abs(error) <= LOUDNESS_TOLERANCE_LU:
            break
        layers = [samples * db_gain(error) for samples in layers]
    if facts["true_peak_dbtp"] > -3.0:
        raise SystemExit(f"{design.id}: true peak {facts['true_peak_dbtp']} dBTP is above -3")
    return {
        "id": design.id,
        "title": design.title,
        "description": design.description,
        "layers": [
            {"file": layer.file, "seconds": float(layer.seconds), "gain_db": 0.0}
            for layer in design.layers
        ],
        **facts,
    }


def build(out: Path, only: set[str] | None) -> dict[str, object]:
    """Render, encode and analyse the selected sounds into `out`; return the manifest."""
    cues: dict[str, object] = {}
    for name in chimes.CHIMES:
        if only is None or name in only:
            started = time.perf_counter()
            cues[name] = build_chime(name, out)
            print(f"chime {name:7s} {cues[name]}  ({time.perf_counter() - started:.1f} s)")
    tracks: list[dict[str, object]] = []
    for design in SOUNDSCAPES:
        if only is None or design.id in only:
            started = time.perf_counter()
            tracks.append(build_soundscape(design, out))
            print(
                f"soundscape {design.id:14s} {tracks[-1]}  ({time.perf_counter() - started:.1f} s)"
            )
    return {
        "schema": 2,
        "about": "Generated by packaging/audio/synthesize.py; regenerate, do not edit by hand.",
        "encoder": {
            "libsndfile": sf.__libsndfile_version__,
            "soundfile": sf.__version__,
            "numpy": np.__version__,
        },
        "target_lufs": TARGET_LUFS,
        "tracks": tracks,
        "cues": cues,
    }


def write_spectrograms(folder: Path, audio: Path) -> None:
    """A picture of each soundscape (its live mix) and each chime, from the decoded files."""
    from spectrogram import write_spectrogram

    for design in SOUNDSCAPES:
        layers = [read(audio / layer.file)[0] for layer in design.layers]
        mix = live_mix(layers, [1.0] * len(layers), MIX_SECONDS, MUSIC_RATE)
        write_spectrogram(mix, MUSIC_RATE, folder / f"soundscape_{design.id}.png", design.title)
    for name in chimes.CHIMES:
        samples, rate = read(audio / "chimes" / f"{name}.ogg")
        write_spectrogram(samples, rate, folder / f"chime_{name}.png", f"chime: {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for music/, chimes/")
    parser.add_argument("--only", nargs="+", help="render only these chimes/soundscapes (ids)")
    parser.add_argument(
        "--spectrograms", type=Path, help="write spectrogram PNGs of the files in --out here"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.only is not None or not args.spectrograms:
        manifest = build(args.out, set(args.only) if args.only else None)
        if args.only is None:
            (args.out / "manifest.json").write_text(
                json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
            )
    if args.spectrograms:
        write_spectrograms(args.spectrograms, args.out)
    total = sum(p.stat().st_size for p in args.out.rglob("*.ogg"))
    print(
        f"done in {time.perf_counter() - started:.1f} s; {total / 1e6:.2f} MB of OGG in {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
