"""The catalogue: five soundscapes, each two or three seamless layers with co-prime lengths.

Why layers: a single 150 s loop repeats five times in a 12-minute routine and the ear finds it.
Layers of 150, 97 and 61 s, say, mixed live, only line up again after 150 x 97 x 61 s (over ten
days); and each layer's own events (waves, strikes, notes) fall at irregular times inside it,
so no layer ticks either. A layer's relative level (`level_lu`, loudness of the layer alone
relative to the other layers) is part of the design; the whole mix is then set to -23 LUFS.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

import bowls
import kalimba
import ocean
import pads
import rain
from loops import Loop, Stereo
from reverb import Room

HALL = Room(rt60_s=(2.2, 1.8, 1.0), wet=0.3, seed=7)
OUTDOORS = Room(rt60_s=(1.2, 0.9, 0.5), wet=0.12, seed=8)


@dataclass(frozen=True)
class LayerDesign:
    """One layer: its file name, loop length (s), how to render it, its level in the mix (LU
    relative to the soundscape's other layers) and its room."""

    name: str
    seconds: int
    render: Callable[[Loop], Stereo]
    level_lu: float
    room: Room = HALL

    @property
    def file(self) -> str:
        return f"music/{self.name}.ogg"


@dataclass(frozen=True)
class SoundscapeDesign:
    id: str
    title: str
    description: str
    layers: tuple[LayerDesign, ...]


SOUNDSCAPES: tuple[SoundscapeDesign, ...] = (
    SoundscapeDesign(
        "warm_pads",
        "Warm pads",
        "Soft chords that drift from one to the next, with a faint shimmer above.",
        (
            LayerDesign("warm_pads_chords", 150, pads.warm_pads, 0.0),
            LayerDesign("warm_pads_shimmer", 97, lambda lp: pads.shimmer(lp, 1301), -9.0),
        ),
    ),
    SoundscapeDesign(
        "ocean",
        "Gentle ocean",
        "Waves breaking on a quiet shore, each in its own time.",
        (
            LayerDesign(
                "ocean_near_waves",
                97,
                lambda lp: ocean.shore(lp, ocean.NEAR),
                0.0,
                OUTDOORS,
            ),
            LayerDesign(
                "ocean_far_waves",
                71,
                lambda lp: ocean.shore(lp, ocean.FAR),
                -6.0,
                OUTDOORS,
            ),
            LayerDesign("ocean_swell", 53, lambda lp: ocean.deep_swell(lp, 2603), -7.0, OUTDOORS),
        ),
    ),
    SoundscapeDesign(
        "evening_bowls",
        "Evening singing bowls",
        "Two humming bowls, and others struck softly now and then.",
        (
            LayerDesign(
                "bowls_low",
                150,
                lambda lp: bowls.struck_layer(lp, (50, 54, 57), 3101, (9.0, 20.0)),
                0.0,
            ),
            LayerDesign(
                "bowls_high",
                97,
                lambda lp: bowls.struck_layer(lp, (62, 64, 66, 69, 71), 3102, (8.0, 18.0)),
                -3.0,
            ),
            LayerDesign("bowls_drone", 61, bowls.evening_drone, -4.0),
        ),
    ),
    SoundscapeDesign(
        "soft_rain",
        "Soft rain",
        "A steady, gentle rain, with drops falling close by.",
        (
            LayerDesign("rain_hush", 61, lambda lp: rain.hush(lp, 4101), 0.0, OUTDOORS),
            LayerDesign("rain_drops", 97, lambda lp: rain.near_drops(lp, 4102), -5.0, OUTDOORS),
        ),
    ),
    SoundscapeDesign(
        "slow_kalimba",
        "Slow kalimba",
        "A kalimba playing a few unhurried notes over a warm hum.",
        (
            LayerDesign("kalimba_melody", 150, lambda lp: kalimba.melody(lp, 5101), 0.0),
            LayerDesign("kalimba_low", 97, lambda lp: kalimba.low_tines(lp, 5102), -5.0),
            LayerDesign("kalimba_air", 61, kalimba.air, -9.0),
        ),
    ),
)


def repeats_after_s(design: SoundscapeDesign) -> int:
    """When the live mix of the layers first repeats: the lowest common multiple of lengths."""
    return reduce(math.lcm, (layer.seconds for layer in design.layers), 1)
