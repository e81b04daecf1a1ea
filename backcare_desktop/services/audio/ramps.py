"""Gain that glides: every volume the mixer holds is moved along a curve, never in one step.

SDL_mixer applies a volume once per buffer it mixes (512 frames, 11.6 ms) and keeps it in 128
steps, so a volume set in one call multiplies the waveform by a new factor from one sample to
the next: a step in the waveform, heard as a click (captured: a burst above 6 kHz 26–31 dB over
the background at every slider move, mute and unmute). A `Fader` spreads each change over a
curve that the player's gain ticker reads every few milliseconds, so the mixer sees one small
step per buffer; a change asked for while a glide runs starts from where the glide is, so
nothing ever jumps (resuming during the pause fade turns the fade round where it stands).

Pure arithmetic on instants from the player's Clock: no pygame here, so it is tested alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum


class Curve(Enum):
    """How a glide moves from its start to its end (x runs 0 → 1 over its length)."""

    SMOOTH = "smooth"
    """Raised cosine: starts and ends gently, for volume changes."""
    RISE = "rise"
    """sin(πx/2): the incoming side of an equal-power crossfade."""
    FALL = "fall"
    """1 − cos(πx/2): the outgoing side; with RISE the summed power stays constant."""

    def at(self, x: float) -> float:
        if self is Curve.RISE:
            return math.sin(math.pi / 2 * x)
        if self is Curve.FALL:
            return 1.0 - math.cos(math.pi / 2 * x)
        return (1.0 - math.cos(math.pi * x)) / 2.0


@dataclass(frozen=True)
class Glide:
    """From `start` to `end` along `curve`, beginning at `begins` (monotonic s) for `seconds`."""

    start: float
    end: float
    begins: float
    seconds: float
    curve: Curve = Curve.SMOOTH

    def value(self, now: float) -> float:
        if self.seconds <= 0.0 or now >= self.begins + self.seconds:
            return self.end
        x = max(0.0, (now - self.begins) / self.seconds)
        return self.start + (self.end - self.start) * self.curve.at(x)

    def done(self, now: float) -> bool:
        return now >= self.begins + self.seconds


class Fader:
    """One gain that glides to each new target from wherever it is now."""

    def __init__(self, value: float = 0.0) -> None:
        self._glide = Glide(value, value, 0.0, 0.0)

    @property
    def target(self) -> float:
        return self._glide.end

    def value(self, now: float) -> float:
        return self._glide.value(now)

    @property
    def settles(self) -> float:
        """When the glide in hand ends (monotonic s)."""
        return self._glide.begins + self._glide.seconds

    def moving(self, now: float) -> bool:
        return not self._glide.done(now)

    def glide(self, target: float, seconds: float, now: float, curve: Curve = Curve.SMOOTH) -> bool:
        """Head for `target` over `seconds` from the value at `now` (no jump, ever); False if
        it was already there or heading there (nothing changed)."""
        current = self.value(now)
        if target == self._glide.end and (current == target or self.moving(now)):
            return False  # keep the glide going
        self._glide = Glide(current, target, now, seconds, curve)
        return True

    def settle(self, value: float) -> None:
        """Jump to `value`: only for a voice that is not sounding (nothing to hear)."""
        self._glide = Glide(value, value, 0.0, 0.0)
