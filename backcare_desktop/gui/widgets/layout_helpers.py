"""Small builders for the labels and cards every page uses, so spacing and roles stay consistent."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.gui.widgets.bounded_spin_box import BoundedSpinBox

SPACE = {"xs": 4, "s": 8, "m": 16, "l": 24, "xl": 32, "xxl": 48}


def label(
    text: str, role: str = "body", *, wrap: bool = True, parent: QWidget | None = None
) -> QLabel:
    widget = QLabel(text, parent)
    widget.setProperty("role", role)
    widget.setWordWrap(wrap and role not in ("chip", "badge"))
    return widget


def spin_box(parent: QWidget | None = None) -> BoundedSpinBox:
    """A spin box whose number does not touch its frame (the style sheet's padding does not
    reach a spin box's text, so the margin is set on its editor), and that takes a number
    typed past its range as the nearest it allows (BoundedSpinBox)."""
    widget = BoundedSpinBox(parent)
    widget.lineEdit().setTextMargins(SPACE["xs"] + 2, 0, 0, 0)
    return widget


def card(object_name: str = "card", parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName(object_name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(SPACE["l"], SPACE["m"] + 4, SPACE["l"], SPACE["m"] + 4)
    layout.setSpacing(SPACE["s"])
    return frame, layout


def page_widget(parent: QWidget | None = None) -> QWidget:
    widget = QWidget(parent)
    widget.setObjectName("page")
    return widget


def centered_column(outer: QVBoxLayout, max_width: int) -> QWidget:
    """A content column of limited width, centred, that still gets height-for-width right."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    content = QWidget()
    content.setMaximumWidth(max_width)
    row.addStretch(0)
    row.addWidget(content, 1)
    row.addStretch(0)
    outer.addLayout(row)
    return content


def scrolling_column(area: QScrollArea, max_width: int) -> QVBoxLayout:
    """Turn `area` into a borderless scrolling page; returns its centred content column."""
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    body = page_widget()
    area.setWidget(body)
    outer = QVBoxLayout(body)
    outer.setContentsMargins(SPACE["xxl"], SPACE["xl"], SPACE["xxl"], SPACE["xl"])
    column = QVBoxLayout(centered_column(outer, max_width))
    outer.addStretch(1)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(SPACE["m"])
    return column
