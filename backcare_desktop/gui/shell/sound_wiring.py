"""Plugs sound and breathing into the main window (called once by the composition root).

Kept out of app.py so the root stays a list of what exists; kept out of the window so the window
needs no knowledge of sound. Nothing here touches audio at start-up: the app makes the engine
after the first paint and opens it a moment later on a worker; the Breathe page is built when
first shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from backcare_desktop.gui.look.text import tr

if TYPE_CHECKING:
    from backcare_desktop.app.sound.controller import SoundController
    from backcare_desktop.app.sound.engine import Opener
    from backcare_desktop.app.sound.jobs import Jobs
    from backcare_desktop.core.breathing import BreathingTimeline
    from backcare_desktop.core.clock import Clock
    from backcare_desktop.core.settings.preferences import Preferences
    from backcare_desktop.gui.shell.main_window import MainWindow

STATUS_MESSAGE_MS = 30_000


def show_sound_status(window: MainWindow, status: str) -> None:
    """Say in the status line (for a while) that sound is unavailable, and let an open Settings
    dialog say it too (it also checks afresh every time it opens)."""
    if status:
        window.statusBar().showMessage(status, STATUS_MESSAGE_MS)
    for dialog in window.findChildren(QDialog):
        refresh = getattr(dialog, "refresh_sound_status", None)
        if callable(refresh):
            refresh()


def install_sound(
    window: MainWindow,
    clock: Clock,
    *,
    open_player: Opener | None = None,
    jobs: Jobs | None = None,
    breathe_page: bool = True,
) -> SoundController:
    """Create the SoundController and follow the window's session with it; with `breathe_page`,
    add "Just breathe" too (the app adds that page itself, before the first paint).

    `open_player` and `jobs` replace the real engine and worker thread (tests).
    """
    from backcare_desktop.app.sound.controller import SoundController

    sound = SoundController(
        window.preferences,
        clock,
        open_player=open_player,
        jobs=jobs,
        patterns=window.library.patterns,  # read once with the content, shared
        parent=window,
    )
    sound.attach(window.controller)
    sound.engine.open_after_first_paint(window)
    sound.statusChanged.connect(lambda status: show_sound_status(window, status))

    def show_breathing(timeline: BreathingTimeline | None) -> None:
        reduced = bool(window.preferences.value.reduced_motion)
        window.session.show_breathing(timeline, clock, reduced_motion=reduced)

    def preferences_changed(prefs: Preferences) -> None:
        window.session.set_reduced_motion(prefs.reduced_motion)

    sound.sessionBreathing.connect(show_breathing)
    sound.sessionBreathingPaused.connect(lambda: window.session.pause_breathing())
    sound.caption.connect(lambda text: window.session.show_caption(text))
    window.preferences.changed.connect(preferences_changed)
    if breathe_page:
        add_breathe_page(window, lambda: sound, clock)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(sound.shutdown)
    return sound


def add_breathe_page(
    window: MainWindow, sound: Callable[[], SoundController], clock: Clock
) -> None:
    """The Breathe page's button; `sound` gives the controller when the page is first built."""

    def breathe_page() -> QWidget:
        from backcare_desktop.gui.pages.breathe import BreathePage

        return BreathePage(sound(), window.preferences, clock, window.theme)

    window.add_page(
        "breathe",
        tr("Breathe"),
        breathe_page,
        icon="breath",
        tip=tr("Just breathe: a few calm minutes with the breathing guide"),
    )
    window.home.breatheRequested.connect(lambda: window.show_page("breathe"))
