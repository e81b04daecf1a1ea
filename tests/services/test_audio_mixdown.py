"""The soundscapes' mix, sample by sample: loops wrap seamlessly, layers keep their gains, and
every gain change is spread over 16-frame blocks — never a step of the whole change."""

from __future__ import annotations

import itertools
import struct

import pytest

from backcare_desktop.services.audio.mixdown import (
    BLOCK_FRAMES,
    FRAME_BYTES,
    RATE,
    LoopVoice,
    Mixdown,
    Soundscape,
)
from backcare_desktop.services.audio.ramps import Curve

LOUD = 20000


def constant(value: int, frames: int) -> bytes:
    return struct.pack(f"<{2 * frames}h", *([value] * (2 * frames)))


def left(pcm: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(pcm) // 2}h", pcm))[::2]


def scape(key: str, value: int = LOUD, gain: float = 1.0, frames: int = 1000) -> Soundscape:
    found = Soundscape(key, [LoopVoice(constant(value, frames), gain)])
    found.fader.settle(1.0)
    return found


def test_a_loop_reads_round_and_round() -> None:
    pcm = struct.pack("<6h", 1, 1, 2, 2, 3, 3)
    voice = LoopVoice(pcm, 1.0)
    assert left(voice.read(5 * FRAME_BYTES)) == [1, 2, 3, 1, 2]


def test_layers_are_summed_at_their_own_gains() -> None:
    mix = Mixdown(1.0)
    both = Soundscape(
        "two", [LoopVoice(constant(10000, 50), 0.5), LoopVoice(constant(4000, 70), 1.0)]
    )
    both.fader.settle(1.0)
    mix.scapes = [both]
    assert set(left(mix.render(100))) == {9000}


def test_a_gain_change_moves_in_small_blocks_over_its_whole_length() -> None:
    mix = Mixdown(1.0)
    mix.scapes = [scape("pads")]
    mix.render(256)
    mix.glide(mix.level, 0.0, 0.3, Curve.SMOOTH)
    samples = left(mix.render(round(0.4 * RATE)))
    steps = [abs(b - a) for a, b in itertools.pairwise(samples)]
    assert samples[0] > 0.99 * LOUD and samples[-1] == 0
    blocks_in_glide = 0.3 * RATE / BLOCK_FRAMES
    assert max(steps) < 2.0 * LOUD / blocks_in_glide  # the raised cosine's steepest block
    changes = [i for i, step in enumerate(steps) if step]
    assert all(i % BLOCK_FRAMES == BLOCK_FRAMES - 1 for i in changes)  # whole blocks only


def test_a_glide_asked_for_mid_glide_continues_from_the_rendered_sound() -> None:
    mix = Mixdown(1.0)
    mix.scapes = [scape("pads")]
    mix.glide(mix.scapes[0].fader, 0.0, 0.8, Curve.SMOOTH)  # pause
    first = left(mix.render(round(0.3 * RATE)))
    mix.glide(mix.scapes[0].fader, 1.0, 1.5, Curve.SMOOTH)  # resume 0.3 s into the fade
    second = left(mix.render(1024))
    assert abs(second[0] - first[-1]) < 0.01 * LOUD


def test_a_crossfade_keeps_the_power_and_never_falls_silent() -> None:
    mix = Mixdown(1.0)
    old, new = scape("old"), scape("new")
    new.fader.settle(0.0)
    mix.scapes = [old, new]
    mix.glide(old.fader, 0.0, 1.0, Curve.FALL)
    mix.glide(new.fader, 1.0, 1.0, Curve.RISE)
    for _ in range(8):  # 8 × 5512 frames: just short of the second
        start = mix.horizon
        mix.render(round(0.125 * RATE))
        power = mix.gain(old, start) ** 2 + mix.gain(new, start) ** 2
        assert power == pytest.approx(1.0, abs=0.01)
    mix.render(100)
    assert mix.scapes == [new]


def test_nothing_to_play_renders_silence_of_the_right_length() -> None:
    assert Mixdown(1.0).render(10) == bytes(10 * FRAME_BYTES)
