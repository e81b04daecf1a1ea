"""The app's QActions, made once and shared by buttons, menus, the tray and keyboard shortcuts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from backcare_desktop.gui.look.text import tr


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    tip: str
    shortcut: str | QKeySequence.StandardKey | None
    icon: str | None


FOCUS_TIP = "Full screen with nothing else to see (F11)"

SPECS = (
    ActionSpec("pause", "Pause", "Pause or continue (Space)", "Space", "pause"),
    ActionSpec("back", "Previous step", "Back to the previous step (←)", "Left", "skip-back"),
    ActionSpec("skip", "Skip step", "Skip to the next step (→)", "Right", "skip-next"),
    ActionSpec("stop", "Stop session", "End the session now (Esc)", "Esc", "stop"),
    ActionSpec("focus", "Focus mode", FOCUS_TIP, "F11", "fullscreen"),
    ActionSpec("home", "Routines", "Your routines (Ctrl+1)", "Ctrl+1", "home"),
    ActionSpec("guide", "Guide", "Safety, techniques and evidence (F1)", "F1", "guide"),
    ActionSpec("show", "Show BackCare", "Open the BackCare window", None, None),
    ActionSpec("start_default", "Start routine", "Prepare your default routine", "Ctrl+N", "play"),
    ActionSpec(
        "settings", "Settings…", "Every preference in one place (Ctrl+,)", "Ctrl+,", "settings"
    ),
    ActionSpec("quit", "Quit", "Quit BackCare (Ctrl+Q)", QKeySequence.StandardKey.Quit, None),
)

SESSION_ACTIONS = ("pause", "back", "skip", "stop")


def create_actions(parent: QObject) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        action = QAction(tr(spec.text), parent)
        action.setObjectName(f"action_{spec.name}")
        action.setToolTip(tr(spec.tip))
        action.setStatusTip(tr(spec.tip))
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        actions[spec.name] = action
    actions["focus"].setCheckable(True)
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    return actions


def icon_names() -> dict[str, str]:
    return {spec.name: spec.icon for spec in SPECS if spec.icon}
