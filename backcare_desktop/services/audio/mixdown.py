"""The soundscapes mixed in Python, so every gain change is spread over the samples themselves.

SDL_mixer sets a channel's volume once per 512-frame buffer, in 128 steps: a fade through it is
a staircase of 11.6 ms treads, and each riser is a click. On a soft pad whose energy above
6 kHz sits near the 16-bit floor, even one-step risers stood 15–24 dB above that background
(captured on SDL's disk driver, and reproduced offline). Applying the gain here, in 16-frame
blocks (0.36 ms) with a float factor, brings the same glides under 6 dB.

So each soundscape's layers (decoded once to the mixer's own format: signed 16-bit stereo) are
read as loops, scaled and summed here with `audioop` (C speed: a 200 ms chunk of three layers
costs ~0.1 ms, gliding ~1 ms), and the chunks are queued on one reserved mixer channel. Time
here is *render time*: seconds of audio rendered so far. Every music glide begins at the
horizon — the first sample not yet rendered — so a glide asked for while another runs starts
exactly where the sound stands, whatever the device's pace. The price is latency: a change is
heard after what is already queued (at most two chunks, 0.4 s).

No pygame here: PygameAudio feeds the chunks to the mixer (see music_decks.py).
"""

from __future__ import annotations

import warnings

from backcare_desktop.services.audio.ramps import Curve, Fader

with warnings.catch_warnings():  # in the standard library to 3.12; audioop-lts from 3.13
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

RATE = 44100
FRAME_BYTES = 4  # signed 16-bit, two channels
SAMPLE_WIDTH = 2
CHUNK_FRAMES = 8820
"""200 ms: the feeder has a whole chunk's time to queue the next, however busy the machine."""
BLOCK_FRAMES = 16
"""The gain's step while it glides: 0.36 ms (32 frames measured 5.3 dB, 8 frames 3.0 dB above
the background in the 6 kHz band on the darkest pad; 512 frames 24 dB)."""


class LoopVoice:
    """One layer: its decoded samples read round and round at its gain in the soundscape."""

    def __init__(self, pcm: bytes, gain: float) -> None:
        usable = len(pcm) - len(pcm) % FRAME_BYTES
        self._pcm = pcm[:usable] if usable else bytes(FRAME_BYTES)
        self.gain = gain
        self.position = 0

    def read(self, size: int) -> bytes:
        parts: list[bytes] = []
        while size > 0:
            take = min(size, len(self._pcm) - self.position)
            parts.append(self._pcm[self.position : self.position + take])
            self.position = (self.position + take) % len(self._pcm)
            size -= take
        return b"".join(parts)


class Soundscape:
    """A bundled soundscape in the mix: its layers and the fader that fades it as a whole."""

    def __init__(self, key: str, voices: list[LoopVoice]) -> None:
        self.key = key
        self.voices = voices
        self.fader = Fader(0.0)


class Mixdown:
    """Renders the soundscapes in play — one rising, others falling — chunk after chunk."""

    def __init__(self, level: float = 1.0) -> None:
        self.level = Fader(level)
        """The music slider and mute, in render time."""
        self.scapes: list[Soundscape] = []
        self.horizon = 0.0
        """Render time of the first sample not yet rendered: where every glide begins."""

    def glide(self, fader: Fader, target: float, seconds: float, curve: Curve) -> None:
        fader.glide(target, seconds, self.horizon, curve)

    def moving(self) -> bool:
        return self.level.moving(self.horizon) or any(
            scape.fader.moving(self.horizon) for scape in self.scapes
        )

    def audible(self) -> bool:
        """Something still sounds or is on its way (a rising or falling soundscape)."""
        now = self.horizon
        return (
            self.level.value(now) > 0.0
            and any(
                scape.fader.value(now) > 0.0 or scape.fader.moving(now) for scape in self.scapes
            )
        ) or self.level.moving(now)

    def gain(self, scape: Soundscape, at: float) -> float:
        return self.level.value(at) * scape.fader.value(at)

    def render(self, frames: int = CHUNK_FRAMES) -> bytes:
        """The next `frames` of the mix; soundscapes that have faded out leave it."""
        start, size = self.horizon, frames * FRAME_BYTES
        end = start + frames / RATE
        mix: bytes | None = None
        for scape in self.scapes:
            for voice in scape.voices:
                data = voice.read(size)
                part = self._scaled(data, scape, voice.gain, start, end)
                if part is not None:
                    mix = part if mix is None else audioop.add(mix, part, SAMPLE_WIDTH)
        self.horizon = end
        self.scapes = [s for s in self.scapes if s.fader.target > 0.0 or s.fader.moving(end)]
        return mix if mix is not None else bytes(size)

    def _scaled(
        self, data: bytes, scape: Soundscape, gain: float, start: float, end: float
    ) -> bytes | None:
        gliding = self.level.moving(start) or scape.fader.moving(start)
        if not gliding:
            factor = self.gain(scape, start) * gain
            return audioop.mul(data, SAMPLE_WIDTH, factor) if factor > 0.0 else None
        block = BLOCK_FRAMES * FRAME_BYTES
        step = BLOCK_FRAMES / RATE
        first = start + step / 2
        return b"".join(
            audioop.mul(
                data[offset : offset + block],
                SAMPLE_WIDTH,
                self.gain(scape, first + index * step) * gain,
            )
            for index, offset in enumerate(range(0, len(data), block))
        )
