"""Check boxes and radio buttons drawn from the palette, so every theme shows them.

Fusion draws their frame in window.darker(140): on the dark and dim backgrounds that is
nearly black on near-black and the boxes vanish. This proxy paints them from palette roles
the theme sets (placeholder text for the frame, highlight for the checked fill, highlighted
text for the tick).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

from backcare_desktop.gui.look.wheel_guard import guard_wheel


class IndicatorStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def polish(self, target: QWidget | QApplication | QPalette) -> None:  # type: ignore[override]
        super().polish(target)
        if isinstance(target, QWidget):
            guard_wheel(target)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element in (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        ):
            self._indicator(element, option, painter)
            return
        super().drawPrimitive(element, option, painter, widget)

    @staticmethod
    def _indicator(
        element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter
    ) -> None:
        pal = option.palette
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        on = bool(option.state & QStyle.StateFlag.State_On)
        group = QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled
        frame = pal.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.PlaceholderText)
        accent = pal.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Highlight)
        mark = pal.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.HighlightedText)
        base = pal.color(group, QPalette.ColorRole.Base)
        if (
            option.state & QStyle.StateFlag.State_HasFocus
            or option.state & QStyle.StateFlag.State_MouseOver
        ):
            frame = accent
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not enabled:
            painter.setOpacity(0.45)
        r = QRectF(option.rect).adjusted(1, 1, -1, -1)
        side = min(r.width(), r.height())
        r = QRectF(r.center().x() - side / 2, r.center().y() - side / 2, side, side)
        radio = element == QStyle.PrimitiveElement.PE_IndicatorRadioButton
        painter.setPen(QPen(accent if on else frame, 1.5))
        painter.setBrush(accent if on and not radio else base)
        if radio:
            painter.drawEllipse(r)
            if on:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(accent)
                painter.drawEllipse(r.center(), side * 0.26, side * 0.26)
        else:
            painter.drawRoundedRect(r, side * 0.22, side * 0.22)
            if on:
                tick = QPainterPath(QPointF(r.left() + side * 0.24, r.top() + side * 0.52))
                tick.lineTo(QPointF(r.left() + side * 0.43, r.top() + side * 0.70))
                tick.lineTo(QPointF(r.left() + side * 0.77, r.top() + side * 0.32))
                pen = QPen(mark, max(1.6, side * 0.13))
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(tick)
        painter.restore()


def use_indicator_style() -> None:
    """Give the app this style (once), before its first widgets are made."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and not isinstance(app.style(), IndicatorStyle):
        app.setStyle(IndicatorStyle())
