"""The breathing pacer follows the timeline exactly, animates only when it should, and keeps to
words, count and a thin line with reduced motion."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from backcare_desktop.core.breathing import BreathingPattern, Phase
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.gui.widgets.breathing_pacer import BreathingPacer, disc_fill

THEME = json.loads(
    (Path(__file__).resolve().parents[2] / "assets" / "theme.json").read_text("utf-8")
)
BOX = BreathingPattern("box", "Box breathing", 4, 4, 4, 4)


@pytest.fixture(params=["light", "dim"])
def tokens(request: pytest.FixtureRequest) -> dict[str, str]:
    theme: dict[str, str] = THEME["themes"][request.param]
    return theme


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def pacer(qtbot: QtBot, clock: FakeClock, tokens: dict[str, str]) -> BreathingPacer:
    widget = BreathingPacer(clock, tokens)
    qtbot.addWidget(widget)
    widget.resize(300, 300)
    widget.show()
    qtbot.waitExposed(widget)
    widget.start(BOX, clock.monotonic())
    return widget


def move_to(pacer: BreathingPacer, clock: FakeClock, seconds: float) -> None:
    """Move the clock to `seconds` into the step and draw that frame."""
    timeline = pacer.timeline
    assert timeline is not None
    clock.advance(timeline.start + seconds - clock.monotonic())
    pacer.refresh()


def at(pacer: BreathingPacer, clock: FakeClock, seconds: float) -> float:
    """Move the clock to `seconds` into the step, draw that frame, return the circle's radius."""
    move_to(pacer, clock, seconds)
    radius = pacer.circle_radius()
    assert radius is not None
    return radius


def breath_pixels(pacer: BreathingPacer, tokens: dict[str, str]) -> int:
    """Pixels painted in (nearly) the breath colour: the circle's outline and the progress line."""
    image = pacer.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    breath = QColor(tokens["breath"])
    count = 0
    for y in range(0, image.height()):
        for x in range(0, image.width()):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - breath.red()) < 12
                and abs(pixel.green() - breath.green()) < 12
                and abs(pixel.blue() - breath.blue()) < 12
            ):
                count += 1
    return count


def test_the_circle_grows_on_the_inhale_holds_and_shrinks_on_the_exhale(
    pacer: BreathingPacer, clock: FakeClock
) -> None:
    start_of_inhale = at(pacer, clock, 0.0)
    early = at(pacer, clock, 1.0)
    state = pacer.current_state()
    assert state is not None and (state.phase, state.count) == (Phase.INHALE, 3)
    late = at(pacer, clock, 3.0)
    assert start_of_inhale < early < late
    full = at(pacer, clock, 5.0)
    state = pacer.current_state()
    assert state is not None and (state.phase, state.count) == (Phase.HOLD_IN, 3)
    assert full == pytest.approx(at(pacer, clock, 7.9))
    exhaling = at(pacer, clock, 9.0)
    assert pacer.current_state() is not None and pacer.current_state().phase is Phase.EXHALE  # type: ignore[union-attr]
    more = at(pacer, clock, 11.0)
    assert full > exhaling > more
    empty = at(pacer, clock, 13.0)
    assert empty == pytest.approx(start_of_inhale)
    assert pacer.current_state().phase is Phase.HOLD_OUT  # type: ignore[union-attr]


def test_the_pacer_speaks_the_phase_to_assistive_technology(
    pacer: BreathingPacer, clock: FakeClock
) -> None:
    assert pacer.accessibleName() == "Breathing guide"
    at(pacer, clock, 0.5)
    assert pacer.accessibleDescription() == "Breathe in for 4 seconds"
    at(pacer, clock, 9.0)
    assert pacer.accessibleDescription() == "Breathe out for 4 seconds"


def test_it_animates_only_while_visible_and_running(
    pacer: BreathingPacer, clock: FakeClock
) -> None:
    assert pacer.animating
    pacer.hide()
    assert not pacer.animating
    pacer.show()
    assert pacer.animating
    pacer.pause()
    assert not pacer.animating
    pacer.resume()
    assert pacer.animating
    pacer.stop()
    assert not pacer.animating


def test_pausing_freezes_the_breath_and_resuming_continues_it(
    pacer: BreathingPacer, clock: FakeClock
) -> None:
    at(pacer, clock, 2.0)
    pacer.pause()
    clock.advance(30.0)
    pacer.refresh()
    state = pacer.current_state()
    assert state is not None and state.phase is Phase.INHALE and state.phase_elapsed == 2.0
    pacer.resume()
    clock.advance(1.0)
    pacer.refresh()
    state = pacer.current_state()
    assert state is not None and state.phase_elapsed == pytest.approx(3.0)


def test_reduced_motion_paints_no_circle_only_words_count_and_a_still_phase_row(
    pacer: BreathingPacer, clock: FakeClock, tokens: dict[str, str]
) -> None:
    at(pacer, clock, 2.0)
    with_circle = breath_pixels(pacer, tokens)
    pacer.set_reduced_motion(True)
    pacer.refresh()
    assert pacer.circle_radius() is None
    state = pacer.current_state()
    assert state is not None and state.count == 2
    reduced = pacer.grab().toImage()
    assert with_circle > 600  # the circle's outline
    assert 0 < breath_pixels(pacer, tokens) < 300  # only the bar under the current phase
    move_to(pacer, clock, 2.9)  # later, same count: nothing on screen has moved
    assert pacer.grab().toImage() == reduced


def test_with_reduced_motion_no_frame_timer_runs_the_pacer_wakes_only_for_the_count(
    pacer: BreathingPacer, clock: FakeClock
) -> None:
    pacer.set_reduced_motion(True)
    for seconds in (0.0, 1.0, 2.5, 4.0, 5.25, 9.0):  # inhale, hold, exhale, on and between
        move_to(pacer, clock, seconds)
        pacer._update_timer()
        assert not pacer.animating and pacer.waiting_for_count
        state = pacer.current_state()
        assert state is not None
        until_count = state.phase_length - state.phase_elapsed - (state.count - 1)
        assert pacer._timer.interval() == pytest.approx(until_count * 1000, abs=1)
    pacer.set_reduced_motion(False)
    at(pacer, clock, 10.0)  # mid-exhale: the circle moves, frames run again
    assert pacer.animating


def test_frames_follow_the_screen_refresh_rate_capped_at_sixty(pacer: BreathingPacer) -> None:
    assert 16 <= pacer.frame_interval_ms <= 1000 / 24


def test_while_the_circle_moves_every_frame_is_drawn(
    pacer: BreathingPacer, clock: FakeClock
) -> None:
    at(pacer, clock, 2.0)  # mid-inhale: the edge moves fastest
    pacer._update_timer()
    assert pacer._timer.remainingTime() <= pacer.frame_interval_ms


def test_during_a_hold_the_pacer_sleeps_until_the_count_changes(
    pacer: BreathingPacer, clock: FakeClock
) -> None:
    at(pacer, clock, 5.0)  # hold: nothing moves until the count goes from 3 to 2 at 6.0 s
    pacer._update_timer()
    assert 900 <= pacer._timer.remainingTime() <= 1000 + pacer.frame_interval_ms


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


@pytest.mark.parametrize("theme", ["light", "dark", "dim"])
def test_the_words_stay_readable_on_the_breath_circle(theme: str) -> None:
    tokens = THEME["themes"][theme]
    fill = disc_fill(QColor(tokens["surface"]), QColor(tokens["breath"]))
    lighter, darker = sorted((_luminance(fill), _luminance(QColor(tokens["text"]))), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5


@pytest.mark.parametrize("points", [9.0, 14.5, 31.2, 57.6])
@pytest.mark.parametrize("text", ["Breathe in", "12"])
def test_words_laid_out_once_land_on_the_pixels_draw_text_gives(
    qtbot: QtBot, points: float, text: str
) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QPainter

    from backcare_desktop.gui.widgets.breath_drawing import CentredWords

    font = QFont()
    font.setPointSizeF(points)
    box = QRectF(0, 7.3, 320, points * 2.6)
    words = CentredWords()

    def drawn(draw: Callable[[QPainter], None]) -> QImage:
        image = QImage(320, 200, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        painter.setPen(QColor("black"))
        for _ in range(2):  # the second time from the kept layout
            image.fill(QColor("white"))
            draw(painter)
        painter.end()
        return image

    expected = drawn(lambda p: p.drawText(box, Qt.AlignmentFlag.AlignCenter, text))
    assert drawn(lambda p: words.draw(p, box, text)) == expected
