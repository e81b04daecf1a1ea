"""Stands in for the body map and the editor while they are being built (removed when they land)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from backcare_desktop.core.routine_draft import RoutineDraft
from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.pages.unavailable import UnavailablePage


class PlaceholderPage(UnavailablePage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("This page is not ready yet."), parent)

    def edit(self, draft: RoutineDraft | None, regions: tuple[str, ...]) -> None:
        del draft, regions
