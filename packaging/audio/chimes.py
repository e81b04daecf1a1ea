"""The chime family: struck bowls that ring out in a room until they are inaudible.

A chime is never faded: each file holds its bowl's whole natural decay (every partial at its own
rate) plus the room's tail, and ends only once the sound has fallen more than 66 dB below its
peak, where the cut is far under anything audible. The files are therefore as long as the ring.
"""

from __future__ import annotations

from dataclasses import dataclass

import loudness
import numpy as np
from bowls import Bowl, strike
from loops import Stereo, midi_hz
from reverb import Room, in_room_once

END_BELOW_PEAK_DB = -66.0
CHIME_ROOM = Room(rt60_s=(2.0, 1.6, 0.9), wet=0.3, seed=11)


@dataclass(frozen=True)
class Strike:
    """A bowl struck at `at_s` with relative `level`."""

    bowl: Bowl
    at_s: float = 0.0
    level: float = 1.0


@dataclass(frozen=True)
class ChimeDesign:
    """A chime: its strikes, and how many LU above the music it should stand at the default
    volumes (its level is set from that, not by peak)."""

    strikes: tuple[Strike, ...]
    margin_lu: float


CHIMES: dict[str, ChimeDesign] = {
    # Breathe in: a small bowl on A4, light and open.
    "inhale": ChimeDesign(
        (Strike(Bowl(midi_hz(69), decays_s=(1.4, 0.8, 0.45, 0.25), position=-0.1)),),
        margin_lu=7.5,
    ),
    # Breathe out: a larger bowl a fifth lower, on D4, ringing longer: it settles.
    "exhale": ChimeDesign(
        (
            Strike(
                Bowl(
                    midi_hz(62),
                    decays_s=(1.8, 1.0, 0.55, 0.3),
                    beats_hz=(0.7, 1.1, 1.7, 2.4),
                    position=0.1,
                )
            ),
        ),
        margin_lu=7.5,
    ),
    # Hold: a muted knock on D5, short, with the room around it.
    "hold": ChimeDesign(
        (
            Strike(
                Bowl(
                    midi_hz(74),
                    levels=(1.0, 0.2, 0.05),
                    decays_s=(0.32, 0.16, 0.08),
                    attack_s=0.006,
                )
            ),
        ),
        margin_lu=6.5,
    ),
    # Next step: two bowls, F#4 then B4, a gentle "and now".
    "step": ChimeDesign(
        (
            Strike(Bowl(midi_hz(66), decays_s=(1.3, 0.75, 0.4, 0.22), position=-0.25)),
            Strike(
                Bowl(midi_hz(71), decays_s=(1.5, 0.85, 0.45, 0.25), position=0.25),
                at_s=0.22,
                level=0.85,
            ),
        ),
        margin_lu=7.5,
    ),
    # Session complete: a deep bowl on D3 with a long, slow ring, and its octave.
    "end": ChimeDesign(
        (
            Strike(
                Bowl(
                    midi_hz(50),
                    levels=(1.0, 0.6, 0.3, 0.1),
                    decays_s=(3.6, 2.2, 1.2, 0.6),
                    beats_hz=(0.6, 0.9, 1.5, 2.2),
                    attack_s=0.015,
                )
            ),
            Strike(Bowl(midi_hz(62), decays_s=(2.2, 1.2, 0.6, 0.3), position=0.2), 0.02, 0.35),
        ),
        margin_lu=7.5,
    ),
}


def ring_out(design: ChimeDesign, rate: int) -> Stereo:
    """The strikes in the room, ending where the sound has fallen END_BELOW_PEAK_DB below its
    peak (no fade: the natural decay carries it down)."""
    longest = max(s.at_s + 11.0 * s.bowl.decays_s[0] for s in design.strikes)
    count = round(longest * rate)
    dry = np.zeros((count, 2))
    for item in design.strikes:
        sound = strike(item.bowl, longest - item.at_s, rate, item.level)
        start = round(item.at_s * rate)
        dry[start : start + len(sound)] += sound[: count - start]
    wet = in_room_once(dry, CHIME_ROOM, rate)
    level = loudness.envelope_db(wet, rate)
    peak = int(np.argmax(level))
    below = np.nonzero(level[peak:] - level[peak] > END_BELOW_PEAK_DB)[0]
    end = (peak + int(below[-1]) + 1) * round(loudness.ENVELOPE_HOP_S * rate)
    end += round(loudness.ENVELOPE_WINDOW_S * rate)
    return wet[: min(end, len(wet))]


def level_for(design: ChimeDesign, volumes: dict[str, float], layer: str) -> float:
    """The chime's loudest momentary loudness in the file (LUFS) that puts it `margin_lu` above
    -23 LUFS music when both play at the default slider positions (gain = slider²)."""
    music_db = 40.0 * np.log10(volumes["music"])
    own_db = 40.0 * np.log10(volumes[layer])
    return float(-23.0 + design.margin_lu + music_db - own_db)
