"""Oils: find an aroma you like, keep favourites, read how to use it safely, work out a blend.

The page informs about aromas and safe dilution; it never says an oil treats anything. Cautions
are always in view, and the serious ones are marked in the danger colour.
"""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.core.oils import Oil, OilLibrary, search
from backcare_desktop.gui.look.icons import ui_icon
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.look.theme import Theme, load_theme
from backcare_desktop.gui.widgets.dilution import DilutionCalculator, danger_html
from backcare_desktop.gui.widgets.layout_helpers import SPACE, card, centered_column, label

log = logging.getLogger(__name__)

SERIOUS_WORDS = ("avoid", "not for use", "phototoxic", "pregnan", "epilep", "children")
"""Words that make an oil's caution a serious one (shown in the danger colour)."""
ICON_SIZE = 20
ROW_PADDING = 16
"""The list's item padding (theme stylesheet: 8 px above and below) around each row widget."""


def is_serious(caution: str) -> bool:
    """Cautions about who must not use an oil, or about sunlight burns, stand out."""
    folded = caution.casefold()
    return any(word in folded for word in SERIOUS_WORDS)


def heart_icon_name(favourite: bool) -> str:
    return "heart-filled" if favourite else "heart"


class OilRow(QWidget):
    """One oil in the list: its name, its aroma notes and a heart to keep it as a favourite."""

    favouriteToggled = Signal(str, bool)

    def __init__(self, oil: Oil, favourite: bool, theme: Theme) -> None:
        super().__init__()
        self.oil = oil
        self._theme = theme
        row = QHBoxLayout(self)
        row.setContentsMargins(SPACE["xs"], SPACE["xs"], 0, SPACE["xs"])
        row.setSpacing(SPACE["s"])
        text = QVBoxLayout()
        text.setSpacing(0)
        self.name = label(oil.name, "body", wrap=False)
        text.addWidget(self.name)
        text.addWidget(label(" · ".join(oil.aroma_notes), "secondary", wrap=False))
        row.addLayout(text, 1)
        self.heart = QToolButton()
        self.heart.setCheckable(True)
        self.heart.setAutoRaise(True)
        self.heart.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.heart.setIconSize(QSize(ICON_SIZE + 2, ICON_SIZE + 2))
        self.heart.setStyleSheet("QToolButton:checked { background: transparent; border: none; }")
        self.heart.toggled.connect(lambda on: self.favouriteToggled.emit(oil.id, on))
        row.addWidget(self.heart)
        self.set_favourite(favourite)

    def set_favourite(self, favourite: bool) -> None:
        self.heart.blockSignals(True)
        self.heart.setChecked(favourite)
        self.heart.blockSignals(False)
        self.set_theme(self._theme)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        on = self.heart.isChecked()
        self.heart.setIcon(
            ui_icon(heart_icon_name(on), theme, "highlight" if on else "text_secondary")
        )
        self.heart.setProperty("icon_name", heart_icon_name(on))
        name = self.oil.in_sentence
        tip = tr("Remove %1 from favourites", name) if on else tr("Keep %1 as a favourite", name)
        self.heart.setToolTip(tip)
        self.heart.setAccessibleName(self.heart.toolTip())


class OilsPage(QWidget):
    """Search and list on the left; the chosen oil's details and a blend calculator on the right."""

    def __init__(
        self,
        library: OilLibrary,
        preferences: PreferencesModel,
        theme: Theme | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.library = library
        self.preferences = preferences
        self._theme = theme or load_theme("light")
        self._shown: list[Oil] = []
        self._oil: Oil | None = None
        self.rows: dict[str, OilRow] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(SPACE["xxl"], SPACE["xl"], SPACE["xxl"], SPACE["l"])
        outer.setSpacing(SPACE["m"])
        outer.addWidget(label(tr("Essential oils"), "display"))
        outer.addWidget(
            label(
                tr(
                    "A pleasant aroma can make your massage feel more like a treat. Always blend "
                    "oils into a carrier oil; they are for enjoying, not for treating anything."
                ),
                "body",
            )
        )
        columns = QHBoxLayout()
        columns.setSpacing(SPACE["l"])
        columns.addLayout(self._build_list_column(), 0)
        columns.addWidget(self._build_detail_column(), 1)
        outer.addLayout(columns, 1)
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.find_shortcut.activated.connect(self.focus_search)
        preferences.changed.connect(lambda _prefs: self._sync_favourites())
        self._filter("")
        self.set_theme(self._theme)

    # -- building ----------------------------------------------------------------------------

    def _build_list_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(SPACE["s"])
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search by name or aroma (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Search oils"))
        self.search.textChanged.connect(self._filter)
        column.addWidget(self.search)
        self.list = QListWidget()
        self.list.setFixedWidth(300)
        self.list.setAccessibleName(tr("Essential oils"))
        self.list.currentRowChanged.connect(self._row_chosen)
        column.addWidget(self.list, 1)
        self.no_match = label("", "secondary")
        self.no_match.hide()
        column.addWidget(self.no_match)
        return column

    def _build_detail_column(self) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setAccessibleName(tr("About the chosen oil"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its controls, scrolled to
        body = QWidget()
        scroll.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 0, SPACE["s"], 0)
        column = QVBoxLayout(centered_column(outer, 900))
        outer.addStretch(1)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACE["m"])
        details, layout = card("panel")
        title_row = QHBoxLayout()
        self.title = label("", "title")
        title_row.addWidget(self.title, 1)
        self.favourite_button = QPushButton()
        self.favourite_button.setCheckable(True)
        self.favourite_button.toggled.connect(self._detail_favourite_toggled)
        title_row.addWidget(self.favourite_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(title_row)
        self.latin = label("", "secondary")
        layout.addWidget(self.latin)
        self.aroma = label("", "body")
        layout.addWidget(self.aroma)
        layout.addSpacing(SPACE["xs"])
        layout.addWidget(label(tr("What people use it for"), "heading"))
        self.use = label("", "body")
        layout.addWidget(self.use)
        layout.addSpacing(SPACE["xs"])
        layout.addWidget(label(tr("How strong to blend it"), "heading"))
        self.dilution_note = label("", "body")
        layout.addWidget(self.dilution_note)
        layout.addSpacing(SPACE["xs"])
        layout.addWidget(label(tr("Take care"), "heading"))
        self.cautions_box = QVBoxLayout()
        self.cautions_box.setSpacing(SPACE["s"])
        layout.addLayout(self.cautions_box)
        column.addWidget(details)

        self.calculator = DilutionCalculator(self.library, self._theme)
        column.addWidget(self.calculator)

        general, general_layout = card("banner")
        general_layout.addWidget(label(tr("For every oil"), "heading"))
        items = "".join(
            f"<li style='margin-bottom:6px'>{escape(text)}</li>"
            for text in self.library.general_cautions
        )
        cautions = label(f"<ul style='margin-left:-20px'>{items}</ul>", "body")
        cautions.setTextFormat(Qt.TextFormat.RichText)
        general_layout.addWidget(cautions)
        carriers = ", ".join(self.library.carrier_oils)
        general_layout.addWidget(
            label(
                tr("Carrier oils that suit a massage: %1.", carriers),
                "secondary",
            )
        )
        column.addWidget(general)
        return scroll

    # -- behaviour ---------------------------------------------------------------------------

    @property
    def current_oil(self) -> Oil | None:
        return self._oil

    @property
    def shown_oils(self) -> list[Oil]:
        return list(self._shown)

    def favourites(self) -> tuple[str, ...]:
        return tuple(self.preferences.value.favourite_oils)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_oil(self, oil_id: str) -> None:
        for index, oil in enumerate(self._shown):
            if oil.id == oil_id:
                self.list.setCurrentRow(index)
                return

    def set_favourite(self, oil_id: str, favourite: bool) -> None:
        """Add or remove a favourite through the preferences (saved at once)."""
        current = self.favourites()
        if favourite and oil_id not in current:
            wanted = (*current, oil_id)
        elif not favourite and oil_id in current:
            wanted = tuple(i for i in current if i != oil_id)
        else:
            return
        try:
            self.preferences.update(favourite_oils=wanted)
        except ValueError as error:
            log.warning("favourite not kept: %s", error)
        self._sync_favourites()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        for row in self.rows.values():
            row.set_theme(theme)
        self.calculator.set_theme(theme)
        self._show_oil(self._oil)

    def _filter(self, text: str) -> None:
        keep = self._oil.id if self._oil is not None else None
        self._shown = search(self.library.oils, text)
        favourites = set(self.favourites())
        self.list.blockSignals(True)
        self.list.clear()
        self.rows = {}
        for oil in self._shown:
            row = OilRow(oil, oil.id in favourites, self._theme)
            row.favouriteToggled.connect(self.set_favourite)
            row.ensurePolished()  # so the size hint uses the stylesheet's larger fonts
            item = QListWidgetItem()
            item.setSizeHint(row.sizeHint() + QSize(0, ROW_PADDING))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, oil.name)
            self.list.addItem(item)
            self.list.setItemWidget(item, row)
            self.rows[oil.id] = row
        self.list.blockSignals(False)
        self.no_match.setText(tr("No oil matches “%1”.", text.strip()))
        self.no_match.setVisible(not self._shown)
        ids = [oil.id for oil in self._shown]
        if keep in ids:
            self.list.setCurrentRow(ids.index(keep))
        elif self._shown:
            self.list.setCurrentRow(0)

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self._shown):
            self._show_oil(self._shown[row])

    def _sync_favourites(self) -> None:
        favourites = set(self.favourites())
        for oil_id, row in self.rows.items():
            # Only hearts that changed: redrawing all of them on every setting change (a
            # volume, mute) stalled the window for several frames.
            favourite = oil_id in favourites
            if row.heart.property("icon_name") != heart_icon_name(favourite):
                row.set_favourite(favourite)
        self._update_favourite_button()

    def _detail_favourite_toggled(self, on: bool) -> None:
        if self._oil is not None:
            self.set_favourite(self._oil.id, on)

    def _update_favourite_button(self) -> None:
        on = self._oil is not None and self._oil.id in self.favourites()
        self.favourite_button.blockSignals(True)
        self.favourite_button.setChecked(on)
        self.favourite_button.blockSignals(False)
        self.favourite_button.setText(tr("Favourite") if on else tr("Add to favourites"))
        self.favourite_button.setIcon(
            ui_icon(heart_icon_name(on), self._theme, "highlight" if on else "text")
        )
        self.favourite_button.setEnabled(self._oil is not None)

    def _show_oil(self, oil: Oil | None) -> None:
        self._oil = oil
        self._update_favourite_button()
        self.calculator.set_oil(oil)
        _clear(self.cautions_box)
        if oil is None:
            return
        self.title.setText(oil.name)
        self.latin.setText(f"<i>{escape(oil.latin_name)}</i>")
        notes = ", ".join(oil.aroma_notes)
        self.aroma.setText(tr("Aroma: %1", notes))
        self.use.setText(oil.people_use_it)
        self.dilution_note.setText(oil.dilution_note)
        for caution in oil.cautions:
            self.cautions_box.addLayout(self._caution_row(caution))

    def _caution_row(self, caution: str) -> QHBoxLayout:
        serious = is_serious(caution)
        row = QHBoxLayout()
        row.setSpacing(SPACE["s"])
        icon = QLabel()
        icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        name, token = ("warning", "danger") if serious else ("info", "text_secondary")
        icon.setPixmap(ui_icon(name, self._theme, token).pixmap(ICON_SIZE, ICON_SIZE))
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = label(danger_html(caution, self._theme) if serious else escape(caution), "body")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setProperty("serious", serious)
        row.addWidget(text, 1)
        return row


def _clear(layout: QLayout) -> None:
    """Remove and delete everything in a layout (rows are rebuilt for each oil)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.setParent(None)  # gone from the page at once, freed on the next loop turn
            widget.deleteLater()
        child = item.layout()
        if child is not None:
            _clear(child)
