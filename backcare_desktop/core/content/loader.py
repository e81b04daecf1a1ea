"""Loading techniques and routines from assets/ and checking them against every content rule.

Content lives in data files so that adding a routine means editing JSON, not code. A mistake in
those files would otherwise surface as a confusing crash halfway through a session, so every
rule, including the safety rules of the content facts, is checked on load, and a failure names
the file, the field and what was expected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Protocol, Self

from backcare_desktop.core.breathing import PATTERNS_FILE, parse_patterns
from backcare_desktop.core.content.fields import (
    ContentError,
    check_schema,
    parse_json,
    read_choice,
    read_choices,
    read_equipment,
    read_flag,
    read_identifier,
    read_list,
    read_object,
    read_sentences,
    read_text,
    read_whole,
)
from backcare_desktop.core.regions import REGIONS
from backcare_desktop.core.routine import (
    FAMILIES,
    Duration,
    Library,
    Routine,
    Side,
    Step,
    Technique,
)

__all__ = ["AssetTree", "ContentError", "load_library"]

# The usual dose of one technique on one area, in seconds; some families are kept short.
_TYPICAL_SECONDS = (30, 120)
_FAMILY_SECONDS = {"tapotement": (15, 30), "compression": (20, 60), "breathing": (60, 300)}
_BACK_AREAS = frozenset({"upper_back", "between_shoulder_blades", "mid_back", "lower_back"})
_PRESSING_FAMILIES = frozenset({"friction", "compression", "tool_ball"})
_ON_THE_SPINE = re.compile(r"(?<!never )(?<!not )\bon (?:the|your) spine\b", re.IGNORECASE)


class AssetTree(Protocol):
    """The assets folder as the loader reads it; a pathlib.Path is one. Core opens no file
    itself: whatever is passed in does the reading (a test may pass an in-memory tree)."""

    @property
    def name(self) -> str: ...
    @property
    def stem(self) -> str: ...
    def __truediv__(self, key: str) -> Self: ...
    def read_bytes(self) -> bytes: ...
    def is_file(self) -> bool: ...
    def glob(self, pattern: str) -> Iterable[Self]: ...


def load_library(assets: AssetTree) -> Library:
    """Read and check techniques, breathing patterns, routines and illustrations under `assets`.

    Raises ContentError for the first problem found, so the app refuses to start with broken
    content rather than failing in the middle of someone's session. Each file is read once;
    the breathing patterns it returns are the ones the whole app shares.
    """
    techniques = _load_techniques(assets)
    _check_illustrations(assets, techniques.values())
    patterns = parse_patterns(_read_bytes(assets, PATTERNS_FILE), PATTERNS_FILE)
    routine_files = sorted((assets / "routines").glob("*.json"), key=lambda path: path.name)
    if not routine_files:
        raise ContentError("routines/", "*.json", "at least one routine file", "no files")
    routines = tuple(
        _load_routine(assets, path.stem, techniques, frozenset(patterns)) for path in routine_files
    )
    return Library(MappingProxyType(techniques), routines, MappingProxyType(patterns))


def _read_bytes(assets: AssetTree, relative: str) -> bytes:
    path = assets
    for part in relative.split("/"):
        path = path / part
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ContentError(relative, "(file)", "a JSON file", "no such file") from None
    except OSError as error:
        raise ContentError(relative, "(file)", "a readable file", str(error)) from None


def _read_json(assets: AssetTree, relative: str) -> object:
    return parse_json(_read_bytes(assets, relative), relative)


def _load_techniques(assets: AssetTree) -> dict[str, Technique]:
    file = "techniques.json"
    top = read_object(_read_json(assets, file), file, "", {"schema", "techniques"})
    check_schema(top["schema"], file)
    raw_list = read_list(top["techniques"], file, "techniques", minimum=1)
    techniques: dict[str, Technique] = {}
    for index, raw in enumerate(raw_list):
        technique = _parse_technique(raw, file, f"techniques[{index}]")
        if technique.id in techniques:
            raise ContentError(
                file, f"techniques[{index}].id", "a unique id", f"{technique.id!r} a second time"
            )
        techniques[technique.id] = technique
    return techniques


_TECHNIQUE_KEYS = frozenset(
    {
        "id",
        "name",
        "family",
        "regions",
        "equipment",
        "intensity",
        "summary",
        "instructions",
        "cautions",
        "duration",
        "per_side",
    }
)


def _parse_technique(raw: object, file: str, path: str) -> Technique:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
        path = f"techniques[{raw['id'].strip()}]"  # easier to find in the file than an index
    fields = read_object(raw, file, path, _TECHNIQUE_KEYS)
    technique_id = read_identifier(fields["id"], file, f"{path}.id")
    family = read_choice(fields["family"], file, f"{path}.family", sorted(FAMILIES))
    technique = Technique(
        id=technique_id,
        name=read_text(fields["name"], file, f"{path}.name"),
        family=family,
        regions=_regions(fields["regions"], file, f"{path}.regions", family),
        equipment=read_equipment(fields["equipment"], file, f"{path}.equipment"),
        intensity=read_whole(fields["intensity"], file, f"{path}.intensity", 1, 5),
        summary=read_text(fields["summary"], file, f"{path}.summary"),
        instructions=read_sentences(fields["instructions"], file, f"{path}.instructions", 2, 4),
        cautions=read_sentences(fields["cautions"], file, f"{path}.cautions", 1, 3),
        duration=_duration(fields["duration"], file, f"{path}.duration", family),
        per_side=read_flag(fields["per_side"], file, f"{path}.per_side"),
    )
    _check_technique_safety(technique, file, path)
    return technique


def _regions(raw: object, file: str, path: str, family: str) -> tuple[str, ...]:
    """The regions a technique works; only breathing, which works none in particular, has none."""
    if family == "breathing" and raw == []:
        return ()
    return read_choices(raw, file, path, REGIONS)


def _duration(raw: object, file: str, path: str, family: str) -> Duration:
    fields = read_object(raw, file, path, {"default", "min", "max"})
    low, high = _FAMILY_SECONDS.get(family, _TYPICAL_SECONDS)
    usual = f"seconds (usual for {family})"
    minimum = read_whole(fields["min"], file, f"{path}.min", low, high, f"{low} to {high} {usual}")
    maximum = read_whole(
        fields["max"], file, f"{path}.max", minimum, high, f"min ({minimum}) to {high} {usual}"
    )
    default = read_whole(
        fields["default"], file, f"{path}.default", minimum, maximum, "a value between min and max"
    )
    return Duration(default=default, minimum=minimum, maximum=maximum)


def _check_technique_safety(technique: Technique, file: str, path: str) -> None:
    """The safety rules of the content facts, enforced so no content edit can break them."""
    areas = set(technique.regions)
    if technique.family == "tool_roller" and "lower_back" in areas:
        raise ContentError(
            file,
            f"{path}.regions",
            "no lower_back (the foam roller never rolls the lower back)",
            repr(list(technique.regions)),
        )
    if technique.family == "tapotement" and areas & {"lower_back", "mid_back"}:
        raise ContentError(
            file,
            f"{path}.regions",
            "no lower_back or mid_back (never tap over the kidneys)",
            repr(list(technique.regions)),
        )
    texts = {
        **{f"{path}.instructions[{i}]": text for i, text in enumerate(technique.instructions)},
        **{f"{path}.cautions[{i}]": text for i, text in enumerate(technique.cautions)},
    }
    for field, text in texts.items():
        if _ON_THE_SPINE.search(text):
            raise ContentError(
                file, field, "no pressure on the spine (say 'beside the spine')", repr(text)
            )
    all_text = " ".join(texts.values()).lower()
    presses_the_back = technique.family in _PRESSING_FAMILIES and areas & _BACK_AREAS
    if presses_the_back and not ("beside the spine" in all_text and "never on" in all_text):
        raise ContentError(
            file,
            f"{path}.cautions",
            "a reminder to stay beside the spine, never on it",
            "no such reminder",
        )
    if technique.family == "tool_roller" and "lower back" not in " ".join(technique.cautions):
        raise ContentError(
            file, f"{path}.cautions", "a caution to keep the roller off the lower back", "none"
        )


def _check_illustrations(assets: AssetTree, techniques: Iterable[Technique]) -> None:
    folder = assets / "illustrations"
    missing = [
        name
        for technique in techniques
        for name in technique.illustration_files()
        if not (folder / name).is_file()
    ]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if missing[5:] else "")
        raise ContentError(
            "illustrations/",
            shown,
            "a picture for every technique in techniques.json",
            f"{len(missing)} missing file(s)",
        )


def _load_routine(
    assets: AssetTree, stem: str, techniques: Mapping[str, Technique], patterns: frozenset[str]
) -> Routine:
    file = f"routines/{stem}.json"
    keys = {"schema", "id", "name", "summary", "follows_length_preference", "steps"}
    fields = read_object(_read_json(assets, file), file, "", keys)
    check_schema(fields["schema"], file)
    routine_id = read_identifier(fields["id"], file, "id")
    if routine_id != stem:
        raise ContentError(file, "id", f"{stem!r} (the file's name)", repr(routine_id))
    raw_steps = read_list(fields["steps"], file, "steps", minimum=1)
    steps: list[Step] = []
    file_index: list[int] = []  # for each expanded step, its index in the file
    for index, raw in enumerate(raw_steps):
        expanded = _parse_step(raw, file, f"steps[{index}]", techniques, patterns)
        steps.extend(expanded)
        file_index.extend([index] * len(expanded))
    routine = Routine(
        id=routine_id,
        name=read_text(fields["name"], file, "name"),
        summary=read_text(fields["summary"], file, "summary"),
        steps=tuple(steps),
        follows_length_preference=read_flag(
            fields["follows_length_preference"], file, "follows_length_preference"
        ),
    )
    _check_routine_shape(routine, file, file_index)
    return routine


def _parse_step(
    raw: object,
    file: str,
    path: str,
    techniques: Mapping[str, Technique],
    patterns: frozenset[str],
) -> list[Step]:
    fields = read_object(raw, file, path, {"technique"}, optional={"seconds", "breathing"})
    technique_id = read_text(fields["technique"], file, f"{path}.technique")
    technique = techniques.get(technique_id)
    if technique is None:
        raise ContentError(
            file, f"{path}.technique", "a technique id from techniques.json", repr(technique_id)
        )
    span = technique.duration
    seconds = span.default
    if "seconds" in fields:
        expected = f"{span.minimum} to {span.maximum} seconds (the range of {technique.id!r})"
        seconds = read_whole(
            fields["seconds"], file, f"{path}.seconds", span.minimum, span.maximum, expected
        )
    breathing: str | None = None
    if "breathing" in fields:
        if technique.family != "breathing":
            raise ContentError(
                file,
                f"{path}.breathing",
                "no breathing pattern on a step that is not a breathing technique",
                repr(fields["breathing"]),
            )
        breathing = read_choice(fields["breathing"], file, f"{path}.breathing", sorted(patterns))
    if technique.per_side:
        return [Step(technique, seconds, side, breathing) for side in (Side.LEFT, Side.RIGHT)]
    return [Step(technique, seconds, None, breathing)]


def _check_routine_shape(routine: Routine, file: str, file_index: Sequence[int]) -> None:
    """Each routine starts with a warm-up, builds pressure slowly, ends gliding and breathing."""

    def fail(step: int, expected: str) -> ContentError:
        technique = routine.steps[step].technique
        got = f"{technique.id!r} ({technique.family}, intensity {technique.intensity})"
        return ContentError(file, f"steps[{file_index[step]}].technique", expected, got)

    if routine.steps[0].technique.family != "warm_up":
        raise fail(0, "a warm-up first")
    if file_index[-1] < 2:
        expected = "at least 3 steps (a warm-up, a gliding step and breathing)"
        raise ContentError(file, "steps", expected, f"{file_index[-1] + 1} step(s)")
    if routine.steps[-1].technique.family != "breathing":
        raise fail(-1, "a breathing step last")
    if routine.steps[-2].technique.family != "effleurage":
        raise fail(-2, "a gliding (effleurage) step just before the breathing")
    firmest = 0
    for index, step in enumerate(routine.steps):
        if step.technique.intensity > firmest + 1:
            raise fail(index, f"pressure building gradually (intensity at most {firmest + 1})")
        firmest = max(firmest, step.technique.intensity)
