"""Progress's card of where the back was tense most often: the body map's picks, counted.

A plain list (area, then how many sessions it was picked for, most often first) rather than a
chart: seven names at most read better as words, and a screen reader reads each row as it is
shown. A short bar beside each count shows the proportions at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from backcare_desktop.core.regions import REGION_NAMES
from backcare_desktop.core.tense_areas import TENSE_WEEKS, AreaCount
from backcare_desktop.gui.look.text import tr, translated
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.widgets.layout_helpers import SPACE, card, label


def sessions_words(count: int) -> str:
    return tr("1 session") if count == 1 else tr("%n sessions", None, count)


class CountBar(QWidget):
    """A rounded bar as long as this area's share of the most-picked one (drawing only: the
    count beside it says the same in words)."""

    def __init__(self, share: float, theme: Theme) -> None:
        super().__init__()
        self.share = share
        self._theme = theme
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(120, 10)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        height = 8
        top = (self.height() - height) / 2
        painter.setBrush(self._theme.color("surface_alt"))
        painter.drawRoundedRect(QRectF(0, top, self.width(), height), 4, 4)
        painter.setBrush(self._theme.color("chart_before"))
        filled = max(height, self.width() * self.share)
        painter.drawRoundedRect(QRectF(0, top, filled, height), 4, 4)


class TenseAreasCard:
    """The card (`frame`, a panel like the page's others); `set_counts` fills it from the
    page's figures."""

    def __init__(self, theme: Theme) -> None:
        self.frame, layout = card("panel")
        self._theme = theme
        self._counts: tuple[AreaCount, ...] = ()
        layout.addWidget(label(tr("Where it felt tense"), "heading"))
        self.caption = label(
            tr("Areas picked on the body map, last %n weeks", None, TENSE_WEEKS), "secondary"
        )
        layout.addWidget(self.caption)
        self.empty = label(
            tr(
                "When you compose a routine from where your back feels tense, the areas you "
                "picked are counted here."
            ),
            "body",
        )
        layout.addWidget(self.empty)
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(SPACE["m"])
        self.rows.setVerticalSpacing(SPACE["xs"])
        self.rows.setColumnStretch(1, 1)
        layout.addLayout(self.rows)
        self.lines: list[str] = []
        """Each row as it is read: "Neck: 5 sessions"."""

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.set_counts(self._counts)

    def set_counts(self, counts: Sequence[AreaCount]) -> None:
        self._counts = tuple(counts)
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.empty.setVisible(not counts)
        most = max((count.sessions for count in counts), default=1)
        self.lines = []
        for row, count in enumerate(counts):
            name = translated(REGION_NAMES[count.region])
            words = sessions_words(count.sessions)
            self.rows.addWidget(label(name, "body", wrap=False), row, 0)
            self.rows.addWidget(CountBar(count.sessions / most, self._theme), row, 1)
            amount = label(words, "secondary", wrap=False)
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.rows.addWidget(amount, row, 2)
            self.lines.append(f"{name}: {words}")
        self.frame.setAccessibleDescription("; ".join(self.lines))
