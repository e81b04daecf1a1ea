"""A start paints Home before making the routine cards below the fold: every card a person
could see in the first frame is there, and the rest follow right after that paint, in order,
with their marks and in the Tab order, as if they had all been made at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.session_controller import SessionController
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.look.theme import load_theme
from backcare_desktop.gui.pages.home import HomePage
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.storage.store import shipped_defaults


def _tab_stops_after(first: QWidget, count: int) -> list[QWidget]:
    """The next `count` widgets Tab reaches after `first`, in the window's focus chain."""
    stops: list[QWidget] = []
    widget = first.nextInFocusChain()
    while len(stops) < count and widget is not None and widget is not first:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def _home_before_paint(qtbot: QtBot, window_height: int) -> HomePage:
    page = HomePage()
    qtbot.addWidget(page)
    page.build_cards_after_paint(window_height)
    return page


def test_cards_below_the_fold_wait_for_the_first_paint_then_join_in_order(
    qtbot: QtBot, library: Library
) -> None:
    page = _home_before_paint(qtbot, 780)
    routines = list(library.routines)
    page.set_routines(routines, favourites={routines[-1].id}, own=set())
    waiting = len(routines) - len(page.cards)
    assert 0 < waiting < len(routines)

    page.set_theme(load_theme("light"))
    page.draw_pictures()  # what the window calls right after its first paint

    assert [c.routine.id for c in page.cards] == [r.id for r in routines]
    assert page.cards[-1].star_button.isChecked()  # a mark given before it was made
    assert all(not c.picture.pixmap().isNull() for c in page.cards)
    buttons = [b for c in page.cards for b in (c.star_button, c.more_button, c.start_button)]
    assert _tab_stops_after(page.compose_button, len(buttons) + 1) == [*buttons, page.new_button]


def test_marks_and_lengths_given_before_the_paint_reach_the_waiting_cards(
    qtbot: QtBot, library: Library
) -> None:
    page = _home_before_paint(qtbot, 780)
    routines = list(library.routines)
    page.set_routines(routines)
    made = list(page.cards)
    page.set_routines(routines, favourites={routines[-1].id}, own={routines[0].id})

    page.draw_pictures()

    assert page.cards[: len(made)] == made  # the same cards: marks, not a rebuild
    assert page.cards[-1].star_button.isChecked()
    assert page.cards[0].own


@pytest.mark.parametrize("text_scale", [100, 150, 200])
def test_a_start_shows_every_card_the_first_frame_can_hold(
    qtbot: QtBot, library: Library, clock: FakeClock, text_scale: int
) -> None:
    prefs = shipped_defaults().with_changes(first_run_acknowledged=True, text_scale=text_scale)
    window = MainWindow(
        library, PreferencesModel(prefs), SessionController(clock), cards_after_paint=True
    )
    qtbot.addWidget(window)
    made_before_paint = len(window.home.cards)
    assert made_before_paint < len(library.routines)

    window.show()
    qtbot.waitUntil(lambda: len(window.home.cards) == len(library.routines))
    # Laid out: every card at least as tall as it asks to be (a fresh one is not yet).
    qtbot.waitUntil(
        lambda: all(c.height() >= c.minimumSizeHint().height() for c in window.home.cards)
    )

    # The last row made before the paint reaches the bottom of what the window shows, so
    # the rows made after it were out of sight in the first frame.
    viewport = window.home.viewport()
    last_made = window.home.cards[made_before_paint - 1]
    assert last_made.mapTo(viewport, last_made.rect().bottomLeft()).y() >= viewport.height()


def test_without_being_asked_the_window_makes_every_card_at_once(
    qtbot: QtBot, library: Library, clock: FakeClock
) -> None:
    prefs = shipped_defaults().with_changes(first_run_acknowledged=True)
    window = MainWindow(library, PreferencesModel(prefs), SessionController(clock))
    qtbot.addWidget(window)
    assert len(window.home.cards) == len(library.routines)
