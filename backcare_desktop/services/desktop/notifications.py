"""Desktop notifications with action buttons, over the freedesktop Notifications D-Bus API.

Why jeepney and not QtDBus: QtDBus cannot build the Notify call's argument types from Python
(see PLATFORM_NOTES.md). jeepney is pure Python and talks to the session bus directly.

Threads: a `DBusNotifier` talks over the app's shared session-bus connection (bus.py, with
jeepney's receiver thread) and owns one listener thread that waits for ActionInvoked signals.
Both sleep in blocking waits, so an idle notifier costs no CPU. `on_action` runs on the
listener thread unless a `deliver` function is given: the app passes one that posts the call
onto the Qt thread (e.g. emitting a signal of a QObject that lives there, which Qt then
delivers as a queued call).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from jeepney import DBusAddress, HeaderFields, MatchRule, Message, new_method_call

from backcare_desktop import APP_ID, APP_NAME
from backcare_desktop.core.reminders.answers import NOTIFICATION_ANSWERS
from backcare_desktop.services.desktop.bus import Bus

log = logging.getLogger(__name__)

Action = tuple[str, str]
Deliver = Callable[[Callable[[], None]], None]

REMINDER_ACTIONS: tuple[Action, ...] = NOTIFICATION_ANSWERS

INTERFACE = "org.freedesktop.Notifications"
NOTIFICATIONS = DBusAddress(
    "/org/freedesktop/Notifications", bus_name=INTERFACE, interface=INTERFACE
)
URGENCY_NORMAL = 1


def escape_markup(text: str) -> str:
    """What the notification spec's body markup treats as tags or entities, made literal.

    (html.escape would do, but importing html loads the html.entities tables, which an idle
    tray app would then carry for nothing.)
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Notifier(Protocol):
    """Shows a notification with buttons and reports which one the person pressed."""

    def notify(
        self,
        title: str,
        body: str,
        actions: Sequence[Action],
        on_action: Callable[[str], None],
    ) -> bool:
        """Show it; True if the desktop took it. Never raises: False means "use a fallback"."""
        ...

    def close(self) -> None:
        """Release the connection and threads; notify() returns False afterwards."""
        ...


class NullNotifier:
    """Used when no notification server can be reached; `reason` says why, for the log."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def notify(
        self,
        title: str,
        body: str,
        actions: Sequence[Action],
        on_action: Callable[[str], None],
    ) -> bool:
        return False

    def close(self) -> None:
        return None


def _call_directly(call: Callable[[], None]) -> None:
    call()


class DBusNotifier:
    """Notifications through org.freedesktop.Notifications, with action buttons.

    A new notification replaces the previous one still on screen, so reminders never pile
    up. The last few notifications' callbacks are kept, so a click on one just replaced or
    closed is still honoured.
    """

    _KEEP_CALLBACKS = 8

    def __init__(
        self,
        bus: Bus,
        *,
        app_icon: str = "",
        deliver: Deliver | None = None,
        expire_timeout_ms: int = 0,
        server: str = "",
        capabilities: Sequence[str] = (),
    ) -> None:
        self._bus = bus
        self.app_icon = app_icon
        self.server = server
        self.capabilities = tuple(capabilities)
        self._deliver = deliver or _call_directly
        self._expire_timeout_ms = expire_timeout_ms
        self._lock = threading.Lock()
        self._callbacks: OrderedDict[int, Callable[[str], None]] = OrderedDict()
        self._showing: int | None = None
        self._closed = False
        rule = MatchRule(type="signal", interface=INTERFACE, path=NOTIFICATIONS.object_path)
        self._listener = bus.listen(rule, self._on_signal, "notification-actions")

    @classmethod
    def connect(
        cls, bus: Bus, *, app_icon: str = "", deliver: Deliver | None = None
    ) -> DBusNotifier:
        """Ask the server on `bus` who it is; raises if there is none."""
        server = _call(bus, "GetServerInformation")
        capabilities = _call(bus, "GetCapabilities")[0]
        return cls(
            bus,
            app_icon=app_icon,
            deliver=deliver,
            server=" ".join(str(part) for part in server[:3]),
            capabilities=capabilities,
        )

    @property
    def supports_actions(self) -> bool:
        return "actions" in self.capabilities

    def notify(
        self,
        title: str,
        body: str,
        actions: Sequence[Action],
        on_action: Callable[[str], None],
    ) -> bool:
        if self._closed:
            return False
        flat_actions = [part for action in actions for part in action]
        if "body-markup" in self.capabilities:
            body = escape_markup(body)  # plain text, not markup
        hints = {"urgency": ("y", URGENCY_NORMAL), "desktop-entry": ("s", APP_ID)}
        # Held until the callback is registered: the server may report a button press before
        # its reply to Notify has been read, and the listener must not miss it.
        with self._lock:
            try:
                reply = _call(
                    self._bus,
                    "Notify",
                    "susssasa{sv}i",
                    (
                        APP_NAME,
                        self._showing or 0,
                        self.app_icon,
                        title,
                        body,
                        flat_actions,
                        hints,
                        self._expire_timeout_ms,
                    ),
                )
                notification_id = int(reply[0])
            except Exception as error:
                log.warning("Could not show a desktop notification: %s", error)
                return False
            self._showing = notification_id
            self._callbacks[notification_id] = on_action
            self._callbacks.move_to_end(notification_id)
            while len(self._callbacks) > self._KEEP_CALLBACKS:
                self._callbacks.popitem(last=False)
        return True

    def withdraw(self) -> None:
        """Take the notification off the screen (the person answered in the window instead)."""
        with self._lock:
            showing, self._showing = self._showing, None
        if showing is None or self._closed:
            return
        try:
            _call(self._bus, "CloseNotification", "u", (showing,))
        except Exception as error:
            log.info("Could not withdraw notification %s: %s", showing, error)

    def close(self) -> None:
        """Stop listening; the shared bus itself is closed by whoever opened it."""
        if self._closed:
            return
        self._closed = True
        self._listener.stop()

    def _on_signal(self, message: Message) -> None:
        member = message.header.fields.get(HeaderFields.member)
        if member == "ActionInvoked":
            notification_id, key = message.body[0], message.body[1]
            with self._lock:
                callback = self._callbacks.get(notification_id)
            if callback is not None:
                self._deliver(lambda: callback(str(key)))
        elif member == "NotificationClosed":
            with self._lock:
                if self._showing == message.body[0]:
                    self._showing = None


def _call(bus: Bus, method: str, signature: str | None = None, body: tuple[Any, ...] = ()) -> Any:
    """Call a Notifications method and return its reply's values (raises on a D-Bus error)."""
    return bus.call(new_method_call(NOTIFICATIONS, method, signature, body))


def create_notifier(
    bus: Bus,
    *,
    app_icon: str = "",
    deliver: Deliver | None = None,
    require_actions: bool = True,
) -> Notifier:
    """The best notifier this desktop offers on the session `bus`, else a NullNotifier with the
    reason logged.

    Blocks for at most a few seconds (D-Bus may start the notification server on demand);
    call it once at start-up, off the first paint's path.
    """
    if not (sys.platform.startswith("linux") or "bsd" in sys.platform):
        return _null("desktop notifications over D-Bus exist only on Linux and the BSDs")
    if bus.reason:
        return _null(bus.reason)
    try:
        notifier = DBusNotifier.connect(bus, app_icon=app_icon, deliver=deliver)
    except Exception as error:
        return _null(f"no notification server answered on the session bus ({error})")
    if require_actions and not notifier.supports_actions:
        name = notifier.server or "the notification server"
        notifier.close()
        return _null(f"{name} cannot show buttons on notifications")
    log.info("Desktop notifications through %s", notifier.server or "an unnamed server")
    return notifier


def _null(reason: str) -> NullNotifier:
    log.info("Desktop notifications are off: %s", reason)
    return NullNotifier(reason)
