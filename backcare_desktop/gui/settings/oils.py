"""Settings: favourite oils, so every preference can be changed from one dialog.

The Oils page has the same hearts with more detail; both write `favourite_oils`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.core.settings.preferences import Preferences
from backcare_desktop.gui.look.text import QT_TR_NOOP, tr
from backcare_desktop.gui.settings.form import SettingsSection, checkbox
from backcare_desktop.gui.widgets.layout_helpers import SPACE


class FavouriteOilsSection(SettingsSection):
    key = "oils"
    title = QT_TR_NOOP("Favourite oils")

    def __init__(self, preferences: PreferencesModel, oils: Sequence[tuple[str, str]]) -> None:
        super().__init__(
            preferences,
            tr("The prepare screen offers one of these before each session."),
        )
        box = self.add_card()
        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(SPACE["l"])
        self.boxes: dict[str, QCheckBox] = {}
        for index, (oil_id, name) in enumerate(oils):
            tick = checkbox(name)
            self.editor(tick)
            tick.toggled.connect(self._changed)
            grid.addWidget(tick, index // 2, index % 2)
            self.boxes[oil_id] = tick
        self.add_block(
            box, "", grid_holder, tr("Read about each oil, and its cautions, under Oils.")
        )

    def _changed(self, _on: bool) -> None:
        chosen = [oil_id for oil_id, tick in self.boxes.items() if tick.isChecked()]
        # Favourites that are not in the library (an older file) are kept, never dropped.
        kept = [oil_id for oil_id in self.current.favourite_oils if oil_id not in self.boxes]
        self.save(favourite_oils=tuple(kept + chosen))

    def _show(self, prefs: Preferences) -> None:
        for oil_id, tick in self.boxes.items():
            tick.setChecked(oil_id in prefs.favourite_oils)
