"""Small builders for the labels and cards every page uses, so spacing and roles stay consistent."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.gui.widgets.qt_numbers import take_no_focus, take_tab_focus

if TYPE_CHECKING:  # made with the pages that have one, after the first paint (1 ms sooner)
    from backcare_desktop.gui.widgets.bounded_spin_box import BoundedSpinBox

SPACE = {"xs": 4, "s": 8, "m": 16, "l": 24, "xl": 32, "xxl": 48}


def label(
    text: str, role: str = "body", *, wrap: bool = True, parent: QWidget | None = None
) -> QLabel:
    widget = QLabel(text, parent)
    widget.setProperty("role", role)
    widget.setWordWrap(wrap and role not in ("chip", "badge"))
    return widget


def field_label(text: str, field: QWidget, role: str = "field") -> QLabel:
    """A visible label tied to its field: a screen reader reads it as the field's name (Qt on
    Linux names a combo box by its current value and relies on this tie, the labelled-by
    relation), and its mnemonic, if any, focuses the field."""
    widget = label(text, role, wrap=role != "field")
    widget.setBuddy(field)
    return widget


def spin_box(parent: QWidget | None = None) -> BoundedSpinBox:
    """A spin box whose number does not touch its frame (the style sheet's padding does not
    reach a spin box's text, so the margin is set on its editor), and that takes a number
    typed past its range as the nearest it allows (BoundedSpinBox)."""
    from backcare_desktop.gui.widgets.bounded_spin_box import BoundedSpinBox

    widget = BoundedSpinBox(parent)
    widget.lineEdit().setTextMargins(SPACE["xs"] + 2, 0, 0, 0)
    return widget


def card(object_name: str = "card", parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    return frame, card_layout(frame, object_name)


def card_layout(frame: QFrame, object_name: str = "card") -> QVBoxLayout:
    """Makes `frame` itself a card, for a card class (one widget fewer than a card inside)."""
    frame.setObjectName(object_name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(SPACE["l"], SPACE["m"] + 4, SPACE["l"], SPACE["m"] + 4)
    layout.setSpacing(SPACE["s"])
    return layout


def banner_row(holder: QWidget, roomy: bool = False) -> QHBoxLayout:
    """The framed row of a bar between the header and the pages (a waiting session, a
    reminder), set into `holder` with the page's side margins; `roomy` for two lines of text."""
    gap = SPACE["s"] if roomy else SPACE["xs"]
    inside = SPACE["m"] if roomy else SPACE["s"]
    outer = QVBoxLayout(holder)
    outer.setContentsMargins(SPACE["xxl"], gap, SPACE["xxl"], gap)
    frame = QFrame()
    frame.setObjectName("banner")
    row = QHBoxLayout(frame)
    row.setContentsMargins(SPACE["l"], inside, inside, inside)
    row.setSpacing(SPACE["m"])
    outer.addWidget(frame)
    return row


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


def scrolling_column(area: QScrollArea, max_width: int, name: str) -> QVBoxLayout:
    """Turn `area` into a borderless scrolling page named `name` (a focus stop a screen reader
    announces); returns its centred content column."""
    area.setAccessibleName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    take_no_focus(area)  # Tab goes to its controls, which it scrolls to
    body = page_widget()
    area.setWidget(body)
    outer = QVBoxLayout(body)
    outer.setContentsMargins(SPACE["xxl"], SPACE["xl"], SPACE["xxl"], SPACE["xl"])
    column = QVBoxLayout(centered_column(outer, max_width))
    outer.addStretch(1)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(SPACE["m"])
    return column


def scroll_over_footer(
    page: QWidget, max_width: int, *, centred: bool = False, fill: bool = False
) -> tuple[QVBoxLayout, QVBoxLayout]:
    """Lay `page` out as a scrolling content column over a footer that stays in view (for
    a page's rating and buttons, reachable at any window and text size). Returns the content
    column and the footer column; `centred` sets both in the middle of a tall window, `fill`
    lets the content column grow to the window's height (for lists that use the room)."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    take_no_focus(scroll)  # its controls take focus, not the area
    layout.addWidget(scroll, 1)
    body = page_widget()
    scroll.setWidget(body)
    outer = QVBoxLayout(body)
    outer.setContentsMargins(SPACE["xxl"], SPACE["xl"], SPACE["xxl"], 0 if centred else SPACE["xl"])
    if centred:
        outer.addStretch(1)
    content = _column(centered_column(outer, max_width))
    if fill:
        outer.setStretch(outer.count() - 1, 1)
    elif not centred:
        outer.addStretch(1)
    footer = page_widget()
    footer_outer = QVBoxLayout(footer)
    footer_outer.setContentsMargins(SPACE["xxl"], SPACE["s"], SPACE["xxl"], SPACE["l"])
    footer_column = _column(centered_column(footer_outer, max_width))
    if centred:
        footer_outer.addStretch(1)
    layout.addWidget(footer, 1 if centred else 0)
    return content, footer_column


def _column(holder: QWidget) -> QVBoxLayout:
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(SPACE["m"])
    return column


def add_at_top(row: QBoxLayout, widget: QWidget) -> None:
    """Add `widget` to a row at its own height, at the row's top (as `Qt.AlignTop` would,
    without Qt's namespace before the first paint: qt_numbers says why)."""
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(widget)
    column.addStretch(1)
    row.addLayout(column)


def tab_in_order(widgets: Iterable[QWidget]) -> None:
    """Tab visits `widgets` in this order (the order they are read), not the order they were
    made in: a card added later would otherwise come after everything below it."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def focus_when_scrolling(area: QScrollArea) -> None:
    """A scroll area of words only: a stop in the Tab order (so the keys can scroll it) only
    while it has something to scroll, and never for a click."""

    def follow(_low: int, high: int) -> None:
        take_tab_focus(area, high > 0)

    area.verticalScrollBar().rangeChanged.connect(follow)
    follow(0, area.verticalScrollBar().maximum())
