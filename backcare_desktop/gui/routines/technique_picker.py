"""The routine editor's technique library: a search field over a list of every technique with
its picture, and Add.

The list is a model over the library, filtered as the person types by Qt's own proxy, so the
search costs nothing per keystroke. Pictures are rendered when a row is painted, never when the
list is made or measured: the view measures every row (asking for its decoration) as soon as
it is laid out, which rendered all 27 illustrations on the GUI thread, about 0.3-0.5 s on a
busy machine, right after start-up when the editor page is built. So the model's decoration is
a blank of the picture's size, and the delegate draws the real picture (PICTURE_ROLE, then
kept by routine_pictures' cache) for the rows in view only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.regions import REGION_NAMES
from backcare_desktop.core.routine import Technique
from backcare_desktop.gui.look.text import equipment_text, pressure_text, tr, translated
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.pages.routine_pictures import routine_picture
from backcare_desktop.gui.widgets.layout_helpers import SPACE, field_label, label

LIST_PICTURE = QSize(80, 60)
"""A technique's picture in the library list (the illustrations are 4:3)."""
ID_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
PICTURE_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


def technique_line(technique: Technique) -> str:
    """What a technique works and needs, in one quiet line: "Shoulders · No equipment · Gentle"."""
    areas = [translated(REGION_NAMES[r]) for r in technique.regions if r in REGION_NAMES]
    parts = [
        ", ".join(areas) if areas else tr("Breathing"),
        ", ".join(equipment_text(tuple(e for e in technique.equipment if e != "none"))),
        pressure_text(technique.intensity),
    ]
    if technique.per_side:
        parts.append(tr("each side"))
    return " · ".join(parts)


def words_pattern(text: str) -> QRegularExpression:
    """Matches a text holding every typed word, in any order: "deep breathing" finds
    "Deep, slow breathing", "ball shoulder" the ball between the shoulder blades."""
    looks = "".join(f"(?=.*{QRegularExpression.escape(word)})" for word in text.split())
    return QRegularExpression(
        looks,
        QRegularExpression.PatternOption.CaseInsensitiveOption
        | QRegularExpression.PatternOption.DotMatchesEverythingOption,
    )


class TechniqueModel(QAbstractListModel):
    """Every technique, in the library's order, with its picture drawn on first request."""

    def __init__(
        self, techniques: Sequence[Technique], theme: Theme, ratio: Callable[[], float]
    ) -> None:
        super().__init__()
        self._techniques = tuple(techniques)
        self._theme = theme
        self._ratio = ratio  # the view's pixel ratio, asked as each picture is drawn
        self._blank = QPixmap(LIST_PICTURE)
        self._blank.fill(Qt.GlobalColor.transparent)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self._techniques:
            last = self.index(len(self._techniques) - 1)
            self.dataChanged.emit(self.index(0), last, [PICTURE_ROLE])

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._techniques)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        technique = self._techniques[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{technique.name}\n{technique_line(technique)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{technique.name}. {technique_line(technique)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return technique.summary
        if role == Qt.ItemDataRole.DecorationRole:
            return self._blank  # room for the picture; PictureDelegate draws it
        if role == PICTURE_ROLE:
            file_name = technique.illustration_file(None)
            return routine_picture(file_name, self._theme, self._ratio(), LIST_PICTURE)
        if role == ID_ROLE:
            return technique.id
        if role == SEARCH_ROLE:
            return " ".join((technique.name, technique.summary, technique_line(technique)))
        return None


class PictureDelegate(QStyledItemDelegate):
    """Draws a row with its real picture in place of the model's blank one."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        picture = index.data(PICTURE_ROLE)
        if isinstance(picture, QPixmap):
            item.icon = QIcon(picture)
        widget = option.widget
        style = widget.style() if isinstance(widget, QWidget) else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)


class TechniquePicker(QWidget):
    """The searchable library; `chosen(technique_id)` when the person adds one (Add, Return
    on the list or in the search field, or a double click)."""

    chosen = Signal(str)

    def __init__(
        self, techniques: Mapping[str, Technique], theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACE["s"])
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(tr("For example: shoulder, ball, breathing"))
        self.search.setAccessibleName(tr("Search techniques"))
        column.addWidget(field_label(tr("&Techniques"), self.search, "heading"))
        column.addWidget(self.search)
        self.model = TechniqueModel(list(techniques.values()), theme, self.devicePixelRatioF)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.model)
        self.filtered.setFilterRole(SEARCH_ROLE)
        self.list = QListView()
        self.list.setObjectName("library")  # styled as the app's lists
        self.list.setModel(self.filtered)
        self.list.setItemDelegate(PictureDelegate(self.list))
        self.list.setAccessibleName(tr("Technique library"))
        self.list.setIconSize(LIST_PICTURE)
        self.list.setSpacing(2)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-wrap to the width
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setMinimumHeight(LIST_PICTURE.height() * 3 + SPACE["l"])
        self.list.activated.connect(lambda _index: self.add_current())
        column.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(tr("Add to routine"))
        self.add_button.setToolTip(tr("Add the chosen technique after the selected step (Return)"))
        self.add_button.clicked.connect(self.add_current)
        row.addWidget(self.add_button)
        self.empty_note = label(tr("No technique matches."), "secondary")
        self.empty_note.hide()
        row.addWidget(self.empty_note, 1)
        column.addLayout(row)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.add_current)
        self.list.setCurrentIndex(self.filtered.index(0, 0))

    def set_theme(self, theme: Theme) -> None:
        self.model.set_theme(theme)

    def _filter(self, text: str) -> None:
        self.filtered.setFilterRegularExpression(words_pattern(text))
        found = self.filtered.rowCount() > 0
        self.empty_note.setVisible(not found)
        self.add_button.setEnabled(found)
        if found and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.filtered.index(0, 0))

    def current_id(self) -> str | None:
        index = self.list.currentIndex()
        if not index.isValid():
            index = self.filtered.index(0, 0)
        value = index.data(ID_ROLE) if index.isValid() else None
        return value if isinstance(value, str) else None

    def add_current(self) -> None:
        technique_id = self.current_id()
        if technique_id is not None:
            self.chosen.emit(technique_id)

    def visible_ids(self) -> list[str]:
        """The techniques the search leaves in the list, in order (what the person sees)."""
        rows = range(self.filtered.rowCount())
        return [str(self.filtered.index(row, 0).data(ID_ROLE)) for row in rows]
