"""The sound design: three background loops and the chime family, as plain numpy signals.

Why the loops are seamless by construction: every oscillator runs a whole number of cycles per
loop, and every slow movement (chord changes, swells, waves, bowl blooms) is a function of the
position *within* the loop, wrapping round. Sample N (one past the end) therefore equals sample
0, so the join is exactly as smooth as any other pair of neighbouring samples. Phases come from
integer arithmetic (cycles * n mod N), never from accumulated floats, so rendering the first few
seconds alone gives the same samples as the full render (the reproducibility test relies on it).

Why they sound soft: pads are built from harmonics falling off faster than a sawtooth and kept
below ~2.5 kHz; attacks are seconds long; the ocean is noise shaped to a warm, low spectrum whose
level rises and falls like waves; bowls bloom in over a second instead of being struck.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Signal = NDArray[np.float64]
Index = NDArray[np.int64]

TWO_PI = 2.0 * np.pi
BOWL_RATIOS = (1.0, 2.76, 5.40, 8.93)


def midi_hz(note: float) -> float:
    return float(440.0 * 2.0 ** ((note - 69.0) / 12.0))


@dataclass(frozen=True)
class Loop:
    """A loop of `seconds` at `rate`, rendered for sample indices 0..count-1."""

    rate: int
    seconds: int
    count: int

    @property
    def length(self) -> int:
        return self.rate * self.seconds

    def indices(self) -> Index:
        return np.arange(self.count, dtype=np.int64)

    def cycles(self, hz: float) -> int:
        """The whole number of cycles per loop closest to `hz` (at most 1/seconds Hz away)."""
        return max(1, round(hz * self.seconds))

    def angle(self, cycles: int, n: Index) -> Signal:
        """Phase in [0, 2π) of an oscillator with `cycles` per loop, exactly periodic."""
        return ((cycles * n) % self.length).astype(np.float64) * (TWO_PI / self.length)

    def lfo(self, cycles: int, n: Index, phase: float = 0.0) -> Signal:
        """A slow 0..1 raised-cosine movement that repeats `cycles` times per loop."""
        return 0.5 - 0.5 * np.cos(self.angle(cycles, n) + phase)

    def since(self, onset: int, n: Index) -> Signal:
        """Seconds since `onset` (a sample index), wrapping round the loop."""
        return ((n - onset) % self.length).astype(np.float64) / self.rate


def _phase_for(cycles: int) -> float:
    """A fixed, well-spread start phase per oscillator (shared tones then add coherently)."""
    return float((cycles * 0.6180339887498949) % 1.0 * TWO_PI)


# --- warm pads -------------------------------------------------------------------------------

PAD_CHORDS: tuple[tuple[int, ...], ...] = (
    (50, 57, 61, 66),  # D major 7: D3 A3 C#4 F#4
    (47, 54, 57, 62),  # B minor 7: B2 F#3 A3 D4
    (43, 50, 54, 59),  # G major 7: G2 D3 F#3 B3
    (45, 52, 59, 61),  # A add 9: A2 E3 B3 C#4
)
PAD_CROSSFADE_S = 14.0
PAD_PAIR_LEVELS = (1.0, 0.5)
PAD_LOWEST_HZ = 55.0  # a soft sub-octave, but nothing lower: below ~55 Hz is rumble, not warmth


def chord_weight(loop: Loop, n: Index, chord: int, chords: int, crossfade_s: float) -> Signal:
    """How much of chord `chord` sounds at each sample; neighbouring weights always sum to 1."""
    segment = loop.length / chords
    width = crossfade_s * loop.rate / segment  # in segments
    position = ((n % loop.length).astype(np.float64) / segment - chord + width / 2) % chords
    weight = np.zeros(len(n))
    rising = position < width
    weight[rising] = 0.5 - 0.5 * np.cos(np.pi * position[rising] / width)
    weight[(position >= width) & (position < 1.0)] = 1.0
    falling = (position >= 1.0) & (position < 1.0 + width)
    weight[falling] = 0.5 + 0.5 * np.cos(np.pi * (position[falling] - 1.0) / width)
    return weight


def pad_voice(loop: Loop, n: Index, note: int, max_harmonics: int = 6) -> Signal:
    """One pad note: two slightly detuned oscillators whose upper harmonics open and close.

    The second oscillator is quieter, so their slow beating is a gentle sway (about 10 dB deep),
    never a gap where the note vanishes.
    """
    hz = midi_hz(note)
    base = loop.cycles(hz)
    detune = loop.cycles(0.08 + 0.03 * (note % 3))
    angles = (loop.angle(base, n), loop.angle(base + detune, n))
    brightness = 0.42 + 0.30 * loop.lfo(3 + note % 4, n, phase=note * 0.7)
    swell = 0.78 + 0.22 * loop.lfo(5 + note % 5, n, phase=note * 1.3)
    harmonics = max(1, min(max_harmonics, int(2400.0 // hz)))
    voice = np.zeros(len(n))
    level = np.ones(len(n))
    for h in range(1, harmonics + 1):
        partial = np.zeros(len(n))
        for k, angle in enumerate(angles):
            partial += PAD_PAIR_LEVELS[k] * np.sin(h * angle + _phase_for(base * h + k))
        voice += (h**-1.7) * level * partial
        level = level * brightness
    return voice * swell * (1.0 + 0.012 * (62 - note))


def warm_pads(loop: Loop) -> Signal:
    """Four soft major/minor seventh chords, each drifting into the next over 14 s."""
    n = loop.indices()
    out = np.zeros(loop.count)
    for index, chord in enumerate(PAD_CHORDS):
        weight = chord_weight(loop, n, index, len(PAD_CHORDS), PAD_CROSSFADE_S)
        active = weight > 0.0
        if not np.any(active):
            continue
        part = np.zeros(int(np.count_nonzero(active)))
        for note in chord:
            part += pad_voice(loop, n[active], note)
        root = chord[0] - 12 if midi_hz(chord[0] - 12) >= PAD_LOWEST_HZ else chord[0]
        part += 0.35 * pad_voice(loop, n[active], root, max_harmonics=3)
        out[active] += weight[active] * part
    return out


# --- gentle ocean ----------------------------------------------------------------------------


def _shaped_noise(rng: np.random.Generator, loop: Loop, shape: Signal) -> Signal:
    """Noise exactly one loop long with the given magnitude spectrum (periodic by construction)."""
    bins = loop.length // 2 + 1
    spectrum = (rng.standard_normal(bins) + 1j * rng.standard_normal(bins)) * shape
    spectrum[0] = 0.0
    noise = np.fft.irfft(spectrum, loop.length)
    return noise / float(np.sqrt(np.mean(noise**2)))


def _lowpass(freqs: Signal, cutoff: float, order: int) -> Signal:
    return 1.0 / np.sqrt(1.0 + (freqs / cutoff) ** (2 * order))


def _highpass(freqs: Signal, cutoff: float, order: int) -> Signal:
    safe = np.maximum(freqs, 1e-6)
    return 1.0 / np.sqrt(1.0 + (cutoff / safe) ** (2 * order))


@dataclass(frozen=True)
class Wave:
    """One wave: when it starts (s into the loop), how long it rises and falls, how high."""

    onset_s: float
    rise_s: float
    fall_s: float
    height: float


def ocean_waves(seconds: int, rng: np.random.Generator) -> list[Wave]:
    """Waves every 7.5–12.5 s round the loop: a 2.5–3.5 s rise and a 5–8 s fall."""
    gaps: list[float] = []
    while sum(gaps) < seconds:
        gaps.append(float(rng.uniform(7.5, 12.5)))
    scale = seconds / sum(gaps)
    onsets = np.cumsum([0.0, *gaps[:-1]]) * scale
    return [
        Wave(
            float(onset),
            float(rng.uniform(2.5, 3.5)),
            float(rng.uniform(5.0, 8.0)),
            float(rng.uniform(0.6, 1.0)),
        )
        for onset in onsets
    ]


def wave_envelope(loop: Loop, n: Index, waves: list[Wave]) -> Signal:
    """Sum of the waves' swells at samples `n`; both ends of each swell are smooth."""
    envelope = np.zeros(len(n))
    for wave in waves:
        t = loop.since(round(wave.onset_s * loop.rate), n)
        up = t < wave.rise_s
        down = (t >= wave.rise_s) & (t < wave.rise_s + wave.fall_s)
        envelope[up] += wave.height * np.sin(0.5 * np.pi * t[up] / wave.rise_s) ** 2
        envelope[down] += wave.height * (
            0.5 + 0.5 * np.cos(np.pi * (t[down] - wave.rise_s) / wave.fall_s)
        )
    return envelope


def drone(loop: Loop, n: Index, notes: tuple[int, ...], level: float) -> Signal:
    """A quiet, slowly swelling low drone of a few sine-ish notes (warmth under other layers)."""
    out = np.zeros(len(n))
    for note in notes:
        cycles = loop.cycles(midi_hz(note))
        angle = loop.angle(cycles, n)
        tone = np.sin(angle + _phase_for(cycles)) + 0.25 * np.sin(
            2 * angle + _phase_for(2 * cycles)
        )
        out += tone * (0.7 + 0.3 * loop.lfo(4 + note % 3, n, phase=note * 0.9))
    return level * out


def ocean(loop: Loop, seed: int) -> Signal:
    """Warm surf: a low rumble bed, a softer wash that swells with each wave, a low drone."""
    rng = np.random.default_rng(seed)
    n = loop.indices()
    freqs = np.fft.rfftfreq(loop.length, 1.0 / loop.rate)
    pink = 1.0 / np.sqrt(np.maximum(freqs, 1.0))
    body = _shaped_noise(rng, loop, pink * _lowpass(freqs, 420.0, 2) * _highpass(freqs, 45.0, 2))
    wash = _shaped_noise(rng, loop, pink * _lowpass(freqs, 1500.0, 3) * _highpass(freqs, 220.0, 2))
    wave_list = ocean_waves(loop.seconds, rng)
    # Scale by the highest swell of the whole loop (sampled every 10 ms), not of the rendered
    # part, so an excerpt is exactly the start of the full track.
    whole_loop = np.arange(0, loop.length, loop.rate // 100, dtype=np.int64)
    peak = float(np.max(wave_envelope(loop, whole_loop, wave_list))) or 1.0
    waves = wave_envelope(loop, n, wave_list) / peak
    bed = 0.55 + 0.45 * waves
    out = body[: loop.count] * bed + 0.55 * wash[: loop.count] * waves**1.5
    return out + drone(loop, n, (45, 52), 0.06)


# --- evening singing bowls ---------------------------------------------------------------------

BOWL_DRONE_NOTES = (50, 57)  # D3, A3: sustained "rubbed" bowls
BOWL_BLOOM_NOTES = (54, 62, 57, 50, 59, 54, 62)  # F#3 D4 A3 D3 B3 F#3 D4: blooms round the loop
BOWL_AMPLITUDES = (1.0, 0.5, 0.2, 0.06)


def bowl_drone(loop: Loop, n: Index, note: int) -> Signal:
    """A rubbed bowl: inharmonic partials, each a close pair that beats slowly (the shimmer)."""
    out = np.zeros(len(n))
    hz = midi_hz(note)
    for index, (ratio, amplitude) in enumerate(zip(BOWL_RATIOS, BOWL_AMPLITUDES, strict=True)):
        cycles = loop.cycles(hz * ratio)
        beat = loop.cycles(0.35 + 0.45 * index + 0.1 * (note % 2))
        pair = np.sin(loop.angle(cycles, n) + _phase_for(cycles)) + np.sin(
            loop.angle(cycles + beat, n) + _phase_for(cycles + beat)
        )
        out += amplitude * pair
    return out * (0.6 + 0.4 * loop.lfo(3 + note % 4, n, phase=note * 0.37))


def bowl_bloom(loop: Loop, n: Index, note: int, onset_s: float) -> Signal:
    """A bowl that swells in over ~1.2 s and rings away, its upper partials fading first."""
    hz = midi_hz(note)
    t = loop.since(round(onset_s * loop.rate), n)
    attack = 1.2
    rise = np.where(t < attack, np.sin(0.5 * np.pi * np.minimum(t / attack, 1.0)) ** 2, 1.0)
    after = np.maximum(t - attack, 0.0)
    out = np.zeros(len(n))
    for index, (ratio, amplitude) in enumerate(zip(BOWL_RATIOS, BOWL_AMPLITUDES, strict=True)):
        cycles = loop.cycles(hz * ratio)
        beat = loop.cycles(0.6 + 0.5 * index)
        decay = np.exp(-after / (11.0 / (1.0 + 1.2 * index)))
        pair = np.sin(loop.angle(cycles, n) + _phase_for(cycles)) + np.sin(
            loop.angle(cycles + beat, n) + _phase_for(cycles + beat)
        )
        out += amplitude * decay * pair
    return out * rise


def evening_bowls(loop: Loop) -> Signal:
    """Two rubbed bowls droning on D and A, and a bloom from another bowl every ~21 s."""
    n = loop.indices()
    out = np.zeros(loop.count)
    for note in BOWL_DRONE_NOTES:
        out += 0.55 * bowl_drone(loop, n, note)
    spacing = loop.seconds / len(BOWL_BLOOM_NOTES)
    for index, note in enumerate(BOWL_BLOOM_NOTES):
        out += 0.8 * bowl_bloom(loop, n, note, 4.0 + index * spacing)
    return out


# --- chimes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Strike:
    """One soft-mallet strike on a bowl: pitch, when, how loud, how long it rings."""

    hz: float
    at_s: float = 0.0
    level: float = 1.0
    ring_s: float = 2.5
    amplitudes: tuple[float, ...] = (1.0, 0.35, 0.12, 0.03)
    attack_s: float = 0.010
    beat_hz: float = 1.1


def render_strikes(strikes: tuple[Strike, ...], seconds: float, rate: int, fade_s: float) -> Signal:
    """Sum of strikes; partials decay faster the higher they are; the file ends in a fade."""
    count = round(seconds * rate)
    t = np.arange(count, dtype=np.float64) / rate
    out = np.zeros(count)
    for strike in strikes:
        local = t - strike.at_s
        sounding = local >= 0.0
        lt = local[sounding]
        attack = np.where(
            lt < strike.attack_s, 0.5 - 0.5 * np.cos(np.pi * lt / strike.attack_s), 1.0
        )
        ring = np.zeros(len(lt))
        for index, (ratio, amplitude) in enumerate(
            zip(BOWL_RATIOS, strike.amplitudes, strict=False)
        ):
            hz = strike.hz * ratio
            decay = np.exp(-lt / (strike.ring_s / (1.0 + 1.1 * index)))
            beating = 0.8 + 0.2 * np.cos(TWO_PI * strike.beat_hz * (1 + 0.4 * index) * lt)
            ring += amplitude * decay * beating * np.sin(TWO_PI * hz * lt + 0.3 * index)
        out[sounding] += strike.level * attack * ring
    fade = round(fade_s * rate)
    out[-fade:] *= 0.5 + 0.5 * np.cos(np.pi * np.arange(fade) / fade)
    return out


@dataclass(frozen=True)
class ChimeDesign:
    """A chime file: its strikes, length and the peak it is normalised to."""

    strikes: tuple[Strike, ...]
    seconds: float
    peak_dbfs: float
    fade_s: float = 0.4


CHIMES: dict[str, ChimeDesign] = {
    # Breathe in: a small bowl on A4, light and open.
    "inhale": ChimeDesign((Strike(midi_hz(69), ring_s=2.2),), seconds=3.2, peak_dbfs=-7.0),
    # Breathe out: a larger bowl a fifth lower, on D4, ringing longer — it settles.
    "exhale": ChimeDesign(
        (Strike(midi_hz(62), ring_s=2.8, beat_hz=0.9),), seconds=3.8, peak_dbfs=-7.0
    ),
    # Hold: a muted, short knock on D5, far quieter than the breath chimes.
    "hold": ChimeDesign(
        (Strike(midi_hz(74), ring_s=0.35, amplitudes=(1.0, 0.2), attack_s=0.006),),
        seconds=0.7,
        peak_dbfs=-17.0,
        fade_s=0.25,
    ),
    # Next step: two bowls, F#4 then B4, a gentle "and now".
    "step": ChimeDesign(
        (
            Strike(midi_hz(66), ring_s=2.0),
            Strike(midi_hz(71), at_s=0.22, level=0.85, ring_s=2.4),
        ),
        seconds=3.6,
        peak_dbfs=-6.0,
    ),
    # Session complete: a deep bowl on D3 with a long, slow ring.
    "end": ChimeDesign(
        (
            Strike(
                midi_hz(50),
                ring_s=7.0,
                amplitudes=(1.0, 0.6, 0.3, 0.1),
                attack_s=0.015,
                beat_hz=0.7,
            ),
            Strike(midi_hz(62), at_s=0.02, level=0.35, ring_s=4.0),
        ),
        seconds=9.0,
        peak_dbfs=-4.5,
        fade_s=1.5,
    ),
}


def render_chime(design: ChimeDesign, rate: int) -> Signal:
    """The chime normalised so its sample peak is exactly `design.peak_dbfs`."""
    raw = render_strikes(design.strikes, design.seconds, rate, design.fade_s)
    return raw * (10.0 ** (design.peak_dbfs / 20.0) / float(np.max(np.abs(raw))))
