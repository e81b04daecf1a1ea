"""Help → Keyboard shortcuts: every key BackCare answers to, in one window.

The list is made from the window's actions when it opens, so a key added to an action (or a
page, which gets its Ctrl+digit from the header) is listed without anyone remembering to; the
keys that belong to a control rather than an action (the rating, Return, Tab) are added below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.gui.look.text import QT_TR_NOOP, tr, translated
from backcare_desktop.gui.shell.actions import SESSION_ACTIONS, keys_text
from backcare_desktop.gui.widgets.layout_helpers import SPACE, label


@dataclass(frozen=True)
class Shortcut:
    group: str
    what: str
    keys: str


CONTROL_KEYS = (
    (QT_TR_NOOP("Tension rating"), QT_TR_NOOP("Lower or raise the rating"), "← → ↓ ↑"),
    (QT_TR_NOOP("Tension rating"), QT_TR_NOOP("0 or 10"), QT_TR_NOOP("Home, End")),
    (QT_TR_NOOP("Tension rating"), QT_TR_NOOP("Rate 0 to 9"), "0 … 9"),
    (QT_TR_NOOP("Tension rating"), QT_TR_NOOP("Take the rating back"), QT_TR_NOOP("Delete")),
    (
        QT_TR_NOOP("Moving around"),
        QT_TR_NOOP("The next or the previous control"),
        QT_TR_NOOP("Tab, Shift+Tab"),
    ),
    (
        QT_TR_NOOP("Moving around"),
        QT_TR_NOOP("Press the focused button, or the page's main one"),
        QT_TR_NOOP("Enter"),
    ),
    (QT_TR_NOOP("Moving around"), QT_TR_NOOP("Press the focused button"), QT_TR_NOOP("Space")),
    (QT_TR_NOOP("Moving around"), QT_TR_NOOP("Close a window like this one"), QT_TR_NOOP("Esc")),
    (
        QT_TR_NOOP("Routine editor"),
        QT_TR_NOOP("Add the technique found"),
        QT_TR_NOOP("Enter (in the search or the list)"),
    ),
    (QT_TR_NOOP("Routine editor"), QT_TR_NOOP("Move the step up or down"), "Alt+↑ Alt+↓"),
    (QT_TR_NOOP("Routine editor"), QT_TR_NOOP("Remove the step"), QT_TR_NOOP("Delete")),
    (QT_TR_NOOP("Routine editor"), QT_TR_NOOP("Save the routine"), QT_TR_NOOP("Ctrl+S")),
    (QT_TR_NOOP("Where does it feel tense?"), QT_TR_NOOP("Pick an area"), QT_TR_NOOP("Space")),
    (QT_TR_NOOP("Where does it feel tense?"), QT_TR_NOOP("Back to Home"), QT_TR_NOOP("Esc")),
)
"""Keys a control answers to itself, not through an action."""


def action_shortcuts(actions: Mapping[str, QAction], pages: Iterable[str]) -> list[Shortcut]:
    """One row per action that has keys: pages, the session's controls, then the rest."""
    page_names = list(pages)
    groups = (
        (tr("Pages"), [name for name in page_names if name in actions]),
        (tr("During a session"), [*SESSION_ACTIONS, "focus"]),
        (tr("Anywhere"), [n for n in actions if n not in page_names and n not in SESSION_ACTIONS]),
    )
    rows: list[Shortcut] = []
    for group, names in groups:
        for name in names:
            action = actions.get(name)
            if action is None or (name == "focus" and group != tr("During a session")):
                continue
            keys = keys_text(action)
            if keys:
                rows.append(Shortcut(group, describe(action, name in page_names), keys))
    return rows


def describe(action: QAction, page: bool) -> str:
    """What the key does, in the words of the action's tip without its keys."""
    text = action.text().replace("&", "").removesuffix("…")
    if page:
        return tr("Open %1", text)
    tip = action.statusTip()
    return tip.rsplit(" (", 1)[0] if tip else text


def control_shortcuts() -> list[Shortcut]:
    return [Shortcut(translated(g), translated(w), translated(k)) for g, w, k in CONTROL_KEYS]


class ShortcutsDialog(QDialog):
    """The list as a tree of groups: arrows move through it, Esc or Close closes it."""

    def __init__(self, shortcuts: Iterable[Shortcut], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.resize(620, 560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["l"], SPACE["l"], SPACE["l"], SPACE["l"])
        layout.setSpacing(SPACE["m"])
        layout.addWidget(label(tr("Keyboard shortcuts"), "title"))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([tr("What"), tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName(tr("Keyboard shortcuts"))
        groups: dict[str, QTreeWidgetItem] = {}
        for shortcut in shortcuts:
            group = groups.get(shortcut.group)
            if group is None:
                group = groups[shortcut.group] = QTreeWidgetItem(self.tree, [shortcut.group])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            QTreeWidgetItem(group, [shortcut.what, shortcut.keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        first = self.tree.topLevelItem(0)
        row = first.child(0) if first is not None else None
        if row is not None:
            self.tree.setCurrentItem(row)
        self.tree.setFocus()

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, what, keys) as shown, for tests and for reading aloud."""
        shown = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            assert group is not None
            items = (group.child(j) for j in range(group.childCount()))
            shown += [(group.text(0), i.text(0), i.text(1)) for i in items if i is not None]
        return shown


def show_shortcuts(window: QWidget, actions: Mapping[str, QAction], pages: Iterable[str]) -> None:
    """Open the list over `window`, made afresh (a key may have changed since)."""
    for old in window.findChildren(ShortcutsDialog):
        old.deleteLater()
    dialog = ShortcutsDialog([*action_shortcuts(actions, pages), *control_shortcuts()], window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
