"""A technique illustration, scaled to fit with its proportions kept, in the theme's colours."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer  # only the session page uses it; loaded with it
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.resources import MissingAssetError, asset_path

log = logging.getLogger(__name__)


class IllustrationView(QWidget):
    """Paints an SVG centred and aspect-fitted; vector all the way, so sharp at any size."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._file: str | None = None
        self._renderer = QSvgRenderer(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)

    @property
    def file(self) -> str | None:
        return self._file

    def set_illustration(self, file_name: str, description: str = "") -> None:
        self._file = file_name
        self.setAccessibleName(description)
        self._load()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._load()

    def _load(self) -> None:
        if self._file is None:
            return
        try:
            svg = asset_path("illustrations", self._file).read_bytes()
        except MissingAssetError:
            log.warning("illustration %s is missing", self._file)
            self._renderer.load(QByteArray())
        else:
            self._renderer.load(QByteArray(self._theme.recolor_art(svg)))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 360)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width * 3 // 4

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._renderer.isValid():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        view = self._renderer.viewBoxF()
        if view.isEmpty():
            view = QRectF(0, 0, 480, 360)
        scale = min(self.width() / view.width(), self.height() / view.height())
        w, h = view.width() * scale, view.height() * scale
        target = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
        self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self._renderer.render(painter, target)
        painter.end()
