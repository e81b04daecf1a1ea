"""Windows that open at a size the screen has room for.

Why: a 1366×768 laptop, or any screen at 150 % or 200 % scale, has less room (in Qt's
device-independent pixels) than the window once asked for; a window larger than the screen
hides Begin and the session's controls below its edge. So a window asks for at most what the
screen offers (its pages scroll below that: gui/shell/page_stack.py).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QWidget

PREFERRED_SIZE = QSize(1180, 780)
"""The size the window opens at where the screen has room for it."""
MINIMUM_SIZE = QSize(540, 320)
"""Small enough for 1280×720 at 200 % (640×360 with the frame), wide enough for the header's
icons and menu; pages scroll below it."""
FRAME_ESTIMATE = QMargins(4, 32, 4, 4)
"""Room a window manager's frame usually takes before the real frame is known."""


def fitting_geometry(
    available: QRect,
    frame: QMargins = FRAME_ESTIMATE,
    preferred: QSize = PREFERRED_SIZE,
    minimum: QSize = MINIMUM_SIZE,
) -> QRect:
    """The window's inner rectangle: `preferred`, shrunk to the available screen less the
    frame, never below `minimum`, centred on the available area."""
    room = QSize(
        available.width() - frame.left() - frame.right(),
        available.height() - frame.top() - frame.bottom(),
    )
    size = preferred.boundedTo(room).expandedTo(minimum)
    left = available.x() + frame.left() + max(0, (room.width() - size.width()) // 2)
    top = available.y() + frame.top() + max(0, (room.height() - size.height()) // 2)
    return QRect(left, top, size.width(), size.height())


def fit_to_screen(window: QWidget, screen: QScreen | None) -> None:
    """Give `window` the geometry that fits `screen` (the primary one if None)."""
    if screen is None:
        return
    handle = window.windowHandle()
    frame = handle.frameMargins() if handle is not None and window.isVisible() else QMargins()
    if frame.isNull():
        frame = FRAME_ESTIMATE
    window.setGeometry(fitting_geometry(screen.availableGeometry(), frame))


def fitting_size(screen: QScreen | None, preferred: QSize, minimum: QSize) -> QSize:
    """`preferred`, shrunk to what `screen` has room for (a dialog: Qt centres it itself)."""
    if screen is None:
        return preferred
    return fitting_geometry(screen.availableGeometry(), FRAME_ESTIMATE, preferred, minimum).size()
