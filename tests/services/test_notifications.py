"""Notifications on a real D-Bus session bus, with a small Notifications server in the test.

The bus is a private dbus-daemon with no service activation, so the machine's own
notification daemon (dunst, GNOME Shell...) can never answer in place of the fake one.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from desktop_rig import start_session_bus
from jeepney import (
    DBusAddress,
    HeaderFields,
    MatchRule,
    Message,
    MessageType,
    new_error,
    new_method_return,
    new_signal,
)
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from backcare_desktop.services.desktop.bus import Bus, NullBus, open_bus
from backcare_desktop.services.desktop.do_not_disturb import desktop_do_not_disturb
from backcare_desktop.services.desktop.notifications import (
    REMINDER_ACTIONS,
    DBusNotifier,
    NullNotifier,
    create_notifier,
)
from backcare_desktop.services.desktop.screen_lock import ScreenLockWatch
from backcare_desktop.services.desktop.sleep_watch import (
    LogindSleepWatch,
    NullSleepWatch,
    watch_sleep,
)

WAIT_S = 5.0
EMITTER = DBusAddress("/org/freedesktop/Notifications", interface="org.freedesktop.Notifications")


@pytest.fixture
def bus_address() -> Iterator[str]:
    """A private session bus; skips (saying why) when dbus-daemon is not installed."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        print("dbus-daemon is not installed (Debian: apt install dbus-daemon)")
        pytest.skip("dbus-daemon is not installed (Debian: apt install dbus-daemon)")
    # A short folder: a unix socket path must stay under 108 bytes.
    folder = Path(tempfile.mkdtemp(prefix="bc-bus-"))
    address, pid = start_session_bus(folder, daemon)
    try:
        yield address
    finally:
        os.kill(pid, signal.SIGTERM)
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class FakeNotificationServer:
    """Answers the Notifications API like a desktop would, and records every Notify call.

    After a Notify it presses the button `press` (if set), as a person would.
    """

    address: str
    capabilities: list[str] = field(default_factory=lambda: ["actions", "body"])
    press: str | None = "start"
    paused: bool | None = None  # dunst's do-not-disturb, as its `paused` property says
    notify_calls: list[tuple[Any, ...]] = field(default_factory=list)
    closed_ids: list[int] = field(default_factory=list)
    next_id: int = 41

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> FakeNotificationServer:
        self._thread.start()
        assert self._ready.wait(WAIT_S), "the fake notification server did not start"
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(WAIT_S)

    def _serve(self) -> None:
        with open_dbus_connection(bus=self.address) as connection:
            connection.send_and_get_reply(
                message_bus.RequestName("org.freedesktop.Notifications"), timeout=WAIT_S
            )
            self._ready.set()
            while not self._stop.is_set():
                try:
                    message = connection.receive(timeout=0.05)
                except TimeoutError:
                    continue
                if message.header.message_type is MessageType.method_call:
                    for reply in self._answer(message):
                        connection.send(reply)

    def _answer(self, call: Any) -> list[Any]:
        method = call.header.fields[HeaderFields.member]
        if method == "Get":  # org.freedesktop.DBus.Properties: only dunst's `paused` is known
            if self.paused is not None and tuple(call.body) == ("org.dunstproject.cmd0", "paused"):
                return [new_method_return(call, "v", (("b", self.paused),))]
            return [new_error(call, "org.freedesktop.DBus.Error.UnknownProperty")]
        if method == "GetServerInformation":
            return [new_method_return(call, "ssss", ("FakeNotifyd", "tests", "1.0", "1.2"))]
        if method == "GetCapabilities":
            return [new_method_return(call, "as", (self.capabilities,))]
        if method == "CloseNotification":
            self.closed_ids.append(call.body[0])
            closed = new_signal(EMITTER, "NotificationClosed", "uu", (call.body[0], 3))
            return [new_method_return(call), closed]
        if method == "Notify":
            self.notify_calls.append(call.body)
            replaces = call.body[1]
            if not replaces:
                self.next_id += 1
            shown = replaces or self.next_id
            answers = [new_method_return(call, "u", (shown,))]
            if self.press is not None:
                answers.append(new_signal(EMITTER, "ActionInvoked", "us", (shown, self.press)))
            return answers
        return []


class Pressed:
    """Collects the action keys a notification reports, thread-safely."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.arrived = threading.Event()

    def __call__(self, key: str) -> None:
        self.keys.append(key)
        self.arrived.set()


@pytest.fixture
def session_bus(bus_address: str) -> Iterator[Bus]:
    """One connection shared by everything a test makes, as the app shares one."""
    bus = open_bus(bus_address)
    yield bus
    bus.close()


@pytest.fixture
def notifier_on(session_bus: Bus) -> Iterator[Callable[..., Any]]:
    made: list[Any] = []

    def make(**options: Any) -> Any:
        notifier = create_notifier(session_bus, app_icon="/tmp/backcare.svg", **options)
        made.append(notifier)
        return notifier

    yield make
    for notifier in made:
        notifier.close()


def test_a_reminder_arrives_with_its_three_buttons_and_start_comes_back(
    bus_address: str, notifier_on: Callable[..., Any]
) -> None:
    with FakeNotificationServer(bus_address) as server:
        notifier = notifier_on()
        assert isinstance(notifier, DBusNotifier)
        assert notifier.server == "FakeNotifyd tests 1.0"
        pressed = Pressed()
        assert notifier.notify(
            "Time for your 19:00 routine", "Start now?", REMINDER_ACTIONS, pressed
        )
        assert pressed.arrived.wait(WAIT_S)
    assert pressed.keys == ["start"]
    [call] = server.notify_calls
    app_name, replaces, icon, title, body, actions, hints, timeout = call
    assert (app_name, replaces, icon) == ("BackCare Desktop", 0, "/tmp/backcare.svg")
    assert (title, body) == ("Time for your 19:00 routine", "Start now?")
    assert actions == ["start", "Start now", "snooze", "Snooze 10 min", "skip", "Skip today"]
    assert hints["urgency"] == ("y", 1)
    assert timeout == 0


def test_the_button_press_goes_through_the_deliver_function(
    bus_address: str, notifier_on: Callable[..., Any]
) -> None:
    handed_over: list[Callable[[], None]] = []
    arrived = threading.Event()

    def deliver(call: Callable[[], None]) -> None:
        handed_over.append(call)
        arrived.set()

    pressed = Pressed()
    with FakeNotificationServer(bus_address, press="snooze"):
        notifier = notifier_on(deliver=deliver)
        assert notifier.notify("t", "b", REMINDER_ACTIONS, pressed)
        assert arrived.wait(WAIT_S)
    assert pressed.keys == []
    handed_over[0]()
    assert pressed.keys == ["snooze"]


def test_a_new_reminder_replaces_the_one_still_on_screen(
    bus_address: str, notifier_on: Callable[..., Any]
) -> None:
    with FakeNotificationServer(bus_address, press=None) as server:
        notifier = notifier_on()
        assert notifier.notify("first", "", REMINDER_ACTIONS, Pressed())
        assert notifier.notify("second", "", REMINDER_ACTIONS, Pressed())
    first_id = server.next_id
    assert [call[1] for call in server.notify_calls] == [0, first_id]


def test_the_body_is_escaped_for_servers_that_read_markup(
    bus_address: str, notifier_on: Callable[..., Any]
) -> None:
    with FakeNotificationServer(bus_address, ["actions", "body-markup"], press=None) as server:
        notifier = notifier_on()
        assert notifier.notify(
            "Back & shoulders", "Neck & <b>back</b>", REMINDER_ACTIONS, Pressed()
        )
    assert server.notify_calls[0][3:5] == ("Back & shoulders", "Neck &amp; &lt;b&gt;back&lt;/b&gt;")


def test_withdraw_takes_the_notification_off_the_screen(
    bus_address: str, notifier_on: Callable[..., Any]
) -> None:
    with FakeNotificationServer(bus_address, press=None) as server:
        notifier = notifier_on()
        assert notifier.notify("t", "b", REMINDER_ACTIONS, Pressed())
        notifier.withdraw()
        assert notifier.notify("again", "b", REMINDER_ACTIONS, Pressed())
    assert server.closed_ids == [42]
    assert server.notify_calls[1][1] == 0


def test_a_failing_callback_does_not_stop_later_buttons(
    bus_address: str, notifier_on: Callable[..., Any]
) -> None:
    failed = threading.Event()

    def broken(_key: str) -> None:
        failed.set()
        raise RuntimeError("a bug in a button handler")

    pressed = Pressed()
    with FakeNotificationServer(bus_address) as server:
        notifier = notifier_on()
        assert notifier.notify("t", "b", REMINDER_ACTIONS, broken)
        assert failed.wait(WAIT_S)
        server.press = "skip"
        assert notifier.notify("t", "b", REMINDER_ACTIONS, pressed)
        assert pressed.arrived.wait(WAIT_S)
    assert pressed.keys == ["skip"]


def test_a_server_without_buttons_falls_back_with_a_reason(
    bus_address: str, notifier_on: Callable[..., Any]
) -> None:
    with FakeNotificationServer(bus_address, capabilities=["body"]):
        notifier = notifier_on()
        assert isinstance(notifier, NullNotifier)
        assert "cannot show buttons" in notifier.reason
        assert isinstance(notifier_on(require_actions=False), DBusNotifier)


def test_a_bus_without_a_notification_server_gives_the_null_notifier(
    notifier_on: Callable[..., Any],
) -> None:
    notifier = notifier_on()
    assert isinstance(notifier, NullNotifier)
    assert "no notification server answered" in notifier.reason
    assert notifier.notify("t", "b", REMINDER_ACTIONS, Pressed()) is False


def test_no_session_bus_gives_the_null_notifier(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    notifier = create_notifier(open_bus())
    assert isinstance(notifier, NullNotifier)
    assert "no D-Bus session bus" in notifier.reason


def test_notify_never_raises_when_the_server_goes_away(
    bus_address: str, notifier_on: Callable[..., Any]
) -> None:
    with FakeNotificationServer(bus_address, press=None):
        notifier = notifier_on()
    assert notifier.notify("t", "b", REMINDER_ACTIONS, Pressed()) is False


def test_a_closed_notifier_declines_politely(
    bus_address: str, notifier_on: Callable[..., Any]
) -> None:
    with FakeNotificationServer(bus_address, press=None):
        notifier = notifier_on()
        notifier.close()
        notifier.close()
        assert notifier.notify("t", "b", REMINDER_ACTIONS, Pressed()) is False


def connections_on(address: str) -> int:
    """How many clients are connected to the bus, this question's own connection included."""
    with open_dbus_connection(bus=address) as connection:
        names = connection.send_and_get_reply(message_bus.ListNames(), timeout=WAIT_S).body[0]
    return sum(1 for name in names if name.startswith(":"))


def test_notifications_and_the_do_not_disturb_probe_share_one_connection(
    bus_address: str, session_bus: Bus, notifier_on: Callable[..., Any]
) -> None:
    with FakeNotificationServer(bus_address, press=None, paused=True):
        assert isinstance(notifier_on(), DBusNotifier)
        assert desktop_do_not_disturb(session_bus) is True
        assert connections_on(bus_address) == 3, "the server, BackCare's one, and this question"


def test_do_not_disturb_counts_as_off_when_the_desktop_does_not_say(
    bus_address: str, session_bus: Bus
) -> None:
    with FakeNotificationServer(bus_address, press=None):
        assert desktop_do_not_disturb(session_bus) is False
    assert desktop_do_not_disturb(NullBus("no bus in this test")) is False


def test_no_bus_gives_a_null_bus_that_says_why(tmp_path: Path) -> None:
    bus = open_bus(f"unix:path={tmp_path / 'no-bus'}")
    assert isinstance(bus, NullBus)
    assert "not reachable" in bus.reason


# -- sleep and wake (logind's PrepareForSleep), on the same kind of private bus ---------------


@dataclass
class TwoChanges:
    """Records what a watch hears; `both` is set once it has heard two changes."""

    changes: list[bool] = field(default_factory=list)
    both: threading.Event = field(default_factory=threading.Event)

    def __call__(self, on: bool) -> None:
        self.changes.append(on)
        if len(self.changes) == 2:
            self.both.set()


def test_the_sleep_watch_hears_sleep_and_wake(bus_address: str) -> None:
    on_change = TwoChanges()
    changes, both = on_change.changes, on_change.both
    system_bus = open_bus(bus_address)
    watch = watch_sleep(on_change, bus=system_bus)
    try:
        assert isinstance(watch, LogindSleepWatch)
        logind = DBusAddress("/org/freedesktop/login1", interface="org.freedesktop.login1.Manager")
        with open_dbus_connection(bus=bus_address) as connection:
            connection.send(new_signal(logind, "PrepareForSleep", "b", (True,)))
            connection.send(new_signal(logind, "PrepareForSleep", "b", (False,)))
            assert both.wait(WAIT_S)
    finally:
        watch.close()
        system_bus.close()
    assert changes == [True, False]


def test_no_system_bus_gives_a_null_sleep_watch(tmp_path: Path) -> None:
    watch = watch_sleep(lambda _sleeping: None, bus=open_bus(f"unix:path={tmp_path / 'no-bus'}"))
    assert isinstance(watch, NullSleepWatch)
    assert "not reachable" in watch.reason


# -- the screen locking (the screen saver's ActiveChanged, logind's Lock and Unlock) ----------


def test_the_screen_lock_watch_hears_the_screen_saver_lock_and_unlock(
    session_bus: Bus, bus_address: str
) -> None:
    on_change = TwoChanges()
    changes, both = on_change.changes, on_change.both
    watch = ScreenLockWatch(on_change, session_bus, NullBus("no system bus in this test"))
    try:
        assert watch.sources == ["org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"]
        saver = DBusAddress("/org/freedesktop/ScreenSaver", interface="org.freedesktop.ScreenSaver")
        with open_dbus_connection(bus=bus_address) as connection:
            connection.send(new_signal(saver, "ActiveChanged", "b", (True,)))
            connection.send(new_signal(saver, "ActiveChanged", "b", (False,)))
            assert both.wait(WAIT_S)
    finally:
        watch.close()
    assert changes == [True, False]


@dataclass
class FakeSystemBus:
    """logind as far as the lock watch asks: this process's session, and its signals."""

    session_path: str = "/org/freedesktop/login1/session/_32"
    handlers: dict[str, Callable[[Message], None]] = field(default_factory=dict)
    reason: str = ""

    def call(self, message: Message, timeout: float = WAIT_S) -> Any:
        assert message.header.fields[HeaderFields.member] == "GetSessionByPID"
        return (self.session_path,)

    def listen(self, rule: MatchRule, handler: Callable[[Message], None], name: str) -> Any:
        assert rule.header_fields["path"] == self.session_path
        self.handlers[rule.header_fields["member"]] = handler
        return NullListener()

    def close(self) -> None:
        return None


class NullListener:
    def stop(self) -> None:
        return None


def test_logind_locking_this_login_session_is_heard_too() -> None:
    system = FakeSystemBus()
    changes: list[bool] = []
    watch = ScreenLockWatch(changes.append, NullBus("no session bus in this test"), system)
    assert watch.sources == ["logind Lock", "logind Unlock"]
    session = DBusAddress(system.session_path, interface="org.freedesktop.login1.Session")
    system.handlers["Lock"](new_signal(session, "Lock"))
    system.handlers["Unlock"](new_signal(session, "Unlock"))
    assert changes == [True, False]


def test_without_any_bus_the_screen_lock_watch_hears_nothing_and_says_so() -> None:
    watch = ScreenLockWatch(lambda _locked: None, NullBus("none"), NullBus("none"))
    assert watch.sources == []
    watch.close()
