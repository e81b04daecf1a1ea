"""Drive the app's own SoundController through a short scripted session on SDL's output, in a
process of its own (SDL reads SDL_AUDIODRIVER when the mixer opens; the test sets it).

    python tests/services/sound_capture_rig.py OUT_DIR

With SDL_AUDIODRIVER=disk and SDL_DISKAUDIOFILE=OUT_DIR/out.raw the mixed output lands in the
file (raw S16LE stereo, 44.1 kHz, written in real time). The rig writes OUT_DIR/render.json:
each event's monotonic instant relative to the device opening, and the file's size against the
clock as it grew, so the test can find each event's samples.

Chimes are struck with the Settings' test buttons (the sound controller's preview), then muted,
unmuted and paused while they ring.

Everything goes through the person's path: preference changes on the PreferencesModel, the
session through the SessionController, the real PygameAudio with its gain ticker thread, its
decoding helper and the sound worker, the real SystemClock. The script waits for what it can
observe (the music fully in, a crossfade begun and done), never for a fixed time it hopes is
enough: decoding a soundscape takes 1–10 s on a busy machine.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GAP_S = 1.0
"""Between events: each change's glide (0.3 s) and the queued mix (0.4 s) are over by then."""
WAIT_S = 60.0
RING_S = 0.8
"""From striking a chime to changing its gain: its attack is over, its tail rings."""
HUSHED_S = 2.5
"""After Pause: the hush (0.1 s ahead, over 1 s) is over, with room for a device that lags
the clock; the device is still held (3 s)."""


def main(out_dir: Path) -> None:
    sys.path.insert(0, str(REPO))
    from dataclasses import replace

    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer

    from backcare_desktop.app.preferences_model import PreferencesModel
    from backcare_desktop.app.session_controller import SessionController
    from backcare_desktop.app.sound.controller import SoundController
    from backcare_desktop.core.clock import SystemClock
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.core.routine import Routine, Step
    from backcare_desktop.resources import assets_dir
    from backcare_desktop.services.audio.library import MUSIC_OFF
    from backcare_desktop.services.audio.pygame_player import PygameAudio
    from backcare_desktop.storage.store import shipped_defaults

    app = QCoreApplication([])
    clock = SystemClock()
    prefs = PreferencesModel(shipped_defaults())
    session = SessionController(clock)
    sound = SoundController(prefs, clock)
    sound.attach(session)
    raw = Path(os.environ["SDL_DISKAUDIOFILE"])
    events: list[dict[str, float | str]] = []
    growth: list[tuple[float, int]] = []
    origin = clock.monotonic()

    def engine() -> PygameAudio | None:
        audio = sound.audio
        return audio if isinstance(audio, PygameAudio) else None

    def sample_growth() -> None:
        if raw.exists():
            size = raw.stat().st_size
            if not growth or size != growth[-1][1]:
                growth.append((clock.monotonic() - origin, size))

    sampler = QTimer(timerType=Qt.TimerType.PreciseTimer)
    sampler.timeout.connect(sample_growth)
    sampler.start(2)

    def wait(seconds: float = 0.0, until: Callable[[], bool] | None = None) -> None:
        """Run the event loop for `seconds`, or until `until()` holds (at most WAIT_S)."""
        deadline = clock.monotonic() + (WAIT_S if until else seconds)
        loop = QEventLoop()

        def check() -> None:
            if (until is not None and until()) or clock.monotonic() >= deadline:
                loop.quit()

        poll = QTimer(timerType=Qt.TimerType.PreciseTimer)
        poll.timeout.connect(check)
        poll.start(5)
        loop.exec()
        poll.stop()
        if until is not None and not until():
            audio = engine()
            state = (
                f"status {sound.status!r}, music {audio.music.current}, "
                f"scapes {len(audio.music.mixdown.scapes)}, horizon {audio.music.mixdown.horizon}"
                if audio is not None
                else f"no engine ({sound.status!r})"
            )
            raise SystemExit(f"gave up waiting for {until.__name__} after {WAIT_S} s: {state}")

    def mark(name: str) -> None:
        events.append({"event": name, "at": clock.monotonic() - origin})

    def volumes(**change: float) -> None:
        prefs.update(volumes=replace(prefs.value.volumes, **change))

    def music_in() -> bool:
        audio = engine()
        return bool(
            audio is not None
            and audio.music.current is not None
            and not audio.music.moving(clock.monotonic())
        )

    def music_out() -> bool:
        audio = engine()
        return audio is not None and not audio.music.mixdown.scapes

    def crossing() -> bool:
        audio = engine()
        return audio is not None and len(audio.music.mixdown.scapes) == 2

    massage = next(t for t in load_library(assets_dir()).techniques.values())
    session.begin(Routine("capture", "Capture", "", (Step(massage, 600),), False))
    wait(until=music_in)  # the device opened, the soundscape decoded and faded in
    wait(0.5)
    steps: list[tuple[str, Callable[[], object], float]] = [
        ("music slider", lambda: volumes(music=0.85), GAP_S),
        ("mute", lambda: prefs.update(muted=True), GAP_S),
        ("unmute", lambda: prefs.update(muted=False), GAP_S),
        ("pause", session.toggle_pause, 0.3),
        ("resume", session.toggle_pause, 2.0),
    ]
    for name, action, after in steps:
        mark(name)
        action()
        wait(after)
    other = next(t.id for t in sound.tracks() if t.id != sound.settings.music)
    prefs.update(music_track=other)
    wait(until=crossing)  # decoded in the helper: the crossfade begins
    mark("track switch")
    wait(until=music_in)
    wait(0.5)
    mark("breath chime")
    sound.play_test_sound("cues")
    wait(1.2)
    mark("breath slider")
    volumes(cues=0.25)
    wait(GAP_S)
    prefs.update(music_track=MUSIC_OFF)  # the chimes alone: each change on them stands bare
    wait(until=music_out)
    mark("chime before mute")
    sound.play_test_sound("chimes")
    wait(RING_S)
    ringing: list[tuple[str, Callable[[], object], float]] = [
        ("mute, a chime ringing", lambda: prefs.update(muted=True), GAP_S),
        ("unmute, a chime ringing", lambda: prefs.update(muted=False), GAP_S),
        ("chime before pause", lambda: sound.play_test_sound("chimes"), RING_S),
        ("pause, a chime ringing", session.toggle_pause, HUSHED_S),
    ]
    for name, action, after in ringing:
        mark(name)
        action()
        wait(after)
    sampler.stop()
    sound.shutdown()
    record = {"events": events, "growth": growth}
    (out_dir / "render.json").write_text(json.dumps(record), encoding="utf-8")
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1]))
