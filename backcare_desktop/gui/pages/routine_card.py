"""One routine on Home: what it is, how long, what you need, how firm; a star to keep it
first, a "More" menu (edit, export, remove) and Start.

The star and More are buttons of their own, on Start's row and in reading order before it,
so the keyboard and a screen reader reach everything the mouse can, and the card grows no
taller (the first card's Start stays in view on a small screen).

Nine cards are built before the first paint, so a card makes only what is seen then: More's
menu is made when it is first opened and the "Yours" chip when the routine becomes the
person's own (each menu made up front cost the first paint about 1 ms). The pointing hand
over the card comes when the pointer first does: a cursor shape is one of Qt's enums, which
wait for the first paint (widgets/qt_numbers.py says why).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Signal
from PySide6.QtGui import QEnterEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStyleOptionButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.routine import Routine
from backcare_desktop.gui.look.icons import ui_icon
from backcare_desktop.gui.look.text import equipment_text, minutes_text, pressure_text, tr
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.pages.routine_pictures import (
    PICTURE_SIZE,
    routine_picture,
    routine_picture_file,
)
from backcare_desktop.gui.widgets.layout_helpers import SPACE, add_at_top, card_layout, label

STAR_SIZE = 22


class MenuButton(QPushButton):
    """A push button that looks and acts like one with a menu (the arrow; a click, Space,
    Return or Down opens it) but has none until `opened` makes one on the first press.

    Its arrow and the room for it come from the style sheet (QPushButton#more): asking the
    style for the arrow's width here would make PySide build every QStyle enum before the
    first paint (6 ms, measured), and the themed arrow matches the header's Menu.

    `opened` says whether a key opened it: then the menu opens with its first entry chosen,
    so the keyboard (and a screen reader's focus) is in the menu at once, as with Down."""

    opened = Signal(bool)

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setObjectName("more")
        self._by_key = False
        self.clicked.connect(self._open)

    def _open(self) -> None:
        by_key, self._by_key = self._by_key, False
        self.opened.emit(by_key)

    def initStyleOption(self, option: QStyleOptionButton) -> None:
        super().initStyleOption(option)
        option.features |= QStyleOptionButton.ButtonFeature.HasMenu  # the arrow

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        self._by_key = True  # Space clicks on its release, Return through the window
        if event.key() == Qt.Key.Key_Down:
            self.click()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._by_key = False
        super().mousePressEvent(event)


class RoutineCard(QFrame):
    """See the module docstring. `own` cards (the person's routines) can be edited in place
    and removed; a built-in one is edited as a copy."""

    chosen = Signal(str)
    starToggled = Signal(str, bool)
    editRequested = Signal(str)
    exportRequested = Signal(str)
    removeRequested = Signal(str)

    def __init__(self, routine: Routine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routine = routine
        self.own = False
        layout = card_layout(self)
        self._pointing = False  # the pointing hand is set (enterEvent)
        self.setAccessibleName(routine.name)
        top = QHBoxLayout()
        top.setSpacing(SPACE["m"])
        self.picture = QLabel()
        self.picture.setFixedSize(PICTURE_SIZE)
        self.picture.setAccessibleName(tr("Picture of %1", routine.name))
        add_at_top(top, self.picture)
        words = QVBoxLayout()
        words.setSpacing(SPACE["xs"])
        words.addWidget(label(routine.name, "heading"))
        self.star_button = QToolButton()
        self.star_button.setCheckable(True)
        self.star_button.setAutoRaise(True)
        self.star_button.setIconSize(QSize(STAR_SIZE, STAR_SIZE))
        # Its look when starred is the app style sheet's QToolButton#star: a style sheet of
        # its own, on each of nine cards, cost the first paint 2-3 ms.
        self.star_button.setObjectName("star")
        self._theme: Theme | None = None  # the star's icon follows the pictures' theme
        self.star_button.toggled.connect(self._show_star)
        self.star_button.clicked.connect(lambda on: self.starToggled.emit(routine.id, on))
        self._show_star(False)
        summary = label(routine.summary, "secondary")
        summary.setMinimumHeight(summary.fontMetrics().lineSpacing() * 2)
        words.addWidget(summary)
        words.addStretch(1)
        top.addLayout(words, 1)
        layout.addLayout(top)
        chips = self._chips = QHBoxLayout()
        chips.setSpacing(SPACE["s"])
        self.mine_chip: QLabel | None = None  # made by show_marks for the person's own
        self.minutes_chip = label(minutes_text(routine.total_seconds), "chip")
        chips.addWidget(self.minutes_chip)
        chips.addWidget(label(pressure_text(routine.intensity), "chip"))
        for item in equipment_text(routine.equipment):
            chips.addWidget(label(item, "chip"))
        chips.addStretch(1)
        layout.addLayout(chips)
        layout.addSpacing(SPACE["xs"])
        row = QHBoxLayout()
        row.addWidget(self.star_button)
        self.more_button = MenuButton(tr("More"))
        self.more_button.setAccessibleName(tr("More for %1", routine.name))
        self.more_button.setAccessibleDescription(tr("Opens a menu: edit a copy or export"))
        self.more_button.setToolTip(tr("Edit, export or remove “%1”", routine.name))
        self.more_button.opened.connect(self._open_more_menu)
        self._more_menu: QMenu | None = None
        row.addWidget(self.more_button)
        row.addStretch(1)
        self.start_button = QPushButton(tr("Start"))
        self.start_button.setProperty("primary", True)
        self.start_button.setToolTip(tr("Prepare for “%1”", routine.name))
        self.start_button.setAccessibleName(tr("Start %1", routine.name))
        self.start_button.clicked.connect(lambda: self.chosen.emit(routine.id))
        row.addWidget(self.start_button)
        layout.addLayout(row)

    def show_length(self, routine: Routine) -> None:
        """The same routine at another length (the person's preferred minutes changed)."""
        self.routine = routine
        self.minutes_chip.setText(minutes_text(routine.total_seconds))

    def show_marks(self, starred: bool, own: bool) -> None:
        """Starred as a favourite; the person's own (a "Yours" chip, edited in place)."""
        self.own = own
        if own and self.mine_chip is None:
            self.mine_chip = label(tr("Yours"), "chip")
            self._chips.insertWidget(0, self.mine_chip)
        if self.mine_chip is not None:
            self.mine_chip.setVisible(own)
        self.more_button.setAccessibleDescription(
            tr("Opens a menu: edit, export or remove")
            if own
            else tr("Opens a menu: edit a copy or export")
        )
        self.star_button.setChecked(starred)

    def show_picture(self, theme: Theme) -> None:
        self._theme = theme
        self._show_star(self.star_button.isChecked())
        file_name = routine_picture_file(self.routine)
        if file_name is not None:
            self.picture.setPixmap(routine_picture(file_name, theme, self.devicePixelRatioF()))

    def enterEvent(self, event: QEnterEvent) -> None:
        if not self._pointing:  # see the module docstring
            from PySide6.QtCore import Qt

            self._pointing = True
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.star_button.setCursor(Qt.CursorShape.PointingHandCursor)
        super().enterEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        from PySide6.QtCore import Qt

        if event.button() == Qt.MouseButton.LeftButton:
            self.chosen.emit(self.routine.id)
        super().mouseReleaseEvent(event)

    def _show_star(self, starred: bool) -> None:
        name = self.routine.name
        if self._theme is None:  # before the first paint: a glyph, the icon follows with it
            self.star_button.setText("★" if starred else "☆")
        else:
            self.star_button.setIcon(
                ui_icon(
                    "star-filled" if starred else "star",
                    self._theme,
                    "highlight" if starred else "text_secondary",
                )
            )
        self.star_button.setAccessibleName(tr("Favourite: %1", name))
        self.star_button.setToolTip(
            tr("Starred: shown first on Home. Click to unstar.")
            if starred
            else tr("Star “%1” to show it first on Home", name)
        )

    def more_menu(self) -> QMenu:
        """More's menu, filled anew each time: the card may have become the person's own."""
        if self._more_menu is None:
            self._more_menu = QMenu(self.more_button)
        menu = self._more_menu
        menu.clear()
        rid = self.routine.id
        edit = menu.addAction(tr("Edit…") if self.own else tr("Edit a copy…"))
        edit.triggered.connect(lambda: self.editRequested.emit(rid))
        menu.addAction(tr("Export to a file…")).triggered.connect(
            lambda: self.exportRequested.emit(rid)
        )
        if self.own:
            menu.addSeparator()
            menu.addAction(tr("Remove…")).triggered.connect(lambda: self.removeRequested.emit(rid))
        return menu

    def _open_more_menu(self, by_key: bool) -> None:
        """Under the button, where a button's own menu opens; from the keyboard, on its first
        entry."""
        menu = self.more_menu()
        menu.popup(self.more_button.mapToGlobal(QPoint(0, self.more_button.height())))
        if by_key:
            menu.setActiveAction(menu.actions()[0])
