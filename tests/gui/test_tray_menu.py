"""The tray menu: icons in the theme's colours, the next reminder, and "Resume session" while
a session is paused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from backcare_desktop.core.routine import Library
from backcare_desktop.gui.look.theme import Theme, load_theme
from backcare_desktop.gui.shell.tray import Tray


@pytest.fixture(autouse=True)
def application(qapp: QApplication) -> QApplication:
    """The tray's icons are pixmaps: they need the application first."""
    return qapp


def make_tray(
    library: Library,
    *,
    paused: Callable[[], bool] = lambda: False,
    resume: Callable[[], None] = lambda: None,
    next_reminder: str = "Next reminder: today 19:30",
    theme: Callable[[], Theme] = lambda: load_theme("light"),
) -> Tray:
    return Tray(
        library,
        show_window=lambda: None,
        toggle_window=lambda: None,
        quit_app=lambda: None,
        next_reminder_text=lambda: next_reminder,
        session_paused=paused,
        resume_session=resume,
        theme=theme,
    )


def opened(tray: Tray) -> dict[str, QAction]:
    """The menu as it is when the person opens it, by entry text."""
    tray.menu.aboutToShow.emit()
    return {action.text(): action for action in tray.menu.actions() if action.text()}


def test_every_entry_of_the_opened_menu_has_an_icon(library: Library) -> None:
    entries = opened(make_tray(library))
    assert {"Start routine", "Show BackCare", "Next reminder: today 19:30", "Quit"} <= set(entries)
    assert all(not action.icon().isNull() for action in entries.values())


def test_the_next_reminder_is_shown_and_cannot_be_clicked(library: Library) -> None:
    entries = opened(make_tray(library))
    assert not entries["Next reminder: today 19:30"].isEnabled()
    assert not opened(make_tray(library, next_reminder=""))["No reminder set"].isEnabled()


def test_resume_session_is_offered_only_while_a_session_is_paused(library: Library) -> None:
    paused = [False]
    resumed: list[bool] = []
    tray = make_tray(library, paused=lambda: paused[0], resume=lambda: resumed.append(True))
    assert "Resume session" not in opened(tray)
    paused[0] = True
    entries = opened(tray)
    assert next(iter(entries)) == "Resume session"
    entries["Resume session"].trigger()
    assert resumed == [True]


def test_the_menu_follows_the_theme_when_it_opens(library: Library) -> None:
    themes = [load_theme("light")]
    tray = make_tray(library, theme=lambda: themes[-1])
    light = opened(tray)["Quit"].icon().pixmap(24).toImage()
    themes.append(load_theme("dim"))
    dim = opened(tray)["Quit"].icon().pixmap(24).toImage()
    assert light != dim
