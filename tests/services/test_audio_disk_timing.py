"""Chimes land on the breath: render a breathing step with music through SDL's `disk` driver and
find each chime's onset in the samples actually written.

The render runs in a subprocess (this file, run as a script) so SDL_AUDIODRIVER=disk applies
before SDL starts, with the app's own mixer settings (MIXER: 512-frame buffer). Its scheduler
polls a BreathCueTracker against the real clock every 2 ms — the test rig standing in for the
app's Qt tick. The disk driver writes raw S16LE stereo at 44.1 kHz.

The file's own clock: the disk driver paces itself with SDL_Delay, which rounds a 512-frame
buffer (11.6 ms) to whole milliseconds and oversleeps on a busy machine, so its file starts a
little late and runs a few per cent off the wall clock (shared/PLATFORM_NOTES.md) — something a
real sound card, clocked by its crystal, never does. So the rig records the file's size against
monotonic time as it grows, and the test reads each sample's instant off that record. What
remains is what the app controls: how late a chime reaches the output after its boundary
(0–1 buffer of mixer quantisation, plus the tick's lateness). If the machine is so busy that
the disk driver stalls near a boundary, or the rig itself calls a chime more than 10 ms late,
the render is repeated (see rig_stalled); each onset is then measured from the instant the
chime was asked for, so what lateness the rig still had is not counted as the app's.

Onsets are found per chime in a narrow band around its fundamental (complex demodulation, 10 ms
smoothing): a chime starts where its band's level jumps most between the 100 ms before and the
100 ms after (offset by where the same detector fires on the clean chime file); a jump heard in
several bands is given to the band where it is strongest. Each onset must be within 50 ms of its
phase boundary, and the spacing between consecutive onsets within 20 ms of the pattern's.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
sf = pytest.importorskip("soundfile")

from numpy.typing import NDArray  # noqa: E402

from backcare_desktop.services.audio.player import MIXER  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "assets"
RATE = 44100
PATTERN = (2.0, 1.0, 2.0, 0.0)  # in, hold, out, hold: short, so the test stays under ~10 s
FIRST_BOUNDARY_S = 1.0  # after the device opens (music is fading in underneath)
RENDER_S = 8.8  # boundaries at 1, 3, 4, 6, 8 s
ONSET_TOLERANCE_S = 0.050
SPACING_TOLERANCE_S = 0.020
BUFFER_FRAMES = MIXER.buffer  # the app's own setting is what is measured
MAX_ATTEMPTS = 3
RIG_LATE_S = 0.010  # the rig's own poll came this late: the render says nothing of the app
SMOOTHING_S = 0.010
STEP_WINDOW_S = 0.100
SAME_ONSET_S = 0.030
MIN_STRENGTH = 0.5


def render(out_dir: Path) -> None:
    """Subprocess side: play a breathing step with music; write what was scheduled."""
    sys.path.insert(0, str(REPO))
    from backcare_desktop.core.breath_timeline import BreathCueTracker, BreathingTimeline
    from backcare_desktop.core.breathing import custom_pattern
    from backcare_desktop.core.clock import SystemClock
    from backcare_desktop.services.audio.library import SoundLibrary
    from backcare_desktop.services.audio.player import SoundSettings
    from backcare_desktop.services.audio.pygame_player import PygameAudio

    clock = SystemClock()
    audio = PygameAudio(SoundLibrary(ASSETS / "audio"), clock, SoundSettings(music="warm_pads"))
    assert audio.prepare(), audio.status
    assert audio.opened_at is not None
    origin = audio.opened_at
    audio.start_session()
    # as the app's sound worker does: decode the soundscape while the chimes already play
    threading.Thread(target=audio.prepare, daemon=True).start()
    timeline = BreathingTimeline(custom_pattern(*PATTERN), start=origin + FIRST_BOUNDARY_S)
    tracker = BreathCueTracker(timeline)
    scheduled: list[dict[str, float | str]] = []
    growth: list[tuple[float, int]] = []
    raw = Path(os.environ["SDL_DISKAUDIOFILE"])
    while (now := clock.monotonic()) < origin + RENDER_S:
        for instant, cue in tracker.poll(now):
            audio.play_cue(cue)
            scheduled.append({"cue": cue.value, "at": instant - origin, "late": now - instant})
        size = raw.stat().st_size
        if not growth or size != growth[-1][1]:
            growth.append((clock.monotonic() - origin, size))
        time.sleep(0.002)
    audio.release()
    record = {"scheduled": scheduled, "growth": growth}
    (out_dir / "render.json").write_text(json.dumps(record), encoding="utf-8")


def band_envelope(x: NDArray[np.float64], hz: float) -> NDArray[np.float64]:
    """Magnitude of `x` near `hz`: shift `hz` to 0 Hz, then a 10 ms moving average."""
    shifted = x * np.exp(-2j * np.pi * hz * np.arange(len(x)) / RATE)
    width = int(SMOOTHING_S * RATE)
    cumulative = np.concatenate(([0.0], np.cumsum(shifted)))
    smooth = np.abs(cumulative[width:] - cumulative[:-width]) / width
    return np.concatenate((np.zeros(width // 2), smooth, np.zeros(width - width // 2)))


def step_strength(envelope: NDArray[np.float64]) -> NDArray[np.float64]:
    """Mean of the next 100 ms minus mean of the previous 100 ms: peaks where a chime starts.

    Averaging over 100 ms on each side cancels the quick beating between a chime and music
    partials a few Hz away, which a plain slope would mistake for onsets.
    """
    width = int(STEP_WINDOW_S * RATE)
    cumulative = np.concatenate(([0.0], np.cumsum(envelope)))
    strength = np.zeros(len(envelope))
    i = np.arange(width, len(envelope) - width)
    strength[i] = (cumulative[i + width] - 2 * cumulative[i] + cumulative[i - width]) / width
    return strength


def peaks(strength: NDArray[np.float64]) -> list[tuple[int, float]]:
    """(sample, strength relative to the strongest) of each burst above 30 %, 0.5 s apart."""
    candidates = np.flatnonzero(strength > 0.3 * strength.max())
    found: list[tuple[int, float]] = []
    while len(candidates):
        burst = candidates[candidates < candidates[0] + RATE // 2]
        best = int(burst[np.argmax(strength[burst])])
        found.append((best, float(strength[best] / strength.max())))
        candidates = candidates[candidates >= candidates[0] + RATE // 2]
    return found


def find_onsets(
    samples: NDArray[np.float64], chimes: dict[str, NDArray[np.float64]]
) -> list[tuple[int, str]]:
    """(first sample, cue) of every chime in `samples`, in order."""
    found: list[tuple[int, float, str]] = []
    for cue, chime in chimes.items():
        hz = float(np.argmax(np.abs(np.fft.rfft(chime))) * RATE / len(chime))
        lead = RATE // 5
        clean = np.concatenate((np.zeros(lead), chime))
        bias = peaks(step_strength(band_envelope(clean, hz)))[0][0] - lead
        found += [
            (index - bias, strength, cue)
            for index, strength in peaks(step_strength(band_envelope(samples, hz)))
        ]
    found.sort()
    onsets: list[tuple[int, float, str]] = []
    for index, strength, cue in found:  # one onset heard in several bands belongs to the strongest
        if onsets and index - onsets[-1][0] < SAME_ONSET_S * RATE:
            if strength > onsets[-1][1]:
                onsets[-1] = (index, strength, cue)
        else:
            onsets.append((index, strength, cue))
    return [(index, cue) for index, strength, cue in onsets if strength >= MIN_STRENGTH]


def rig_stalled(growth: NDArray[np.float64], boundaries: list[float]) -> bool:
    """Did the disk driver stop writing for several buffers near a boundary?

    Normally the file grows two buffers at a time. When the machine is so busy that SDL's thread
    is not scheduled, the file later jumps by many buffers at once: the instrument, not the app,
    lost time there, so the render is repeated (once).
    """
    jumps = np.diff(growth[:, 1]) / 4 > 2 * BUFFER_FRAMES
    near = [bool(np.any(np.abs(growth[1:, 0][jumps] - b) < 0.2)) for b in boundaries]
    return any(near)


def render_in_subprocess(tmp_path: Path) -> tuple[dict[str, list], NDArray[np.float64]]:  # type: ignore[type-arg]
    """Render until the disk driver kept time around every boundary (at most MAX_ATTEMPTS)."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        folder = tmp_path / f"attempt{attempt}"
        folder.mkdir()
        raw = folder / "out.raw"
        env = dict(os.environ, SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(raw))
        done = subprocess.run(
            [sys.executable, __file__, str(folder)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        record = json.loads((folder / "render.json").read_text(encoding="utf-8"))
        growth = np.array(record["growth"], dtype=np.float64)
        scheduled = record["scheduled"]
        if not rig_stalled(growth, [float(s["at"]) for s in scheduled]) and (
            max(float(s["late"]) for s in scheduled) < RIG_LATE_S
        ):
            break
        print(f"attempt {attempt}: the disk driver or the rig stalled near a boundary (busy)")
    samples = np.frombuffer(raw.read_bytes(), dtype="<i2").reshape(-1, 2).mean(axis=1) / 32768.0
    return record, samples


@pytest.mark.slow
def chime_mid(cue: str) -> NDArray[np.float64]:
    """A stereo chime file as its mid signal, as the rendered output is reduced to."""
    samples, _rate = sf.read(ASSETS / "audio" / "chimes" / f"{cue}.ogg", always_2d=True)
    return np.asarray(samples.mean(axis=1), dtype=np.float64)


def test_chime_onsets_land_on_the_phase_boundaries(tmp_path: Path) -> None:
    record, samples = render_in_subprocess(tmp_path)
    scheduled = record["scheduled"]
    assert [s["cue"] for s in scheduled] == ["inhale", "hold", "exhale", "inhale", "hold"]

    chimes = {cue: chime_mid(cue) for cue in ("inhale", "hold", "exhale")}
    detected = find_onsets(samples, chimes)
    assert [cue for _, cue in detected] == [s["cue"] for s in scheduled]

    # The file's clock: frame count against monotonic time as the file grew. A sample reaches the
    # output when the buffer holding it is written, and a chime starts at the head of a buffer,
    # so its instant is when the file had grown one buffer past its first sample.
    growth = np.array(record["growth"], dtype=np.float64)
    onset_s = [
        float(np.interp(index + BUFFER_FRAMES, growth[:, 1] / 4, growth[:, 0]))
        for index, _ in detected
    ]
    asked = [float(s["at"]) + float(s["late"]) for s in scheduled]  # when play_cue was called
    errors = [t - a for t, a in zip(onset_s, asked, strict=True)]
    spacing_errors = [b - a for a, b in itertools.pairwise(errors)]
    print("onset errors (ms):", [round(e * 1000, 1) for e in errors])
    print("spacing errors (ms):", [round(e * 1000, 1) for e in spacing_errors])
    assert all(abs(e) <= ONSET_TOLERANCE_S for e in errors), errors
    assert all(abs(e) <= SPACING_TOLERANCE_S for e in spacing_errors), spacing_errors


if __name__ == "__main__":
    render(Path(sys.argv[1]))
