"""What the widgets give a screen reader, checked in-process (the AT-SPI bus itself is walked by
tests/e2e/test_screen_reader.py)."""

from __future__ import annotations

import gc
from collections.abc import Callable

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.gui.look.text import spoken_duration
from backcare_desktop.gui.look.theme import load_theme
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.gui.widgets.caption_line import CaptionLine
from backcare_desktop.gui.widgets.countdown_ring import CountdownRing
from backcare_desktop.gui.widgets.dilution import DilutionScale
from backcare_desktop.gui.widgets.layout_helpers import field_label
from backcare_desktop.gui.widgets.segmented_progress import SegmentedProgress

MakeWindow = Callable[..., MainWindow]


def reading(widget: QWidget) -> tuple[QAccessible.Role, str, float, float, float]:
    """As a screen reader reads the widget (it installed the factory when it was made)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    gc.collect()  # the interface must outlive Python's references to it
    value = interface.valueInterface()
    assert value is not None
    return (
        interface.role(),
        interface.text(QAccessible.Text.Value),
        float(value.currentValue()),
        float(value.minimumValue()),
        float(value.maximumValue()),
    )


def test_the_countdown_ring_is_a_progress_bar_of_the_seconds_left(qtbot: QtBot) -> None:
    ring = CountdownRing()
    qtbot.addWidget(ring)
    ring.set_time(41.2, 60, "of 1 min")
    assert reading(ring) == (QAccessible.Role.ProgressBar, "0:42 left", 42.0, 0.0, 60.0)
    interface = QAccessible.queryAccessibleInterface(ring)
    assert interface.text(QAccessible.Text.Name) == "Time left in this step"
    assert interface.text(QAccessible.Text.Description) == "of 1 min"


def test_the_segmented_progress_reads_as_step_n_of_all(qtbot: QtBot) -> None:
    progress = SegmentedProgress()
    qtbot.addWidget(progress)
    progress.set_steps([30.0] * 15, ["a"] * 15)
    progress.set_progress((), 1, 0.5)
    role, text, value, low, high = reading(progress)
    assert (role, text, value, low, high) == (
        QAccessible.Role.ProgressBar,
        "Step 2 of 15",
        2.0,
        1.0,
        15.0,
    )
    name = QAccessible.queryAccessibleInterface(progress).text(QAccessible.Text.Name)
    assert name == "Step 2 of 15"


def test_the_pacer_reads_as_its_phase_and_the_seconds_left(qtbot: QtBot) -> None:
    from backcare_desktop.core.breath_timeline import BreathingTimeline
    from backcare_desktop.core.breathing import BreathingPattern
    from backcare_desktop.gui.widgets.breathing_pacer import BreathingPacer

    clock = FakeClock()
    pacer = BreathingPacer(clock)
    qtbot.addWidget(pacer)
    interface = QAccessible.queryAccessibleInterface(pacer)
    assert interface.role() == QAccessible.Role.Animation
    assert interface.text(QAccessible.Text.Value) == "Not running"
    assert interface.valueInterface() is None
    pattern = BreathingPattern("calm", "Calm", 4.0, 0.0, 6.0, 0.0)
    pacer.set_timeline(BreathingTimeline(pattern, clock.monotonic()))
    clock.advance(1.5)
    pacer.refresh()
    role, text, value, _low, high = reading(pacer)
    assert (role, text, value, high) == (
        QAccessible.Role.Animation,
        "Breathe in, 3 seconds left",
        3.0,
        4.0,
    )


def test_the_dilution_gauge_reads_as_the_chosen_strength(qtbot: QtBot) -> None:
    gauge = DilutionScale(load_theme("light"))
    qtbot.addWidget(gauge)
    gauge.set_state(1.0, 3.0, 2.5, False)
    role, text, value, _low, _high = reading(gauge)
    assert (role, text, value) == (QAccessible.Role.ProgressBar, "2.5 percent", 2.5)
    name = QAccessible.queryAccessibleInterface(gauge).text(QAccessible.Text.Name)
    assert name == "Safe range 1 to 3 percent; chosen 2.5 percent"


def test_a_field_label_is_the_fields_label_for_a_screen_reader(qtbot: QtBot) -> None:
    combo = QComboBox()
    combo.addItems(["Lavender", "Rosemary"])
    qtbot.addWidget(combo)
    label = field_label("Oil", combo)
    qtbot.addWidget(label)
    relations = QAccessible.queryAccessibleInterface(combo).relations()
    labels = [
        other.text(QAccessible.Text.Name)
        for other, kind in relations
        if kind & QAccessible.RelationFlag.Label
    ]
    assert labels == ["Oil"]


def test_a_caption_line_carries_the_caption_as_its_name(qtbot: QtBot) -> None:
    line = CaptionLine("secondary")
    qtbot.addWidget(line)
    interface = QAccessible.queryAccessibleInterface(line)
    assert interface.text(QAccessible.Text.Name) == "Sound captions"
    line.show_caption("Breathe in")
    assert interface.text(QAccessible.Text.Name) == "Breathe in"
    assert interface.text(QAccessible.Text.Description) == "Sound captions"


def test_a_session_announces_each_step_a_side_switch_and_pause_and_resume(
    make_window: MakeWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(
        "backcare_desktop.gui.session.player.announce", lambda _source, text: said.append(text)
    )
    window = make_window()
    routine = window.library.routine("daily_back_reset")
    window.begin_session(routine, None, None)
    assert window.focusWidget() is window.session.buttons["pause"]
    steps = routine.steps
    first = f"{steps[0].technique.name}, {spoken_duration(steps[0].seconds)}"
    assert said == [f"Step 1 of {len(steps)}: {first}"]
    sides = next(
        i
        for i in range(1, len(steps))
        if steps[i].side is not None and steps[i - 1].technique.id == steps[i].technique.id
    )
    while window.controller.machine is not None and window.controller.machine.index < sides:
        window.actions_by_name["skip"].trigger()
    assert said[-1].startswith(f"Switch sides. Step {sides + 1} of {len(steps)}")
    window.actions_by_name["pause"].trigger()
    window.actions_by_name["pause"].trigger()
    assert said[-2:] == ["Paused", "Continuing"]


def test_a_header_button_opens_its_page_when_a_screen_reader_toggles_it(
    make_window: MakeWindow,
) -> None:
    window = make_window()
    window.header.nav["guide"].toggle()  # what AT-SPI's "toggle" action does
    assert window.stack.currentWidget() is window.guide
    assert window.header.nav["guide"].isChecked()
    assert not window.header.nav["home"].isChecked()
    assert window.header.logo.accessibleName() == "Your routines"
