"""The keyboard focus, shown the same way on every control: a 2 px ring, 2 px outside it.

Style sheets can only recolour a control's own border, and each kind of control needed its own
rule (the session's round buttons, the tension scale and the scroll areas had none and showed
no change at all). One ring drawn above whatever has the focus covers every control, custom
widgets included, in the theme's `focus` colour.

The ring lives in the nearest scroll area's viewport (so it scrolls and clips with the
control) or else in the control's window, where a control at the edge of a tight layout still
has room around it; where there is no room, it is drawn just inside the control. It follows the
focus as the keyboard moves it; a click that moves the focus shows no ring (the pointer already
says where the person is), as browsers do with `:focus-visible`.
"""

from __future__ import annotations

from math import ceil

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent, QPen, QRegion
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from shiboken6 import isValid

WIDTH = 2
"""The ring's stroke, in pixels."""
GAP = 2
"""Between the control and the ring."""
OUTSET = WIDTH + GAP
CORNER = 8.0
"""The controls' corner radius (the style sheet's); the ring's corners follow it outside."""
RADIUS_PROPERTY = "focusRadius"
"""A control with other corners (the session's round buttons) says its own, in pixels."""
FOLLOWED = frozenset(
    {
        QEvent.Type.Move,
        QEvent.Type.Resize,
        QEvent.Type.Show,
        QEvent.Type.Hide,
        QEvent.Type.ParentChange,
    }
)


class RingPainter(QWidget):
    """The ring itself: a see-through, click-through widget masked to the ring's band."""

    def __init__(self, host: QWidget, color: QColor) -> None:
        from PySide6.QtCore import Qt  # made after the first paint (docs/ARCHITECTURE.md)

        super().__init__(host)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.color = color
        self.radius = CORNER

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.color, WIDTH))  # a new painter's brush fills nothing
        half = WIDTH / 2
        rect = QRectF(self.rect()).adjusted(half, half, -half, -half)
        radius = max(0.0, min(self.radius, rect.height() / 2, rect.width() / 2))
        painter.drawRoundedRect(rect, radius, radius)
        painter.end()


class FocusRing(QObject):
    """Follows the application's focus and keeps one ring around it (see the module)."""

    def __init__(self, app: QApplication, color: QColor) -> None:
        super().__init__(app)
        self.setObjectName("focusRingFollower")
        self._color = QColor.fromRgba(color.rgba())  # a copy: QColor(color) builds Qt's enums
        self._ring: RingPainter | None = None
        self._target: QWidget | None = None
        self._watched: list[QWidget] = []
        self._awake = True
        app.focusChanged.connect(self._focus_changed)

    @property
    def target(self) -> QWidget | None:
        """The control the ring is drawn around, or None."""
        return self._target

    def ring(self) -> RingPainter | None:
        ring = self._ring
        return ring if ring is not None and isValid(ring) else None

    def set_color(self, color: QColor) -> None:
        self._color = QColor.fromRgba(color.rgba())  # a copy: QColor(color) builds Qt's enums
        ring = self.ring()
        if ring is not None:
            ring.color = self._color
            ring.update()

    def sleep_until_painted(self, window: QWidget, fallback_ms: int) -> None:
        """Follow the focus only once `window` has first painted (or `fallback_ms` later).

        Whether a mouse button is down, and what kind of window the focus is in, are answers
        in Qt's enums, which wait for the first paint (widgets/qt_numbers.py says why); the
        main window takes the focus as it is shown, before that paint. Nothing is seen before
        it, so the focus given then is followed when the ring wakes.
        """
        from backcare_desktop.gui.widgets.after_paint import after_first_paint

        self._awake = False
        after_first_paint(window, self.wake)
        QTimer.singleShot(fallback_ms, self, self.wake)  # the window may go before it paints

    @property
    def awake(self) -> bool:
        """Following the focus (see `sleep_until_painted`)."""
        return self._awake

    def wake(self) -> None:
        if not self._awake:
            self._awake = True
            self._focus_changed(None, QApplication.focusWidget())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not self._awake:
            return
        from PySide6.QtCore import Qt

        clicked = QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton
        self.follow(None if clicked or not wants_ring(new) else new)

    def follow(self, target: QWidget | None) -> None:
        for watched in self._watched:
            if isValid(watched):
                watched.removeEventFilter(self)
        self._watched = []
        self._target = target
        if target is None:
            self._hide()
            return
        host = ring_host(target)
        ring = self.ring()
        if ring is None or ring.parentWidget() is not host:
            if ring is not None:
                ring.hide()  # now: deleteLater waits for the event loop, and a grab may come first
                ring.deleteLater()
            ring = self._ring = RingPainter(host, self._color)
        self._watched = chain = between(target, host)
        for widget in chain:
            widget.installEventFilter(self)
        self.place()

    def _hide(self) -> None:
        ring = self.ring()
        if ring is not None:
            ring.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in FOLLOWED:
            self.place()
        return False

    def place(self) -> None:
        """Put the ring around the target where it is now (it, or a parent, moved)."""
        target, ring = self._target, self.ring()
        if target is None or ring is None or not isValid(target):
            return
        host = ring.parentWidget()
        if not target.isVisible() or host is None or not host.isAncestorOf(target):
            ring.hide()
            return
        area = QRect(target.mapTo(host, QPoint(0, 0)), target.size())
        outer = area.adjusted(-OUTSET, -OUTSET, OUTSET, OUTSET)
        inside = not host.rect().contains(outer)
        box = area if inside else outer
        custom = target.property(RADIUS_PROPERTY)
        corner = float(custom) if custom is not None else CORNER
        ring.radius = corner - WIDTH / 2 if inside else corner + OUTSET - WIDTH / 2
        ring.setGeometry(box)
        local = QRect(QPoint(0, 0), box.size())
        # Only the band the ring is drawn in: the control under it need not repaint the ring.
        # A rounded corner bends in by up to 0.3 × its radius, so the band widens by that.
        band = ceil(OUTSET + 0.3 * ring.radius + 1)
        keep_clear = local.adjusted(band, band, -band, -band)
        ring.setMask(QRegion(local).subtracted(QRegion(keep_clear)))
        ring.raise_()
        ring.show()
        ring.update()


def wants_ring(widget: QWidget | None) -> bool:
    """Menus and drop-down lists show their own highlighted row instead."""
    if widget is None or not isValid(widget):
        return False
    from PySide6.QtCore import Qt

    return widget.window().windowType() != Qt.WindowType.Popup


def between(target: QWidget, host: QWidget) -> list[QWidget]:
    """The target and its parents below the host: a move of any of them moves the target."""
    chain: list[QWidget] = []
    widget: QWidget | None = target
    while widget is not None and widget is not host:
        chain.append(widget)
        widget = widget.parentWidget()
    return chain


def ring_host(target: QWidget) -> QWidget:
    """The nearest scroll area's viewport above the target, else its window."""
    widget = target.parentWidget()
    while widget is not None and not widget.isWindow():
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget:
            return widget
        widget = parent
    return target.window()


def show_focus(app: QApplication, color: QColor) -> FocusRing:
    """Give the app its focus ring (once), or give the ring a new theme's colour."""
    ring = focus_ring()
    if ring is not None:
        ring.set_color(color)
        return ring
    return FocusRing(app, color)


def focus_ring() -> FocusRing | None:
    """The app's focus ring, once `show_focus` has made it."""
    app = QApplication.instance()
    ring = app.findChild(FocusRing, "focusRingFollower") if app is not None else None
    return ring if isinstance(ring, FocusRing) else None
