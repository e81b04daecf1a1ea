"""The Settings dialog's start-at-login switch, with failures told in plain words."""

from __future__ import annotations

import logging
from collections.abc import Callable

from backcare_desktop.gui.look.text import tr

log = logging.getLogger(__name__)


def start_at_login_switch() -> Callable[[bool], str | None]:
    """Turn start-at-login on or off; returns a sentence for the person when it fails."""

    def switch(on: bool) -> str | None:
        from backcare_desktop.services.desktop.autostart import autostart_for_platform

        try:
            autostart = autostart_for_platform()
            if on:
                autostart.enable()
            else:
                autostart.disable()
        except Exception as exc:  # a read-only or missing folder must not crash Settings
            log.warning("start at login could not be changed: %s", exc)
            return tr("BackCare could not change this: %1", str(exc))
        return None

    return switch
