"""In a very small room (200 % on a laptop screen: 683×384 or 640×360 points) the session packs
tighter and Breathe wraps its row of choices, so their buttons stay in view; in a roomy window
both look exactly as before."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot
from sound_fakes import RecordingAudio

from backcare_desktop.app.sound.controller import SoundController
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.gui.pages.breathe import BreathePage
from backcare_desktop.gui.shell.main_window import MainWindow

MakeSoundingWindow = Callable[..., tuple[MainWindow, SoundController]]


def test_a_very_short_window_packs_the_session_tighter_and_a_tall_one_unpacks_it(
    make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    window.open_prepare(window.library.routines[0].id)
    window.prepare.start_button.click()
    pause, stop, ring = (
        window.session.buttons["pause"],
        window.session.buttons["stop"],
        window.session.ring,
    )
    assert (pause.width(), stop.width()) == (64, 52)
    window.resize(683, 384)  # 1366×768 at 200 %
    qtbot.waitUntil(lambda: (pause.width(), stop.width(), ring.width()) == (48, 40, 64))
    bottom = pause.mapTo(window, pause.rect().bottomLeft()).y()
    assert bottom <= window.height(), "Pause stays inside the window"
    window.resize(1200, 800)
    qtbot.waitUntil(lambda: (pause.width(), stop.width(), ring.width()) == (64, 52, 168))


def test_a_narrow_window_puts_breathe_s_start_below_the_choices_and_a_wide_one_beside_them(
    make_sounding_window: MakeSoundingWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    window, _sound = make_sounding_window(lambda _s: RecordingAudio(clock))
    window.show_page("breathe")
    page = window.stack.currentWidget()
    assert isinstance(page, BreathePage)
    start, rhythm, music = page.start_button, page.pattern, page.music

    def beside() -> bool:
        return start.y() == rhythm.y() and start.x() > music.x() > rhythm.x()

    qtbot.waitUntil(beside)
    window.resize(640, 360)  # 1280×720 at 200 %
    qtbot.waitUntil(lambda: start.y() > rhythm.geometry().bottom())
    right = start.mapTo(window, start.rect().topRight()).x()
    assert right <= window.width(), "Start stays inside the window"
    window.resize(1200, 800)
    qtbot.waitUntil(beside)
