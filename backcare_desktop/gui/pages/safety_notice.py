"""The first-run safety notice: shown once, acknowledged by the person, always re-readable."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.pages.guide import guide_markdown
from backcare_desktop.gui.widgets.layout_helpers import SPACE, label


class SafetyNoticeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Safety notice"))
        self.setModal(True)
        self.resize(560, 460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["l"], SPACE["l"], SPACE["l"], SPACE["l"])
        layout.setSpacing(SPACE["m"])
        heading, body = split_heading(guide_markdown("safety_notice"))
        self.heading = label(heading or tr("Before you begin"), "title")
        layout.addWidget(self.heading)
        text = QTextBrowser()
        text.setMarkdown(body)
        self.text = text
        text.setAccessibleName(tr("Safety notice"))
        layout.addWidget(text, 1)
        buttons = QDialogButtonBox()
        self.accept_button = buttons.addButton(
            tr("I understand"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setProperty("primary", True)
        self.accept_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


def split_heading(markdown: str) -> tuple[str, str]:
    """The page's "# " title and the rest: the dialog shows the title once, as its heading."""
    first, _, rest = markdown.partition("\n")
    if first.startswith("# "):
        return first[2:].strip(), rest.lstrip("\n")
    return "", markdown
