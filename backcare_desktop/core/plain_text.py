"""Which characters a one-line name (a reminder's label) may not hold, and why.

A label is shown in lists, notifications and terminals. Control characters break the line or
move the cursor, and bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) make
text display in an order other than the stored one, so a label could look like something it is
not. Lone surrogates cannot be saved as UTF-8 at all. All of these are refused where a label
comes in, rather than cleaned up silently.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
"""Controls, surrogates, and the line and paragraph separators."""


def refused_characters(text: str) -> list[str]:
    """The characters of `text` a one-line name may not hold, as U+XXXX, in order, once each."""
    found: list[str] = []
    for char in text:
        if char in BIDI_CONTROLS or unicodedata.category(char) in _REFUSED_CATEGORIES:
            code = f"U+{ord(char):04X}"
            if code not in found:
                found.append(code)
    return found
