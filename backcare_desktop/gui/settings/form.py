"""The building blocks of the Settings pages: a section base class and small form pieces.

A section shows one Preferences value and writes the person's changes straight back through
the PreferencesModel, which validates and saves at once: there is no Apply button to forget.
When the model announces a change made elsewhere (the theme menu, another window), the section
redraws its controls without writing anything back (see `SettingsSection.show_preferences`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.core.settings.preferences import Preferences
from backcare_desktop.gui.look.text import translated
from backcare_desktop.gui.widgets.layout_helpers import SPACE, card, label, page_widget

CONTENT_WIDTH = 620


# ----------------------------------------------------------------------------- form pieces


def setting_name(text: str) -> QLabel:
    """A setting's name: body size, a little bolder than the text around it."""
    widget = QLabel(text)
    font = QFont(widget.font())
    font.setWeight(QFont.Weight.DemiBold)
    widget.setFont(font)
    return widget


def hint(text: str) -> QLabel:
    """A sentence under a control saying what it does, in the quieter secondary colour."""
    widget = label(text, "secondary")
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def notice_frame() -> tuple[QFrame, QLabel]:
    """A soft banner for something the person should read (an error, a folder report)."""
    frame, layout = card("banner")
    layout.setContentsMargins(SPACE["m"], SPACE["s"] + 2, SPACE["m"], SPACE["s"] + 2)
    text = QLabel()
    text.setWordWrap(True)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    layout.addWidget(text)
    frame.hide()
    return frame, text


def show_notice(frame: QFrame, text_label: QLabel, text: str) -> None:
    text_label.setText(text)
    frame.setVisible(bool(text))


def value_slider(low: int, high: int, accessible_name: str) -> QSlider:
    """A horizontal slider that reports a new value only when let go (or moved by keyboard),
    so dragging it saves once, not fifty times."""
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(low, high)
    slider.setTracking(False)
    slider.setAccessibleName(accessible_name)
    slider.setMinimumWidth(180)
    return slider


def set_quietly(widget: QWidget, apply: Callable[[], object]) -> None:
    """Change a control to show a value without its signals firing."""
    blocker = QSignalBlocker(widget)
    try:
        apply()
    finally:
        blocker.unblock()


def select_data(combo: QComboBox, data: object) -> None:
    """Select the item carrying `data`; nothing selected if no item does."""
    combo.setCurrentIndex(combo.findData(data))


# ----------------------------------------------------------------------------- the base


class SettingsSection(QScrollArea):
    """One page of settings. Subclasses build controls in `__init__`, show a value in `_show`,
    and call `save(...)` from their handlers."""

    key = ""
    title = ""

    def __init__(self, preferences: PreferencesModel, intro: str = "") -> None:
        super().__init__()
        self.preferences = preferences
        self.editable = True
        self._showing = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(translated(self.title))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields, scrolled to
        body = page_widget()
        self.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(SPACE["l"], SPACE["l"], SPACE["l"], SPACE["l"])
        content = QWidget()
        content.setMaximumWidth(CONTENT_WIDTH)
        outer.addWidget(content)
        outer.addStretch(1)
        self.column = QVBoxLayout(content)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(SPACE["m"])
        header = QVBoxLayout()
        header.setSpacing(SPACE["xs"])
        header.addWidget(label(translated(self.title), "heading"))
        if intro:
            header.addWidget(hint(intro))
        self.column.addLayout(header)
        self.column.addSpacing(SPACE["xs"])
        self.editors: list[QWidget] = []
        """Controls that change a setting: disabled when the settings cannot be saved."""

    @property
    def current(self) -> Preferences:
        return self.preferences.value

    def add_card(self) -> QVBoxLayout:
        frame, layout = card("panel")
        layout.setSpacing(SPACE["xs"])
        self.column.addWidget(frame)
        return layout

    def add_block(
        self, layout: QVBoxLayout, name: str, control: QWidget, hint_text: str = ""
    ) -> None:
        """A named setting: its name, the control, and a hint, kept together."""
        if layout.count():
            layout.addSpacing(SPACE["m"])
        if name:
            title = setting_name(name)
            title.setBuddy(control)  # read as the control's name (see field_label)
            layout.addWidget(title)
        layout.addWidget(control)
        if hint_text:
            layout.addWidget(hint(hint_text))

    def editor(self, widget: QWidget, tip: str = "") -> QWidget:
        """Register a control that edits a setting (and give it a tooltip)."""
        if tip:
            widget.setToolTip(tip)
        self.editors.append(widget)
        return widget

    def slider_row(self, slider: QSlider, value: QLabel, tip: str) -> QWidget:
        """A slider with its value shown beside it (the slider registered as an editor)."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(SPACE["m"])
        value.setMinimumWidth(64)
        line.addWidget(self.editor(slider, tip), 1)
        line.addWidget(value)
        return row

    def show_preferences(self, prefs: Preferences) -> None:
        """Make every control show `prefs`; nothing is written back while doing so."""
        self._showing = True
        try:
            self._show(prefs)
        finally:
            self._showing = False
        self.update_enabled()

    def _show(self, prefs: Preferences) -> None:
        raise NotImplementedError

    def save(self, **changes: object) -> None:
        """Apply and persist a change the person made (ignored while redrawing)."""
        if self._showing or not self.editable:
            return
        self.preferences.update(**changes)

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.update_enabled()

    def update_enabled(self) -> None:
        """Enable the controls that make sense now; subclasses add their own rules."""
        for widget in self.editors:
            widget.setEnabled(self.editable)


def checkbox(text: str) -> QCheckBox:
    box = QCheckBox(text)
    box.setAccessibleName(text)
    return box
