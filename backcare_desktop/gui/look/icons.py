"""UI icons and the app icon, rendered crisply from SVG in the current theme's colours.

Each icon is rasterised at two sizes only, from which Qt derives the rest.
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap

from backcare_desktop.resources import MissingAssetError, asset_path

if TYPE_CHECKING:
    from backcare_desktop.gui.look.theme import Theme

log = logging.getLogger(__name__)


@lru_cache(maxsize=256)
def _svg_bytes(relative: str) -> bytes:
    return asset_path(*relative.split("/")).read_bytes()


def render_svg(svg: bytes, size: QSize, device_pixel_ratio: float = 1.0) -> QPixmap:
    """Paint an SVG into a pixmap at the device's real resolution (sharp on HiDPI)."""
    from PySide6.QtSvg import QSvgRenderer  # QtSvg loads on first paint of an icon, not at import

    renderer = QSvgRenderer(QByteArray(svg))
    width = max(1, int(size.width() * device_pixel_ratio))
    height = max(1, int(size.height() * device_pixel_ratio))
    # Transparent from zeroed bytes: QImage.fill() would, resolving its overloads, make
    # PySide6 build every enum of the Qt namespace (1.4 MiB) in the otherwise lean tray app.
    image = QImage(
        bytes(width * height * 4), width, height, QImage.Format.Format_ARGB32_Premultiplied
    )
    image = image.copy()  # own the pixels (the first image only borrows the bytes)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


ICON_SIZES = (24, 48)
"""Rasterised once each; Qt scales down from the nearest larger one for smaller uses. (A
Python QIconEngine that drew on demand crashed PySide6 at interpreter exit.)"""


def _icon(svg: bytes) -> QIcon:
    icon = QIcon()
    for px in ICON_SIZES:
        icon.addPixmap(render_svg(svg, QSize(px, px)))
    return icon


def ui_icon(name: str, theme: Theme, token: str = "text") -> QIcon:
    """An outline icon from assets/icons/ui in the theme's colour; empty if the file is missing."""
    try:
        return _icon(theme.recolor_icon(_svg_bytes(f"icons/ui/{name}.svg"), token))
    except MissingAssetError:
        log.warning("icon %s is missing; showing the action without it", name)
        return QIcon()


@cache
def _named_icon(relative: str) -> QIcon:
    """Rendered once: the app icon is asked for by the app, the window and the header."""
    try:
        return _icon(_svg_bytes(relative))
    except MissingAssetError:
        log.warning("icon %s is missing", relative)
        return QIcon()


def app_icon() -> QIcon:
    return _named_icon("icons/backcare.svg")


def tray_icon() -> QIcon:
    return _named_icon("icons/backcare-tray.svg")
