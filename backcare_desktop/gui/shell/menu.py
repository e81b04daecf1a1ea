"""The header's menu: start, settings, theme, help (guide, keys, safety notice, about), quit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from backcare_desktop import APP_NAME, __version__
from backcare_desktop.gui.look.text import QT_TR_NOOP, tr, translated
from backcare_desktop.gui.look.theme import THEME_CHOICES

THEME_NAMES = {
    "system": QT_TR_NOOP("Follow the system"),
    "light": QT_TR_NOOP("Light"),
    "dark": QT_TR_NOOP("Dark"),
    "dim": QT_TR_NOOP("Dim (evening)"),
    "contrast": QT_TR_NOOP("High contrast"),
}


def build_app_menu(
    parent: QWidget,
    actions: dict[str, QAction],
    choose_theme: Callable[[str], None],
) -> tuple[QMenu, dict[str, QAction]]:
    """The menu, and its theme actions by choice (so the current theme can be ticked). Every
    entry but the theme's (which Settings → Appearance also holds) is one of the window's
    actions, so each has a key of its own and Help → Keyboard shortcuts lists it: the menu is
    never the only way to a dialog."""
    menu = QMenu(parent)
    menu.addAction(actions["start_default"])
    for name in ("compose", "new_routine", "import_routine"):
        menu.addAction(actions[name])
    menu.addSeparator()
    menu.addAction(actions["settings"])
    theme_menu = menu.addMenu(tr("Theme"))
    group = QActionGroup(menu)
    theme_actions: dict[str, QAction] = {}
    for choice in THEME_CHOICES:
        action = theme_menu.addAction(translated(THEME_NAMES[choice]))
        action.setCheckable(True)
        action.setData(choice)
        group.addAction(action)
        theme_actions[choice] = action
    group.triggered.connect(lambda action: choose_theme(str(action.data())))
    help_menu = menu.addMenu(tr("Help"))
    help_menu.addAction(actions["guide"])
    help_menu.addAction(actions["shortcuts"])
    help_menu.addSeparator()
    help_menu.addAction(actions["safety_notice"])
    help_menu.addAction(actions["about"])
    menu.addSeparator()
    menu.addAction(actions["quit"])
    return menu, theme_actions


def show_about(parent: QWidget) -> None:
    from PySide6.QtWidgets import QMessageBox  # its enums cost the first paint 1 ms

    QMessageBox.about(
        parent,
        tr("About BackCare"),
        tr(
            "<h3>%1 %2</h3><p>A calm companion for a daily back self-massage and breathing "
            "routine.</p><p>Self-massage complements medical care; it never replaces it.</p>"
            "<p>No network, no tracking: everything stays on this computer.</p>",
            APP_NAME,
            __version__,
        ),
    )
