"""The quiet header bar: the app's mark, one button per page, and the menu."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from backcare_desktop import APP_NAME
from backcare_desktop.gui.look.icons import app_icon
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.widgets.layout_helpers import SPACE, label, tab_in_order
from backcare_desktop.gui.widgets.qt_numbers import show_icon_only, take_no_focus

LAST_PAGE = "guide"
"""The Guide stays the last page button; feature pages are inserted before it."""


def _first_entry_for_keys(menu: QMenu) -> None:
    """Opened by a key (Return, Space or Down; a click opens it while the button is held), the
    menu opens on its first entry, so the focus, and a screen reader, are in it at once."""
    from PySide6.QtCore import Qt  # after the first paint (widgets/qt_numbers.py says why)

    if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
        return

    def choose() -> None:
        entries = [a for a in menu.actions() if a.isEnabled() and not a.isSeparator()]
        if menu.isVisible() and menu.activeAction() is None and entries:
            menu.setActiveAction(entries[0])

    QTimer.singleShot(0, choose)  # once shown: showing it chooses nothing


class HeaderBar(QWidget):
    logoClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._row = row = QHBoxLayout(self)
        self._compact = False
        self._words_width = 0
        row.setContentsMargins(SPACE["l"], SPACE["s"] + 4, SPACE["l"], SPACE["s"])
        row.setSpacing(SPACE["s"])
        self.logo = QToolButton()
        self.logo.setIcon(app_icon())
        self.logo.setIconSize(self.logo.iconSize() * 1.4)
        self.logo.setAutoRaise(True)
        take_no_focus(self.logo)
        self.logo.setToolTip(tr("Your routines"))
        self.logo.setAccessibleName(tr("Your routines"))
        self.logo.clicked.connect(self.logoClicked)
        row.addWidget(self.logo)
        self.name_label = label(APP_NAME, "heading", wrap=False)
        row.addWidget(self.name_label)
        row.addSpacing(SPACE["l"])
        self.nav: dict[str, NavButton] = {}
        self._current: str | None = None
        self._nav_row = QHBoxLayout()
        self._nav_row.setSpacing(SPACE["xs"])
        row.addLayout(self._nav_row)
        row.addStretch(1)
        self.menu_button = QToolButton()
        self.menu_button.setObjectName("menu")
        self.menu_button.setText(tr("Menu"))
        self.menu_button.setToolTip(tr("Settings, theme, about and quit"))
        # Read after the name, as every button that opens a menu says it does.
        self.menu_button.setAccessibleDescription(
            tr("Opens a menu: settings, theme, about and quit")
        )
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        row.addWidget(self.menu_button)

    def set_menu(self, menu: QMenu) -> None:
        self.menu_button.setMenu(menu)
        menu.aboutToShow.connect(lambda: _first_entry_for_keys(menu))

    def add_nav(self, name: str, action: QAction) -> None:
        """A page button; pages added after the Guide's go before it."""
        button = NavButton(action)
        last = self.nav.get(LAST_PAGE)
        if last is not None:
            self._nav_row.insertWidget(self._nav_row.indexOf(last), button)
        else:
            self._nav_row.addWidget(button)
        self.nav[name] = button
        self._order_tabs()
        self._set_compact(False)  # measure again with the new button's words
        if self.isVisible():  # a hidden header fits itself when shown (resize, layout request)
            self._fit_width()

    def page_names(self) -> list[str]:
        """The page buttons' names as the header shows them, left to right."""
        names = {id(button): name for name, button in self.nav.items()}
        items = (self._nav_row.itemAt(i) for i in range(self._nav_row.count()))
        widgets = (item.widget() for item in items if item is not None)
        return [names[id(w)] for w in widgets if w is not None and id(w) in names]

    def _order_tabs(self) -> None:
        """Tab goes left to right as the header reads: a page added later was inserted before
        the Guide, but Qt's Tab order is the order the buttons were made."""
        tab_in_order([*(self.nav[name] for name in self.page_names()), self.menu_button])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_width()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # words or fonts changed (a new style)
            self._fit_width()
        return handled

    def _fit_width(self) -> None:
        """Where the words do not fit (a narrow window, a language with longer words), the
        app's name gives way first, then the page buttons keep only their icons; their words
        stay as tip and accessible name. Nothing is ever cut off."""
        name_room = self.name_label.sizeHint().width() + self._row.spacing()
        if not self._compact:  # measured while the buttons show their words
            hint = self._row.sizeHint().width()
            self._words_width = hint + (name_room if self.name_label.isHidden() else 0)
        room = self.width()
        self.name_label.setVisible(self._words_width <= room)
        self._set_compact(self._words_width - name_room > room)

    def _set_compact(self, compact: bool) -> None:
        if compact == self._compact:
            return
        self._compact = compact
        for button in self.nav.values():
            show_icon_only(button, compact)
            button.setAccessibleName(button.text())

    def set_current(self, name: str | None) -> None:
        self._current = name
        for key, button in self.nav.items():
            button.show_current(key == name)

    def focus_current(self) -> None:
        """Put the keyboard focus on the open page's button (Tab goes on into the page)."""
        button = self.nav.get(self._current or "")
        if button is not None and button.isVisible():
            button.setFocus()  # for no particular reason (Qt's OtherFocusReason)


class NavButton(QToolButton):
    """A page button that stays checked while its page is open.

    It follows its action's text, icon and tip, but not with `setDefaultAction`: that copies
    the action's own (uncheckable) state back onto the button at every change of the action,
    such as a new icon for a new theme, and the open page stopped showing in the header.

    It opens its page whenever the person toggles it, not only on `clicked`: a screen reader
    presents it as a check box and activates it with its "toggle" action, which toggles the
    button without a click.
    """

    def __init__(self, action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nav")
        show_icon_only(self, False)
        self.setCheckable(True)
        self.action = action
        self._showing_page = False
        action.changed.connect(self._follow_action)
        self.toggled.connect(self._open)
        self._follow_action()

    def _follow_action(self) -> None:
        action = self.action
        self.setText(action.text())
        self.setIcon(action.icon())
        self.setToolTip(action.toolTip())
        self.setStatusTip(action.statusTip())
        self.setEnabled(action.isEnabled())

    def show_current(self, current: bool) -> None:
        """Show whether this button's page is the open one (opens nothing)."""
        self._showing_page = True
        try:
            self.setChecked(current)
        finally:
            self._showing_page = False

    def _open(self, _checked: bool) -> None:
        if self._showing_page:
            return
        self.show_current(True)  # a click on the open page's button leaves it checked
        self.action.trigger()
