"""Regenerate BackCare's original sounds: three background loops and five chimes.

    .venv-dev/bin/python packaging/audio/synthesize.py               # everything -> assets/audio
    .venv-dev/bin/python packaging/audio/synthesize.py --spectrograms build/audio-spectrograms
    .venv-dev/bin/python packaging/audio/synthesize.py --out /tmp/x --only hold warm_pads \
        --excerpt-seconds 6                                           # quick partial render

Deterministic: fixed seeds, phases from integer arithmetic, and a fixed Ogg serial number, so on
the same libsndfile/libvorbis the files come out bit-for-bit identical. With another libvorbis the
decoded samples still agree to within the codec's noise (tests/assets/test_audio_assets.py
states the tolerance).

Loudness: each loop is scaled by a calibrated constant gain to about -23 LUFS integrated
(ITU-R BS.1770-4, measured as the mono file; played as dual mono on two speakers a meter reads
about +3 LU more). The gains are constants, not measured at render time, so an excerpt renders
exactly like the start of the full track; `--calibrate` prints the gains that would hit -23.
Chimes are normalised by sample peak (-4.5 to -17 dBFS, all at or below -3 dBFS after encoding).

numpy and soundfile are tool dependencies (the `tools` extra); the app never imports this.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loudness
import ogg_pages
import voices

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "assets" / "audio"
MUSIC_RATE = 22050
CHIME_RATE = 44100
LOOP_SECONDS = 150
TARGET_LUFS = -23.0
MUSIC_COMPRESSION = 0.5  # libsndfile's 0..1 scale; Vorbis quality 0.5, ~20 kbit/s for these pads
CHIME_COMPRESSION = 0.4  # Vorbis quality 0.6: chimes are short, keep their attacks clean
WRITE_BLOCK = 16384  # libsndfile 1.2 can crash on one huge Vorbis write; feed it in blocks


@dataclass(frozen=True)
class TrackDesign:
    """A background loop: how to render it and the calibrated gain that puts it at -23 LUFS."""

    id: str
    title: str
    description: str
    render: Callable[[voices.Loop], voices.Signal]
    gain_db: float

    @property
    def file(self) -> str:
        return f"music/{self.id}.ogg"


TRACKS: tuple[TrackDesign, ...] = (
    TrackDesign(
        "warm_pads",
        "Warm pads",
        "Soft, slowly changing chords.",
        voices.warm_pads,
        gain_db=-25.94,
    ),
    TrackDesign(
        "ocean",
        "Gentle ocean",
        "Low, unhurried waves on a quiet shore.",
        lambda loop: voices.ocean(loop, seed=20260301),
        gain_db=-19.23,
    ),
    TrackDesign(
        "evening_bowls",
        "Evening singing bowls",
        "Humming bowls that bloom and fade.",
        voices.evening_bowls,
        gain_db=-21.09,
    ),
)
CHIME_CAPTIONS = {
    "inhale": "Breathe in",
    "exhale": "Breathe out",
    "hold": "Hold",
    "step": "Next step",
    "end": "Session complete",
}


def render_track(design: TrackDesign, seconds: float | None = None) -> voices.Signal:
    """The loop at its calibrated gain; `seconds` renders only the start (identical samples)."""
    count = MUSIC_RATE * LOOP_SECONDS if seconds is None else round(seconds * MUSIC_RATE)
    raw = design.render(voices.Loop(MUSIC_RATE, LOOP_SECONDS, count))
    return raw * 10.0 ** (design.gain_db / 20.0)


def write_ogg(path: Path, samples: voices.Signal, rate: int, compression: float) -> None:
    """Encode mono float samples as Ogg Vorbis with a serial number fixed by the file name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sf.SoundFile(
        path, "w", rate, 1, format="OGG", subtype="VORBIS", compression_level=compression
    ) as out:
        for start in range(0, len(samples), WRITE_BLOCK):
            out.write(samples[start : start + WRITE_BLOCK])
    ogg_pages.set_serial(path, ogg_pages.serial_for(path.name))


def read_mono(path: Path) -> tuple[voices.Signal, int]:
    samples, rate = sf.read(path, dtype="float64", always_2d=True)
    return samples[:, 0], int(rate)


def analyse_track(path: Path) -> dict[str, float]:
    """What the listener gets: measured on the decoded file, treating it as the loop it is."""
    x, rate = read_mono(path)
    seam = loudness.seam_report(x)
    return {
        "seconds": round(len(x) / rate, 3),
        "loudness_lufs": round(loudness.integrated_loudness(x, rate, periodic=True), 2),
        "peak_dbfs": round(loudness.peak_dbfs(x), 2),
        "energy_above_3khz": round(loudness.energy_share_above(x, rate, 3000.0), 6),
        "largest_step": round(loudness.largest_step(x, loop=True), 5),
        "seam_step": round(seam.seam_step, 5),
        "seam_curvature_ratio": round(seam.ratio, 3),
    }


def analyse_chime(path: Path) -> dict[str, float]:
    x, rate = read_mono(path)
    return {
        "seconds": round(len(x) / rate, 3),
        "peak_dbfs": round(loudness.peak_dbfs(x), 2),
        "max_momentary_lufs": round(loudness.max_momentary_loudness(x, rate), 2),
        "energy_above_3khz": round(loudness.energy_share_above(x, rate, 3000.0), 6),
    }


def build(
    out: Path, only: set[str] | None, excerpt_seconds: float | None, spectrograms: Path | None
) -> dict[str, object]:
    """Render, encode and analyse the selected sounds into `out`; return the manifest."""
    tracks: list[dict[str, object]] = []
    cues: dict[str, dict[str, object]] = {}
    for name, design in voices.CHIMES.items():
        if only and name not in only:
            continue
        path = out / "chimes" / f"{name}.ogg"
        started = time.perf_counter()
        samples = voices.render_chime(design, CHIME_RATE)
        write_ogg(path, samples, CHIME_RATE, CHIME_COMPRESSION)
        facts = analyse_chime(path)
        print(f"chime {name:7s} {facts}  ({time.perf_counter() - started:.1f} s)")
        cues[name] = {"file": f"chimes/{name}.ogg", "caption": CHIME_CAPTIONS[name], **facts}
        if spectrograms:
            from spectrogram import write_spectrogram

            write_spectrogram(
                read_mono(path)[0], CHIME_RATE, spectrograms / f"chime_{name}.png", name
            )
    for track in TRACKS:
        if only and track.id not in only:
            continue
        path = out / track.file
        started = time.perf_counter()
        write_ogg(path, render_track(track, excerpt_seconds), MUSIC_RATE, MUSIC_COMPRESSION)
        facts = analyse_track(path)
        print(f"track {track.id:14s} {facts}  ({time.perf_counter() - started:.1f} s)")
        tracks.append(
            {
                "id": track.id,
                "title": track.title,
                "description": track.description,
                "layers": [{"file": track.file, "seconds": facts.pop("seconds"), "gain_db": 0.0}],
                **facts,
            }
        )
        if spectrograms:
            from spectrogram import write_spectrogram

            write_spectrogram(
                read_mono(path)[0], MUSIC_RATE, spectrograms / f"track_{track.id}.png", track.title
            )
    return {
        "schema": 2,
        "about": "Generated by packaging/audio/synthesize.py; regenerate, do not edit by hand.",
        "encoder": {"libsndfile": sf.__libsndfile_version__, "soundfile": sf.__version__},
        "target_lufs": TARGET_LUFS,
        "tracks": tracks,
        "cues": cues,
    }


def calibrate() -> None:
    """Print each loop's loudness at gain 0 dB and the gain that would bring it to -23 LUFS."""
    for track in TRACKS:
        raw = track.render(voices.Loop(MUSIC_RATE, LOOP_SECONDS, MUSIC_RATE * LOOP_SECONDS))
        level = loudness.integrated_loudness(raw, MUSIC_RATE, periodic=True)
        print(f"{track.id}: {level:.2f} LUFS raw -> gain_db={TARGET_LUFS - level:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="folder for music/ and chimes/"
    )
    parser.add_argument("--only", nargs="+", help="render only these chimes/tracks (names or ids)")
    parser.add_argument("--excerpt-seconds", type=float, help="render only the start of each track")
    parser.add_argument("--spectrograms", type=Path, help="also write spectrogram PNGs here")
    parser.add_argument("--calibrate", action="store_true", help="print the gains for -23 LUFS")
    args = parser.parse_args(argv)
    if args.calibrate:
        calibrate()
        return 0
    started = time.perf_counter()
    manifest = build(
        args.out, set(args.only) if args.only else None, args.excerpt_seconds, args.spectrograms
    )
    if args.only is None and args.excerpt_seconds is None:
        (args.out / "manifest.json").write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
    total = sum(p.stat().st_size for p in args.out.rglob("*.ogg"))
    print(
        f"done in {time.perf_counter() - started:.1f} s; {total / 1e6:.2f} MB of OGG in {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
