"""The body map: "where does your back feel tense today?", answered on a figure seen from behind.

Two ways to pick, one choice. The figure answers the mouse: an area lights up under the
pointer and a click picks it or puts it back. Beside it, a column of toggle buttons mirrors
the figure from the neck down to the hips, one per area, so the keyboard and a screen reader
have a named, checkable control for each ("Neck, toggle button, checked"); hovering or
focusing a button lights its area on the figure.

The order of picking matters (the composer gives the first-picked area the most time), so
each picked area carries its number, on the figure and on its button.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.regions import REGION_NAMES, REGIONS
from backcare_desktop.gui.look.text import tr, translated
from backcare_desktop.gui.look.theme import Theme, load_theme
from backcare_desktop.gui.widgets.accessibility import (
    AccessibleReading,
    announce,
    install_accessibility,
)
from backcare_desktop.gui.widgets.layout_helpers import SPACE

WIDTH: Final = 200.0
HEIGHT: Final = 300.0
"""The figure is drawn on this grid and scaled, its proportions kept, to the widget."""


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QPointF(cx, cy), rx, ry)
    return path


def _rounded(x: float, y: float, w: float, h: float, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(x, y, w, h), radius, radius)
    return path


def _mirrored(path: QPainterPath) -> QPainterPath:
    """The path and its mirror image across the spine: most areas come in pairs."""
    mirror = QTransform(-1, 0, 0, 1, WIDTH, 0).map(path)
    return path.united(mirror)


def _region_shapes() -> dict[str, QPainterPath]:
    """Each area's outline on the figure's grid (the spine runs down x = 100)."""
    upper = _rounded(73, 80, 54, 24, 10).united(_mirrored(_rounded(58, 104, 27, 34, 12)))
    return {
        "neck": _rounded(89, 56, 22, 23, 8),
        "shoulders": _mirrored(_ellipse(52, 91, 19, 12)),
        "upper_back": upper,
        "between_shoulder_blades": _rounded(88, 106, 24, 40, 10),
        "mid_back": _rounded(66, 150, 68, 30, 12),
        "lower_back": _rounded(64, 184, 72, 28, 12),
        "glutes": _mirrored(_ellipse(80, 240, 21, 20)),
    }


REGION_SHAPES: Final = _region_shapes()
BADGE_AT: Final = {
    "neck": QPointF(100, 67),
    "shoulders": QPointF(48, 91),
    "upper_back": QPointF(100, 92),
    "between_shoulder_blades": QPointF(100, 126),
    "mid_back": QPointF(100, 165),
    "lower_back": QPointF(100, 199),
    "glutes": QPointF(80, 240),
}
"""Where each area's number sits (the left shoulder and the left hip for the pairs)."""
HIT_ORDER: Final = (
    "between_shoulder_blades",
    *(r for r in REGIONS if r != "between_shoulder_blades"),
)
"""The narrow strip between the blades is tested before the upper back around it."""


def _trunk() -> QPainterPath:
    """The shirt: shoulders out to the arms, a waist, the hips."""
    half = QPainterPath(QPointF(100, 74))
    half.cubicTo(QPointF(80, 74), QPointF(52, 76), QPointF(38, 88))
    half.cubicTo(QPointF(30, 96), QPointF(38, 122), QPointF(50, 136))
    half.cubicTo(QPointF(60, 156), QPointF(62, 184), QPointF(56, 218))
    half.lineTo(QPointF(100, 218))
    half.closeSubpath()
    return _mirrored(half)


def _arm() -> QPainterPath:
    arm = QPainterPath(QPointF(40, 84))
    arm.cubicTo(QPointF(26, 92), QPointF(22, 130), QPointF(24, 168))
    arm.cubicTo(QPointF(25, 196), QPointF(26, 214), QPointF(30, 226))
    arm.cubicTo(QPointF(36, 232), QPointF(44, 228), QPointF(44, 220))
    arm.cubicTo(QPointF(42, 196), QPointF(44, 160), QPointF(50, 134))
    arm.closeSubpath()
    return _mirrored(arm)


def _legs() -> QPainterPath:
    hips = _rounded(54, 206, 92, 62, 24)
    legs = _mirrored(_rounded(58, 236, 38, 70, 16))
    return hips.united(legs)


TRUNK: Final = _trunk()
ARMS: Final = _arm()
LEGS: Final = _legs()


class BackFigure(QWidget):
    """The figure seen from behind; the mouse picks areas on it (the buttons beside it are
    the keyboard's way, so the figure itself takes no focus)."""

    regionClicked = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_accessibility()
        self._theme = theme
        self._picks: tuple[str, ...] = ()
        self._lit: str | None = None  # under the pointer, or its button hovered or focused
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(160, 240)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(tr("Figure of a back, seen from behind"))

    def sizeHint(self) -> QSize:
        return QSize(220, 330)

    def accessible_reading(self) -> AccessibleReading:
        """A picture whose value is what it shows: the picked areas in order."""
        names = ", ".join(translated(REGION_NAMES[region]) for region in self._picks)
        return AccessibleReading(
            QAccessible.Role.Graphic,
            tr("Picked: %1", names) if names else tr("No area picked yet"),
        )

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def set_picks(self, picks: Sequence[str]) -> None:
        self._picks = tuple(picks)
        self.update()

    def light(self, region: str | None) -> None:
        if region != self._lit:
            self._lit = region
            self.update()

    @property
    def lit(self) -> str | None:
        return self._lit

    # -- geometry -----------------------------------------------------------------------------

    def _transform(self) -> QTransform:
        scale = min(self.width() / WIDTH, self.height() / HEIGHT)
        dx = (self.width() - WIDTH * scale) / 2
        dy = (self.height() - HEIGHT * scale) / 2
        return QTransform(scale, 0, 0, scale, dx, dy)

    def region_at(self, point: QPointF) -> str | None:
        inverse, invertible = self._transform().inverted()
        if not invertible:
            return None
        spot = inverse.map(point)
        return next((r for r in HIT_ORDER if REGION_SHAPES[r].contains(spot)), None)

    def centre_of(self, region: str) -> QPointF:
        """Where the area's number is drawn, in widget coordinates (tests click there)."""
        return self._transform().map(BADGE_AT[region])

    # -- the mouse ----------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        region = self.region_at(event.position())
        self.light(region)
        self.setCursor(Qt.CursorShape.PointingHandCursor if region else Qt.CursorShape.ArrowCursor)
        self.setToolTip(translated(REGION_NAMES[region]) if region else "")

    def leaveEvent(self, event: QEvent) -> None:
        self.light(None)
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        region = self.region_at(event.position())
        if region is not None:
            self.regionClicked.emit(region)

    # -- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self._theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(self._transform())
        line = QPen(t.color("art_line"), 1.6)
        line.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(line)
        painter.setBrush(t.color("art_skin"))
        painter.drawPath(ARMS)
        painter.setBrush(t.color("art_trousers"))
        painter.drawPath(LEGS)
        painter.setBrush(t.color("art_skin"))
        painter.drawPath(REGION_SHAPES["neck"])
        painter.drawEllipse(QPointF(77, 40), 4.5, 8)  # the ears
        painter.drawEllipse(QPointF(123, 40), 4.5, 8)
        painter.setBrush(t.color("art_hair"))
        painter.drawEllipse(QPointF(100, 36), 23, 25)  # the back of the head is hair
        painter.setBrush(t.color("art_shirt"))
        painter.drawPath(TRUNK)
        spine = QPen(t.color("art_shirt_shade"), 2.2)
        spine.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(spine)
        painter.drawLine(QPointF(100, 82), QPointF(100, 212))
        self._paint_regions(painter)

    def _paint_regions(self, painter: QPainter) -> None:
        t = self._theme
        for region in REGIONS:
            shape = REGION_SHAPES[region]
            picked = region in self._picks
            lit = region == self._lit
            if picked:
                painter.setBrush(t.color("art_highlight"))
                painter.setPen(QPen(t.color("art_line"), 1.6))
            elif lit:
                glow = QColor(t.color("art_highlight"))
                glow.setAlphaF(0.5)
                painter.setBrush(glow)
                painter.setPen(QPen(t.color("art_line"), 1.6))
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                dashed = QPen(t.color("art_line"), 1.0, Qt.PenStyle.DashLine)
                dashed.setDashPattern([3.0, 3.0])
                painter.setPen(dashed)
            painter.drawPath(shape)
            if lit:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(t.color("accent"), 2.4))
                painter.drawPath(shape)
        for number, region in enumerate(self._picks, start=1):
            self._paint_badge(painter, BADGE_AT[region], number)

    def _paint_badge(self, painter: QPainter, at: QPointF, number: int) -> None:
        t = self._theme
        painter.setPen(QPen(t.color("on_accent"), 1.4))
        painter.setBrush(t.color("accent"))
        painter.drawEllipse(at, 9.5, 9.5)
        font = QFont(self.font())
        font.setPixelSize(12)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(t.color("on_accent"))
        painter.drawText(
            QRectF(at.x() - 10, at.y() - 10, 20, 20), Qt.AlignmentFlag.AlignCenter, str(number)
        )


def ordinal_words(number: int) -> str:
    """What a screen reader says after the area's name: which pick it was."""
    return tr("picked %1 of the areas", ordinal(number))


def ordinal(number: int) -> str:
    words = {1: tr("first"), 2: tr("second"), 3: tr("third"), 4: tr("fourth")}
    return words.get(number, tr("number %1", str(number)))


class BodyMap(QWidget):
    """The figure and a toggle button per area; `picks()` in the order chosen."""

    picksChanged = Signal(object)  # tuple[str, ...]: the areas, in the order picked

    def __init__(self, theme: Theme | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._picks: tuple[str, ...] = ()
        self.figure = BackFigure(theme or load_theme("light"))
        self.figure.regionClicked.connect(self.toggle)
        self.buttons: dict[str, QToolButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACE["l"])
        row.addWidget(self.figure, 1)
        column = QVBoxLayout()
        column.setSpacing(SPACE["s"])
        column.addStretch(1)
        for region in REGIONS:
            button = QToolButton()
            button.setCheckable(True)
            button.setProperty("role", "scale")
            button.setObjectName(f"area_{region}")
            button.setAccessibleName(translated(REGION_NAMES[region]))
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _on=False, r=region: self.toggle(r))
            button.installEventFilter(self)
            column.addWidget(button)
            self.buttons[region] = button
        column.addStretch(1)
        row.addLayout(column, 0)
        self.setAccessibleName(tr("Where your back feels tense"))
        self._show_picks()

    def picks(self) -> tuple[str, ...]:
        return self._picks

    def set_picks(self, picks: Sequence[str]) -> None:
        """Show these picks (in this order) without announcing a change."""
        self._picks = tuple(region for region in picks if region in REGIONS)
        self._show_picks()

    def set_theme(self, theme: Theme) -> None:
        self.figure.set_theme(theme)

    def toggle(self, region: str) -> None:
        """Pick the area (it takes the next number) or put it back (the later ones move up)."""
        name = translated(REGION_NAMES[region])
        if region in self._picks:
            self._picks = tuple(r for r in self._picks if r != region)
            said = tr("%1 put back", name)
        else:
            self._picks = (*self._picks, region)
            said = tr("%1 picked %2", name, ordinal(len(self._picks)))
        self._show_picks()
        announce(self, said)  # at once: a changed description is not read again
        self.picksChanged.emit(self._picks)

    def _show_picks(self) -> None:
        self.figure.set_picks(self._picks)
        for region, button in self.buttons.items():
            name = translated(REGION_NAMES[region])
            picked = region in self._picks
            button.setChecked(picked)
            if picked:
                number = self._picks.index(region) + 1
                button.setText(f"{number}  ·  {name}")
                button.setAccessibleDescription(ordinal_words(number))
            else:
                button.setText(name)
                button.setAccessibleDescription("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A hovered or focused button lights its area on the figure."""
        kind = event.type()
        region = next((r for r, b in self.buttons.items() if b is watched), None)
        if region is not None:
            if kind in (QEvent.Type.Enter, QEvent.Type.FocusIn):
                self.figure.light(region)
            elif kind in (QEvent.Type.Leave, QEvent.Type.FocusOut) and self.figure.lit == region:
                self.figure.light(None)
        return False
