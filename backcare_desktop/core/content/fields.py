"""The one field reader for every data file: shipped assets and the person's own files alike.

Every reader takes an already-decoded JSON value, the file's name and the field's path
(`techniques[3].duration.min`), and returns a typed value or raises a ContentError that names
the file, the field and what was expected. The two ways a file is read differ only in what the
caller does with that error:

- a shipped asset lets it through, so broken content stops the app at start with a message a
  content author can act on;
- the person's own data catches it per field (`or_default`) or per record (`readable`), keeps
  the error as a problem to report once, and carries on with the default or without the record.

Text is only accepted when it can be written back as UTF-8 (no lone surrogates such as
"\\ud800", which json happily decodes and then refuses to encode), so a file read through here
can always be saved again. No I/O: callers pass bytes in.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Final, Protocol, TypeVar

from backcare_desktop.core.routine import EQUIPMENT, SCHEMA_VERSION

T = TypeVar("T")

_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
_MAX_SENTENCE_WORDS = 25
MAX_TEXT_LENGTH: Final = 10_000
"""Longer text in a data file is damage, not content; refusing it keeps every save small."""
_ISO_TIME_LENGTH: Final = 40


class ContentError(ValueError):
    """A data file breaks a rule; the message says where and what was expected."""

    def __init__(self, file: str, field: str, expected: str, got: str) -> None:
        super().__init__(f"{file}: {field}: expected {expected}, got {got}")
        self.file = file
        self.field = field
        self.expected = expected
        self.got = got


class ReadableFile(Protocol):
    """A file as core reads it (a pathlib.Path is one): core opens nothing itself, whatever
    is passed in does the reading."""

    @property
    def name(self) -> str: ...
    def read_bytes(self) -> bytes: ...


# --- Decoding --------------------------------------------------------------------------------


def parse_json(raw: bytes, file: str) -> object:
    """The JSON value in `raw`; a ContentError (never a RecursionError) when it is not JSON.

    Repeated keys are refused: json would otherwise silently keep the last one.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(file, "(file)", "UTF-8 text", _brief(str(error))) from None
    try:
        return json.loads(text, object_pairs_hook=_unique_keys(file))
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise ContentError(file, where, "valid JSON", error.msg) from None
    except RecursionError:
        raise ContentError(file, "(file)", "JSON nested a sensible depth", "too deep") from None
    except ContentError:
        raise
    except ValueError as error:  # e.g. an integer of more than 4300 digits
        raise ContentError(file, "(file)", "valid JSON", _brief(str(error))) from None


def _unique_keys(file: str) -> Callable[[list[tuple[str, object]]], dict[str, object]]:
    def build(pairs: list[tuple[str, object]]) -> dict[str, object]:
        result: dict[str, object] = {}
        for key, value in pairs:
            if key in result:
                raise ContentError(file, key, "each key once in an object", "it twice")
            result[key] = value
        return result

    return build


def is_storable(value: object) -> bool:
    """True when `value` can be written back as UTF-8 JSON (no lone surrogates, no cycles,
    not nested past what json can encode).

    Text, by far the most common value (every field of the content read at start-up), only
    needs to encode: that answers the same as a round through json, in a fifth of the time."""
    try:
        if isinstance(value, str):
            value.encode("utf-8")
        else:
            json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (ValueError, TypeError, RecursionError):  # UnicodeEncodeError is a ValueError
        return False
    return True


def check_storable(value: object, file: str, path: str) -> None:
    """Refuse a value (any depth) that could be read but never saved again."""
    if not is_storable(value):
        raise ContentError(file, path, "data that can be saved again", "unreadable text")


# --- Lenient reading of the person's own data -------------------------------------------------


def or_default(read: Callable[[], T], default: T, problems: list[ContentError]) -> T:
    """`read()`, or `default` with the reason kept in `problems` (a bad field falls back)."""
    try:
        return read()
    except ContentError as error:
        problems.append(error)
        return default


def readable(
    items: Iterable[tuple[str, object]],
    read: Callable[[object, str], T],
    problems: list[ContentError],
) -> list[tuple[str, T]]:
    """(key, record) for each (key, raw) that `read(raw, key)` accepts; the rest are skipped
    with their reason kept in `problems` (a bad record is left out, never a crash)."""
    kept: list[tuple[str, T]] = []
    for key, raw in items:
        try:
            kept.append((key, read(raw, key)))
        except ContentError as error:
            problems.append(error)
    return kept


# --- Field readers: each returns a typed value or raises a ContentError ---------------------


def describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"the number {value}" if abs(value) < 10**15 else "a huge number"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        if not is_storable(value):
            return "text that cannot be saved"
        if len(value) > 60:
            return f"text of {len(value)} characters"
        return f"text {value!r}" if value.strip() else "empty text"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def join(path: str, key: str) -> str:
    """`path.key`, or `key` at the top level."""
    return f"{path}.{key}" if path else key


def read_object(
    value: object,
    file: str,
    path: str,
    required: Iterable[str],
    optional: Iterable[str] = (),
    *,
    others_allowed: bool = False,
) -> dict[str, object]:
    """An object with the required keys and perhaps some optional ones (path "" = top).

    Shipped assets allow nothing else (a typo'd key is an error); the person's files pass
    `others_allowed` so a field added by a later version is not a reason to drop a record.
    """
    if not isinstance(value, dict):
        raise ContentError(file, path or "(top level)", "an object", describe(value))
    required_keys = set(required)
    allowed = required_keys | set(optional)
    if not others_allowed:
        for key in value:
            if key not in allowed:
                expected = f"only the fields {', '.join(sorted(allowed))}"
                raise ContentError(file, join(path, key), expected, "an unknown field")
    for key in sorted(required_keys):
        if key not in value:
            raise ContentError(file, join(path, key), "a value (this field is required)", "nothing")
    return value


def check_schema(value: object, file: str, version: int = SCHEMA_VERSION) -> None:
    if isinstance(value, bool) or value != version:
        raise ContentError(file, "schema", str(version), describe(value))


def read_list(
    value: object, file: str, path: str, minimum: int = 0, maximum: int | None = None
) -> list[object]:
    if not isinstance(value, list):
        raise ContentError(file, path, "a list", describe(value))
    if len(value) < minimum:
        raise ContentError(file, path, f"at least {minimum} item(s)", "an empty list")
    if maximum is not None and len(value) > maximum:
        raise ContentError(file, path, f"at most {maximum} item(s)", describe(value))
    return value


def read_text(value: object, file: str, path: str, max_length: int = MAX_TEXT_LENGTH) -> str:
    """Non-empty text, stripped, short enough and writable as UTF-8."""
    if not isinstance(value, str) or not value.strip() or not is_storable(value):
        raise ContentError(file, path, "some text", describe(value))
    if len(value) > max_length:
        raise ContentError(file, path, f"at most {max_length} characters", describe(value))
    return value.strip()


def read_optional_text(
    value: object, file: str, path: str, max_length: int = MAX_TEXT_LENGTH
) -> str | None:
    """Text or null."""
    return None if value is None else read_text(value, file, path, max_length)


def read_identifier(value: object, file: str, path: str) -> str:
    text = read_text(value, file, path, max_length=64)
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


def read_number(
    value: object,
    file: str,
    path: str,
    low: float,
    high: float,
    *,
    step: float | None = None,
    expected: str | None = None,
) -> float:
    """A finite number from `low` to `high` (whole or decimal), a multiple of `step` if given."""
    expected = expected or f"a number from {low:g} to {high:g}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ContentError(file, path, expected, describe(value))
    if isinstance(value, int) and not -(10**15) < value < 10**15:
        raise ContentError(file, path, expected, describe(value))
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise ContentError(file, path, expected, describe(value))
    if step is not None and number / step != round(number / step):
        raise ContentError(file, path, f"{expected}, in steps of {step:g}", describe(value))
    return number


def read_time(value: object, file: str, path: str, *, naive_as_utc: bool = True) -> datetime:
    """An ISO 8601 instant; one written without an offset is taken as UTC, or refused."""
    expected = "an ISO 8601 time" if naive_as_utc else "an ISO 8601 time with its UTC offset"
    if not isinstance(value, str) or len(value) > _ISO_TIME_LENGTH or not is_storable(value):
        raise ContentError(file, path, expected, describe(value))
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ContentError(file, path, expected, repr(value)) from None
    if moment.utcoffset() is not None:
        return moment
    if not naive_as_utc:
        raise ContentError(file, path, expected, repr(value))
    return moment.replace(tzinfo=UTC)


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


def read_texts(value: object, file: str, path: str, minimum: int = 1) -> tuple[str, ...]:
    """A list of texts (at least `minimum`)."""
    items = read_list(value, file, path, minimum=minimum)
    return tuple(read_text(item, file, f"{path}[{i}]") for i, item in enumerate(items))


def read_unique_ids(ids: Iterable[str], file: str, path: str) -> None:
    """Refuse an id used twice in a list (`path` is the list, e.g. `patterns`)."""
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            raise ContentError(
                file, f"{path}[{index}].id", "a unique id", f"{item!r} a second time"
            )
        seen.add(item)


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


def _brief(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."
