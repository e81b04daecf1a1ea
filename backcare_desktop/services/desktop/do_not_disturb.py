"""Is the desktop's do-not-disturb on? Asked over D-Bus, best effort.

There is no one standard. What is asked, in order (the first answer wins):
- `org.freedesktop.Notifications.Inhibited`, a property of the Notifications object that
  KDE Plasma exposes (proposed for the freedesktop spec);
- dunst's own `org.dunstproject.cmd0.paused` (`dunstctl set-paused true`);
- xfce4-notifyd's `/do-not-disturb` setting through xfconf.
Not detectable this way: GNOME (its "Do Not Disturb" is a GSettings key, read from dconf's
file, not over the bus), mako and others; there the notification server itself holds
notifications back while do-not-disturb is on, so the reminder is still not lost.

Each probe is a blocking D-Bus call with a short timeout over the app's shared session bus
(bus.py): call `desktop_do_not_disturb` from a worker thread, never from the GUI thread. Any
failure counts as "not on".
"""

from __future__ import annotations

import logging
from typing import Any

from jeepney import DBusAddress, Properties, new_method_call

from backcare_desktop.services.desktop.bus import Bus

log = logging.getLogger(__name__)

PROBE_TIMEOUT_S = 0.5
_NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
_NOTIFICATIONS_NAME = "org.freedesktop.Notifications"


def desktop_do_not_disturb(bus: Bus) -> bool:
    """True when the desktop says do-not-disturb is on; False when off or unknown."""
    if bus.reason:  # no session bus: nothing can be known
        log.debug("do-not-disturb: %s", bus.reason)
        return False
    for probe in (_freedesktop_inhibited, _dunst_paused, _xfce_do_not_disturb):
        answer = probe(bus)
        if answer is not None:
            return answer
    return False


def _ask(bus: Bus, message: Any) -> Any | None:
    try:
        return bus.call(message, timeout=PROBE_TIMEOUT_S)
    except Exception:  # no such property or service: this desktop does not say
        return None


def _property(bus: Bus, interface: str, name: str) -> bool | None:
    address = DBusAddress(_NOTIFICATIONS_PATH, bus_name=_NOTIFICATIONS_NAME, interface=interface)
    reply = _ask(bus, Properties(address).get(name))
    if not reply:
        return None
    signature, value = reply[0]
    return bool(value) if signature == "b" else None


def _freedesktop_inhibited(bus: Bus) -> bool | None:
    return _property(bus, _NOTIFICATIONS_NAME, "Inhibited")


def _dunst_paused(bus: Bus) -> bool | None:
    return _property(bus, "org.dunstproject.cmd0", "paused")


def _xfce_do_not_disturb(bus: Bus) -> bool | None:
    xfconf = DBusAddress(
        "/org/xfce/Xfconf", bus_name="org.xfce.Xfconf", interface="org.xfce.Xfconf"
    )
    message = new_method_call(xfconf, "GetProperty", "ss", ("xfce4-notifyd", "/do-not-disturb"))
    reply = _ask(bus, message)
    if not reply:
        return None
    signature, value = reply[0]
    return bool(value) if signature == "b" else None
