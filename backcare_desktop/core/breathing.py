"""Breathing patterns: four phase lengths (in, hold, out, hold), read from the content or
made by the person, and the words and sounds of each phase.

All allowed lengths are multiples of 0.5 s, which floating point represents exactly, so the
timeline's sums (core/breath_timeline.py) are exact too. The patterns are read with the content
before the first paint; the timeline is kept apart, in its own module, because only a breathing
page or a session needs it (its two value classes would cost every start about 1 ms).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Final

from backcare_desktop.core.content.fields import (
    ContentError,
    ReadableFile,
    check_schema,
    join,
    parse_json,
    read_identifier,
    read_list,
    read_number,
    read_object,
    read_text,
    read_unique_ids,
)
from backcare_desktop.core.translatable import QT_TR_NOOP

MAX_PHASE_SECONDS = 20.0
PHASE_STEP_SECONDS = 0.5
CUSTOM_PATTERN_ID = "custom"
PATTERNS_FILE: Final = "breathing_patterns.json"


class PatternError(ContentError):
    """A breathing pattern is not usable; the message names the source, field and expectation."""


class Phase(Enum):
    """The four parts of a breath, in the order they come."""

    INHALE = "inhale"
    HOLD_IN = "hold_in"
    EXHALE = "exhale"
    HOLD_OUT = "hold_out"


PHASE_ORDER: tuple[Phase, ...] = (Phase.INHALE, Phase.HOLD_IN, Phase.EXHALE, Phase.HOLD_OUT)


class Cue(Enum):
    """The sounds a session can make; the value names the sound file (assets/audio/chimes/)."""

    INHALE = "inhale"
    EXHALE = "exhale"
    HOLD = "hold"
    STEP = "step"
    END = "end"


CUE_CAPTIONS: dict[Cue, str] = {
    Cue.INHALE: QT_TR_NOOP("Breathe in"),
    Cue.HOLD: QT_TR_NOOP("Hold"),
    Cue.EXHALE: QT_TR_NOOP("Breathe out"),
    Cue.STEP: QT_TR_NOOP("Next step"),
    Cue.END: QT_TR_NOOP("Session complete"),
}

PHASE_WORDS: dict[Phase, str] = {
    Phase.INHALE: "Breathe in",
    Phase.HOLD_IN: "Hold",
    Phase.EXHALE: "Breathe out",
    Phase.HOLD_OUT: "Hold",
}


def cue_for(phase: Phase) -> Cue:
    """The chime that announces the start of `phase`."""
    if phase is Phase.INHALE:
        return Cue.INHALE
    if phase is Phase.EXHALE:
        return Cue.EXHALE
    return Cue.HOLD


def caption_for(cue: Cue) -> str:
    """What a cue says in words, shown for people with sound off or who are hard of hearing."""
    return CUE_CAPTIONS[cue]


def _check_length(value: object, field: str, source: str, *, allow_zero: bool) -> float:
    expected = f"between 0 and {MAX_PHASE_SECONDS:g} seconds (whole half seconds)"
    with _as_pattern_error():
        seconds = read_number(
            value, source, field, 0, MAX_PHASE_SECONDS, step=PHASE_STEP_SECONDS, expected=expected
        )
    if not allow_zero and seconds == 0:
        raise PatternError(source, field, "longer than 0 seconds", "0")
    return seconds


@dataclass(frozen=True)
class BreathingPattern:
    """How long each part of one breath lasts, in seconds (0 for a hold means no hold)."""

    id: str
    name: str
    inhale: float
    hold_in: float
    exhale: float
    hold_out: float
    summary: str = ""

    def __post_init__(self) -> None:
        source = f"breathing pattern '{self.id}'"
        if not self.id:
            raise PatternError(source, "id", "some text", "empty text")
        _check_length(self.inhale, "inhale", source, allow_zero=False)
        _check_length(self.hold_in, "hold_in", source, allow_zero=True)
        _check_length(self.exhale, "exhale", source, allow_zero=False)
        _check_length(self.hold_out, "hold_out", source, allow_zero=True)

    def length_of(self, phase: Phase) -> float:
        if phase is Phase.INHALE:
            return self.inhale
        if phase is Phase.HOLD_IN:
            return self.hold_in
        if phase is Phase.EXHALE:
            return self.exhale
        return self.hold_out

    @cached_property
    def phases(self) -> tuple[tuple[Phase, float], ...]:
        """The phases that take time, in order, with their lengths (zero-length holds left out)."""
        return tuple((p, self.length_of(p)) for p in PHASE_ORDER if self.length_of(p) > 0)

    @property
    def cycle_seconds(self) -> float:
        return self.inhale + self.hold_in + self.exhale + self.hold_out

    @property
    def breaths_per_minute(self) -> float:
        return 60.0 / self.cycle_seconds


def custom_pattern(
    inhale: float, hold_in: float, exhale: float, hold_out: float, name: str = "Your own rhythm"
) -> BreathingPattern:
    """A user-made pattern; raises PatternError if a length is outside 0–20 s in 0.5 s steps."""
    return BreathingPattern(CUSTOM_PATTERN_ID, name, inhale, hold_in, exhale, hold_out)


_LENGTHS: Final = ("inhale", "hold_in", "exhale", "hold_out")


def _read_pattern(raw: object, file: str, path: str) -> BreathingPattern:
    fields = read_object(raw, file, path, {"id", "name", *_LENGTHS}, {"summary"})
    lengths = {
        name: _check_length(fields[name], join(path, name), file, allow_zero=name.startswith("h"))
        for name in _LENGTHS
    }
    summary = fields.get("summary", "")
    return BreathingPattern(
        id=read_identifier(fields["id"], file, join(path, "id")),
        name=read_text(fields["name"], file, join(path, "name")),
        summary="" if summary == "" else read_text(summary, file, join(path, "summary")),
        **lengths,
    )


def parse_patterns(raw: bytes, file: str = PATTERNS_FILE) -> dict[str, BreathingPattern]:
    """The patterns in the bytes of a breathing_patterns.json, by id, in file order.

    Raises PatternError (a ContentError) naming the file, the field and what was expected.
    """
    with _as_pattern_error():
        top = read_object(parse_json(raw, file), file, "", {"schema", "patterns"})
        check_schema(top["schema"], file)
        entries = read_list(top["patterns"], file, "patterns", minimum=1)
        patterns = [_read_pattern(entry, file, f"patterns[{i}]") for i, entry in enumerate(entries)]
        read_unique_ids((pattern.id for pattern in patterns), file, "patterns")
    return {pattern.id: pattern for pattern in patterns}


@contextmanager
def _as_pattern_error() -> Iterator[None]:
    """Field errors become PatternError, the one error callers of this module catch."""
    try:
        yield
    except PatternError:
        raise
    except ContentError as error:
        raise PatternError(error.file, error.field, error.expected, error.got) from None


def load_patterns(path: ReadableFile) -> dict[str, BreathingPattern]:
    """`parse_patterns` over a file; an unreadable file is a PatternError too."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PatternError(path.name, "(file)", "a readable file", str(error)) from None
    return parse_patterns(raw, path.name)
