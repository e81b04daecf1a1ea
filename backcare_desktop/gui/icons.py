"""UI icons and the app icon, rendered crisply from SVG in the current theme's colours.

Icons are drawn on demand, at the size and pixel ratio they are painted at, by a small icon
engine: nothing is rasterised at start-up that the first screen does not show.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QImage, QPainter, QPixmap

from backcare_desktop.gui.theme import Theme
from backcare_desktop.resources import MissingAssetError, asset_path

log = logging.getLogger(__name__)


@lru_cache(maxsize=256)
def _svg_bytes(relative: str) -> bytes:
    return asset_path(*relative.split("/")).read_bytes()


def render_svg(svg: bytes, size: QSize, device_pixel_ratio: float = 1.0) -> QPixmap:
    """Paint an SVG into a pixmap at the device's real resolution (sharp on HiDPI)."""
    from PySide6.QtSvg import QSvgRenderer  # QtSvg loads on first paint of an icon, not at import

    renderer = QSvgRenderer(QByteArray(svg))
    image = QImage(
        max(1, int(size.width() * device_pixel_ratio)),
        max(1, int(size.height() * device_pixel_ratio)),
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


class SvgIconEngine(QIconEngine):
    """Renders one SVG at exactly the requested size, caching each size once drawn."""

    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self._svg = svg
        self._cache: dict[tuple[int, int], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height())
        if key not in self._cache:
            self._cache[key] = render_svg(self._svg, size)
        pixmap = self._cache[key]
        if mode == QIcon.Mode.Disabled:
            faded = QPixmap(pixmap.size())
            faded.fill(Qt.GlobalColor.transparent)
            painter = QPainter(faded)
            painter.setOpacity(0.4)
            painter.drawPixmap(0, 0, pixmap)
            painter.end()
            return faded
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        size = QSize(int(rect.width() * ratio), int(rect.height() * ratio))
        painter.drawPixmap(rect, self.pixmap(size, mode, state))

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._svg)


def _icon(svg: bytes) -> QIcon:
    return QIcon(SvgIconEngine(svg))


def ui_icon(name: str, theme: Theme, token: str = "text") -> QIcon:
    """An outline icon from assets/icons/ui in the theme's colour; empty if the file is missing."""
    try:
        return _icon(theme.recolor_icon(_svg_bytes(f"icons/ui/{name}.svg"), token))
    except MissingAssetError:
        log.warning("icon %s is missing; showing the action without it", name)
        return QIcon()


def _named_icon(relative: str) -> QIcon:
    try:
        return _icon(_svg_bytes(relative))
    except MissingAssetError:
        log.warning("icon %s is missing", relative)
        return QIcon()


def app_icon() -> QIcon:
    return _named_icon("icons/backcare.svg")


def tray_icon() -> QIcon:
    return _named_icon("icons/backcare-tray.svg")
