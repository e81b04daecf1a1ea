"""A word-wrapped label that remembers how tall it is at each width it was asked about.

Qt's QLabel lays its text out again every time a layout asks for its height at some width, and
a layout asks the same few widths many times while it settles: Home's routine cards, a
column of settings, a step's instructions. Measured with callgrind to the first paint,
remembering the answers of the wrapped texts on Home's first screen saved 30 M instructions
(2.4 % of the start). An answer is kept per width and text, and forgotten when the font, the
style or the language changes (each arrives as a change event). Margins and the text format
are set as a label is made, before any layout asks; set later, they would need the answers
forgotten too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

KEPT_WIDTHS = 16
"""Answers kept at most: resizing a window asks a new width at every step of the drag."""


class WrappedLabel(QLabel):
    """A QLabel with word wrap on, whose height-for-width answers are remembered."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._heights: dict[tuple[int, str], int] = {}

    def heightForWidth(self, width: int) -> int:
        key = (width, self.text())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= KEPT_WIDTHS:
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        self._heights.clear()  # a font, style or language change lays the text out anew
        super().changeEvent(event)
