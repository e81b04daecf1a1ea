"""CPU share of one core while a session plays music and the breathing pacer animates, next to
an idle baseline. Target: at most 5 % of one core during a session.

    .venv-dev/bin/python tests/benchmarks/session_cpu.py [--seconds 60] [--driver dummy|disk]
        [--player app|bare] [--windows 3]

Offscreen Qt; SDL's `dummy` audio driver still mixes in real time on SDL's thread (music decoded,
chimes mixed), it just discards the result; `disk` writes it to /dev/null instead. CPU time is
the whole process (all threads) from CLOCK_PROCESS_CPUTIME_ID.

`--player app` (the default) measures the real thing: the app as `gui.shell.launch.build()`
makes it (in a throw-away BACKCARE_HOME), idle on the home screen with sound already checked
and closed, then the real session player on a breathing step — music fading in and looping, the
pacer animating in the session page, breath cues on their precise timer, captions, the 250 ms
countdown and the sound poll — all through the SoundController, as a person would run it.
`--player bare` measures only the pacer and the engine, driven by hand: a 100 ms tick polls the
breath-cue tracker and plays the chimes, a 250 ms timer calls audio.poll().

The session is measured over `--windows` consecutive windows of `--seconds` each; each window's
share, their median, the machine's load average and where the CPU went, thread by thread (on
Linux, from /proc/self/task: the GUI thread, the gain ticker, SDL's audio thread...), are
printed. The machine is shared, so compare medians of runs taken side by side, never one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
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


def thread_times() -> dict[str, float]:
    """CPU seconds of each of this process's threads by name (Linux; empty elsewhere). Python
    threads go by their Python name, others (SDL's audio thread) by the kernel's."""
    import threading

    names = {t.native_id: t.name for t in threading.enumerate()}
    tick = os.sysconf("SC_CLK_TCK")
    times: dict[str, float] = {}
    for task in Path("/proc/self/task").glob("*"):
        try:
            stat = (task / "stat").read_text()
            comm = (task / "comm").read_text().strip()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        name = names.get(int(task.name), comm)
        times[name] = times.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return times


def measure(seconds: float, app: object) -> tuple[float, dict[str, float]]:
    """CPU seconds the whole process used while the Qt event loop ran for `seconds`, and each
    thread's share of them."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    before = thread_times()
    started = time.process_time()
    loop.exec()
    used = time.process_time() - started
    after = thread_times()
    return used, {name: after[name] - before.get(name, 0.0) for name in after}


def build_session(window: object, pacer_size: int) -> Callable[[], None]:
    """Start a breathing session with music inside `window`; returns a function that ends it.

    `pacer_size`: the pacer's side in pixels (0: it fills the window).
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from backcare_desktop.core.breath_timeline import BreathCueTracker
    from backcare_desktop.core.breathing import load_patterns
    from backcare_desktop.core.clock import SystemClock
    from backcare_desktop.gui.widgets.breathing_pacer import BreathingPacer
    from backcare_desktop.services.audio.library import SoundLibrary
    from backcare_desktop.services.audio.player import SoundSettings
    from backcare_desktop.services.audio.pygame_player import PygameAudio

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


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    """Run the Qt event loop until `condition` holds (or `seconds` pass)."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    return True


def build_app(home: Path) -> tuple[object, object]:
    """The real app window, shown, its deferred start-up done and its sound checked (closed)."""
    from backcare_desktop.app.sound.controller import SoundController
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.gui.shell.launch import build
    from backcare_desktop.paths import resolve_paths
    from backcare_desktop.resources import assets_dir

    library = load_library(assets_dir())
    context = build(argparse.Namespace(minimized=False, start=None), resolve_paths(home), library)
    window = context.window
    window.show()
    sound = window.findChild(SoundController)
    assert sound is not None, "build() made no SoundController"
    if not wait_until(lambda: sound.audio is not None, 15):
        raise SystemExit("the sound engine did not open within 15 s")
    window.finish_startup()
    wait_until(lambda: not sound.engine.polling, 5)
    print(f"sound: {sound.status or 'available'}; idle: polling={sound.engine.polling}")
    return window, sound


def start_player_session(window: object, sound: object, seconds: float) -> Callable[[], None]:
    """Begin a breathing routine in the real session player; returns a function that stops it."""
    from backcare_desktop.app.sound.controller import SoundController
    from backcare_desktop.core.routine import Routine, Step
    from backcare_desktop.gui.shell.main_window import MainWindow

    assert isinstance(window, MainWindow) and isinstance(sound, SoundController)
    step = Step(
        window.library.techniques["deep_breathing"], round(seconds) + 120, None, "resonance"
    )
    routine = Routine("benchmark", "Breathing benchmark", "", (step,), False)
    window.begin_session(routine, None, None)
    audio = sound.audio
    if not wait_until(lambda: audio is not None and audio.busy, 5):
        raise SystemExit(f"the device did not open: {sound.status}")
    music = getattr(audio, "music", None)  # the soundscape's mix, once decoded and faded in
    asked = time.monotonic()
    if music is not None and not wait_until(
        lambda: music.current is not None and not music.moving(time.monotonic()), 60
    ):
        raise SystemExit("the soundscape did not start within 60 s")
    took = time.monotonic() - asked
    print(f"soundscape decoded (helper process) and faded in after {took:.1f} s")
    pacer = window.session.pacer
    assert pacer is not None
    print(
        f"session player: pacer {pacer.width()}x{pacer.height()} px, animating {pacer.animating}, "
        f"shortest frame {pacer.frame_interval_ms} ms; music {sound.settings.music}"
    )

    def end() -> None:
        window.controller.stop()
        wait_until(lambda: not sound.engine.polling, 5)
        print(
            f"after stop: device held {audio is not None and audio.busy}, "
            f"poll timer {sound.engine.polling}"
        )
        sound.shutdown()

    return end


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--driver", choices=("dummy", "disk"), default="dummy")
    parser.add_argument("--pacer-size", type=int, default=320, help="bare: pixels; 0 fills")
    parser.add_argument("--player", choices=("app", "bare"), default="app")
    parser.add_argument("--windows", type=int, default=1, help="session windows to measure")
    args = parser.parse_args(argv)
    shield_none_refcount()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SDL_AUDIODRIVER"] = args.driver
    if args.driver == "disk":
        os.environ["SDL_DISKAUDIOFILE"] = os.devnull
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication([])
    if args.player == "app":
        import tempfile

        home = tempfile.TemporaryDirectory(prefix="backcare-bench-")
        os.environ["BACKCARE_HOME"] = home.name
        from backcare_desktop.gui.shell.launch import make_application

        app = make_application()
        window, sound = build_app(Path(home.name))
        idle, _ = measure(args.seconds, app)
        end = start_player_session(window, sound, args.seconds * args.windows)
        what = "the real session player: music, pacer, breath cues, captions, countdown"
    else:
        window = QWidget()
        window.resize(900, 640)
        window.show()
        app.processEvents()
        idle, _ = measure(args.seconds, app)
        end = build_session(window, args.pacer_size)
        size = f"{args.pacer_size} px" if args.pacer_size else "window-filling"
        what = f"music, {size} pacer, chimes"
    shares = []
    for window_index in range(args.windows):
        busy, threads = measure(args.seconds, app)
        shares.append(100.0 * busy / args.seconds)
        load = os.getloadavg()[0]
        where = ", ".join(
            f"{name} {100.0 * used / args.seconds:.2f}"
            for name, used in sorted(threads.items(), key=lambda item: -item[1])
            if used > 0.0
        )
        print(f"window {window_index + 1}: {shares[-1]:5.2f} % (load {load:.1f}; threads: {where})")
    end()
    idle_share = 100.0 * idle / args.seconds
    busy_share = statistics.median(shares)
    print(f"idle window   : {idle_share:5.2f} % of one core over {args.seconds:g} s")
    print(f"session       : {busy_share:5.2f} % of one core ({what}; {args.driver} driver)")
    print(f"session - idle: {busy_share - idle_share:5.2f} %   (target <= 5 %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
