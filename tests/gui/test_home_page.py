"""Home: today at a glance, and a picture on every routine card, rendered once."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from backcare_desktop.core.journal import Streak, TodayGlance, WeekProgress
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.look.theme import load_theme
from backcare_desktop.gui.pages import routine_pictures
from backcare_desktop.gui.pages.home import HomePage
from backcare_desktop.gui.pages.routine_pictures import routine_picture_file

MONDAY = date(2026, 12, 7)


def home(qtbot: QtBot, library: Library) -> HomePage:
    page = HomePage()
    qtbot.addWidget(page)
    page.set_routines(list(library.routines))
    return page


def test_a_day_without_practice_says_not_yet_and_how_the_week_goes(
    qtbot: QtBot, library: Library
) -> None:
    page = home(qtbot, library)
    page.set_today(TodayGlance(False, Streak(4, (), False), WeekProgress(2, MONDAY)))
    assert page.today_line.text() == "Not yet today — a few minutes are plenty."
    assert page.streak_line.text() == "Kind streak: 4 days · 2 of 7 days this week"


def test_a_day_with_practice_says_so(qtbot: QtBot, library: Library) -> None:
    page = home(qtbot, library)
    page.set_today(TodayGlance(True, Streak(1, (), True), WeekProgress(1, MONDAY)))
    assert page.today_line.text() == "✓ You practised today. Lovely."
    assert page.streak_line.text() == "Kind streak: 1 day · 1 of 7 days this week"


def test_the_next_reminder_is_part_of_todays_glance(qtbot: QtBot, library: Library) -> None:
    page = home(qtbot, library)
    page.set_next_reminder("Next reminder: today 19:00")
    assert page.next_reminder.parent() is page.today_card


def test_each_card_shows_the_picture_of_its_first_massage_step(
    qtbot: QtBot, library: Library
) -> None:
    page = home(qtbot, library)
    assert all(card.picture.pixmap().isNull() for card in page.cards)  # not before first paint
    page.set_theme(load_theme("light"))
    page.draw_pictures()
    assert all(not card.picture.pixmap().isNull() for card in page.cards)
    daily = library.routine("daily_back_reset")
    first_massage = next(s for s in daily.steps if s.technique.family != "warm_up")
    assert routine_picture_file(daily) == first_massage.technique.illustration_file(None)
    roller = library.routine("foam_roller_upper_back")
    assert routine_picture_file(roller).startswith("roller_")  # its tool, not a stroke


def test_pictures_are_rendered_once_and_kept(qtbot: QtBot, library: Library) -> None:
    page = home(qtbot, library)
    page.set_theme(load_theme("dim"))
    page.draw_pictures()
    rendered = routine_pictures.rendered_count()
    page.set_routines(list(reversed(library.routines)))  # cards made anew
    page.set_theme(load_theme("dim"))
    assert routine_pictures.rendered_count() == rendered
    dim = page.cards[0].picture.pixmap().cacheKey()
    page.set_theme(load_theme("dark"))  # another theme: its own colours
    assert page.cards[0].picture.pixmap().cacheKey() != dim
