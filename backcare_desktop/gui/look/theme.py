"""Light, dark, dim and high-contrast themes from the design tokens in assets/theme.json.

One place for colours: the palette, the stylesheet, the recolouring of illustrations and icons
(which are drawn with the light tokens) all come from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from backcare_desktop.gui.look.focus_ring import show_focus
from backcare_desktop.resources import asset_path

THEME_NAMES = ("light", "dark", "dim", "contrast")
THEME_CHOICES = ("system", *THEME_NAMES)
ICON_INK = "#2b2f33"
"""The single colour UI icons are drawn in; replaced by the theme's text colour."""


@dataclass(frozen=True)
class Theme:
    name: str
    tokens: dict[str, str]

    def __getitem__(self, token: str) -> str:
        return self.tokens[token]

    def color(self, token: str) -> QColor:
        return QColor(self.tokens[token])

    def recolor_art(self, svg: bytes) -> bytes:
        """Swap the light art colours an illustration was drawn with for this theme's."""
        if self.name == "light":
            return svg
        text = svg.decode("utf-8")
        for light_hex, own_hex in _art_mapping(self.name):
            text = text.replace(light_hex, own_hex)
        return text.encode("utf-8")

    def recolor_icon(self, svg: bytes, token: str = "text") -> bytes:
        return svg.replace(ICON_INK.encode(), self.tokens[token].encode())


@cache
def _all_tokens(path: Path | None = None) -> dict[str, dict[str, str]]:
    source = path or asset_path("theme.json")
    data = json.loads(source.read_text(encoding="utf-8"))
    themes: dict[str, dict[str, str]] = data["themes"]
    return themes


@cache
def _art_mapping(name: str) -> tuple[tuple[str, str], ...]:
    light = _all_tokens()["light"]
    own = _all_tokens()[name]
    return tuple((light[k], own[k]) for k in light if k.startswith("art_"))


def load_theme(name: str) -> Theme:
    return Theme(name, dict(_all_tokens()[name]))


def system_prefers_dark() -> bool:
    from PySide6.QtCore import Qt  # asking builds Qt's namespace: see desktop_theme_name

    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def system_prefers_contrast() -> bool:
    """The desktop asks for high contrast (Qt 6.10+ reads it from the platform)."""
    from PySide6.QtCore import Qt

    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    return bool(accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast)


def desktop_theme_name() -> str:
    """The theme the desktop asks for now: its high-contrast preference, then its light/dark
    scheme.

    Asking costs the first start 14 ms: PySide builds all ~90 enums of Qt's `Qt` namespace
    (1,200 members) the first time one of them reaches Python, and nothing else before the
    first paint needs them. So the window paints in the answer remembered from the last start
    (the `desktop_theme` setting) and asks after its first paint (`follow_desktop_theme`).
    """
    if system_prefers_contrast():
        return "contrast"
    return "dark" if system_prefers_dark() else "light"


def resolve_theme_name(choice: str, remembered: str = "unknown") -> str:
    """'system' follows the desktop (`desktop_theme_name`), or, when given, what it asked for
    last time (`remembered`); anything unknown falls back to light."""
    if choice == "system":
        return remembered if remembered in THEME_NAMES else desktop_theme_name()
    return choice if choice in THEME_NAMES else "light"


def relative_luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    colour = QColor(hex_colour)
    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast_ratio(foreground: str, background: str) -> float:
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


BASE_POINT_SIZE = "backcare_base_point_size"
"""The application property keeping the system's own text size, before any Text size."""


def apply_text_scale(app: QApplication, percent: int) -> None:
    """Set the application's font to `percent` of the system's (apply_theme then sizes the
    style sheet from it, so every page's text grows with it)."""
    base = app.property(BASE_POINT_SIZE)
    if not isinstance(base, float):
        size = app.font().pointSizeF()
        base = size if size > 0 else 10.0
        app.setProperty(BASE_POINT_SIZE, base)
    font = app.font()
    if font.pointSizeF() == base * percent / 100:
        return  # as it is: setting it again would re-lay-out every widget for nothing
    font.setPointSizeF(base * percent / 100)
    app.setFont(font)


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Dress the whole app in `theme`."""
    app.setPalette(_palette(theme))
    app.setStyleSheet(stylesheet(theme, app.font().pointSizeF()))
    show_focus(app, QColor(theme.tokens.get("focus", theme["accent"])))


def _palette(theme: Theme) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "background",
        QPalette.ColorRole.Base: "surface",
        QPalette.ColorRole.AlternateBase: "surface_alt",
        QPalette.ColorRole.Button: "surface",
        QPalette.ColorRole.WindowText: "text",
        QPalette.ColorRole.Text: "text",
        QPalette.ColorRole.ButtonText: "text",
        QPalette.ColorRole.ToolTipBase: "surface",
        QPalette.ColorRole.ToolTipText: "text",
        QPalette.ColorRole.PlaceholderText: "text_secondary",
        QPalette.ColorRole.Highlight: "accent",
        QPalette.ColorRole.HighlightedText: "on_accent",
        QPalette.ColorRole.Link: "accent",
    }
    for role, token in roles.items():
        palette.setColor(role, theme.color(token))
    palette.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, theme.color("text_secondary")
    )
    palette.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, theme.color("text_secondary")
    )
    return palette


def stylesheet(theme: Theme, base_pt: float) -> str:
    """The app's stylesheet; sizes follow the system font so large-text users get large text."""
    base = base_pt if base_pt > 0 else 10.0
    t = theme.tokens

    def arrow(direction: str) -> str:
        """The theme's own arrow files (a style sheet cannot recolour an image)."""
        return asset_path("icons", "ui", "arrows", f"{direction}-{theme.name}.svg").as_posix()

    return f"""
    QWidget {{ color: {t["text"]}; }}
    QMainWindow, QDialog, QStackedWidget > QWidget#page {{ background: {t["background"]}; }}
    QWidget#page {{ background: {t["background"]}; }}
    QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
    QFrame#card {{
        background: {t["surface"]}; border: 1px solid {t["border"]}; border-radius: 12px;
    }}
    QFrame#card:hover {{ border-color: {t["accent"]}; }}
    QFrame#panel {{
        background: {t["surface"]}; border: 1px solid {t["border"]}; border-radius: 12px;
    }}
    QFrame#banner {{
        background: {t["surface_alt"]}; border: 1px solid {t["border"]}; border-radius: 12px;
    }}
    QLabel[role="display"] {{ font-size: {base * 2.2:.1f}pt; font-weight: 600; }}
    QLabel[role="title"] {{ font-size: {base * 2.0:.1f}pt; font-weight: 600; }}
    QLabel[role="heading"] {{ font-size: {base * 1.35:.1f}pt; font-weight: 600; }}
    QLabel[role="field"] {{ font-size: {base * 1.05:.1f}pt; font-weight: 600; }}
    QLabel[role="body"] {{ font-size: {base * 1.3:.1f}pt; }}
    QLabel[role="secondary"] {{ color: {t["text_secondary"]}; font-size: {base * 0.95:.1f}pt; }}
    QLabel[role="caption"] {{
        color: {t["text_secondary"]}; font-size: {base * 0.95:.1f}pt; font-style: italic;
    }}
    QLabel[role="chip"] {{
        color: {t["text_secondary"]}; background: {t["surface_alt"]};
        border-radius: 9px; padding: 2px 8px; font-size: {base * 0.9:.1f}pt;
    }}
    QLabel[role="badge"] {{
        color: {t["on_accent"]}; background: {t["accent"]};
        border-radius: 10px; padding: 3px 10px; font-weight: 600;
    }}
    QLabel[role="danger"] {{ color: {t["danger"]}; font-weight: 600; }}
    QPushButton {{
        background: {t["surface"]}; color: {t["text"]}; border: 1px solid {t["border"]};
        border-radius: 8px; padding: 8px 16px; font-size: {base * 1.05:.1f}pt;
    }}
    QPushButton:hover {{ border-color: {t["accent"]}; }}
    QPushButton:disabled {{ color: {t["text_secondary"]}; }}
    QPushButton[primary="true"] {{
        background: {t["accent"]}; color: {t["on_accent"]}; border: 1px solid {t["accent"]};
        font-weight: 600;
    }}
    QToolButton {{
        background: transparent; border: 1px solid transparent; border-radius: 8px; padding: 6px;
    }}
    QToolButton:hover {{ background: {t["surface_alt"]}; }}
    QToolButton:checked {{ background: {t["surface_alt"]}; border-color: {t["border"]}; }}
    QToolButton[role="scale"] {{
        border: 1px solid {t["border"]}; background: {t["surface"]}; min-height: 24px;
    }}
    QToolButton[role="scale"]:checked {{
        background: {t["accent"]}; color: {t["on_accent"]}; border-color: {t["accent"]};
    }}
    QToolButton#nav {{ padding: 6px 12px; font-size: {base * 1.05:.1f}pt; }}
    QToolButton#star:checked {{ background: transparent; border: none; }}
    QToolButton#control {{
        background: {t["surface"]}; border: 1px solid {t["border"]}; border-radius: 24px;
    }}
    QToolButton#control[compact="true"] {{ border-radius: 20px; }}
    QToolButton#control:hover {{ border-color: {t["accent"]}; }}
    QToolButton#control[primary="true"] {{
        background: {t["accent"]}; border-color: {t["accent"]};
    }}
    QToolButton#snooze {{
        /* the banner's split button, sized like the QPushButtons beside it (a tool button's
           own size hint is 3px taller; the right padding makes room for the arrow) */
        background: {t["surface"]}; border: 1px solid {t["border"]}; border-radius: 8px;
        padding: 6px 32px 7px 12px; font-size: {base * 1.05:.1f}pt;
    }}
    QToolButton#snooze:hover {{ border-color: {t["accent"]}; }}
    QToolButton#snooze::menu-button {{
        border: none; border-left: 1px solid {t["border"]}; width: 24px;
        border-top-right-radius: 8px; border-bottom-right-radius: 8px;
    }}
    QListWidget, QListView#library {{
        background: {t["surface"]}; border: 1px solid {t["border"]}; border-radius: 12px;
        padding: 6px; font-size: {base * 1.05:.1f}pt;
    }}
    QListWidget::item, QListView#library::item {{ padding: 8px 10px; border-radius: 8px; }}
    QListWidget::item:selected, QListView#library::item:selected {{
        background: {t["surface_alt"]}; color: {t["text"]};
    }}
    QTableView::item:selected {{ background: {t["surface_alt"]}; color: {t["text"]}; }}
    QTextBrowser {{
        background: {t["surface"]}; border: 1px solid {t["border"]}; border-radius: 12px;
        padding: 16px 24px; font-size: {base * 1.15:.1f}pt;
    }}
    QComboBox, QLineEdit {{
        background: {t["surface"]}; border: 1px solid {t["border"]}; border-radius: 8px;
        padding: 5px 8px; min-height: 22px;
    }}
    QComboBox {{ padding-right: 28px; }}
    QComboBox:hover, QSpinBox:hover, QDoubleSpinBox:hover {{ border-color: {t["accent"]}; }}
    QComboBox::drop-down {{
        subcontrol-origin: padding; subcontrol-position: center right; width: 26px;
        border: none;
    }}
    QComboBox::down-arrow, QToolButton#menu::menu-indicator, QPushButton#more::menu-indicator,
    QSpinBox::down-arrow,
    QDoubleSpinBox::down-arrow, QToolButton#snooze::menu-arrow {{
        image: url("{arrow("down")}"); width: 12px; height: 12px;
    }}
    QSpinBox::up-arrow, QDoubleSpinBox::up-arrow {{
        image: url("{arrow("up")}"); width: 12px; height: 12px;
    }}
    QPushButton#more {{ padding-right: 32px; }}
    QPushButton#more::menu-indicator {{
        subcontrol-origin: padding; subcontrol-position: center right; right: 12px;
    }}
    QToolButton#menu {{ padding: 6px 26px 6px 12px; font-size: {base * 1.05:.1f}pt; }}
    QToolButton#menu::menu-indicator {{
        subcontrol-origin: padding; subcontrol-position: center right; right: 10px;
    }}
    QSlider::groove:horizontal {{
        height: 6px; background: {t["surface_alt"]}; border-radius: 3px;
    }}
    QSlider::sub-page:horizontal {{ background: {t["accent"]}; border-radius: 3px; }}
    QSlider::handle:horizontal {{
        background: {t["surface"]}; border: 2px solid {t["accent"]}; width: 16px;
        margin: -6px 0; border-radius: 9px;
    }}
    QCheckBox {{ spacing: 8px; }}
    QToolTip {{
        background: {t["surface"]}; color: {t["text"]}; border: 1px solid {t["border"]};
        padding: 6px; border-radius: 6px;
    }}
    QMenu {{ background: {t["surface"]}; border: 1px solid {t["border"]}; padding: 4px; }}
    QMenu::item {{ padding: 6px 18px; border-radius: 6px; }}
    QMenu::item:selected {{ background: {t["surface_alt"]}; }}
    QStatusBar {{ color: {t["text_secondary"]}; }}
QListWidget, QListView#library {{ outline: 0; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QSpinBox, QDoubleSpinBox {{
    background: {t["surface"]}; border: 1px solid {t["border"]}; border-radius: 8px;
    padding: 4px 8px; padding-right: 24px; min-height: 22px;
}}
QSpinBox::up-button, QSpinBox::down-button, QDoubleSpinBox::up-button,
QDoubleSpinBox::down-button {{
    subcontrol-origin: border; width: 20px; border: none; background: transparent;
}}
QSpinBox::up-button, QDoubleSpinBox::up-button {{
    subcontrol-position: top right; margin: 3px 3px 0 0;
}}
QSpinBox::down-button, QDoubleSpinBox::down-button {{
    subcontrol-position: bottom right; margin: 0 3px 3px 0;
}}
QSpinBox::up-button:hover, QSpinBox::down-button:hover, QDoubleSpinBox::up-button:hover,
QDoubleSpinBox::down-button:hover {{
    background: {t["surface_alt"]}; border-radius: 4px;
}}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: {t["border"]}; border-radius: 4px; min-height: 32px; }}
QScrollBar::handle:vertical:hover {{ background: {t["text_secondary"]}; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 2px; }}
QScrollBar::handle:horizontal {{
    background: {t["border"]}; border-radius: 4px; min-width: 32px;
}}
QScrollBar::handle:horizontal:hover {{ background: {t["text_secondary"]}; }}
QScrollBar::add-line:horizontal, QScrollBar::sub-line:horizontal {{ width: 0; }}
QScrollBar::add-page:horizontal, QScrollBar::sub-page:horizontal {{ background: none; }}
    """
