"""The line that says in words what a chime means, for people who cannot hear it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.widgets.accessibility import announce


class CaptionLine(QLabel):
    """A centred caption. A screen reader finds the caption itself as the line's name (while
    it is empty, what the line is for) and is told each new caption politely."""

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setAccessibleDescription(tr("Sound captions"))
        self.show_caption("", announced=False)

    def show_caption(self, text: str, *, announced: bool = True, shown: str | None = None) -> None:
        """Show `text` (or its `shown` form, such as with a note sign) and say the text."""
        self.setText(text if shown is None else shown)
        self.setAccessibleName(text or tr("Sound captions"))
        if announced:
            announce(self, text)
