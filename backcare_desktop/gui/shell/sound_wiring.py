"""The sound made with the window: the SoundController following its session, its news shown
in the window, and the Breathe page whose button is there before the sound engine is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from backcare_desktop.core.clock import Clock
from backcare_desktop.gui.look.text import tr

if TYPE_CHECKING:
    from backcare_desktop.app.sound.controller import SoundController
    from backcare_desktop.app.sound.engine import Opener
    from backcare_desktop.app.sound.jobs import Jobs
    from backcare_desktop.gui.shell.main_window import MainWindow, Page


def make_sound(
    window: MainWindow,
    clock: Clock,
    *,
    open_player: Opener | None = None,
    jobs: Jobs | None = None,
) -> SoundController:
    """The SoundController following `window`'s session, its news shown in the window; the
    engine opens a moment after the window's first paint, on a worker.

    `open_player` and `jobs` replace the real engine and worker thread (tests).
    """
    from backcare_desktop.app.sound.controller import SoundController
    from backcare_desktop.app.sound.engine import OPEN_DELAY_MS, OPEN_FALLBACK_MS
    from backcare_desktop.gui.widgets.after_paint import after_first_paint

    sound = SoundController(
        window.preferences,
        clock,
        open_player=open_player,
        jobs=jobs,
        patterns=window.library.patterns,  # read once with the content, shared
        parent=window,
    )
    sound.attach(window.controller)
    after_first_paint(window, sound.engine.open_soon, OPEN_FALLBACK_MS, delay_ms=OPEN_DELAY_MS)
    sound.statusChanged.connect(window.show_sound_status)
    sound.sessionBreathing.connect(window.show_breathing)
    sound.sessionBreathingPaused.connect(window.pause_breathing)
    sound.caption.connect(window.show_caption)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(sound.shutdown)
    return sound


def breathe_page(
    sound: Callable[[], SoundController], window: Callable[[], MainWindow], clock: Clock
) -> Page:
    """The Breathe page's entry: its button is there from the first paint; the page and the
    sound engine behind it are made when it is first opened (or after start-up)."""
    from backcare_desktop.gui.shell.main_window import Page

    def build() -> QWidget:
        from backcare_desktop.gui.pages.breathe import BreathePage

        shown_in = window()
        return BreathePage(sound(), shown_in.preferences, clock, shown_in.theme)

    return Page(
        "breathe",
        tr("Breathe"),
        build,
        "breath",
        tr("Just breathe: a few calm minutes with the breathing guide"),
    )
