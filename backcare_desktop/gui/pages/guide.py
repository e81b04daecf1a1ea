"""The Guide: short pages on benefits, techniques, safety, warning signs, therapists, evidence."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.routine import Technique
from backcare_desktop.gui.look.text import QT_TR_NOOP, tr, translated
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.pages.guide_layout import (
    LINK_SCHEME,
    Callout,
    body_font,
    centre_column,
    lay_out,
)
from backcare_desktop.gui.widgets.layout_helpers import SPACE, label
from backcare_desktop.resources import MissingAssetError, asset_path

log = logging.getLogger(__name__)

GUIDE_PAGES: tuple[tuple[str, str], ...] = (
    ("benefits", QT_TR_NOOP("What self-massage can do")),
    ("techniques", QT_TR_NOOP("The techniques")),
    ("safe_practice", QT_TR_NOOP("Safe practice")),
    ("warning_signs", QT_TR_NOOP("Warning signs")),
    ("choosing_a_therapist", QT_TR_NOOP("Choosing a therapist")),
    ("evidence", QT_TR_NOOP("About the evidence")),
)


def guide_markdown(page_id: str) -> str:
    try:
        return asset_path("guide", f"{page_id}.md").read_text(encoding="utf-8")
    except (MissingAssetError, OSError, UnicodeDecodeError) as exc:
        log.warning("guide page %s unavailable: %s", page_id, exc)
        return tr("This page could not be loaded. Reinstalling BackCare should bring it back.")


def techniques_markdown(techniques: list[Technique]) -> str:
    lines = ["", "## Every step in BackCare", ""]
    for technique in techniques:
        lines.append(f"### {technique.name}")
        lines.append("")
        lines.append(technique.summary)
        lines.append("")
        lines.extend(f"- {caution}" for caution in technique.cautions)
        lines.append("")
    return "\n".join(lines)


class GuidePage(QWidget):
    """The page list on the left and the chosen page, set for reading (guide_layout.py)."""

    def __init__(
        self, techniques: list[Technique], theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._techniques = techniques
        self._theme = theme
        self.callouts: list[Callout] = []
        root = QVBoxLayout(self)
        root.setContentsMargins(SPACE["xxl"], SPACE["xl"], SPACE["xxl"], SPACE["xl"])
        root.setSpacing(SPACE["m"])
        root.addWidget(label(tr("Guide"), "display"))
        row = QHBoxLayout()
        row.setSpacing(SPACE["m"])
        self.index = QListWidget()
        self.index.setMaximumWidth(280)
        self.index.setAccessibleName(tr("Guide pages"))
        for page_id, title in GUIDE_PAGES:
            item = QListWidgetItem(translated(title))
            item.setData(Qt.ItemDataRole.UserRole, page_id)
            self.index.addItem(item)
        row.addWidget(self.index)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(tr("Guide text"))
        self.browser.setFont(body_font(self.browser.font()))  # its document's default font
        self.browser.anchorClicked.connect(self.follow_link)
        # Tab moves on to the next control, not from link to link inside the text (a screen
        # reader hears nothing of those stops): every page a link leads to is in the list
        # beside it, one Tab away.
        self.browser.setTabChangesFocus(True)
        self.browser.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.browser.viewport().installEventFilter(self)
        row.addWidget(self.browser, 1)
        root.addLayout(row, 1)
        self.index.currentRowChanged.connect(self._show_row)
        self.index.setCurrentRow(0)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._show_row(self.index.currentRow())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The text column stays centred at its measure as the card's width changes."""
        if event.type() == QEvent.Type.Resize:
            self.text_column()
        return False

    def text_column(self) -> tuple[float, float]:
        """The text column's left edge and width in the viewport (centring it afresh)."""
        width = self.browser.viewport().width()
        side = centre_column(self.browser.document(), width)
        return side, width - 2 * side

    def show_page(self, page_id: str) -> None:
        for row, (pid, _title) in enumerate(GUIDE_PAGES):
            if pid == page_id:
                self.index.setCurrentRow(row)
                self._show_row(row)
                return

    def current_page(self) -> str:
        return GUIDE_PAGES[max(0, self.index.currentRow())][0]

    def follow_link(self, url: QUrl) -> None:
        """A link to another guide page opens it; nothing else opens (no network)."""
        if url.scheme() == LINK_SCHEME:
            self.show_page(url.path())
        else:
            log.info("guide link not followed: %s", url.toString())

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        page_id = GUIDE_PAGES[row][0]
        text = guide_markdown(page_id)
        if page_id == "techniques":
            text += techniques_markdown(self._techniques)
        document = self.browser.document()
        self.browser.setMarkdown(text)
        self.callouts = lay_out(document, self._theme)
        self.text_column()
