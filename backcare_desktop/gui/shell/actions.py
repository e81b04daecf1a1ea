"""The app's QActions, made once and shared by buttons, menus, the tray and keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from backcare_desktop.gui.look.text import QT_TR_NOOP, tr, translated


class ActionSpec(NamedTuple):
    name: str
    text: str
    tip: str
    shortcut: str | QKeySequence.StandardKey | None
    icon: str | None


FOCUS_TIP = QT_TR_NOOP("Full screen with nothing else to see (F11)")

SPECS = (
    ActionSpec(
        "pause", QT_TR_NOOP("Pause"), QT_TR_NOOP("Pause or continue (Space)"), "Space", "pause"
    ),
    ActionSpec(
        "back",
        QT_TR_NOOP("Previous step"),
        QT_TR_NOOP("Back to the previous step (←)"),
        "Left",
        "skip-back",
    ),
    ActionSpec(
        "skip",
        QT_TR_NOOP("Skip step"),
        QT_TR_NOOP("Skip to the next step (→)"),
        "Right",
        "skip-next",
    ),
    ActionSpec(
        "stop", QT_TR_NOOP("Stop session"), QT_TR_NOOP("End the session now (Esc)"), "Esc", "stop"
    ),
    ActionSpec("focus", QT_TR_NOOP("Focus mode"), FOCUS_TIP, "F11", "fullscreen"),
    ActionSpec("home", QT_TR_NOOP("Routines"), QT_TR_NOOP("Your routines"), None, "home"),
    ActionSpec(
        "guide", QT_TR_NOOP("Guide"), QT_TR_NOOP("Safety, techniques and evidence"), "F1", "guide"
    ),
    ActionSpec(
        "show", QT_TR_NOOP("Show BackCare"), QT_TR_NOOP("Open the BackCare window"), None, None
    ),
    ActionSpec(
        "start_default",
        QT_TR_NOOP("Start routine"),
        QT_TR_NOOP("Prepare your default routine"),
        "Ctrl+N",
        "play",
    ),
    ActionSpec(
        "compose",
        QT_TR_NOOP("Where does it feel tense?…"),
        QT_TR_NOOP("Compose today's routine for the tense areas of your back (Ctrl+T)"),
        "Ctrl+T",
        None,
    ),
    ActionSpec(
        "new_routine",
        QT_TR_NOOP("New routine…"),
        QT_TR_NOOP("Write a routine of your own (Ctrl+Shift+N)"),
        "Ctrl+Shift+N",
        None,
    ),
    ActionSpec(
        "import_routine",
        QT_TR_NOOP("Import routine…"),
        QT_TR_NOOP("Add a routine from a file (Ctrl+O)"),
        "Ctrl+O",
        None,
    ),
    ActionSpec(
        "settings",
        QT_TR_NOOP("Settings…"),
        QT_TR_NOOP("Every preference in one place (Ctrl+,)"),
        "Ctrl+,",
        "settings",
    ),
    ActionSpec(
        "shortcuts",
        QT_TR_NOOP("Keyboard shortcuts…"),
        QT_TR_NOOP("Every key BackCare answers to (Ctrl+/)"),
        "Ctrl+/",
        None,
    ),
    ActionSpec(
        "safety_notice",
        QT_TR_NOOP("Safety notice…"),
        QT_TR_NOOP("When to stop, and who should not massage (Shift+F1)"),
        "Shift+F1",
        None,
    ),
    ActionSpec(
        "about",
        QT_TR_NOOP("About BackCare"),
        QT_TR_NOOP("The version, and what BackCare is for (Ctrl+Shift+A)"),
        "Ctrl+Shift+A",
        None,
    ),
    ActionSpec(
        "quit",
        QT_TR_NOOP("Quit"),
        QT_TR_NOOP("Quit BackCare (Ctrl+Q)"),
        "Ctrl+Q",
        None,
    ),
)

SESSION_ACTIONS = ("pause", "back", "skip", "stop")


def create_actions(parent: QObject) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        action = QAction(translated(spec.text), parent)
        action.setObjectName(f"action_{spec.name}")
        action.setToolTip(translated(spec.tip))
        action.setStatusTip(translated(spec.tip))
        if spec.shortcut is not None:
            action.setShortcuts([key_sequence(spec.shortcut)])  # in the window (the default)
        actions[spec.name] = action
    actions["focus"].setCheckable(True)
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    return actions


def key_sequence(keys: str | QKeySequence.StandardKey) -> QKeySequence:
    """The keys as a sequence, made and set (by `setShortcuts`) without Qt's namespace: the
    text constructor and `setShortcut` have overloads that take Qt's key enums, and PySide builds
    them all to choose one (widgets/qt_numbers.py says why that waits for the first paint)."""
    if isinstance(keys, str):
        return QKeySequence.fromString(keys, QKeySequence.SequenceFormat.NativeText)
    return QKeySequence(keys)


def icon_names() -> dict[str, str]:
    return {spec.name: spec.icon for spec in SPECS if spec.icon}


PAGE_KEYS = 9
"""Ctrl+1 … Ctrl+9: as many pages as there are digits."""


def number_pages(names: Sequence[str], actions: dict[str, QAction]) -> None:
    """Ctrl+1, Ctrl+2, … open the pages in the order the header shows them; a page keeps the
    key it already had (the Guide's F1) after its number, and its tip names both."""
    for number, name in enumerate(names[:PAGE_KEYS], start=1):
        action = actions[name]
        own = [key for key in action.shortcuts() if not _is_page_key(key)]
        action.setShortcuts([key_sequence(f"Ctrl+{number}"), *own])
        action.setToolTip(tip_with_keys(action))


def _is_page_key(key: QKeySequence) -> bool:
    return key.toString() in {f"Ctrl+{n}" for n in range(1, PAGE_KEYS + 1)}


def keys_text(action: QAction) -> str:
    """The action's keys as the person's keyboard names them ("Ctrl+1, F1")."""
    return ", ".join(
        key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
    )


def tip_with_keys(action: QAction) -> str:
    """The action's plain tip (its status tip) followed by its keys."""
    keys = keys_text(action)
    plain = action.statusTip() or action.text()
    return tr("%1 (%2)", plain, keys) if keys else plain
