"""The composed routine's steps, each with why it is there: a list a person reads at a glance
and a screen reader reads row by row.

Each row draws its step's name and length on one line and the reason ("for your shoulders")
below it in the secondary colour; the row's text holds all three, so arrow keys and a screen
reader get the same words the eye does. The list is as tall as its rows (the page around it
scrolls, never the list inside it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.widgets.layout_helpers import SPACE

Index = QModelIndex | QPersistentModelIndex
PARTS_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class StepRow:
    """One step as shown: "3. Kneading — left side", "1:30", "for your shoulders"."""

    title: str
    length: str
    reason: str

    @property
    def text(self) -> str:
        return f"{self.title}, {self.length}. {self.reason}"


class _StepDelegate(QStyledItemDelegate):
    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.theme = theme

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(200, 2 * line + SPACE["m"])

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(PARTS_ROLE)
        if not isinstance(row, StepRow):
            return
        rect = option.rect.adjusted(SPACE["m"], SPACE["s"], -SPACE["m"], 0)
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, self.theme.color("surface_alt"))
        metrics = QFontMetrics(option.font)
        line = metrics.lineSpacing()
        middle = Qt.AlignmentFlag.AlignVCenter
        painter.setFont(option.font)
        painter.setPen(self.theme.color("text"))
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.drawText(top, Qt.AlignmentFlag.AlignRight | middle, row.length)
        room = rect.width() - metrics.horizontalAdvance(row.length) - SPACE["m"]
        title = metrics.elidedText(row.title, Qt.TextElideMode.ElideRight, room)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | middle, title)
        painter.setPen(self.theme.color("text_secondary"))
        below = QRect(rect.left(), rect.top() + line, rect.width(), line)
        reason = metrics.elidedText(row.reason, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft | middle, reason)
        painter.restore()


class ComposedSteps(QListWidget):
    """See the module docstring."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._delegate = _StepDelegate(theme, self)
        self.setItemDelegate(self._delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.rows: list[StepRow] = []

    def set_theme(self, theme: Theme) -> None:
        self._delegate.theme = theme
        self.viewport().update()

    def set_rows(self, rows: Sequence[StepRow]) -> None:
        self.clear()
        self.rows = list(rows)
        for row in rows:
            item = QListWidgetItem(row.text)
            item.setData(PARTS_ROLE, row)
            self.addItem(item)
        height = sum(self.sizeHintForRow(index) for index in range(self.count()))
        self.setFixedHeight(height + 2 * self.frameWidth() + 2 * SPACE["s"])
