"""The Progress pictures as tables: the same numbers, for a screen reader or anyone who reads
numbers more easily than colours.

A painted chart can only speak one summary line; a real table (QTableWidget) is navigable
cell by cell, with its column headers read along, by the keyboard and by Orca alike. Each
picture gets a "Show as table" button that swaps it for its table and back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.journal import DayMinutes, TensionPoint, local_day
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.widgets.heatmap import day_text
from backcare_desktop.gui.widgets.layout_helpers import label


def _rating(value: int | None) -> str:
    return str(value) if value is not None else tr("not rated")


def day_rows(grid: Sequence[Sequence[DayMinutes]]) -> list[tuple[str, str, str]]:
    """One row per day shown on the heat-map, oldest first: day, practised, minutes."""
    return [
        (day_text(cell.day), tr("Yes") if cell.minutes > 0 else tr("No"), str(cell.minutes))
        for week in grid
        for cell in week
        if not cell.in_future
    ]


def tension_rows(points: Sequence[TensionPoint], tz: tzinfo | None) -> list[tuple[str, str, str]]:
    """One row per rated session on the chart, oldest first: date, before, after."""
    return [
        (day_text(local_day(p.started_at, tz)), _rating(p.before), _rating(p.after)) for p in points
    ]


class NumbersTable(QTableWidget):
    """A read-only table of text cells, a row per entry, with named column headers."""

    def __init__(self, name: str, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setAccessibleName(name)
        self.setHorizontalHeaderLabels(list(headers))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setMinimumHeight(220)

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(row, column, item)
        if rows:
            self.setCurrentCell(len(rows) - 1, 0)  # the latest first, where the eye goes


Rows = Sequence[Sequence[str]]


class PictureOrTable(QWidget):
    """A heading, a "Show as table" button, and the picture or its table below them.

    The table is filled only while it is shown (`set_rows` takes a way to make the rows): a
    few hundred table items built with every new reading would make the turn in which the
    figures arrive longer than a frame, for a view most people never open."""

    def __init__(
        self, heading: str, picture: QWidget, table: NumbersTable, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.picture, self.table, self._heading = picture, table, heading
        self._rows: Callable[[], Rows] | None = None  # the rows not yet in the table
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(label(heading, "heading"), 1)
        self.toggle = QPushButton(tr("Show as table"))
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self.show_table)
        top.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.note_row = QVBoxLayout()
        layout.addLayout(self.note_row)
        self.stack = QStackedWidget()
        self.stack.addWidget(picture)
        self.stack.addWidget(table)
        layout.addWidget(self.stack, 1)
        self.show_table(False)

    def show_table(self, on: bool) -> None:
        """Swap picture and table; the button's name says which picture it swaps."""
        self.toggle.setText(tr("Show as picture") if on else tr("Show as table"))
        self.toggle.setAccessibleName(
            tr("Show %1 as a picture", self._heading)
            if on
            else tr("Show %1 as a table", self._heading)
        )
        self._fill_if_shown()
        self.stack.setCurrentWidget(self.table if on else self.picture)
        if on and self.toggle.hasFocus():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_rows(self, rows: Callable[[], Rows]) -> None:
        """The table's rows, made now if the table is shown, else when it is next shown."""
        self._rows = rows
        self._fill_if_shown()

    def _fill_if_shown(self) -> None:
        if self._rows is not None and self.toggle.isChecked():
            rows, self._rows = self._rows, None
            self.table.set_rows(rows())
