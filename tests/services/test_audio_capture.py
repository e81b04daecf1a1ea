"""What the person hears when the sound changes: captured from SDL's output, not assumed.

The app's own SoundController runs a scripted session (tests/services/sound_capture_rig.py) in
a subprocess on SDL's `disk` driver, which writes the mixed output to a file in real time. Each
change — the music slider, mute, unmute, resume 0.3 s into the pause fade, a track switch, the
breath slider moved while a chime rings, mute, unmute and Pause while a chime rings — is then
looked for in the samples:

- a click is a burst of energy above 6 kHz. The level above 6 kHz is measured in 5 ms windows
  and compared with its own running median over ±150 ms: music changes slowly (a fade, the
  crossfade into a brighter track move the median with them), a click is over within a window
  or two. Around every event, no window may stand more than 6 dB over that median. Before the
  gains glided, every one of these events left a 26–31 dB burst.
- a track switch must not leave digital silence: no run of exact zeros between the two pieces.
- a chime ringing when the session pauses dies away within about a second, smoothly: never
  cut off (no sudden drop while it is still clearly heard), and silent after.

The disk driver paces itself loosely on a busy machine (it ran at 84 % of real time here under
load), so the rig records the file's size against the clock and each event's sample is read off
that record, with a generous window around it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")

from numpy.typing import NDArray  # noqa: E402

RIG = Path(__file__).with_name("sound_capture_rig.py")
RATE = 44100
HIGH_HZ = 6000.0
WINDOW = int(0.005 * RATE)
HOP = WINDOW // 2
MEDIAN_S = 0.150
BURST_DB = 6.0
BEFORE_S = 0.25
AFTER_S = {"track switch": 3.5, "resume": 1.8, "pause, a chime ringing": 1.5}  # whole glides
DEFAULT_AFTER_S = 0.8
LONGEST_ZERO_RUN = 32  # frames (0.7 ms): exact zeros at a quiet zero crossing, not a gap


def capture(tmp_path: Path) -> tuple[dict[str, list], NDArray[np.float64]]:  # type: ignore[type-arg]
    raw = tmp_path / "out.raw"
    env = dict(
        os.environ, SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(raw), QT_QPA_PLATFORM="offscreen"
    )
    done = subprocess.run(
        [sys.executable, str(RIG), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    record = json.loads((tmp_path / "render.json").read_text(encoding="utf-8"))
    frames = np.frombuffer(raw.read_bytes(), dtype="<i2").reshape(-1, 2).astype(np.float64)
    return record, frames / 32768.0


def frame_at(record: dict[str, list], seconds: float) -> int:  # type: ignore[type-arg]
    """The frame the output reached at `seconds` (after the device opened), from the file's
    growth; a frame is mixed at most a buffer or two before it is written."""
    growth = np.array(record["growth"], dtype=np.float64)
    return int(np.interp(seconds, growth[:, 0], growth[:, 1] / 4))


def high_band_db(frames: NDArray[np.float64]) -> NDArray[np.float64]:
    """Level above HIGH_HZ (dB re full scale) of each 5 ms window, windows 2.5 ms apart; the
    louder channel counts."""
    spectrum = np.fft.rfft(frames, axis=0)
    spectrum[np.fft.rfftfreq(len(frames), 1 / RATE) < HIGH_HZ] = 0
    high = np.fft.irfft(spectrum, n=len(frames), axis=0)
    starts = np.arange(0, len(high) - WINDOW, HOP)
    energy = np.concatenate((np.zeros((1, 2)), np.cumsum(high**2, axis=0)))
    power = ((energy[starts + WINDOW] - energy[starts]) / WINDOW).max(axis=1)
    return 10 * np.log10(power + 1e-14)


def running_median(values: NDArray[np.float64], half: int) -> NDArray[np.float64]:
    padded = np.pad(values, half, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1)
    return np.median(windows, axis=1)


def longest_zero_run(frames: NDArray[np.float64]) -> int:
    silent = np.all(frames == 0.0, axis=1).astype(np.int8)
    edges = np.diff(np.concatenate(([0], silent, [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return int((ends - starts).max()) if len(starts) else 0


@pytest.fixture(scope="module")
def captured(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, list], NDArray]:  # type: ignore[type-arg]
    return capture(tmp_path_factory.mktemp("capture"))


@pytest.mark.slow
def test_no_change_of_gain_clicks(captured: tuple[dict[str, list], NDArray]) -> None:  # type: ignore[type-arg]
    record, frames = captured
    level = high_band_db(frames)
    excess = level - running_median(level, int(MEDIAN_S * RATE / HOP))
    found = {}
    for event in record["events"]:
        name, at = str(event["event"]), float(event["at"])
        if "chime" in name and "ringing" not in name:
            continue  # a chime's own attack is meant to be heard: it is there to ring under
            # the change that follows
        before = 0.0 if name == "breath slider" else BEFORE_S
        first = max(0, frame_at(record, at - before) // HOP)
        last = frame_at(record, at + AFTER_S.get(name, DEFAULT_AFTER_S)) // HOP
        found[name] = round(float(excess[first:last].max()), 1)
    print("largest burst above 6 kHz over its running median (dB):", found)
    assert len(found) == 10, found
    assert all(value <= BURST_DB for value in found.values()), found


@pytest.mark.slow
def test_a_track_switch_crossfades_without_silence(
    captured: tuple[dict[str, list], NDArray],  # type: ignore[type-arg]
) -> None:
    record, frames = captured
    switch = next(float(e["at"]) for e in record["events"] if e["event"] == "track switch")
    around = frames[frame_at(record, switch - BEFORE_S) : frame_at(record, switch + 3.5)]
    assert len(around) > 3 * RATE
    assert longest_zero_run(around) <= LONGEST_ZERO_RUN


def level_db(frames: NDArray[np.float64]) -> NDArray[np.float64]:
    """Level (dB re full scale) of each 20 ms, the louder channel."""
    size = int(0.020 * RATE)
    usable = frames[: len(frames) - len(frames) % size].reshape(-1, size, 2)
    return 10 * np.log10((usable**2).mean(axis=1).max(axis=1) + 1e-14)


@pytest.mark.slow
def test_pause_lets_a_ringing_chime_die_away_within_a_second_never_cut(
    captured: tuple[dict[str, list], NDArray],  # type: ignore[type-arg]
) -> None:
    record, frames = captured
    pause = next(float(e["at"]) for e in record["events"] if e["event"].startswith("pause, a"))
    start = frame_at(record, pause)
    ringing = level_db(frames[start - int(0.2 * RATE) : start]).max()
    levels = level_db(frames[start : start + int(2.3 * RATE)]) - ringing
    print("20 ms levels after Pause, dB re the ringing chime:", np.round(levels[::5], 1))
    assert ringing > -40.0  # a chime was ringing
    assert levels[: int(0.3 / 0.020)].min() > -12.0  # not cut at once: it dies away
    heard = np.flatnonzero(levels > -40.0)
    # within about a second: 0.2 s ahead, over 1 s, and room for a device lagging the clock
    assert heard[-1] * 0.020 < 1.6
    drops = -np.diff(levels[: heard[-1] + 2])
    assert drops.max() < 10.0, drops.max()  # no sudden drop while it is still heard
    assert levels[int(2.0 / 0.020) :].max() < -60.0  # and silent after (a lagging device too)
