"""The routine file: export then import is identical, and no hostile file gets through or
crashes the reader (hand-made cases name the problem; hypothesis fuzzes the rest)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcare_desktop.core.content.loader import load_library
from backcare_desktop.core.routine_draft import DraftStep, RoutineDraft, StepSide, draft_of
from backcare_desktop.core.routine_file import (
    MAX_FILE_BYTES,
    RoutineFileError,
    read_bytes,
    to_bytes,
    to_document,
)
from backcare_desktop.core.routine_rules import check
from backcare_desktop.resources import assets_dir

LIBRARY = load_library(assets_dir())
MINE = RoutineDraft(
    "own_physio",
    "Physio’s routine",
    (
        DraftStep("warm_up", 60),
        DraftStep("kneading_shoulder", 40, StepSide.BOTH, note="physio: keep the elbow low"),
        DraftStep("ball_glutes", 60, StepSide.LEFT, region="glutes"),
        DraftStep("effleurage_back", 45),
        DraftStep("deep_breathing", 120, breathing="box"),
    ),
    "What Ana showed me, 3 times a week",
)


def document() -> dict[str, Any]:
    return copy.deepcopy(to_document(MINE))


def raw(value: object) -> bytes:
    return json.dumps(value).encode()


def test_export_then_import_gives_the_same_routine_and_the_same_bytes() -> None:
    exported = to_bytes(MINE)
    again = read_bytes(exported, LIBRARY)
    assert again == MINE
    assert to_bytes(again) == exported


@pytest.mark.parametrize("routine", LIBRARY.routines, ids=lambda r: r.id)
def test_every_built_in_routine_exports_in_the_format_import_reads(routine: object) -> None:
    draft = draft_of(routine)  # type: ignore[arg-type]
    assert read_bytes(to_bytes(draft), LIBRARY) == draft


def edit(change: Any) -> bytes:
    doc = document()
    change(doc)
    return raw(doc)


def step(doc: dict[str, Any], index: int = 1) -> dict[str, Any]:
    result: dict[str, Any] = doc["routine"]["steps"][index]
    return result


HOSTILE: dict[str, tuple[bytes, str]] = {
    "unknown technique": (
        edit(lambda d: step(d).update(technique="cartwheel")),
        "no technique called “cartwheel”",
    ),
    "duration too long": (edit(lambda d: step(d).update(seconds=121)), "lasts 30 to 120 seconds"),
    "duration too short": (edit(lambda d: step(d).update(seconds=1)), "lasts 30 to 120 seconds"),
    "seconds as text": (edit(lambda d: step(d).update(seconds="40")), "a whole number"),
    "seconds as decimal": (edit(lambda d: step(d).update(seconds=40.5)), "a whole number"),
    "name as a number": (edit(lambda d: d["routine"].update(name=7)), "some text"),
    "steps as an object": (edit(lambda d: d["routine"].update(steps={})), "a list"),
    "side unknown": (edit(lambda d: step(d).update(side="middle")), "one of left, right, both"),
    "unknown version": (edit(lambda d: d.update(version=2)), "the version this BackCare reads"),
    "version as text": (edit(lambda d: d.update(version="1")), "the version this BackCare reads"),
    "no version": (edit(lambda d: d.pop("version")), "this field is required"),
    "another format": (edit(lambda d: d.update(format="playlist")), "'backcare-routine'"),
    "unknown field": (edit(lambda d: step(d).update(sound="gong")), "only the fields"),
    "too deep": (edit(lambda d: step(d).update(note=["deeper"])), "nesting at most 4"),
    "too deep at the top": (edit(lambda d: d.update(extra={"a": {"b": {"c": {}}}})), "nesting"),
    "web address in a note": (
        edit(lambda d: step(d).update(note="see https://example.org")),
        "no file path or web address",
    ),
    "bare web address": (
        edit(lambda d: d["routine"].update(summary="from www.example")),
        "no file path or web address",
    ),
    "path in the name": (
        edit(lambda d: d["routine"].update(name="~/.ssh/id_rsa")),
        "no file path or web address",
    ),
    "windows path": (
        edit(lambda d: step(d).update(note="C:\\Users\\me")),
        "no file path or web address",
    ),
    "path as the technique": (
        edit(lambda d: step(d).update(technique="../../etc/passwd")),
        "no file path or web address",
    ),
    "path as a key": (edit(lambda d: step(d).update({"/tmp/x": 1})), "no file path"),
    "file url": (
        edit(lambda d: step(d).update(breathing="file:///etc/passwd")),
        "no file path or web address",
    ),
    "breathing on a stretch": (
        edit(lambda d: step(d).update(breathing="box")),
        "only a breathing step",
    ),
    "roller on the lower back": (
        edit(lambda d: d["routine"]["steps"].insert(
            1, {"technique": "roller_upper_back", "seconds": 60, "region": "lower_back"}
        )),
        "No foam roller on the lower back",
    ),
    "not json": (b"{routine: yes}", "valid JSON"),
    "not utf-8": (b"\xff\xfe{}", "UTF-8"),
    "a list at the top": (b"[]", "an object"),
    "empty steps": (edit(lambda d: d["routine"].update(steps=[])), "at least 1"),
    "too many steps": (
        edit(lambda d: d["routine"].update(steps=[{"technique": "neck_glide", "seconds": 45}] * 61)),  # noqa: E501
        "at most 60",
    ),
    "bad id": (edit(lambda d: d["routine"].update(id="Mine!")), "lower_snake_case"),
    "repeated key": (
        b'{"format": "backcare-routine", "format": "backcare-routine"}',
        "each key once",
    ),
    "huge number": (edit(lambda d: step(d).update(seconds=10**400)), "whole number"),
    "deeply nested": (b"[" * 100_000 + b"]" * 100_000, "JSON"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_file_is_refused_naming_the_problem(case: str) -> None:
    data, message = HOSTILE[case]
    with pytest.raises(RoutineFileError) as refused:
        read_bytes(data, LIBRARY, "mine.json")
    assert message in str(refused.value)
    assert str(refused.value).startswith("mine.json: ")
    assert "\n" not in str(refused.value)


def test_a_file_over_one_megabyte_is_refused_before_it_is_read() -> None:
    padded = to_bytes(MINE) + b" " * MAX_FILE_BYTES
    with pytest.raises(RoutineFileError, match="larger than 1 MB"):
        read_bytes(padded, LIBRARY)


@pytest.mark.parametrize(
    "note",
    ["physio: 3/4 pressure, then rest", "left/right, then both", "A: slow and/or light"],
)
def test_fractions_pairs_of_words_and_plain_colons_are_fine_in_a_note(note: str) -> None:
    doc = document()
    step(doc)["note"] = note
    assert read_bytes(raw(doc), LIBRARY).steps[1].note == note


@pytest.mark.parametrize(
    "note", ["see images/back.png", "from notes/physio/today", "C:/Users/me", "../x"]
)
def test_a_relative_or_drive_path_in_a_note_is_refused(note: str) -> None:
    doc = document()
    step(doc)["note"] = note
    with pytest.raises(RoutineFileError, match="no file path or web address"):
        read_bytes(raw(doc), LIBRARY)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)


def assert_refused_or_sound(data: bytes) -> None:
    try:
        draft = read_bytes(data, LIBRARY)
    except RoutineFileError as error:
        assert str(error)
    else:
        assert check(draft, LIBRARY).ok


@given(json_values)
def test_any_json_value_is_refused_or_read_whole_never_a_crash(value: object) -> None:
    assert_refused_or_sound(json.dumps(value).encode())


KEY_PATHS = [
    ("format",),
    ("version",),
    ("routine",),
    ("routine", "id"),
    ("routine", "name"),
    ("routine", "summary"),
    ("routine", "steps"),
    ("routine", "steps", 0),
    ("routine", "steps", 1, "technique"),
    ("routine", "steps", 1, "seconds"),
    ("routine", "steps", 1, "side"),
    ("routine", "steps", 1, "note"),
    ("routine", "steps", 2, "region"),
    ("routine", "steps", 4, "breathing"),
]


@given(st.sampled_from(KEY_PATHS), json_values)
def test_a_valid_file_with_one_field_replaced_by_anything_never_crashes(
    path: tuple[str | int, ...], value: object
) -> None:
    doc: Any = document()
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert_refused_or_sound(json.dumps(doc).encode())


@given(st.binary(max_size=400))
def test_any_bytes_are_refused_or_read_whole(data: bytes) -> None:
    assert_refused_or_sound(data)
