"""Translation: the one door every user-visible string goes through, in every layer.

It lives in app/ (Qt Core, no widgets) so the app layer can word its status lines and
reminders without importing gui/; gui/look/text.py hands the same functions to the views.

`pyside6-lupdate` extracts a string only from a call it can read: `tr("literal", ...)`
(filed under the empty context, which is why `CONTEXT` is empty) and `QT_TR_NOOP("literal")`
for words kept in tables and translated when shown. So strings are literals at the call
site, never `tr(variable)`; values go in through Qt's `%1`..`%9`, counts through `%n`.
"""

from __future__ import annotations

from typing import overload

from PySide6.QtCore import QCoreApplication

from backcare_desktop.core.translatable import fill

CONTEXT = ""  # lupdate files a module-level tr() under the empty context
Fill = str | int | float


@overload
def tr(source: str, /, *args: Fill) -> str: ...
@overload
def tr(source: str, disambiguation: None, n: int, /, *args: Fill) -> str: ...
def tr(source: str, /, *args: Fill | None) -> str:
    """Translate `source`, then fill %1..%9 with `args` in one pass.

    The plural form mirrors Qt's own `tr(source, disambiguation, n)`, so lupdate marks the
    message as having plural forms: `tr("%n days", None, count, *args)`. One pass means a
    value that itself contains "%2" is shown as it is, never filled again. Pass values as
    expressions, not string literals: lupdate would read a literal second argument as a
    disambiguation.
    """
    n = -1
    if len(args) >= 2 and args[0] is None and isinstance(args[1], int):
        n, args = args[1], args[2:]
    translated = QCoreApplication.translate(CONTEXT, source, None, n)
    return fill(translated, *(arg for arg in args if arg is not None))


def translated(marked: str, *args: Fill) -> str:
    """The translation of a text marked with `QT_TR_NOOP` where it was written down, with
    `args` filled into its %1..%9."""
    return fill(QCoreApplication.translate(CONTEXT, marked), *args)
