"""CPU share of one core while a session plays music and the breathing pacer animates, next to
an idle baseline. Target: at most 5 % of one core during a session.

    .venv-dev/bin/python tests/benchmarks/session_cpu.py [--seconds 60] [--driver dummy|disk]

Offscreen Qt; SDL's `dummy` audio driver still mixes in real time on SDL's thread (music decoded,
chimes mixed), it just discards the result; `disk` writes it to /dev/null instead. CPU time is
the whole process (all threads) from CLOCK_PROCESS_CPUTIME_ID.

The session here is the pacer plus the sound engine driven like the app drives them: a 100 ms
tick polls the breath-cue tracker and plays the chimes, a 250 ms timer calls audio.poll(). The
lead hooks the full session player in through `build_session()`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

TICK_MS = 100
POLL_MS = 250


def shield_none_refcount() -> None:
    """Work around PySide6 6.12.0 on CPython 3.11: every call of a Qt method that returns
    nothing drops one reference to None (measured: QObject.setObjectName, QWidget.update,
    QPainter.setPen … each -1). The animating pacer makes ~1,100 such calls a second, so None's
    count (~5,000 in a fresh QApplication) reaches zero within seconds and the interpreter aborts
    ("none_dealloc"). From 3.12 None is immortal and this is harmless. Until PySide6 is fixed the
    app needs the same shield at start-up (see the audio helper's report); here it keeps a 60 s
    benchmark alive.
    """
    if sys.version_info < (3, 12):
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


def measure(seconds: float, app: object) -> float:
    """CPU seconds the whole process used while the Qt event loop ran for `seconds`."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    started = time.process_time()
    loop.exec()
    return time.process_time() - started


def build_session(window: object, pacer_size: int) -> Callable[[], None]:
    """Start a breathing session with music inside `window`; returns a function that ends it.

    `pacer_size`: the pacer's side in pixels (0: it fills the window).
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from backcare_desktop.core.breathing import BreathCueTracker, load_patterns
    from backcare_desktop.core.clock import SystemClock
    from backcare_desktop.gui.widgets.breathing_pacer import BreathingPacer
    from backcare_desktop.services.audio import SoundSettings
    from backcare_desktop.services.audio_pygame import PygameAudio
    from backcare_desktop.services.sound_library import SoundLibrary

    assert isinstance(window, QWidget)
    clock = SystemClock()
    pattern = load_patterns(REPO / "assets" / "breathing_patterns.json")["resonance"]
    audio = PygameAudio(
        SoundLibrary(REPO / "assets" / "audio"), clock, SoundSettings(music="warm_pads")
    )
    if not audio.prepare():
        raise SystemExit(audio.status)
    audio.start_session()
    pacer = BreathingPacer(clock)
    layout = window.layout() or QVBoxLayout(window)
    layout.addWidget(pacer)
    if pacer_size:
        pacer.setFixedSize(pacer_size, pacer_size)
    pacer.show()
    pacer.start(pattern, clock.monotonic())
    assert pacer.timeline is not None
    tracker = BreathCueTracker(pacer.timeline)

    def tick() -> None:
        for _, cue in tracker.poll(clock.monotonic()):
            audio.play_cue(cue)

    tick_timer = QTimer(window, interval=TICK_MS, timeout=tick)
    poll_timer = QTimer(window, interval=POLL_MS, timeout=audio.poll)
    tick_timer.start()
    poll_timer.start()
    print(f"pacer animating: {pacer.animating}, shortest frame {pacer.frame_interval_ms} ms")

    def end() -> None:
        tick_timer.stop()
        poll_timer.stop()
        pacer.stop()
        audio.release()

    return end


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--driver", choices=("dummy", "disk"), default="dummy")
    parser.add_argument("--pacer-size", type=int, default=320, help="pixels; 0 fills the window")
    args = parser.parse_args(argv)
    shield_none_refcount()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SDL_AUDIODRIVER"] = args.driver
    if args.driver == "disk":
        os.environ["SDL_DISKAUDIOFILE"] = os.devnull
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication([])
    window = QWidget()
    window.resize(900, 640)
    window.show()
    app.processEvents()

    idle = measure(args.seconds, app)
    end = build_session(window, args.pacer_size)
    busy = measure(args.seconds, app)
    end()
    idle_share = 100.0 * idle / args.seconds
    busy_share = 100.0 * busy / args.seconds
    print(f"idle window   : {idle_share:5.2f} % of one core over {args.seconds:g} s")
    size = f"{args.pacer_size} px" if args.pacer_size else "window-filling"
    print(
        f"session       : {busy_share:5.2f} % of one core "
        f"(music, {size} pacer, chimes; {args.driver} driver)"
    )
    print(f"session - idle: {busy_share - idle_share:5.2f} %   (target <= 5 %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
