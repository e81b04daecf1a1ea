"""A stored value shown in a message: short, and always writable to a log or a terminal."""

from __future__ import annotations

import dataclasses
import json
import reprlib

from backcare_desktop.core.json_data import JsonValue

_LONGEST: int = 60


def shown(value: object) -> str:
    """A value as it would appear in the file, shortened so huge values keep logs readable.

    Characters that cannot be encoded (a lone surrogate) come out escaped, so the message
    itself never fails to be written.
    """
    try:
        text = json.dumps(plain(value), ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        try:
            text = reprlib.repr(value)
        except (ValueError, RecursionError):
            text = "(a value too large to show)"
    text = text if len(text) <= _LONGEST else text[: _LONGEST - 3] + "..."
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def plain(value: object) -> JsonValue:
    """Frozen or dataclass values back to plain JSON types (dicts and lists)."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict) and not isinstance(value, type):
        return plain(to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, frozenset | set):
        return [plain(v) for v in sorted(value)]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
