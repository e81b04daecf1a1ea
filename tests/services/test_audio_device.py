"""The sound device: opened quietly, and let go while nothing plays.

Two facts measured against a real PulseAudio server with a null sink (started by the test in a
private runtime folder, as CI installs `pulseaudio`): SDL keeps a paused device's stream open
and uncorked, the sink RUNNING on zeros (pygame.mixer.pause() changes nothing there), and only
closing the mixer removes the stream. So a long pause must close the mixer.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from audio_decoding import decode_here

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.session_controller import SessionController
from backcare_desktop.app.sound.controller import SoundController
from backcare_desktop.app.sound.jobs import InlineJobs
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.content.loader import load_library
from backcare_desktop.core.routine import Routine, Step
from backcare_desktop.resources import assets_dir
from backcare_desktop.services.audio.device import without_probe_noise
from backcare_desktop.services.audio.library import SoundLibrary
from backcare_desktop.services.audio.player import PAUSE_RELEASE_S, SoundSettings
from backcare_desktop.services.audio.pygame_player import PygameAudio
from backcare_desktop.storage.store import shipped_defaults

REPO = Path(__file__).resolve().parents[2]


def test_probing_noise_is_kept_off_the_terminal_and_logged_once(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    def noisy() -> int:
        os.write(2, b"ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\n")
        os.write(2, b"ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default\n")
        os.write(2, b"something else worth seeing\n")
        return 7

    with caplog.at_level(logging.INFO):
        assert without_probe_noise(noisy) == 7
    err = capfd.readouterr().err
    assert "ALSA" not in err
    assert "something else worth seeing" in err
    logged = [r.getMessage() for r in caplog.records if "probing" in r.getMessage()]
    assert len(logged) == 1 and "printed 2 lines" in logged[0]


def test_starting_without_any_sound_device_prints_no_alsa_errors(tmp_path: Path) -> None:
    """`backcare --self-check` opens the device as the app does; here SDL finds no sound server
    (a private, empty runtime folder) and, on a machine without a sound card, no ALSA device."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if k != "SDL_AUDIODRIVER"}
    env.update(XDG_RUNTIME_DIR=str(runtime), PULSE_SERVER=f"unix:{runtime}/none")
    done = subprocess.run(
        [sys.executable, "-m", "backcare_desktop", "--self-check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Sound" in done.stdout
    assert "ALSA lib" not in done.stderr, done.stderr


# -- the device is let go during a long pause (a real PulseAudio null sink) ------------------------


def pactl(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["pactl", *args], env=env, capture_output=True, text=True, timeout=10, check=False
    )
    return done.stdout if done.returncode == 0 else ""


def wait_for(condition: Callable[[], bool], seconds: float = 15.0) -> bool:
    """Poll an observable state (the sound server's list), not a log line."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture
def null_sink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A private PulseAudio server with only a null sink; SDL talks to it."""
    if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
        pytest.skip("pulseaudio is not installed (.ci/run installs it)")
    runtime, home = tmp_path / "pulse-run", tmp_path / "pulse-home"
    runtime.mkdir(mode=0o700)
    home.mkdir()
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), HOME=str(home))
    env.pop("PULSE_SERVER", None)
    command = "pulseaudio -n --daemonize=no --exit-idle-time=-1 --disallow-exit"
    modules = "-L module-null-sink -L module-native-protocol-unix"
    server = subprocess.Popen(
        [*command.split(), *modules.split()],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for(lambda: "null" in pactl(env, "list", "short", "sinks")), "no null sink"
        for name in ("XDG_RUNTIME_DIR", "HOME"):
            monkeypatch.setenv(name, env[name])
        monkeypatch.delenv("PULSE_SERVER", raising=False)
        monkeypatch.setenv("SDL_AUDIODRIVER", "pulseaudio")
        yield env
    finally:
        server.terminate()
        server.wait(timeout=10)


def streams(env: dict[str, str]) -> int:
    return pactl(env, "list", "short", "sink-inputs").count("\n")


@pytest.mark.usefixtures("qapp")
def test_a_long_pause_closes_the_stream_and_resuming_opens_it_again(
    null_sink: dict[str, str],
) -> None:
    clock = FakeClock()
    library = SoundLibrary(assets_dir() / "audio")

    def open_player(settings: SoundSettings) -> PygameAudio:
        return PygameAudio(library, clock, settings, close_in_background=False, decoder=decode_here)

    session = SessionController(clock)
    sound = SoundController(
        PreferencesModel(shipped_defaults()), clock, open_player=open_player, jobs=InlineJobs()
    )
    sound.attach(session)
    massage = next(t for t in load_library(assets_dir()).techniques.values())
    session.begin(Routine("pause", "Pause", "", (Step(massage, 600),), False))
    try:
        assert wait_for(lambda: streams(null_sink) == 1), sound.status
        session.toggle_pause()
        clock.advance(PAUSE_RELEASE_S - 0.5)
        sound.engine.poll()
        assert streams(null_sink) == 1  # a short pause keeps it, ready to resume
        clock.advance(1.0)
        sound.engine.poll()
        assert wait_for(lambda: streams(null_sink) == 0)
        assert not sound.engine.polling  # nothing runs for sound while the device is closed
        session.toggle_pause()
        assert wait_for(lambda: streams(null_sink) == 1)
        session.stop()
        clock.advance(2.0)
        sound.engine.poll()
        assert wait_for(lambda: streams(null_sink) == 0)
    finally:
        sound.shutdown()


# -- decoding in a helper process --------------------------------------------------------------


def test_the_helper_process_decodes_as_the_mixer_would_and_names_what_failed(
    tmp_path: Path,
) -> None:
    import pygame

    from backcare_desktop.services.audio.decode import decode

    broken = tmp_path / "broken.ogg"
    broken.write_bytes(b"OggS" + bytes(300))
    layer = SoundLibrary(assets_dir() / "audio").tracks[0].layers[0].path
    pygame.mixer.init(44100, -16, 2, 512)
    try:
        device = pygame.mixer.get_init()
        loaded, failed = decode([layer, broken], device)
        here, _ = decode_here([layer], device)
    finally:
        pygame.mixer.quit()
    assert failed == {broken}
    assert loaded == here
