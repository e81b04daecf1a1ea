"""Faders: every gain change glides from where it stands; crossfades keep the power level."""

from __future__ import annotations

import itertools
import math

import pytest

from backcare_desktop.services.audio.ramps import Curve, Fader, Glide


def test_a_glide_moves_smoothly_from_start_to_end() -> None:
    glide = Glide(0.0, 1.0, begins=10.0, seconds=2.0)
    assert glide.value(9.0) == 0.0
    assert glide.value(11.0) == pytest.approx(0.5)
    assert glide.value(12.0) == glide.value(99.0) == 1.0
    values = [glide.value(10.0 + i / 100) for i in range(201)]
    assert values == sorted(values)
    assert max(b - a for a, b in itertools.pairwise(values)) < 0.02


def test_a_new_target_starts_from_the_value_now_without_a_jump() -> None:
    fader = Fader(1.0)
    fader.glide(0.0, 0.8, now=0.0)
    halfway = fader.value(0.3)
    fader.glide(1.0, 1.5, now=0.3)  # resume during the pause fade
    assert fader.value(0.3) == pytest.approx(halfway)
    assert fader.value(0.31) == pytest.approx(halfway, abs=0.01)
    assert fader.value(1.8) == 1.0


def test_asking_again_for_the_target_it_is_heading_to_keeps_the_glide() -> None:
    fader = Fader(0.0)
    fader.glide(1.0, 3.0, now=0.0)
    fader.glide(1.0, 0.3, now=1.0)
    assert fader.value(2.0) < 1.0 and fader.moving(2.0)


def test_a_crossfade_keeps_the_summed_power_level() -> None:
    falling, rising = Fader(1.0), Fader(0.0)
    falling.glide(0.0, 3.0, now=0.0, curve=Curve.FALL)
    rising.glide(1.0, 3.0, now=0.0, curve=Curve.RISE)
    for t in (0.0, 0.5, 1.5, 2.2, 3.0):
        power = falling.value(t) ** 2 + rising.value(t) ** 2
        assert power == pytest.approx(1.0)
    assert falling.value(1.5) == pytest.approx(math.sqrt(0.5))


def test_settling_jumps_only_when_told() -> None:
    fader = Fader(0.2)
    fader.settle(0.9)
    assert fader.value(0.0) == 0.9 and not fader.moving(0.0)


def test_the_gain_ticker_runs_while_something_glides_and_then_ends() -> None:
    import threading

    from backcare_desktop.services.audio.ticker import GainTicker

    steps_left = [5]
    done = threading.Event()

    def step() -> bool:
        steps_left[0] -= 1
        if steps_left[0] <= 0:
            done.set()
        return steps_left[0] > 0

    ticker = GainTicker(step)
    ticker.wake()
    ticker.wake()  # already running: no second thread
    assert done.wait(10)
    deadline = threading.Event()
    for _ in range(200):
        if not ticker.running:
            break
        deadline.wait(0.01)
    assert not ticker.running and steps_left[0] <= 0
    ticker.stop()
