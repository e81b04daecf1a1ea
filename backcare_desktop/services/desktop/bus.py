"""One D-Bus connection per bus, shared by every desktop service that talks over it.

Notifications and the do-not-disturb probe both talk to the session bus; opening a connection
each meant two sockets, two receiver threads and two handshakes for one desktop. The app opens
the session bus once (`open_bus()`) and hands the same `Bus` to both; logind's sleep signal lives
on the system bus, which gets its own. Where a bus cannot be reached, `open_bus` returns a
`NullBus` that says why, and every service built on it falls back to its own Null version.

Opening blocks (a handshake over a socket): call it off the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from queue import Queue
from typing import Any, Protocol

from jeepney import MatchRule, Message
from jeepney.bus_messages import message_bus
from jeepney.io.threading import DBusConnection, DBusRouter, open_dbus_connection
from jeepney.wrappers import unwrap_msg

log = logging.getLogger(__name__)

CALL_TIMEOUT_S = 3.0


class SignalListener:
    """Delivers matching D-Bus signals to a handler, from one waiting thread.

    jeepney's router puts matching messages in a queue; this thread takes them out and calls
    `handler(message)`, catching and logging anything the handler raises.
    """

    def __init__(
        self, router: DBusRouter, rule: MatchRule, handler: Callable[[Message], None], name: str
    ) -> None:
        self._router = router
        self._queue: Queue[Message | None] = Queue()
        self._filter = router.filter(rule, queue=self._queue)
        self._handler = handler
        router.send_and_get_reply(message_bus.AddMatch(rule), timeout=CALL_TIMEOUT_S)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            message = self._queue.get()
            if message is None:
                return
            try:
                self._handler(message)
            except Exception:
                log.exception("A D-Bus signal handler failed")

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._filter.close()
        self._queue.put(None)
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=2)


class Bus(Protocol):
    """A connection the desktop services share; safe to use from several threads."""

    @property
    def reason(self) -> str:
        """Why this bus cannot be used ("" when it can)."""
        ...

    def call(self, message: Message, timeout: float = CALL_TIMEOUT_S) -> Any:
        """Send a method call and return the reply's values; raises on a D-Bus error."""
        ...

    def listen(
        self, rule: MatchRule, handler: Callable[[Message], None], name: str
    ) -> SignalListener:
        """Call `handler` (on a listener thread) for every signal matching `rule`."""
        ...

    def close(self) -> None: ...


class BusUnavailable(RuntimeError):
    """Raised by a NullBus: there is no bus to talk to."""


class DBusBus:
    """One jeepney connection with its receiver thread (the router)."""

    def __init__(self, connection: DBusConnection, router: DBusRouter) -> None:
        self._connection = connection
        self._router = router
        self._closed = False

    @property
    def reason(self) -> str:
        return "the connection is closed" if self._closed else ""

    def call(self, message: Message, timeout: float = CALL_TIMEOUT_S) -> Any:
        if self._closed:
            raise BusUnavailable("the connection is closed")
        return unwrap_msg(self._router.send_and_get_reply(message, timeout=timeout))

    def listen(
        self, rule: MatchRule, handler: Callable[[Message], None], name: str
    ) -> SignalListener:
        return SignalListener(self._router, rule, handler, name)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            self._router.close()
        with contextlib.suppress(Exception):
            self._connection.close()


class NullBus:
    """No bus here; `reason` says why, and every call raises BusUnavailable."""

    def __init__(self, reason: str) -> None:
        self._reason = reason

    @property
    def reason(self) -> str:
        return self._reason

    def call(self, message: Message, timeout: float = CALL_TIMEOUT_S) -> Any:
        raise BusUnavailable(self._reason)

    def listen(
        self, rule: MatchRule, handler: Callable[[Message], None], name: str
    ) -> SignalListener:
        raise BusUnavailable(self._reason)

    def close(self) -> None:
        return None


def open_bus(address: str = "SESSION") -> Bus:
    """The bus at `address` ('SESSION', 'SYSTEM' or a D-Bus address), or a NullBus saying why."""
    try:
        connection = open_dbus_connection(bus=address)
    except KeyError:
        return NullBus(f"no D-Bus {address.lower()} bus (its address is not set)")
    except Exception as error:
        return NullBus(f"the bus is not reachable ({error})")
    try:
        return DBusBus(connection, DBusRouter(connection))
    except Exception as error:
        connection.close()
        return NullBus(f"the bus is not reachable ({error})")
