"""A small scale of blend strengths with the safe range shaded and the chosen strength marked.

A picture says "you are inside the comfortable band" faster than a sentence; the sentence is
still there beside it for screen readers and for anyone who prefers words.
"""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QAccessible, QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.oils import DilutionAdvice, DilutionLevel, Oil, OilLibrary, advise
from backcare_desktop.gui.look.icons import ui_icon
from backcare_desktop.gui.look.text import number_text, tr, translated
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.widgets.accessibility import AccessibleReading, install_accessibility
from backcare_desktop.gui.widgets.layout_helpers import SPACE, field_label, label, spin_box

SCALE_MAX_PERCENT = 5.0
_MESSAGE_ICONS = {
    DilutionLevel.TOO_STRONG: ("warning", "danger"),
    DilutionLevel.NOT_A_DROP: ("info", "text"),
}
"""The icon beside the advice and its colour token; a check mark for a blend that is fine."""
_TRACK_HEIGHT = 10.0
_MARKER_RADIUS = 8.0


def danger_html(text: str, theme: Theme) -> str:
    """Text in the danger colour at the surrounding label's size (a warning must not be smaller)."""
    return f"<span style='color:{theme['danger']}; font-weight:600'>{escape(text)}</span>"


class DilutionScale(QWidget):
    """0–5 % along a track; the safe range in the accent colour, the marker red when too strong."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        install_accessibility()
        super().__init__(parent)
        self._low = 1.0
        self._high = 3.0
        self._value = 1.0
        self._too_strong = False
        self._colors: dict[str, QColor] = {}
        self.set_theme(theme)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(220)
        self.setFixedHeight(self.fontMetrics().height() + 34)

    def set_theme(self, theme: Theme) -> None:
        tokens = ("surface_alt", "accent", "danger", "text_secondary", "surface", "text")
        self._colors = {token: theme.color(token) for token in tokens}
        self.update()

    def set_state(self, low: float, high: float, value: float, too_strong: bool) -> None:
        self._low, self._high, self._value, self._too_strong = low, high, value, too_strong
        self.setAccessibleName(
            tr(
                "Safe range %1 to %2 percent; chosen %3 percent",
                number_text(low),
                number_text(high),
                number_text(value),
            )
        )
        self.update()

    @property
    def too_strong(self) -> bool:
        return self._too_strong

    def sizeHint(self) -> QSize:
        return QSize(360, self.height())

    def accessible_reading(self) -> AccessibleReading:
        """A gauge of the chosen strength on the drawn scale (its name says the safe range)."""
        return AccessibleReading(
            QAccessible.Role.ProgressBar,
            tr("%1 percent", number_text(self._value)),
            value=self._value,
            maximum=SCALE_MAX_PERCENT,
        )

    def _x(self, percent: float, track: QRectF) -> float:
        share = max(0.0, min(1.0, percent / SCALE_MAX_PERCENT))
        return track.left() + share * track.width()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = self._colors
        track = QRectF(_MARKER_RADIUS + 2, 8, self.width() - 2 * _MARKER_RADIUS - 4, _TRACK_HEIGHT)
        radius = _TRACK_HEIGHT / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(c["surface_alt"])
        painter.drawRoundedRect(track, radius, radius)
        band_colour = QColor(c["accent"])
        band_colour.setAlphaF(0.45)
        band = QRectF(
            QPointF(self._x(self._low, track), track.top()),
            QPointF(self._x(self._high, track), track.bottom()),
        )
        painter.setBrush(band_colour)
        painter.drawRoundedRect(band, radius, radius)

        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        painter.setFont(font)
        painter.setPen(c["text_secondary"])
        label_top = track.bottom() + 8
        for whole in range(int(SCALE_MAX_PERCENT) + 1):
            x = self._x(float(whole), track)
            text = f"{whole} %"
            width = painter.fontMetrics().horizontalAdvance(text)
            left = min(max(0.0, x - width / 2), self.width() - width)
            painter.drawText(QPointF(left, label_top + painter.fontMetrics().ascent()), text)

        marker = QPointF(self._x(self._value, track), track.center().y())
        colour = c["danger"] if self._too_strong else c["accent"]
        painter.setPen(QPen(c["surface"], 2.5))
        painter.setBrush(colour)
        painter.drawEllipse(marker, _MARKER_RADIUS, _MARKER_RADIUS)
        painter.end()


class StrengthSpinBox(QDoubleSpinBox):
    """0.1–5 %: half-percent steps, and tenths below 0.5 % where gentle oils need them.

    Bergamot's safe maximum is 0.4 %, so a box that started at 0.5 % could only ever say
    "too strong" for it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0.1, SCALE_MAX_PERCENT)
        self.lineEdit().setTextMargins(SPACE["xs"] + 2, 0, 0, 0)  # as spin_box() does
        self.setDecimals(1)
        self.setSingleStep(0.5)

    def stepBy(self, steps: int) -> None:
        value = self.value()
        for _ in range(abs(steps)):
            if steps > 0:
                value = (
                    value + 0.1 if value < 0.5 - 1e-9 else math.floor(value * 2 + 1e-9) / 2 + 0.5
                )
            else:
                value = (
                    value - 0.1 if value <= 0.5 + 1e-9 else math.ceil(value * 2 - 1e-9) / 2 - 0.5
                )
        self.setValue(round(value, 1))


class DilutionCalculator(QFrame):
    """Carrier millilitres × strength → whole drops, checked against the oil's safe range."""

    def __init__(self, library: OilLibrary, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self._library = library
        self._oil: Oil | None = None
        self._theme = theme
        self.advice: DilutionAdvice | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["l"], SPACE["m"] + 4, SPACE["l"], SPACE["m"] + 4)
        layout.setSpacing(SPACE["s"])
        layout.addWidget(label(tr("Dilution calculator"), "heading"))
        self.intro = label("", "secondary")
        layout.addWidget(self.intro)

        inputs = QHBoxLayout()
        inputs.setSpacing(SPACE["s"])
        self.carrier = spin_box()
        inputs.addWidget(field_label(tr("Carrier oil"), self.carrier))
        self.carrier.setRange(5, 200)
        self.carrier.setSingleStep(5)
        self.carrier.setValue(10)
        self.carrier.setSuffix(tr(" ml"))
        self.carrier.setAccessibleName(tr("Carrier oil in millilitres"))
        inputs.addWidget(self.carrier)
        inputs.addSpacing(SPACE["m"])
        self.percent = StrengthSpinBox()
        inputs.addWidget(field_label(tr("Strength"), self.percent))
        self.percent.setValue(1.0)
        self.percent.setSuffix(" %")
        self.percent.setAccessibleName(tr("Strength of the blend in percent"))
        inputs.addWidget(self.percent)
        inputs.addStretch(1)
        layout.addLayout(inputs)

        result = QHBoxLayout()
        result.setSpacing(SPACE["s"])
        self.drops_label = label("", "title", wrap=False)
        result.addWidget(self.drops_label, 0, Qt.AlignmentFlag.AlignBaseline)
        self.drops_detail = label("", "secondary")
        result.addWidget(self.drops_detail, 1, Qt.AlignmentFlag.AlignBaseline)
        layout.addLayout(result)
        self.scale = DilutionScale(theme)
        layout.addWidget(self.scale)
        self.range_label = label("", "body")
        layout.addWidget(self.range_label)
        message_row = QHBoxLayout()
        message_row.setSpacing(SPACE["s"])
        self.message_icon = QLabel()
        self.message_icon.setFixedSize(20, 20)
        message_row.addWidget(self.message_icon, 0, Qt.AlignmentFlag.AlignTop)
        self.message = label("", "body")
        self.message.setTextFormat(Qt.TextFormat.RichText)
        message_row.addWidget(self.message, 1)
        layout.addLayout(message_row)
        self.carrier.valueChanged.connect(self.recalculate)
        self.percent.valueChanged.connect(self.recalculate)
        self.recalculate()

    def set_oil(self, oil: Oil | None) -> None:
        """Show an oil; a newly chosen one starts at a comfortable strength for it (1 %, or its
        maximum if lower). Showing the same oil again keeps the person's strength."""
        if oil != self._oil:
            start = advise(self._library, oil, 0.0, 1.0).safe_high_percent
            self.percent.blockSignals(True)
            self.percent.setValue(min(1.0, start))
            self.percent.blockSignals(False)
        self._oil = oil
        name = oil.in_sentence if oil is not None else tr("an essential oil")
        self.intro.setText(tr("How many drops of %1 to blend into your carrier oil.", name))
        self.recalculate()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.scale.set_theme(theme)
        self.recalculate()

    @property
    def too_strong(self) -> bool:
        return self.advice is not None and self.advice.level is DilutionLevel.TOO_STRONG

    def recalculate(self) -> None:
        """Work the blend out again and show it: drops, the safe band and a kind sentence."""
        advice = advise(self._library, self._oil, float(self.carrier.value()), self.percent.value())
        self.advice = advice
        one = advice.drops == 1
        self.drops_label.setText(tr("1 drop") if one else tr("%n drops", None, advice.drops))
        name = self._oil.in_sentence if self._oil is not None else tr("essential oil")
        self.drops_detail.setText(
            tr("of %1 in %2 ml of carrier oil", name, str(self.carrier.value()))
        )
        low, high = advice.safe_low_percent, advice.safe_high_percent
        self.range_label.setText(
            tr("Safe range for this oil: %1–%2 %", number_text(low), number_text(high))
        )
        self.scale.set_state(low, high, advice.percent, self.too_strong)
        message = translated(advice.wording, *(translated(v) for v in advice.values))
        self.message.setText(
            danger_html(message, self._theme) if self.too_strong else escape(message)
        )
        icon, token = _MESSAGE_ICONS.get(advice.level, ("check", "accent"))
        self.message_icon.setPixmap(ui_icon(icon, self._theme, token).pixmap(20, 20))
        self.message_icon.setProperty("icon_name", icon)
