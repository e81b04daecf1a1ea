"""A small picture for each routine card: the illustration of its first massage step.

Each picture is rendered once per file, theme, size and pixel ratio and kept: the Home page is
the first screen and redraws its cards when the length preference changes, so re-rendering
SVGs then would stall it. QtSvg is imported on the first call, which Home makes after its first
paint, so the start-up path never pays for it.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPixmap

from backcare_desktop.core.routine import Routine
from backcare_desktop.gui.look.theme import Theme, load_theme
from backcare_desktop.resources import MissingAssetError, asset_path

log = logging.getLogger(__name__)

TOOL_FAMILIES = ("tool_roller", "tool_ball")
MASSAGE_FAMILIES = frozenset(
    ("effleurage", "petrissage", "friction", "tapotement", "compression", *TOOL_FAMILIES)
)
PICTURE_SIZE = QSize(128, 96)
"""The card picture's size in device-independent pixels (the illustrations are 4:3)."""


def routine_picture_file(routine: Routine) -> str | None:
    """The illustration that stands for the routine: its first massage step's, with a massage
    tool first (a foam-roller routine shows the roller), or else its first step's."""
    for families in (frozenset(TOOL_FAMILIES), MASSAGE_FAMILIES):
        for step in routine.steps:
            if step.technique.family in families:
                return step.technique.illustration_file(None)
    return routine.steps[0].technique.illustration_file(None) if routine.steps else None


def routine_picture(
    file_name: str, theme: Theme, ratio: float, size: QSize = PICTURE_SIZE
) -> QPixmap:
    """The picture for `file_name` in `theme`'s colours at `size` (the card's unless said;
    the routine editor's lists ask for smaller ones), kept once made."""
    return _render(file_name, theme.name, round(ratio * 100), size.width(), size.height())


@lru_cache(maxsize=192)
def _render(
    file_name: str, theme_name: str, ratio_percent: int, width: int, height: int
) -> QPixmap:
    from PySide6.QtSvg import QSvgRenderer

    ratio = ratio_percent / 100
    pixmap = QPixmap(QSize(width, height) * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor(0, 0, 0, 0))
    try:
        svg = asset_path("illustrations", file_name).read_bytes()
    except MissingAssetError:
        log.warning("illustration %s is missing", file_name)
        return pixmap
    from PySide6.QtCore import Qt  # drawn after the first paint (widgets/qt_numbers.py)

    renderer = QSvgRenderer(QByteArray(load_theme(theme_name).recolor_art(svg)))
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return pixmap


def rendered_count() -> int:
    """How many pictures have been rendered so far (each only once)."""
    return _render.cache_info().misses
