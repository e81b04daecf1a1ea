"""The routine file: a documented, versioned JSON format for exporting and importing a routine
(docs/routine-format.md, docs/schemas/routine_file.schema.json).

Import trusts nothing. Before anything is kept, the whole file is checked: its size (1 MB at
most), that it is UTF-8 JSON nested no deeper than the format, its format name and version,
every field's type, that no text anywhere holds a path or a web address (a routine refers to
techniques by id only, so a file can never point the app at a file or a site), and then the
editor's hard rules (routine_rules.py): known techniques, durations within bounds, sides,
breathing patterns, the safety rules. The first problem is raised as a RoutineFileError naming
where and what, in plain words; nothing is half-imported because nothing is kept until the
whole file has passed. Export writes the same format, so export then import is identical.
No I/O here: callers pass bytes in and write the bytes out.
"""

from __future__ import annotations

import json
import re
from typing import Final

from backcare_desktop.core.content.fields import (
    ContentError,
    describe,
    parse_json,
    read_choice,
    read_identifier,
    read_list,
    read_object,
    read_text,
    read_whole,
)
from backcare_desktop.core.routine import Library
from backcare_desktop.core.routine_draft import DraftStep, RoutineDraft, StepSide
from backcare_desktop.core.routine_rules import MAX_STEPS, check

FORMAT: Final = "backcare-routine"
VERSION: Final = 1
MAX_FILE_BYTES: Final = 1024 * 1024
MAX_DEPTH: Final = 4
"""File object > routine object > steps list > step object; nothing is nested deeper."""
_LONGEST_TEXT: Final = 1000
_LONGEST_STEP: Final = 3600

_TOP_KEYS: Final = ("format", "version", "routine")
_ROUTINE_KEYS: Final = ("id", "name", "steps")
_STEP_OPTIONAL: Final = ("side", "breathing", "note", "region")
_SCHEME: Final = re.compile(
    r"://|\b(https?|ftp|file|data|mailto|javascript|smb|ssh|sftp|about|blob):", re.IGNORECASE
)
_WEB: Final = re.compile(r"\bwww\.|\.(com|org|net|io|de|uk)\b|@[\w-]+\.", re.IGNORECASE)
_PATH: Final = re.compile(
    r"\\"  # any backslash: Windows paths, escapes of a path
    r"|(^|[\s\"'(=])(~|\.{1,2})?/"  # /etc, ~/x, ./x, ../x
    r"|\w[\w.-]*/[\w.-]+/"  # a/b/c: two slashes between names
    r"|\w[\w-]*/[\w-]+\.[a-z]\w{0,4}\b"  # images/back.png: a folder and a file
    r"|^[a-z]:[\\/]",  # C:/ (C:\ is a backslash already)
    re.IGNORECASE,
)


class RoutineFileError(ValueError):
    """A routine file that cannot be imported; the message says where and what."""


def to_document(draft: RoutineDraft) -> dict[str, object]:
    """The draft as the file's JSON value (fields left out when empty)."""
    routine: dict[str, object] = {"id": draft.id, "name": draft.name}
    if draft.summary:
        routine["summary"] = draft.summary
    steps = []
    for step in draft.steps:
        entry: dict[str, object] = {"technique": step.technique, "seconds": step.seconds}
        if step.side is not None:
            entry["side"] = step.side.value
        for key in ("breathing", "note", "region"):
            value = getattr(step, key)
            if value is not None:
                entry[key] = value
        steps.append(entry)
    routine["steps"] = steps
    return {"format": FORMAT, "version": VERSION, "routine": routine}


def to_bytes(draft: RoutineDraft) -> bytes:
    """The file's bytes: UTF-8 JSON, two-space indent, one newline at the end."""
    text = json.dumps(to_document(draft), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def read_bytes(raw: bytes, library: Library, file: str = "routine file") -> RoutineDraft:
    """The routine in `raw`, checked through and through; RoutineFileError otherwise."""
    if len(raw) > MAX_FILE_BYTES:
        raise RoutineFileError(
            f"{file}: the file is larger than 1 MB; a routine file is a few kilobytes"
        )
    try:
        value = parse_json(raw, file)
        return read_value(value, library, file)
    except ContentError as error:
        raise RoutineFileError(str(error)) from None


def read_value(value: object, library: Library, file: str = "routine file") -> RoutineDraft:
    """The routine in an already decoded JSON value; ContentError or RoutineFileError."""
    return checked(parse_value(value, file), library, file)


def checked(draft: RoutineDraft, library: Library, file: str = "routine file") -> RoutineDraft:
    """The draft when it breaks no hard rule of the editor; RoutineFileError otherwise."""
    result = check(draft, library)
    if result.errors:
        problem = result.errors[0]
        where = f"routine.steps[{problem.step}]" if problem.step is not None else "routine"
        raise RoutineFileError(f"{file}: {where}: {problem.text}")
    return draft


def parse_value(value: object, file: str = "routine file") -> RoutineDraft:
    """The file's shape only (no library): nesting, no paths, format, version, field types.
    Raises ContentError naming the field."""
    _check_depth(value, file)
    _check_no_paths(value, file, "")
    top = read_object(value, file, "", _TOP_KEYS)
    fmt = top["format"]
    if fmt != FORMAT:
        raise ContentError(file, "format", repr(FORMAT), describe(fmt))
    version = top["version"]
    if isinstance(version, bool) or version != VERSION:
        raise ContentError(
            file, "version", f"{VERSION} (the version this BackCare reads)", describe(version)
        )
    return _read_routine(top["routine"], file)


def _read_routine(value: object, file: str) -> RoutineDraft:
    fields = read_object(value, file, "routine", _ROUTINE_KEYS, ("summary",))
    routine_id = read_identifier(fields["id"], file, "routine.id")
    name = read_text(fields["name"], file, "routine.name", _LONGEST_TEXT)
    summary = None
    if "summary" in fields:
        summary = read_text(fields["summary"], file, "routine.summary", _LONGEST_TEXT)
    raw_steps = read_list(fields["steps"], file, "routine.steps", 1, MAX_STEPS)
    steps = tuple(_read_step(raw, file, f"routine.steps[{i}]") for i, raw in enumerate(raw_steps))
    return RoutineDraft(routine_id, name, steps, summary)


def _read_step(value: object, file: str, path: str) -> DraftStep:
    fields = read_object(value, file, path, ("technique", "seconds"), _STEP_OPTIONAL)
    technique = read_identifier(fields["technique"], file, f"{path}.technique")
    seconds = read_whole(fields["seconds"], file, f"{path}.seconds", 1, _LONGEST_STEP)
    side = None
    if fields.get("side") is not None:
        sides = [side.value for side in StepSide]
        side = StepSide(read_choice(fields["side"], file, f"{path}.side", sides))
    breathing = note = region = None
    if fields.get("breathing") is not None:
        breathing = read_identifier(fields["breathing"], file, f"{path}.breathing")
    if fields.get("note") is not None:
        note = read_text(fields["note"], file, f"{path}.note", _LONGEST_TEXT)
    if fields.get("region") is not None:
        region = read_identifier(fields["region"], file, f"{path}.region")
    return DraftStep(technique, seconds, side, breathing, note, region)


def _check_depth(value: object, file: str) -> None:
    """Refuse containers nested deeper than the format (walked without recursion)."""
    pending: list[tuple[object, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                raise ContentError(
                    file, "(file)", f"nesting at most {MAX_DEPTH} levels deep", "deeper nesting"
                )
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)


def _check_no_paths(value: object, file: str, path: str) -> None:
    """Refuse any text, key or value, that looks like a file path or a web address."""
    pending: list[tuple[object, str]] = [(value, path)]
    while pending:
        item, where = pending.pop()
        texts: list[tuple[str, str]] = []
        if isinstance(item, dict):
            for key, child in item.items():
                child_path = f"{where}.{key}" if where else str(key)
                texts.append((str(key), child_path))
                pending.append((child, child_path))
        elif isinstance(item, list):
            pending.extend((child, f"{where}[{i}]") for i, child in enumerate(item))
        elif isinstance(item, str):
            texts.append((item, where or "(top level)"))
        for text, field in texts:
            if _looks_like_a_path_or_address(text):
                raise ContentError(
                    file,
                    field,
                    "no file path or web address (a routine names techniques by id only)",
                    describe(text),
                )


def _looks_like_a_path_or_address(text: str) -> bool:
    return bool(_SCHEME.search(text) or _WEB.search(text) or _PATH.search(text))
