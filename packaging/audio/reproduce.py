"""Check that a fresh render matches the committed sounds.

    .venv-dev/bin/python packaging/audio/reproduce.py FRESH_FOLDER [COMMITTED_FOLDER]

With the same numpy and libsndfile as recorded in the committed manifest the files must be
byte-identical. With other versions the codec (or the FFT's last bits) may round differently,
so the decoded samples are compared instead: the difference must stay below 3 % of the
signal's RMS (-30 dB), far under anything audible in these soft sounds yet far above what a
changed sound design would give. `make audio-check` renders everything and runs this.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import soundfile as sf

CODEC_TOLERANCE = 0.03
COMMITTED = Path(__file__).resolve().parents[2] / "assets" / "audio"


def same_tools(committed: Path) -> bool:
    """Were the committed files made with this machine's numpy and libsndfile?"""
    encoder = json.loads((committed / "manifest.json").read_text(encoding="utf-8"))["encoder"]
    return bool(
        encoder.get("libsndfile") == sf.__libsndfile_version__
        and encoder.get("numpy") == np.__version__
    )


def difference(fresh: Path, committed: Path, exact: bool) -> str | None:
    """Why `fresh` does not reproduce `committed`, or None when it does."""
    if exact:
        return None if fresh.read_bytes() == committed.read_bytes() else "bytes differ"
    new, new_rate = sf.read(fresh, dtype="float64", always_2d=True)
    old, old_rate = sf.read(committed, dtype="float64", always_2d=True)
    if new.shape != old.shape or new_rate != old_rate:
        return f"shape {new.shape} at {new_rate} Hz, committed {old.shape} at {old_rate} Hz"
    rms = float(np.sqrt(np.mean(old**2)))
    error = float(np.sqrt(np.mean((new - old) ** 2)))
    return None if error <= CODEC_TOLERANCE * rms else f"differs by {error / rms:.1%} of RMS"


def compare(fresh_folder: Path, committed_folder: Path = COMMITTED) -> list[str]:
    """A line per fresh .ogg that does not reproduce its committed twin."""
    exact = same_tools(committed_folder)
    problems = []
    for fresh in sorted(fresh_folder.rglob("*.ogg")):
        relative = fresh.relative_to(fresh_folder)
        committed = committed_folder / relative
        why = "not committed" if not committed.is_file() else difference(fresh, committed, exact)
        if why:
            problems.append(f"{relative}: {why}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("fresh", type=Path)
    parser.add_argument("committed", type=Path, nargs="?", default=COMMITTED)
    args = parser.parse_args(argv)
    problems = compare(args.fresh, args.committed)
    print("\n".join(problems) or "every file reproduces the committed one")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
