"""UI icons and the app icon, rendered crisply from SVG in the current theme's colours."""

from __future__ import annotations

import logging
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from backcare_desktop.gui.theme import Theme
from backcare_desktop.resources import MissingAssetError, asset_path

log = logging.getLogger(__name__)
_ICON_SIZES = (16, 20, 24, 32, 48, 64)


@lru_cache(maxsize=256)
def _svg_bytes(relative: str) -> bytes:
    return asset_path(*relative.split("/")).read_bytes()


def render_svg(svg: bytes, size: QSize, device_pixel_ratio: float = 1.0) -> QPixmap:
    """Paint an SVG into a pixmap at the device's real resolution (sharp on HiDPI)."""
    renderer = QSvgRenderer(QByteArray(svg))
    image = QImage(
        int(size.width() * device_pixel_ratio),
        int(size.height() * device_pixel_ratio),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


def ui_icon(name: str, theme: Theme, token: str = "text") -> QIcon:
    """An outline icon from assets/icons/ui in the theme's colour; empty if the file is missing."""
    try:
        svg = theme.recolor_icon(_svg_bytes(f"icons/ui/{name}.svg"), token)
    except MissingAssetError:
        log.warning("icon %s is missing; showing the action without it", name)
        return QIcon()
    icon = QIcon()
    for px in _ICON_SIZES:
        icon.addPixmap(render_svg(svg, QSize(px, px), 2.0))
    return icon


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("icons/backcare.svg",):
        try:
            svg = _svg_bytes(name)
        except MissingAssetError:
            log.warning("the app icon is missing")
            return icon
        for px in (16, 24, 32, 48, 64, 128, 256):
            icon.addPixmap(render_svg(svg, QSize(px, px)))
    return icon


def tray_icon() -> QIcon:
    try:
        svg = _svg_bytes("icons/backcare-tray.svg")
    except MissingAssetError:
        return app_icon()
    icon = QIcon()
    for px in (16, 22, 24, 32, 48):
        icon.addPixmap(render_svg(svg, QSize(px, px)))
    return icon
