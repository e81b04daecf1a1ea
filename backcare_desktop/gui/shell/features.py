"""Feature pages and dialogs beyond the guided session: oils, progress, settings.

The composition root calls `install_features` once; every page here is built on first use,
so none of it delays the first screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from backcare_desktop.app.persistence import Persistence
from backcare_desktop.core.clock import Clock
from backcare_desktop.core.oils import OilDataError, OilLibrary
from backcare_desktop.core.oils import load_library as load_oil_library
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.resources import MissingAssetError, asset_path

if TYPE_CHECKING:
    from backcare_desktop.gui.settings.sound import SoundSettingsBackend

log = logging.getLogger(__name__)


@cache
def oil_library() -> OilLibrary | None:
    """The oil library, or None (logged) when the file is missing or broken."""
    try:
        return load_oil_library(asset_path("oils.json"))
    except (OilDataError, MissingAssetError) as exc:
        log.error("the essential-oil library could not be loaded: %s", exc)
        return None


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


def install_features(
    window: MainWindow,
    persistence: Persistence,
    clock: Clock,
    sound: Callable[[], SoundSettingsBackend],
) -> None:
    """Add the Oils and Progress pages and the Settings dialog to the window."""

    def oils_page() -> QWidget:
        from backcare_desktop.gui.pages.oils import OilsPage

        library = oil_library()
        if library is None:
            from backcare_desktop.gui.pages.unavailable import UnavailablePage

            return UnavailablePage(tr("The essential-oil library could not be loaded."))
        return OilsPage(library, window.preferences, window.theme)

    def progress_page() -> QWidget:
        from backcare_desktop.gui.pages.progress import ProgressPage

        return ProgressPage(persistence.queued_journal, clock, window.theme)

    window.add_page(
        "oils",
        tr("Oils"),
        oils_page,
        icon="leaf",
        tip=tr("Essential oils and a dilution calculator"),
    )
    window.add_page(
        "progress",
        tr("Progress"),
        progress_page,
        icon="chart",
        tip=tr("Your practice over the weeks"),
    )

    def oil_names() -> dict[str, str]:
        library = oil_library()
        return {} if library is None else {oil.id: oil.name for oil in library.oils}

    window.oil_names = oil_names

    def settings_dialog() -> QDialog:
        from backcare_desktop.gui.settings.dialog import NEWER_VERSION_REASON, SettingsDialog

        store = persistence.preferences_store
        return SettingsDialog(
            window,
            window.preferences,
            window.library,
            window.library.patterns,
            sound(),
            start_at_login_switch(),
            read_only_reason=NEWER_VERSION_REASON if store.read_only else None,
            oils=list(oil_names().items()),
            open_reminders=lambda: window.show_page("reminders"),
        )

    window.settings_factory = settings_dialog
