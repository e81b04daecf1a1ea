"""A ringing chime's gain under mute and the pause hush, written into its own samples.

SDL_mixer applies a channel's volume once per 512-frame buffer (11.6 ms), in 128 steps: gliding a
ringing bowl's channel down for mute or Pause turned its soft tail into a staircase, and each riser
is a click. So a chime's channel keeps the level it was struck at, and each strike plays its own
copy of the chime's samples; a change of mute or hush rewrites that copy from LEAD_S ahead of the
change, multiplying 16-frame blocks (0.36 ms, as the music's mix does: mixdown.py) along the glide
and the rest at the glide's end value in one go. SDL reads a chime at most a buffer or two ahead of
the clock, so the samples rewritten are not read yet: the gain meets the old one where the rewrite
begins, and nothing jumps.

Pure arithmetic on bytes and instants: no pygame here (chimes.py writes into the Sound).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass

from backcare_desktop.services.audio.mixdown import BLOCK_FRAMES, SAMPLE_WIDTH

with warnings.catch_warnings():  # in the standard library to 3.12; audioop-lts from 3.13
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

LEAD_S = 0.2
"""A change reaches a ringing chime this long after it is asked for. SDL has read at most a
buffer or two (11.6 ms each) past the clock's sample, and a slow device reads behind it; the
samples are rewritten on the gain ticker's thread, which wakes within 40 ms and takes a few ms
per ringing chime, so 0.2 s leaves room for a busy machine."""


@dataclass(frozen=True)
class GainPlan:
    """A chime's gain from `begins` (monotonic s) on: one value per 16-frame block while a
    glide runs, then `rest` to the end."""

    begins: float
    blocks: tuple[float, ...]
    rest: float
    rate: int

    @property
    def still(self) -> bool:
        """Full level throughout: the chime's own samples, untouched."""
        return not self.blocks and self.rest == 1.0

    def first_frame(self, struck_at: float) -> int:
        """The frame of a chime struck at `struck_at` that sounds at `begins`."""
        return max(0, round((self.begins - struck_at) * self.rate))


def plan(gain: Callable[[float], float], begins: float, settles: float, rate: int) -> GainPlan:
    """`gain` (a function of monotonic time) sampled per block from `begins` until `settles`
    (when every glide in it has ended), and its value from then on."""
    step = BLOCK_FRAMES / rate
    count = max(0, math.ceil((settles - begins) / step))
    blocks = tuple(gain(begins + (index + 0.5) * step) for index in range(count))
    return GainPlan(begins, blocks, gain(max(begins, settles)), rate)


def shaped(
    pcm: bytes | memoryview, plan: GainPlan, frame_bytes: int
) -> tuple[bytes | memoryview, ...]:
    """`pcm` (a chime's samples from the plan's first frame on) times the plan's gains: the
    glide's blocks, then the rest; parts to write one after the other."""
    view = memoryview(pcm)
    block = BLOCK_FRAMES * frame_bytes
    glide = min(len(view), len(plan.blocks) * block)
    parts: list[bytes | memoryview] = [
        audioop.mul(view[offset : offset + block], SAMPLE_WIDTH, plan.blocks[index])
        for index, offset in enumerate(range(0, glide, block))
    ]
    rest = view[glide:]
    if plan.rest == 1.0:
        parts.append(rest)
    elif plan.rest == 0.0:
        parts.append(bytes(len(rest)))
    else:
        parts.append(audioop.mul(rest, SAMPLE_WIDTH, plan.rest))
    return tuple(parts)
