"""Hear when the screen locks and unlocks, so a running session can pause while the person is away.

Two sources, whichever the desktop has: the screen saver's `ActiveChanged(bool)` signal on
the session bus (org.freedesktop.ScreenSaver, which KDE, Xfce and others send, and GNOME's
org.gnome.ScreenSaver), and logind's `Lock`/`Unlock` signals for this login session on the
system bus (sent by `loginctl lock-session` and by desktops that lock through logind).
Sleep itself is sleep_watch.py's. Where neither bus is there, a NullScreenLockWatch says why.

`on_change(locked)` runs on a listener thread unless `deliver` is given (the GUI passes one
that posts the call onto the Qt thread).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from jeepney import DBusAddress, HeaderFields, MatchRule, Message, new_method_call

from backcare_desktop.services.desktop.bus import Bus, SignalListener
from backcare_desktop.services.desktop.notifications import Deliver
from backcare_desktop.services.desktop.sleep_watch import LOGIND_MANAGER, LOGIND_PATH

log = logging.getLogger(__name__)

SCREEN_SAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")
LOGIND_SESSION = "org.freedesktop.login1.Session"
LOGIND_NAME = "org.freedesktop.login1"


class ScreenLockWatch:
    """Listens to every source it could reach; `sources` names them (empty: none)."""

    def __init__(
        self,
        on_change: Callable[[bool], None],
        session: Bus,
        system: Bus,
        *,
        deliver: Deliver | None = None,
    ) -> None:
        self._on_change = on_change
        self._deliver = deliver or (lambda call: call())
        self._listeners: list[SignalListener] = []
        self.sources: list[str] = []
        if not session.reason:
            for interface in SCREEN_SAVERS:
                rule = MatchRule(type="signal", interface=interface, member="ActiveChanged")
                self._listen(session, rule, self._on_screen_saver, interface)
        if not system.reason:
            path = own_login_session(system)
            if path:
                for member in ("Lock", "Unlock"):
                    rule = MatchRule(
                        type="signal", interface=LOGIND_SESSION, member=member, path=path
                    )
                    self._listen(system, rule, self._on_logind, f"logind {member}")

    def _listen(
        self, bus: Bus, rule: MatchRule, handler: Callable[[Message], None], source: str
    ) -> None:
        try:
            self._listeners.append(bus.listen(rule, handler, "screen-lock-watch"))
        except Exception as error:
            log.info("not hearing %s: %s", source, error)
            return
        self.sources.append(source)

    def _on_screen_saver(self, message: Message) -> None:
        locked = bool(message.body[0]) if message.body else False
        self._deliver(lambda: self._on_change(locked))

    def _on_logind(self, message: Message) -> None:
        locked = message.header.fields.get(HeaderFields.member) == "Lock"
        self._deliver(lambda: self._on_change(locked))

    def close(self) -> None:
        listeners, self._listeners = self._listeners, []
        for listener in listeners:
            listener.stop()


def own_login_session(system: Bus) -> str:
    """The object path of this process's logind session ("" when it has none: a service,
    a container)."""
    address = DBusAddress(LOGIND_PATH, bus_name=LOGIND_NAME, interface=LOGIND_MANAGER)
    try:
        (path,) = system.call(new_method_call(address, "GetSessionByPID", "u", (os.getpid(),)))
    except Exception as error:
        log.info("no logind session to follow for screen locks: %s", error)
        return ""
    return str(path)
