"""The reminder service on a FakeClock: timers, delivery, answers, fallbacks, holding, waking."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon, QToolButton
from pytestqt.qtbot import QtBot

from backcare_desktop.__main__ import main as backcare_main
from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.reminders.service import ReminderService
from backcare_desktop.app.reminders.timers import COARSE_CHECK_MS
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.reminders.answers import snooze_minutes
from backcare_desktop.core.reminders.scheduler import InMemoryReminderState, ReminderKind
from backcare_desktop.gui.reminders.banner import ReminderBanner
from backcare_desktop.gui.reminders.screen import ReminderScreen
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.gui.shell.root import show_reminders_in
from backcare_desktop.paths import resolve_paths
from backcare_desktop.services.desktop.notifications import REMINDER_ACTIONS, NullNotifier
from backcare_desktop.storage.store import PreferencesStore, shipped_defaults

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_1858 = datetime(2026, 1, 5, 18, 58, tzinfo=BERLIN)


class FakeNotifier:
    """Records each notification; `accept` False plays a desktop that refuses."""

    def __init__(self, accept: bool = True) -> None:
        self.accept = accept
        self.shown: list[tuple[str, str, tuple[tuple[str, str], ...], Callable[[str], None]]] = []
        self.withdrawn = 0

    def notify(
        self,
        title: str,
        body: str,
        actions: Sequence[tuple[str, str]],
        on_action: Callable[[str], None],
    ) -> bool:
        self.shown.append((title, body, tuple(actions), on_action))
        return self.accept

    def withdraw(self) -> None:
        self.withdrawn += 1

    def close(self) -> None:
        return None

    def press(self, key: str) -> None:
        self.shown[-1][3](key)


def rule(time: str = "19:00", days: Sequence[int] = range(7), **extra: Any) -> dict[str, Any]:
    return {"id": f"r{time.replace(':', '')}", "time": time, "weekdays": list(days), **extra}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_1858)


@pytest.fixture
def make_service(
    make_window: Callable[..., MainWindow], clock: FakeClock
) -> Callable[..., tuple[ReminderService, MainWindow, FakeNotifier]]:
    def make(
        reminders: Sequence[dict[str, Any]] = (rule(),),
        notifier: Any = None,
        start: bool = True,
        tray: Any = None,
        **options: Any,
    ) -> tuple[ReminderService, MainWindow, Any]:
        window = make_window(reminders=list(reminders))
        notifier = FakeNotifier() if notifier is None else notifier
        service = shown_in(
            window,
            lambda screen: ReminderService(
                window.preferences,
                InMemoryReminderState(),
                clock,
                zone=BERLIN,
                notifier=notifier,
                background=lambda job: job(),
                presenter=screen,
                parent=window,
                **options,
            ),
            tray,
        )
        if start:
            service.start()
        return service, window, notifier

    return make


def shown_in(
    window: MainWindow, make: Callable[[ReminderScreen], ReminderService], tray: Any = None
) -> ReminderService:
    """The service showing its reminders in `window` (and `tray`), wired as the app does."""
    screen = ReminderScreen(lambda: window, lambda: tray)
    service = make(screen)
    screen.setParent(service)
    screen.answered.connect(service.delivery.answer_in_window)
    if tray is not None:
        tray.icon.messageClicked.connect(service.delivery.bring_window_forward)
    show_reminders_in(window, service)
    return service


def banner_of(service: ReminderService) -> ReminderBanner | None:
    screen = service.findChild(ReminderScreen)
    return screen.banner if screen is not None else None


def fire_due_timer(service: ReminderService, clock: FakeClock) -> None:
    """What the armed timer would do: let its time pass, then fire."""
    assert service.due_timer.isActive() and service.next_wakeup is not None
    clock.advance(max(0.0, (service.next_wakeup - clock.now()).total_seconds()))
    service.due_timer.timeout.emit()


# -- arming ------------------------------------------------------------------------------------


def test_one_timer_is_armed_for_the_next_reminder(make_service: Callable[..., Any]) -> None:
    service, window, notifier = make_service()
    assert service.due_timer.isActive()
    assert service.due_timer.isSingleShot()
    assert 119_000 <= service.due_timer.remainingTime() <= 120_100
    assert notifier.shown == []
    assert service.next_reminder_text() == "Next reminder: today 19:00"
    assert window.home.next_reminder.text() == "Next reminder: today 19:00"


def test_nothing_fires_for_times_that_passed_before_the_reminder_existed(
    make_service: Callable[..., Any],
) -> None:
    service, _window, notifier = make_service([rule("18:30")])
    assert service.check_now() == []
    assert notifier.shown == []
    assert service.next_reminder_text() == "Next reminder: tomorrow 18:30"


def test_the_home_line_says_today_for_a_reminder_later_today(
    make_service: Callable[..., Any],
) -> None:
    service, window, _notifier = make_service([rule("19:30")])
    assert service.next_reminder_text() == "Next reminder: today 19:30"
    assert window.home.next_reminder.text() == "Next reminder: today 19:30"


def test_a_reminder_three_days_out_is_named_by_its_weekday(
    make_service: Callable[..., Any],
) -> None:
    service, _window, _notifier = make_service([rule("19:30", days=[3])])
    assert service.next_reminder_text() == "Next reminder: Thu 19:30"


def test_tomorrow_turns_into_today_on_the_first_check_after_midnight(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, window, _notifier = make_service([rule("07:30")])
    assert service.next_reminder_text() == "Next reminder: tomorrow 07:30"
    clock.advance((datetime(2026, 1, 6, 0, 1, tzinfo=BERLIN) - clock.now()).total_seconds())
    service.coarse_timer.timeout.emit()
    assert service.next_reminder_text() == "Next reminder: today 07:30"
    assert window.home.next_reminder.text() == "Next reminder: today 07:30"


def test_idle_timers_are_never_shorter_than_thirty_seconds(
    make_service: Callable[..., Any],
) -> None:
    rules = [rule(time) for time in ("07:00", "12:30", "17:45", "21:00", "22:15")]
    service, _window, _notifier = make_service(rules)
    active = [timer for timer in service.findChildren(QTimer) if timer.isActive()]
    assert service.coarse_timer.interval() == COARSE_CHECK_MS >= 30_000
    assert all(timer.remainingTime() >= 30_000 for timer in active)
    assert {service.due_timer, service.coarse_timer} <= set(active)


def test_without_reminders_no_timer_runs(make_service: Callable[..., Any]) -> None:
    service, window, _notifier = make_service([])
    assert [timer for timer in service.findChildren(QTimer) if timer.isActive()] == []
    assert service.next_reminder_text() == ""
    assert not window.home.next_reminder.isVisible()


# -- delivery and answers ----------------------------------------------------------------------


def test_a_due_reminder_arrives_as_a_notification_with_three_actions(
    make_service: Callable[..., Any], clock: FakeClock, qtbot: QtBot
) -> None:
    service, _window, notifier = make_service()
    with qtbot.waitSignal(service.delivery.shown) as shown:
        fire_due_timer(service, clock)
    [(title, body, actions, _callback)] = notifier.shown
    assert title == "Time for your 19:00 routine"
    assert "Start now" in body
    assert [key for key, _text in actions] == ["start", "snooze", "skip"]
    assert actions == REMINDER_ACTIONS
    assert shown.args[0].how == "notification"
    assert service.next_reminder_text() == "Next reminder: tomorrow 19:00"


def test_start_now_opens_the_routines_prepare_screen(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, window, notifier = make_service([rule(routine_id="desk_break")])
    fire_due_timer(service, clock)
    notifier.press("start")
    assert window.stack.currentWidget() is window.prepare
    assert window.prepare.routine is not None and window.prepare.routine.id == "desk_break"


def test_start_now_without_a_routine_opens_the_default_routine(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, window, notifier = make_service()
    fire_due_timer(service, clock)
    notifier.press("start")
    assert window.prepare.routine is not None
    assert window.prepare.routine.id == window.preferences.value.default_routine


def test_snooze_offers_the_reminder_again_in_ten_minutes(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, _window, notifier = make_service()
    fire_due_timer(service, clock)
    notifier.press("snooze")
    assert service.next_reminder_text() == "Next reminder: today 19:10"
    assert 599_000 <= service.due_timer.remainingTime() <= 600_100
    fire_due_timer(service, clock)
    assert len(notifier.shown) == 2
    assert notifier.shown[1][0] == "Your 19:00 routine is ready"


def test_skip_today_lets_the_reminder_rest_until_tomorrow(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, _window, notifier = make_service()
    fire_due_timer(service, clock)
    notifier.press("snooze")
    notifier.press("skip")
    assert service.next_reminder_text() == "Next reminder: tomorrow 19:00"
    clock.advance(15 * 60)
    assert service.check_now() == []


def test_without_a_notification_server_the_window_comes_forward_with_a_banner(
    make_service: Callable[..., Any], clock: FakeClock, qtbot: QtBot
) -> None:
    service, window, _notifier = make_service(notifier=NullNotifier("no server in this test"))
    window.showMinimized()
    with qtbot.waitSignal(service.delivery.shown) as shown:
        fire_due_timer(service, clock)
    banner = banner_of(service)
    assert shown.args[0].how == "banner"
    assert banner is not None and banner.isVisible()
    assert banner.title.text() == "Time for your 19:00 routine"
    assert not window.isMinimized()
    banner.buttons["start"].click()
    assert not banner.isVisible()
    assert window.stack.currentWidget() is window.prepare


def test_a_refused_notification_falls_back_to_the_banner(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, _window, notifier = make_service(notifier=FakeNotifier(accept=False))
    fire_due_timer(service, clock)
    assert len(notifier.shown) == 1
    banner = banner_of(service)
    assert banner is not None and banner.isVisible()
    banner.buttons["skip"].click()
    assert service.next_reminder_text() == "Next reminder: tomorrow 19:00"


class FakeTrayIcon(QObject):
    messageClicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str]] = []

    def isVisible(self) -> bool:
        return True

    def supportsMessages(self) -> bool:
        return True

    def showMessage(self, title: str, body: str, *_rest: object) -> None:
        self.messages.append((title, body))


class FakeTray:
    def __init__(self) -> None:
        self.icon = FakeTrayIcon()

    def show_message(self, title: str, body: str) -> bool:
        self.icon.showMessage(title, body)
        return True


def test_with_a_tray_the_tray_message_is_shown_and_the_banner_waits(
    make_service: Callable[..., Any], clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    tray = FakeTray()
    service, window, _notifier = make_service(
        notifier=NullNotifier("no server in this test"), tray=tray
    )
    window.hide()
    fire_due_timer(service, clock)
    assert tray.icon.messages == [("Time for your 19:00 routine", tray.icon.messages[0][1])]
    assert not window.isVisible(), "a tray message does not push the window forward"
    tray.icon.messageClicked.emit()
    assert window.isVisible()
    banner = banner_of(service)
    assert banner is not None and banner.isVisible()


def test_answering_in_the_window_takes_the_notification_away(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, _window, notifier = make_service()
    fire_due_timer(service, clock)
    notifier.press("default")  # the notification's body was clicked
    banner = banner_of(service)
    assert banner is not None and banner.isVisible()
    banner.buttons["snooze"].click()
    assert notifier.withdrawn == 1
    assert service.next_reminder_text() == "Next reminder: today 19:10"


# -- snoozing 5, 10 or 30 minutes from the banner ------------------------------------------------


def test_the_banner_offers_snooze_for_5_10_or_30_minutes(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, _window, _notifier = make_service(notifier=FakeNotifier(accept=False))
    fire_due_timer(service, clock)
    banner = banner_of(service)
    assert banner is not None and banner.isVisible()
    snooze = banner.buttons["snooze"]
    assert isinstance(snooze, QToolButton)
    assert snooze.text() == "Snooze 10 min"
    assert snooze.popupMode() == QToolButton.ToolButtonPopupMode.MenuButtonPopup
    assert "5 or 30 minutes" in snooze.toolTip()
    assert [action.text() for action in snooze.menu().actions()] == [
        "5 minutes",
        "10 minutes",
        "30 minutes",
    ]
    assert sorted(banner.snooze_actions) == [5, 10, 30]
    assert [banner.buttons[key].text() for key in ("start", "skip")] == ["Start now", "Skip today"]


@pytest.mark.parametrize(("minutes", "again"), [(5, "19:05"), (10, "19:10"), (30, "19:30")])
def test_a_snooze_chosen_in_the_banner_offers_the_reminder_again_after_those_minutes(
    make_service: Callable[..., Any], clock: FakeClock, minutes: int, again: str
) -> None:
    service, _window, notifier = make_service(notifier=FakeNotifier(accept=False))
    fire_due_timer(service, clock)
    banner = banner_of(service)
    assert banner is not None
    banner.snooze_actions[minutes].trigger()
    assert not banner.isVisible()
    assert service.next_reminder_text() == f"Next reminder: today {again}"
    wait_ms = minutes * 60_000
    assert wait_ms - 1_000 <= service.due_timer.remainingTime() <= wait_ms + 100
    clock.advance(minutes * 60 - 1)
    assert service.check_now() == []
    assert len(notifier.shown) == 1 and not banner.isVisible()
    fire_due_timer(service, clock)
    assert [shown[0] for shown in notifier.shown] == [
        "Time for your 19:00 routine",
        "Your 19:00 routine is ready",
    ]
    assert banner.isVisible()


def test_the_notification_keeps_exactly_its_three_actions_after_a_longer_snooze(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, _window, notifier = make_service()
    fire_due_timer(service, clock)
    notifier.press("default")  # the notification's body was clicked: the banner opens
    banner = banner_of(service)
    assert banner is not None
    banner.snooze_actions[30].trigger()
    fire_due_timer(service, clock)
    expected = (("start", "Start now"), ("snooze", "Snooze 10 min"), ("skip", "Skip today"))
    assert [shown[2] for shown in notifier.shown] == [expected, expected]


def test_the_snooze_choices_are_reachable_from_the_keyboard(
    make_service: Callable[..., Any],
    clock: FakeClock,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    service, _window, _notifier = make_service(notifier=FakeNotifier(accept=False))
    fire_due_timer(service, clock)
    banner = banner_of(service)
    assert banner is not None
    snooze = banner.buttons["snooze"]
    assert isinstance(snooze, QToolButton)
    opened: list[bool] = []
    monkeypatch.setattr(snooze, "showMenu", lambda: opened.append(True))
    banner.buttons["start"].setFocus()
    qtbot.keyClick(banner.buttons["start"], Qt.Key.Key_Tab)
    assert snooze.hasFocus()
    qtbot.keyClick(snooze, Qt.Key.Key_Down)
    assert opened == [True]
    assert banner.isVisible(), "opening the choices is not yet an answer"


def test_snooze_answers_are_read_as_minutes() -> None:
    assert [snooze_minutes(key) for key in ("snooze", "snooze-5", "snooze-10", "snooze-30")] == [
        10,
        5,
        10,
        30,
    ]
    assert [snooze_minutes(key) for key in ("snooze-7", "snooze-", "start", "default")] == [
        None
    ] * 4


def test_an_unknown_answer_shows_the_reminder_in_the_window_and_is_logged(
    make_service: Callable[..., Any], clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    service, _window, notifier = make_service()
    fire_due_timer(service, clock)
    with caplog.at_level(logging.WARNING, logger="backcare_desktop.app.reminders.service"):
        notifier.press("snooze-7")
    banner = banner_of(service)
    assert banner is not None and banner.isVisible()
    assert "unknown answer 'snooze-7'" in caplog.text
    assert service.next_reminder_text() == "Next reminder: tomorrow 19:00"


# -- do not disturb ----------------------------------------------------------------------------


def test_a_reminder_waits_while_busy_and_comes_when_that_ends(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    busy = [True]
    service, _window, notifier = make_service(busy=lambda: busy[0])
    fire_due_timer(service, clock)
    assert notifier.shown == []
    assert [event.kind for event in service.held] == [ReminderKind.DUE]
    assert service.coarse_timer.isActive()
    clock.advance(20 * 60)
    service.coarse_timer.timeout.emit()
    assert notifier.shown == []
    busy[0] = False
    clock.advance(60)
    service.coarse_timer.timeout.emit()
    assert [shown[0] for shown in notifier.shown] == ["Time for your 19:00 routine"]
    assert service.held == []


def test_a_held_reminder_older_than_the_grace_window_is_let_go(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    busy = [True]
    service, _window, notifier = make_service(busy=lambda: busy[0])
    fire_due_timer(service, clock)
    clock.advance(3 * 60 * 60)
    busy[0] = False
    service.coarse_timer.timeout.emit()
    assert notifier.shown == []
    assert service.held == []


def test_a_running_routine_holds_the_reminder_and_stopping_it_releases_it(
    make_service: Callable[..., Any], clock: FakeClock, qtbot: QtBot
) -> None:
    service, window, notifier = make_service()
    window.open_prepare("desk_break")
    window.prepare.start_button.click()
    assert window.controller.active
    fire_due_timer(service, clock)
    assert notifier.shown == [] and len(service.held) == 1
    window.controller.stop()
    qtbot.waitUntil(lambda: len(notifier.shown) == 1)


def test_the_desktops_do_not_disturb_holds_the_reminder_until_it_is_off(
    make_service: Callable[..., Any], clock: FakeClock, qtbot: QtBot
) -> None:
    quiet = [True]
    service, _window, notifier = make_service(do_not_disturb=lambda: quiet[0])
    with qtbot.waitSignal(service.reminderHeld):
        fire_due_timer(service, clock)
    assert notifier.shown == []
    quiet[0] = False
    clock.advance(60)
    service.coarse_timer.timeout.emit()
    assert len(notifier.shown) == 1


# -- sleep, clock jumps, time zones -----------------------------------------------------------


def test_waking_from_sleep_offers_the_missed_reminder_once(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, _window, notifier = make_service()
    service.sleep_changed(True)
    clock.jump_wall(timedelta(minutes=50))  # asleep: the monotonic clock stood still
    service.sleep_changed(False)
    assert [shown[0] for shown in notifier.shown] == ["You missed your 19:00 routine"]
    service.sleep_changed(False)
    assert len(notifier.shown) == 1


def test_the_coarse_timer_notices_a_clock_jump(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, _window, notifier = make_service()
    clock.jump_wall(timedelta(minutes=30))
    service.coarse_timer.timeout.emit()
    assert [shown[0] for shown in notifier.shown] == ["You missed your 19:00 routine"]


def test_a_clock_set_back_never_repeats_a_reminder(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, _window, notifier = make_service()
    fire_due_timer(service, clock)
    clock.jump_wall(timedelta(minutes=-5))
    service.coarse_timer.timeout.emit()
    clock.advance(5 * 60)
    service.coarse_timer.timeout.emit()
    service.due_timer.timeout.emit()
    assert len(notifier.shown) == 1
    assert service.next_reminder_text() == "Next reminder: tomorrow 19:00"


# -- pause and settings ------------------------------------------------------------------------


def test_pause_until_tomorrow_and_resume(
    make_service: Callable[..., Any], clock: FakeClock, qtbot: QtBot
) -> None:
    service, window, notifier = make_service()
    with qtbot.waitSignal(service.pausedChanged) as paused:
        service.pause_until_tomorrow()
    assert paused.args[0] == datetime(2026, 1, 6, 0, 0, tzinfo=BERLIN)
    assert service.next_reminder_text() == ""
    assert not window.home.next_reminder.isVisible()
    clock.advance(5 * 60)
    assert service.check_now() == []
    service.resume()
    assert service.paused_until() is None
    assert service.next_reminder_text() == "Next reminder: tomorrow 19:00"
    assert notifier.shown == []


def test_edited_reminders_are_followed_at_once(make_service: Callable[..., Any]) -> None:
    service, window, _notifier = make_service()
    window.preferences.update(reminders=[rule("19:00"), rule("18:59")])
    assert service.next_reminder_text() == "Next reminder: today 18:59"
    assert 59_000 <= service.due_timer.remainingTime() <= 60_100


def test_a_change_made_by_backcare_remind_reaches_the_running_service(
    make_window: Callable[..., MainWindow], clock: FakeClock, tmp_path: Path, qtbot: QtBot
) -> None:
    paths = resolve_paths(tmp_path).ensure()
    store = PreferencesStore.in_data_dir(paths)
    store.apply(lambda _old: shipped_defaults().with_changes(reminders=[rule("20:00")]))
    preferences = PreferencesModel(store.load()[0], store)
    service = ReminderService(
        preferences,
        InMemoryReminderState(),
        clock,
        zone=BERLIN,
        notifier=FakeNotifier(),
        preferences_file=store,
    )
    service.start()
    assert service.next_reminder_text() == "Next reminder: today 20:00"
    assert backcare_main(["remind", "add", "18:59", "--home", str(tmp_path)]) == 0
    qtbot.waitUntil(lambda: service.next_reminder_text() == "Next reminder: today 18:59")
    assert len(preferences.value.reminders) == 2
    service.close()


def test_with_no_desktop_the_service_connects_in_the_background_and_uses_the_banner(
    make_window: Callable[..., MainWindow],
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-session-bus'}")
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path / 'no-system-bus'}")
    window = make_window(reminders=[rule("18:58")])
    state = InMemoryReminderState()
    state.set("r1858", datetime(2026, 1, 4, 18, 58, tzinfo=BERLIN))  # fired yesterday
    service = shown_in(
        window,
        lambda screen: ReminderService(
            window.preferences, state, clock, zone=BERLIN, presenter=screen, parent=window
        ),
    )
    with qtbot.waitSignal(service.delivery.connected, timeout=10_000):
        service.start()  # due right now; the notifier is still being connected
    qtbot.waitUntil(lambda: banner_of(service) is not None)
    banner = banner_of(service)
    assert banner is not None and banner.isVisible()
    assert isinstance(service.delivery.notifier, NullNotifier)
    assert banner.title.text() == "Time for your 18:58 routine"
    service.close()


def test_the_due_timer_is_precise_and_the_wall_clock_check_is_coarse(
    make_service: Callable[..., Any],
) -> None:
    from PySide6.QtCore import Qt

    service, _window, _notifier = make_service()
    assert service.due_timer.timerType() == Qt.TimerType.PreciseTimer
    assert service.coarse_timer.timerType() == Qt.TimerType.VeryCoarseTimer


# -- the tray's answers ------------------------------------------------------------------------


def test_a_reminder_waiting_for_an_answer_can_be_snoozed_30_minutes_from_the_tray(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.gui.shell.tray import Tray
    from backcare_desktop.resources import assets_dir

    service, _window, notifier = make_service()
    tray = Tray(
        load_library(assets_dir()),
        show_window=lambda: None,
        toggle_window=lambda: None,
        quit_app=lambda: None,
        pending_reminder=lambda: getattr(service.pending(), "title", ""),
        answer_reminder=service.answer_pending,
    )
    fire_due_timer(service, clock)
    tray.rebuild_menu()
    waiting = [a for a in tray.menu.actions() if a.menu() is not None][-1]
    assert waiting.text() == notifier.shown[0][0]
    answers = {a.text(): a for a in waiting.menu().actions()}
    assert list(answers) == [
        "Start now",
        "Snooze 5 min",
        "Snooze 10 min",
        "Snooze 30 min",
        "Skip today",
    ]
    answers["Snooze 30 min"].trigger()
    assert service.next_reminder_text() == "Next reminder: today 19:30"
    assert service.pending() is None
    tray.rebuild_menu()
    assert [a for a in tray.menu.actions() if a.menu() is not None] == tray.menu.actions()[:1]


def test_a_waiting_reminder_leaves_the_tray_once_its_grace_window_has_passed(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, _window, _notifier = make_service()
    fire_due_timer(service, clock)
    assert service.pending() is not None
    clock.advance(2 * 3600 + 60)
    assert service.pending() is None


def test_clicking_the_notification_itself_keeps_the_reminder_waiting_in_the_tray(
    make_service: Callable[..., Any], clock: FakeClock
) -> None:
    service, _window, notifier = make_service()
    fire_due_timer(service, clock)
    notifier.press("default")  # the person clicked the notification, not one of its actions
    waiting = service.pending()
    assert waiting is not None and waiting.title == notifier.shown[0][0]
