"""A ringing chime's gain is written into its samples: blocks along a glide, then the rest."""

from __future__ import annotations

import array
import math
from itertools import pairwise

from backcare_desktop.services.audio.chime_gain import plan, shaped
from backcare_desktop.services.audio.mixdown import BLOCK_FRAMES
from backcare_desktop.services.audio.ramps import Fader

RATE = 44100
FRAME_BYTES = 4


def steady(frames: int, value: int = 10000) -> bytes:
    return array.array("h", [value] * (2 * frames)).tobytes()


def samples(parts: tuple[bytes | memoryview, ...]) -> list[int]:
    return list(array.array("h", b"".join(bytes(part) for part in parts)))


def test_full_level_leaves_the_chime_untouched() -> None:
    gains = plan(lambda _t: 1.0, begins=5.0, settles=5.0, rate=RATE)
    assert gains.still
    assert samples(shaped(steady(100), gains, FRAME_BYTES)) == [10000] * 200


def test_a_glide_moves_block_by_block_then_holds_its_end() -> None:
    fader = Fader(1.0)
    fader.glide(0.0, 0.5, now=10.0)
    gains = plan(fader.value, begins=10.0, settles=fader.settles, rate=RATE)
    assert len(gains.blocks) == math.ceil(0.5 * RATE / BLOCK_FRAMES)
    out = samples(shaped(steady(RATE), gains, FRAME_BYTES))[::2]
    assert out[0] >= 9999 and out[-1] == 0
    steps = [a - b for a, b in pairwise(out)]
    assert min(steps) >= 0  # only ever down
    assert max(steps) <= 20  # 0.2 % of the level at most between neighbouring samples
    assert all(value == 0 for value in out[round(0.5 * RATE) + BLOCK_FRAMES :])


def test_a_chime_struck_earlier_is_shaped_from_the_frame_sounding_then() -> None:
    gains = plan(lambda _t: 0.0, begins=3.0, settles=3.0, rate=RATE)
    assert gains.first_frame(struck_at=2.5) == RATE // 2
    assert gains.first_frame(struck_at=3.5) == 0
