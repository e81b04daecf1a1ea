"""Render what a breathing step sounds like — music plus chimes at the app's default volumes —
and measure whether the chimes stand out, with and without ducking the music under them.

    .venv-dev/bin/python packaging/audio/mix_preview.py [--out build/audio-mix] [--seconds 33]

Writes one WAV per track (no ducking and ducked) to listen to, a spectrogram of each, and prints:
- margin: how far each chime's partials rise above the music in the same frequency bins during
  its first 400 ms (an in-band signal-to-masker ratio; above ~10 dB a chime is unmistakable);
- pumping: the range of the music's short-term level (3 s windows) over the preview, which
  ducking increases because it dips the music at every phase change.

The volumes are the app's defaults (assets/preferences_defaults.json) and the volume curve
mirrors backcare_desktop/services/audio/player.py; each soundscape is its layers mixed live.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loudness
from synthesize import CHIME_RATE, MUSIC_RATE, REPO, default_volumes, live_mix

AUDIO = REPO / "assets" / "audio"
DEFAULT_VOLUMES = default_volumes()
PATTERN = (("inhale", 5.5), ("exhale", 5.5))  # resonance breathing
DUCK_DB = -6.0
DUCK_ATTACK_S = 0.15
DUCK_HOLD_S = 0.6
DUCK_RELEASE_S = 1.5


def amplitude(volume: float) -> float:
    """The app's volume curve: a slider position v plays at amplitude v² (closer to loudness)."""
    return volume * volume


def to_chime_rate(samples: np.ndarray, rate: int) -> np.ndarray:
    """The mid signal at the chimes' rate (linear upsampling is fine for analysis)."""
    mono = samples.mean(axis=1)
    if rate != CHIME_RATE:
        factor = CHIME_RATE // rate
        mono = np.interp(np.arange(len(mono) * factor) / factor, np.arange(len(mono)), mono)
    return mono


def load(path: Path) -> np.ndarray:
    samples, rate = sf.read(path, dtype="float64", always_2d=True)
    return to_chime_rate(samples, int(rate))


def soundscape(track: dict[str, Any], seconds: float) -> np.ndarray:
    """The soundscape's layers looping together, as the app mixes them."""
    layers = [
        sf.read(AUDIO / layer["file"], dtype="float64", always_2d=True)[0]
        for layer in track["layers"]
    ]
    gains = [10 ** (float(layer["gain_db"]) / 20) for layer in track["layers"]]
    return to_chime_rate(live_mix(layers, gains, seconds, MUSIC_RATE), MUSIC_RATE)


def cue_schedule(seconds: float) -> list[tuple[float, str]]:
    events: list[tuple[float, str]] = [(0.5, "step")]
    t = 2.0
    while t < seconds - 4.0:
        for cue, length in PATTERN:
            events.append((t, cue))
            t += length
    return events


def duck_envelope(count: int, onsets: list[float]) -> np.ndarray:
    """Gain curve that dips the music by DUCK_DB around each cue, with smooth edges."""
    t = np.arange(count) / CHIME_RATE
    depth = np.zeros(count)
    for onset in onsets:
        local = t - onset
        shape = np.zeros(count)
        attack = (local >= 0) & (local < DUCK_ATTACK_S)
        shape[attack] = local[attack] / DUCK_ATTACK_S
        shape[(local >= DUCK_ATTACK_S) & (local < DUCK_ATTACK_S + DUCK_HOLD_S)] = 1.0
        release = (local >= DUCK_ATTACK_S + DUCK_HOLD_S) & (
            local < DUCK_ATTACK_S + DUCK_HOLD_S + DUCK_RELEASE_S
        )
        shape[release] = 1.0 - (local[release] - DUCK_ATTACK_S - DUCK_HOLD_S) / DUCK_RELEASE_S
        depth = np.maximum(depth, 0.5 - 0.5 * np.cos(np.pi * shape))
    return 10.0 ** (DUCK_DB * depth / 20.0)


def in_band_margin(chime: np.ndarray, music: np.ndarray) -> float:
    """dB by which the chime exceeds the music in the bins holding the chime's partials."""
    window = np.hanning(len(chime))
    pc = np.abs(np.fft.rfft(chime * window)) ** 2
    pm = np.abs(np.fft.rfft(music * window)) ** 2
    bins = pc > pc.max() * 10 ** (-20 / 10)
    return float(10 * np.log10(pc[bins].sum() / max(pm[bins].sum(), 1e-20)))


def short_term_range(x: np.ndarray) -> float:
    """Range (dB) of 3 s RMS levels stepped by 0.5 s: how much the music seems to pump."""
    block, step = 3 * CHIME_RATE, CHIME_RATE // 2
    levels = [
        10 * np.log10(np.mean(x[i : i + block] ** 2) + 1e-20)
        for i in range(0, len(x) - block, step)
    ]
    return float(max(levels) - min(levels))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=REPO / "build" / "audio-mix")
    parser.add_argument("--seconds", type=float, default=33.0)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    count = int(args.seconds * CHIME_RATE)
    chimes = {name: load(AUDIO / "chimes" / f"{name}.ogg") for name in ("inhale", "exhale", "step")}
    events = cue_schedule(args.seconds)
    layer = {"inhale": "cues", "exhale": "cues", "hold": "cues", "step": "chimes"}
    cue_track = np.zeros(count)
    for onset, cue in events:
        start = int(onset * CHIME_RATE)
        piece = chimes[cue][: count - start] * amplitude(DEFAULT_VOLUMES[layer[cue]])
        cue_track[start : start + len(piece)] += piece
    manifest = json.loads((AUDIO / "manifest.json").read_text(encoding="utf-8"))
    for track in manifest["tracks"]:
        music = soundscape(track, args.seconds)[:count] * amplitude(DEFAULT_VOLUMES["music"])
        for ducked in (False, True):
            bed = music * duck_envelope(count, [t for t, _ in events]) if ducked else music
            mix = bed + cue_track
            margins = []
            for onset, _ in events:
                start = int(onset * CHIME_RATE)
                span = slice(start, start + int(0.4 * CHIME_RATE))
                margins.append(in_band_margin(cue_track[span], bed[span]))
            label = f"{track['id']}{'_ducked' if ducked else ''}"
            sf.write(args.out / f"{label}.wav", mix.astype(np.float32), CHIME_RATE)
            print(
                f"{label:22s} music {loudness.integrated_loudness(bed, CHIME_RATE):6.1f} LUFS  "
                f"mix peak {loudness.sample_peak_dbfs(mix):5.1f} dBFS  "
                f"chime margin min {min(margins):5.1f} dB "
                f"median {float(np.median(margins)):5.1f} dB  "
                f"music pumping {short_term_range(bed):4.1f} dB"
            )
            if not ducked:
                from spectrogram import write_spectrogram

                write_spectrogram(
                    mix,
                    CHIME_RATE,
                    args.out / f"{label}.png",
                    f"mix: {track['id']} + resonance cues",
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
