"""The published JSON Schemas (docs/schemas/) accept every shipped asset, and agree with the
app's own reader on what a broken file is, so a content author can trust either."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from backcare_desktop.core.breathing import PatternError, parse_patterns
from backcare_desktop.core.content.fields import ContentError
from backcare_desktop.core.oils import parse_library
from backcare_desktop.core.settings.preferences import DefaultsError, parse_defaults
from backcare_desktop.resources import assets_dir
from backcare_desktop.services.audio.library import read_manifest

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schemas"
ASSETS = assets_dir()

ASSET_SCHEMAS = {
    "techniques.json": "techniques.schema.json",
    "oils.json": "oils.schema.json",
    "breathing_patterns.json": "breathing_patterns.schema.json",
    "audio/manifest.json": "sound_manifest.schema.json",
    "preferences_defaults.json": "preferences_defaults.schema.json",
    "theme.json": "theme.schema.json",
    **{f"routines/{p.name}": "routine.schema.json" for p in (ASSETS / "routines").glob("*.json")},
}


def validator(schema_name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


FORMAT_SCHEMAS = {"routine_file.schema.json"}  # files the person exchanges, not assets


def test_every_schema_is_listed_in_the_readme() -> None:
    readme = (SCHEMAS / "README.md").read_text(encoding="utf-8")
    names = sorted(p.name for p in SCHEMAS.glob("*.schema.json"))
    assert names == sorted(set(ASSET_SCHEMAS.values()) | FORMAT_SCHEMAS)
    assert all(name in readme for name in names)


@pytest.mark.parametrize("asset", sorted(ASSET_SCHEMAS))
def test_every_shipped_asset_matches_its_published_schema(asset: str) -> None:
    data = json.loads((ASSETS / asset).read_text(encoding="utf-8"))
    errors = [error.message for error in validator(ASSET_SCHEMAS[asset]).iter_errors(data)]
    assert errors == []


def read_patterns(data: Any) -> None:
    parse_patterns(json.dumps(data).encode())


def read_oils(data: Any) -> None:
    parse_library(data)


def read_sound_list(data: Any) -> None:
    read_manifest(json.dumps(data).encode(), Path("audio"))


def read_defaults(data: Any) -> None:
    parse_defaults(data)


Edit = Callable[[Any], Any]
BAD_EXAMPLES: dict[str, tuple[str, Callable[[Any], None], Edit]] = {
    "a pattern with a quarter second": (
        "breathing_patterns.json",
        read_patterns,
        lambda d: d["patterns"][0].update(inhale=4.25),
    ),
    "a pattern without an out-breath": (
        "breathing_patterns.json",
        read_patterns,
        lambda d: d["patterns"][1].update(exhale=0),
    ),
    "a pattern with an unknown field": (
        "breathing_patterns.json",
        read_patterns,
        lambda d: d["patterns"][0].update(inhail=4),
    ),
    "an oil dilution given as text": (
        "oils.json",
        read_oils,
        lambda d: d["oils"][1].update(max_dilution_percent="3"),
    ),
    "an oil with no cautions": ("oils.json", read_oils, lambda d: d["oils"][0].update(cautions=[])),
    "an oil id with capitals": ("oils.json", read_oils, lambda d: d["oils"][0].update(id="Lav")),
    "a layer without a length": (
        "audio/manifest.json",
        read_sound_list,
        lambda d: d["tracks"][0]["layers"][0].pop("seconds"),
    ),
    "a layer turned up above full scale": (
        "audio/manifest.json",
        read_sound_list,
        lambda d: d["tracks"][0]["layers"][0].update(gain_db=3.0),
    ),
    "a track without layers": (
        "audio/manifest.json",
        read_sound_list,
        lambda d: d["tracks"][0].update(layers=[]),
    ),
    "a sound list of the first version": (
        "audio/manifest.json",
        read_sound_list,
        lambda d: d.update(schema=1),
    ),
    "a chime outside the audio folder": (
        "audio/manifest.json",
        read_sound_list,
        lambda d: d["cues"]["end"].update(file="../../secret.ogg"),
    ),
    "a default theme nobody has": (
        "preferences_defaults.json",
        read_defaults,
        lambda d: d["preferences"].update(theme="neon"),
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_EXAMPLES))
def test_the_schema_and_the_runtime_reader_refuse_the_same_bad_examples(case: str) -> None:
    asset, read, edit = BAD_EXAMPLES[case]
    data = copy.deepcopy(json.loads((ASSETS / asset).read_text(encoding="utf-8")))
    read(data)  # the untouched file is fine for both
    edit(data)
    assert list(validator(ASSET_SCHEMAS[asset]).iter_errors(data)), "the schema accepted it"
    with pytest.raises((ContentError, PatternError, DefaultsError)):
        read(data)


def exported(routine_id: str) -> Any:
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.core.routine_draft import draft_of
    from backcare_desktop.core.routine_file import to_document

    return to_document(draft_of(load_library(ASSETS).routine(routine_id)))


@pytest.mark.parametrize("routine_id", ["daily_back_reset", "desk_break", "morning_wake_up"])
def test_an_exported_routine_matches_the_routine_file_schema(routine_id: str) -> None:
    errors = list(validator("routine_file.schema.json").iter_errors(exported(routine_id)))
    assert [error.message for error in errors] == []


ROUTINE_FILE_BAD: dict[str, Edit] = {
    "unknown version": lambda d: d.update(version=2),
    "seconds as text": lambda d: d["routine"]["steps"][0].update(seconds="60"),
    "an unknown field": lambda d: d["routine"]["steps"][0].update(sound="gong"),
    "no steps": lambda d: d["routine"].update(steps=[]),
    "a side nobody has": lambda d: d["routine"]["steps"][0].update(side="middle"),
}


@pytest.mark.parametrize("case", sorted(ROUTINE_FILE_BAD))
def test_the_routine_file_schema_and_the_import_refuse_the_same_bad_files(case: str) -> None:
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.core.routine_file import RoutineFileError, read_bytes

    data = exported("desk_break")
    ROUTINE_FILE_BAD[case](data)
    assert list(validator("routine_file.schema.json").iter_errors(data))
    with pytest.raises(RoutineFileError):
        read_bytes(json.dumps(data).encode(), load_library(ASSETS))
