"""The mark that lets pyside6-lupdate find words written down in tables, away from a tr() call.

Core stays free of Qt, yet some of its words reach the screen (breathing captions, reminder
answers). Wrapping the literal in `QT_TR_NOOP` changes nothing at run time; lupdate files it
under the same (empty) context as the GUI's `tr()`, and the GUI translates it when shown.
"""

from __future__ import annotations


def QT_TR_NOOP(source: str) -> str:  # the exact name lupdate looks for
    """Return `source` unchanged; its only job is to be found by lupdate."""
    return source
