"""Reading content files field by field, with errors that name the file, field and expectation.

Kept apart from content.py (what the files must say) so that module reads as the rules alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from backcare_desktop.core.routine import EQUIPMENT, SCHEMA_VERSION

_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
_MAX_SENTENCE_WORDS = 25


class ContentError(ValueError):
    """A content file breaks a rule; the message says where and what was expected."""

    def __init__(self, file: str, field: str, expected: str, got: str) -> None:
        super().__init__(f"{file}: {field}: expected {expected}, got {got}")
        self.file = file
        self.field = field
        self.expected = expected
        self.got = got


# --- Loading ---------------------------------------------------------------------------------


def describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {value!r}" if value.strip() else "empty text"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def read_object(
    value: object,
    file: str,
    path: str,
    required: Iterable[str],
    optional: Iterable[str] = (),
) -> dict[str, object]:
    """An object with exactly the required keys and perhaps some optional ones (path "" = top)."""
    if not isinstance(value, dict):
        raise ContentError(file, path or "(top level)", "an object", describe(value))
    required_keys = set(required)
    allowed = required_keys | set(optional)
    prefix = f"{path}." if path else ""
    for key in value:
        if key not in allowed:
            expected = f"only the fields {', '.join(sorted(allowed))}"
            raise ContentError(file, prefix + key, expected, "an unknown field")
    for key in sorted(required_keys):
        if key not in value:
            raise ContentError(file, prefix + key, "a value (this field is required)", "nothing")
    return value


def check_schema(value: object, file: str) -> None:
    if isinstance(value, bool) or value != SCHEMA_VERSION:
        raise ContentError(file, "schema", str(SCHEMA_VERSION), describe(value))


def read_list(value: object, file: str, path: str, minimum: int = 0) -> list[object]:
    if not isinstance(value, list):
        raise ContentError(file, path, "a list", describe(value))
    if len(value) < minimum:
        raise ContentError(file, path, f"at least {minimum} item(s)", "an empty list")
    return value


def read_text(value: object, file: str, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ContentError(file, path, "some text", describe(value))
    return value.strip()


def read_identifier(value: object, file: str, path: str) -> str:
    text = read_text(value, file, path)
    if not _IDENTIFIER.match(text):
        raise ContentError(file, path, "an id in lower_snake_case", repr(text))
    return text


def read_flag(value: object, file: str, path: str) -> bool:
    if not isinstance(value, bool):
        raise ContentError(file, path, "true or false", describe(value))
    return value


def read_whole(
    value: object, file: str, path: str, low: int, high: int, expected: str | None = None
) -> int:
    expected = expected or f"a whole number from {low} to {high}"
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ContentError(file, path, expected, describe(value))
    return value


def read_choice(value: object, file: str, path: str, allowed: Sequence[str]) -> str:
    text = read_text(value, file, path)
    if text not in allowed:
        raise ContentError(file, path, f"one of {', '.join(allowed)}", repr(text))
    return text


def read_choices(value: object, file: str, path: str, allowed: Sequence[str]) -> tuple[str, ...]:
    items = read_list(value, file, path, minimum=1)
    chosen = tuple(read_choice(item, file, f"{path}[{i}]", allowed) for i, item in enumerate(items))
    if len(set(chosen)) != len(chosen):
        raise ContentError(file, path, "each entry once", describe(items) + " with repeats")
    return chosen


def read_equipment(value: object, file: str, path: str) -> tuple[str, ...]:
    items = read_choices(value, file, path, EQUIPMENT)
    if "none" in items and len(items) > 1:
        raise ContentError(file, path, '"none" alone or a list of equipment', repr(list(items)))
    return items


def read_sentences(value: object, file: str, path: str, fewest: int, most: int) -> tuple[str, ...]:
    items = read_list(value, file, path)
    if not fewest <= len(items) <= most:
        raise ContentError(file, path, f"{fewest} to {most} short sentences", describe(items))
    sentences = []
    for index, item in enumerate(items):
        text = read_text(item, file, f"{path}[{index}]")
        one_sentence = text[-1] in ".!?" and not re.search(r"[.!?]\s", text)
        if not one_sentence or len(text.split()) > _MAX_SENTENCE_WORDS:
            expected = f"one short sentence (at most {_MAX_SENTENCE_WORDS} words, ending in .!?)"
            raise ContentError(file, f"{path}[{index}]", expected, repr(text))
        sentences.append(text)
    return tuple(sentences)
