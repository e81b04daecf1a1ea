"""A question before something that cannot be undone, with buttons that say what they do.

Qt's standard buttons name the act generically ("Discard" for removing a routine, "Cancel"
for keeping it); a screen reader reads a button alone, without the question, so each button
here carries its own verb. The safe answer is the default and Escape's.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget, title: str, text: str, act: str, keep: str) -> bool:
    """Ask `text`; True when the person chose `act` over `keep` (Escape keeps)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    doing = box.addButton(act, QMessageBox.ButtonRole.DestructiveRole)
    keeping = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keeping)
    box.setEscapeButton(keeping)
    box.exec()
    chosen = box.clickedButton() is doing
    box.deleteLater()
    return chosen
