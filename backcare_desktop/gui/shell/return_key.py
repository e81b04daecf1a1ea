"""Return and Enter press the focused button, or else the open page's default button.

Qt lets Return press a push button only inside a dialog, and never a tool button: in the main
window a focused Start or Begin ignored it, though Begin's tip promised "(Enter)". A key press
no widget took travels up to the window, which hands Return and Enter here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QPushButton, QWidget


def is_return_key(key: int) -> bool:
    """Return, or Enter on the number pad."""
    from PySide6.QtCore import Qt  # a key comes after the first paint (widgets/qt_numbers.py)

    return key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def press_for_return(page: QWidget | None, focused: QWidget | None) -> bool:
    """Press what Return means here; False when nothing takes it.

    A focused button that does something when pressed is pressed; a check box or a toggle is
    not flipped by Return (as in a dialog), the page's default button answers instead.
    """
    if isinstance(focused, QAbstractButton) and not focused.isCheckable() and _usable(focused):
        focused.click()
        return True
    if page is None:
        return False
    for button in page.findChildren(QPushButton):
        if button.isDefault() and _usable(button) and button.isVisibleTo(page):
            button.click()
            return True
    return False


def _usable(button: QAbstractButton) -> bool:
    return button.isEnabled() and button.isVisible()
