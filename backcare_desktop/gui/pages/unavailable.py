"""Stands in for a page whose data could not be loaded: says so plainly, loses nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.widgets.layout_helpers import SPACE, label


class UnavailablePage(QWidget):
    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        column = QVBoxLayout(self)
        column.setContentsMargins(SPACE["xxl"], SPACE["xxl"], SPACE["xxl"], SPACE["xxl"])
        column.addStretch(1)
        for text, role in (
            (message, "heading"),
            (tr("Reinstalling BackCare should bring it back. The details are in the log."), "body"),
        ):
            widget = label(text, role)
            widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(widget)
        column.addStretch(2)
