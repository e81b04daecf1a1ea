"""The routine's steps as a list the person rearranges: drag and drop, Alt+Up and Alt+Down,
Delete, and buttons that do the same for those who prefer them.

The list widget shows the steps; the steps themselves are kept here, each with a key that
travels with its row. A drag moves rows inside Qt's model (as one move, or as an insert and a
removal, depending on the Qt version); afterwards the keys' order says the steps' new order,
so nothing has to guess which row went where.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from itertools import count

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.routine import Side, Technique
from backcare_desktop.core.routine_draft import DraftStep, StepSide
from backcare_desktop.gui.look.text import duration_text, tr
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.pages.routine_pictures import routine_picture
from backcare_desktop.gui.widgets.layout_helpers import SPACE

STEP_PICTURE = QSize(48, 36)
KEY_ROLE = Qt.ItemDataRole.UserRole


def side_words(side: StepSide | None) -> str:
    if side is StepSide.LEFT:
        return tr("left side")
    if side is StepSide.RIGHT:
        return tr("right side")
    if side is StepSide.BOTH:
        return tr("both sides")
    return ""


def step_text(number: int, step: DraftStep, technique: Technique | None) -> str:
    """A step as its row reads: "2. Kneading the shoulder — both sides · 1:00 each"."""
    name = technique.name if technique is not None else step.technique
    length = duration_text(step.seconds)
    if step.side is StepSide.BOTH:
        length = tr("%1 each", length)
    words = side_words(step.side)
    head = tr("%1. %2 — %3", number, name, words) if words else tr("%1. %2", number, name)
    text = tr("%1 · %2", head, length)
    if step.note:
        text += "\n" + tr("Your note: %1", step.note)
    return text


class StepList(QWidget):
    """See the module docstring. `changed` follows every move, removal and insertion;
    `currentChanged(row)` follows the selection (-1 when the list is empty)."""

    changed = Signal()
    currentChanged = Signal(int)

    def __init__(
        self, techniques: Mapping[str, Technique], theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._techniques = techniques
        self._theme = theme
        self._steps: list[DraftStep] = []
        self._keys: list[int] = []
        self._next_key = count(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACE["s"])
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Steps"))
        self.list.setAccessibleDescription(
            tr("Alt+Up and Alt+Down move the selected step; Delete removes it.")
        )
        self.list.setIconSize(STEP_PICTURE)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(STEP_PICTURE.height() * 4 + SPACE["l"])
        model = self.list.model()
        model.rowsMoved.connect(lambda *_args: self._follow_rows())
        model.rowsRemoved.connect(lambda *_args: self._follow_rows())
        model.rowsInserted.connect(lambda *_args: self._follow_rows())
        self.list.currentRowChanged.connect(self.currentChanged)
        self.list.currentRowChanged.connect(lambda _row: self._enable_buttons())
        column.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.setSpacing(SPACE["s"])
        self.up_button = self._button(row, tr("Move up"), tr("Move the step up (Alt+Up)"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = self._button(row, tr("Move down"), tr("Move the step down (Alt+Down)"))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.remove_button = self._button(row, tr("Remove"), tr("Remove the step (Delete)"))
        self.remove_button.clicked.connect(self.remove_current)
        row.addStretch(1)
        column.addLayout(row)
        self._keys_on(QKeySequence("Alt+Up"), lambda: self.move_current(-1))
        self._keys_on(QKeySequence("Alt+Down"), lambda: self.move_current(1))
        self._keys_on(QKeySequence(QKeySequence.StandardKey.Delete), self.remove_current)
        self._enable_buttons()

    def _button(self, row: QHBoxLayout, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        row.addWidget(button)
        return button

    def _keys_on(self, keys: QKeySequence, do: Callable[[], None]) -> None:
        shortcut = QShortcut(keys, self.list)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(do)

    # -- what the page reads and sets ----------------------------------------------------------

    def steps(self) -> tuple[DraftStep, ...]:
        return tuple(self._steps)

    def current_row(self) -> int:
        return self.list.currentRow()

    def set_steps(self, steps: Iterable[DraftStep], current: int = 0) -> None:
        """Show these steps (a draft opened, or steps the rules removed), keeping quiet."""
        self._steps = list(steps)
        self._keys = [next(self._next_key) for _ in self._steps]
        blocker = self.list.model().blockSignals(True)
        self.list.clear()
        for key in self._keys:
            item = QListWidgetItem()
            item.setData(KEY_ROLE, key)
            self.list.addItem(item)
        self.list.model().blockSignals(blocker)
        self.list.reset()
        self._redraw()
        if self._steps:
            self.list.setCurrentRow(min(max(current, 0), len(self._steps) - 1))
        self._enable_buttons()

    def insert(self, row: int, step: DraftStep) -> None:
        """Put a new step at `row` and select it."""
        key = next(self._next_key)
        self._steps.insert(row, step)
        self._keys.insert(row, key)
        item = QListWidgetItem()
        item.setData(KEY_ROLE, key)
        self.list.insertItem(row, item)
        self._redraw()
        self.list.setCurrentRow(row)
        self._enable_buttons()
        self.changed.emit()

    def replace(self, row: int, step: DraftStep) -> None:
        """One step's settings changed (the form): redraw its row only."""
        self._steps[row] = step
        self._draw_row(row)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._redraw()

    # -- the person's moves ---------------------------------------------------------------------

    def move_current(self, by: int) -> None:
        """Move the selected step up (-1) or down (1); the keyboard focus goes with it."""
        row = self.list.currentRow()
        target = row + by
        if row < 0 or not 0 <= target < len(self._steps):
            return
        self._steps.insert(target, self._steps.pop(row))
        self._keys.insert(target, self._keys.pop(row))
        blocker = self.list.model().blockSignals(True)
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.model().blockSignals(blocker)
        self.list.reset()
        self._redraw()
        self.list.setCurrentRow(target)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self._enable_buttons()
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        had_focus = self.list.hasFocus()
        del self._steps[row]
        del self._keys[row]
        blocker = self.list.model().blockSignals(True)
        self.list.takeItem(row)
        self.list.model().blockSignals(blocker)
        self.list.reset()
        self._redraw()
        if self._steps:
            self.list.setCurrentRow(min(row, len(self._steps) - 1))
        else:
            self.currentChanged.emit(-1)
        if had_focus or not self._steps:
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self._enable_buttons()
        self.changed.emit()

    def _follow_rows(self) -> None:
        """After a drag: read the new order from the rows' keys. A drag that arrives as an
        insert and a removal passes through a moment with one row too many; that moment is
        skipped, and the order is taken once every key is there exactly once."""
        keys = [self.list.item(row).data(KEY_ROLE) for row in range(self.list.count())]
        if keys == self._keys or sorted(keys) != sorted(self._keys):
            return
        by_key = dict(zip(self._keys, self._steps, strict=True))
        self._keys = [int(key) for key in keys]
        self._steps = [by_key[key] for key in self._keys]
        self._redraw()
        self._enable_buttons()
        self.changed.emit()

    # -- drawing --------------------------------------------------------------------------------

    def _redraw(self) -> None:
        for row in range(len(self._steps)):
            self._draw_row(row)

    def _draw_row(self, row: int) -> None:
        item = self.list.item(row)
        if item is None:
            return
        step = self._steps[row]
        technique = self._techniques.get(step.technique)
        text = step_text(row + 1, step, technique)
        item.setText(text)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ". "))
        if technique is not None:
            side = None if step.side in (None, StepSide.BOTH) else step.side
            file_name = technique.illustration_file(Side(side.value) if side else None)
            ratio = self.devicePixelRatioF()
            item.setIcon(QIcon(routine_picture(file_name, self._theme, ratio, STEP_PICTURE)))

    def _enable_buttons(self) -> None:
        row = self.list.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self._steps) - 1)
        self.remove_button.setEnabled(row >= 0)
