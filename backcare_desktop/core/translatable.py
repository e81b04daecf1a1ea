"""The mark that lets pyside6-lupdate find words written down in tables, away from a tr() call.

Core stays free of Qt, yet some of its words reach the screen (breathing captions, reminder
answers). Wrapping the literal in `QT_TR_NOOP` changes nothing at run time; lupdate files it
under the same (empty) context as the GUI's `tr()`, and the GUI translates it when shown.
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"%([1-9])")


def QT_TR_NOOP(source: str) -> str:  # the exact name lupdate looks for
    """Return `source` unchanged; its only job is to be found by lupdate."""
    return source


def fill(text: str, *args: str | int | float) -> str:
    """Put `args` into %1..%9 in one pass (a value holding "%2" is never filled again); a
    placeholder without a value stays as written."""

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(args[index]) if index < len(args) else match.group(0)

    return _PLACEHOLDER.sub(value, text) if args else text
