"""The window's size, place and maximised state, kept in the settings between runs.

Qt's own saveGeometry/restoreGeometry hold the normal geometry and the maximised state in a
few dozen bytes (kept as base64 text in `window_geometry`). A saved place may no longer exist
(a second monitor unplugged, a smaller screen): after restoring, the window is moved and
shrunk until its frame fits the screen it landed on, so it never opens out of reach.
"""

from __future__ import annotations

import binascii
import logging
from base64 import b64decode, b64encode

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def saved_geometry(window: QWidget) -> str:
    return b64encode(window.saveGeometry().data()).decode("ascii")


def restore_geometry(window: QWidget, saved: str | None) -> bool:
    """Put the window back where `saved` says, within the available screen; False when
    there is nothing usable to restore (the window keeps its default size)."""
    if not saved:
        return False
    try:
        data = b64decode(saved.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        log.info("the saved window geometry cannot be read; using the default")
        return False
    if not window.restoreGeometry(QByteArray(data)):
        log.info("the saved window geometry does not fit this Qt; using the default")
        return False
    clamp_to_screen(window)
    return True


def clamp_to_screen(window: QWidget) -> None:
    """Move (and if needed shrink) the window's normal geometry into its screen's free area
    (a maximised window already fills it)."""
    if window.isMaximized() or window.isFullScreen():
        return
    screen = QGuiApplication.screenAt(window.geometry().center()) or window.screen()
    if screen is None:
        return
    free = screen.availableGeometry()
    geometry = QRect(window.geometry())
    width = max(min(geometry.width(), free.width()), min(window.minimumWidth(), free.width()))
    height = max(min(geometry.height(), free.height()), min(window.minimumHeight(), free.height()))
    left = min(max(geometry.left(), free.left()), free.right() + 1 - width)
    top = min(max(geometry.top(), free.top()), free.bottom() + 1 - height)
    fitted = QRect(max(left, free.left()), max(top, free.top()), width, height)
    if fitted != geometry:
        window.setGeometry(fitted)
