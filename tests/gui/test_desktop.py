"""The app's long-lived parts: started in the tray there is no window until one is needed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.reminders.scheduler import ReminderEvent, ReminderKind, ReminderRule
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.gui.shell.root import AppRoot
from backcare_desktop.paths import resolve_paths
from backcare_desktop.storage.store import PreferencesStore, shipped_defaults


@pytest.fixture
def desktop(
    qtbot: QtBot, isolated_home: Path, library: Library, clock: FakeClock
) -> Iterator[AppRoot]:
    paths = resolve_paths(isolated_home).ensure()
    prefs = shipped_defaults().with_changes(first_run_acknowledged=True)
    PreferencesStore.in_data_dir(paths).apply(lambda _old: prefs)
    made = AppRoot(paths, library, clock)
    yield made
    if made.has_window:
        made.window().keep_running_in_tray(False)
        made.window().close()
    made.reminders().close()
    made.deleteLater()


def main_windows() -> list[MainWindow]:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_started_in_the_tray_backcare_makes_no_window_and_no_sound_engine(
    desktop: AppRoot,
) -> None:
    before = len(main_windows())
    desktop.start_services()
    assert not desktop.has_window
    assert len(main_windows()) == before
    assert desktop.reminders().next_reminder_text() == ""  # nothing set: nothing promised


def test_start_now_on_a_reminder_opens_the_routine_in_a_window_made_for_it(
    desktop: AppRoot, qtbot: QtBot
) -> None:
    desktop.start_services()
    rule = ReminderRule("evening", time(19, 0), frozenset(range(7)), routine_id="desk_break")
    event = ReminderEvent(
        rule, ReminderKind.DUE, datetime(2026, 3, 2, 18, 0, tzinfo=UTC), "Time", "Ready"
    )
    desktop.reminders().answer(event, "start")
    assert desktop.has_window
    window = desktop.window()
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.prepare
    assert window.prepare.routine is not None and window.prepare.routine.id == "desk_break"


def test_the_window_made_later_gets_the_home_line_of_the_running_reminders(
    desktop: AppRoot, qtbot: QtBot
) -> None:
    desktop.start_services()
    window = desktop.window()
    qtbot.addWidget(window)
    desktop.reminders().nextReminderChanged.emit("Next reminder: Tue 19:00")
    assert window.home.next_reminder.text() == "Next reminder: Tue 19:00"


def test_opening_from_the_tray_shows_the_window_and_a_second_click_hides_it(
    desktop: AppRoot, qtbot: QtBot
) -> None:
    desktop.start_services()
    desktop.toggle_window()
    window = desktop.window()
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert window.isVisible()
    desktop.toggle_window()
    assert not window.isVisible()


def test_a_window_opened_from_the_tray_has_its_sound_engine(desktop: AppRoot, qtbot: QtBot) -> None:
    from backcare_desktop.app.sound.controller import SoundController

    desktop.start_services()
    window = desktop.window()
    qtbot.addWidget(window)
    assert len(window.findChildren(SoundController)) == 1


def test_a_paused_session_is_what_the_tray_offers_to_resume_and_resuming_returns_to_it(
    desktop: AppRoot, qtbot: QtBot
) -> None:
    window = desktop.window()
    qtbot.addWidget(window)
    assert not desktop.session_paused()
    window.open_prepare("desk_break")
    window.prepare.start_button.click()
    window.controller.pause()
    window.show_home()  # another page while it waits
    assert desktop.session_paused()
    desktop.resume_session()  # the tray's "Resume session"
    assert not desktop.session_paused() and window.controller.active
    assert window.stack.currentWidget() is window.session
    window.controller.stop()
