"""The main window's look: the theme the person chose (or the system's), the text size, the
actions' icons drawn in the theme's colours, and the preference changes that touch them.

A base class of MainWindow, kept apart so the window's module holds building and navigation.
Icons the first screen does not show wait until after its first paint (ICONS_AFTER_PAINT), so
they cost the start nothing; a change of another setting redraws nothing. So do the focus
ring's following and the question to the desktop about its own theme, which the first paint
takes as remembered from the last start (docs/ARCHITECTURE.md, "Before the first paint").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from backcare_desktop.gui.look.focus_ring import focus_ring
from backcare_desktop.gui.look.icons import ui_icon
from backcare_desktop.gui.look.theme import (
    Theme,
    apply_text_scale,
    apply_theme,
    desktop_theme_name,
    load_theme,
    resolve_theme_name,
)
from backcare_desktop.gui.shell.actions import SESSION_ACTIONS, icon_names
from backcare_desktop.gui.shell.session_screens import SessionScreens
from backcare_desktop.gui.widgets.after_paint import after_first_paint

if TYPE_CHECKING:
    from backcare_desktop.core.settings.preferences import Preferences
    from backcare_desktop.gui.pages.home import HomePage

ICONS_AFTER_PAINT = frozenset({*SESSION_ACTIONS, "start_default", "settings"})
"""Actions whose icons the first screen does not show (the session's controls, the app menu's
entries): drawn right after the first paint, or before a page or the menu shows them. Each
icon is two SVG renderings, about 0.5 ms."""
ICONS_FALLBACK_MS = 1000
"""A window that is never painted (started minimized) still gets them."""


class ThemedWindow(SessionScreens):
    """See the module docstring; what it needs from the window is declared below."""

    home: HomePage
    theme_actions: dict[str, QAction]
    _page_icons: dict[str, str]
    _icons_waiting: bool  # ICONS_AFTER_PAINT not drawn yet
    _theme_choice: str  # what the window shows, so a change of another setting skips it
    _desktop_theme: str  # what the desktop asks for, as far as the window knows
    _routine_minutes: int
    _text_scale: int

    if TYPE_CHECKING:  # the window's, MainWindow

        def refresh_routines(self) -> None: ...

    def _first_theme(self, value: Preferences) -> Theme:
        """The first paint's theme: the chosen one, or the desktop's as remembered from the last
        start (asked now only the first time the window follows it: desktop_theme_name says
        why; `follow_desktop_theme` asks after the paint)."""
        remembered = value.desktop_theme
        if remembered == "unknown" and value.theme == "system":
            remembered = desktop_theme_name()
        self._desktop_theme = remembered
        return load_theme(resolve_theme_name(value.theme, remembered))

    def _look_after_first_paint(self) -> None:
        """What of the look waits for the first paint: the focus ring's following (made by
        apply_theme_choice), the desktop's own theme, the icons the first screen does not show."""
        ring = focus_ring()
        if ring is not None:
            ring.sleep_until_painted(self, ICONS_FALLBACK_MS)
        after_first_paint(self, self.follow_desktop_theme)  # a window never seen needs no look
        after_first_paint(self, self._draw_waiting_icons, ICONS_FALLBACK_MS)

    def apply_theme_choice(self, choice: str) -> None:
        self._theme_choice = choice
        self.theme = load_theme(resolve_theme_name(choice, self._desktop_theme))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.theme)
        self.home.set_theme(self.theme)
        for name, icon in {**icon_names(), **self._page_icons}.items():
            if name == "focus":
                continue  # its icon follows focus mode: _show_focus_state
            if self._icons_waiting and name in ICONS_AFTER_PAINT:
                continue
            self._draw_icon(name, icon)
        self._show_focus_state()
        for widget in self._pages.values():
            set_theme = getattr(widget, "set_theme", None)
            if callable(set_theme):
                set_theme(self.theme)
        action = self.theme_actions.get(choice)
        if action is not None:
            action.setChecked(True)
        self._update_session_actions()

    def follow_desktop_theme(self, *, restyle: bool = False) -> None:
        """Ask the desktop which theme it wants: after the first paint, which used the answer
        remembered from the last start (`desktop_theme_name` says why), and whenever the desktop
        says its theme changed (`restyle`: its fonts may have changed too). A new answer is
        remembered for the next start and re-dresses a window that follows the desktop."""
        seen = desktop_theme_name()
        changed = seen != self._desktop_theme
        self._desktop_theme = seen
        if seen != self.preferences.value.desktop_theme:
            self.preferences.remember(desktop_theme=seen)
        if (changed or restyle) and self.preferences.value.theme == "system":
            self.apply_theme_choice("system")

    def _apply_text_scale(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_text_scale(app, self._text_scale)

    def _draw_icon(self, name: str, icon: str) -> None:
        token = "on_accent" if name == "pause" else "text"
        self.actions_by_name[name].setIcon(ui_icon(icon, self.theme, token))

    def _draw_waiting_icons(self) -> None:
        """The icons left out of the first screen (ICONS_AFTER_PAINT), in the current theme."""
        if not self._icons_waiting:
            return
        self._icons_waiting = False
        for name, icon in icon_names().items():
            if name in ICONS_AFTER_PAINT:
                self._draw_icon(name, icon)

    def _preferences_changed(self, _prefs: Preferences) -> None:
        """Redo only what the change touches: restyling the whole app takes 100–250 ms, a
        visible stall if every setting (a volume, mute) paid for it."""
        value = self.preferences.value
        if value.text_scale != self._text_scale:
            self._text_scale = value.text_scale
            self._apply_text_scale()
            self.apply_theme_choice(value.theme)  # the style sheet's sizes follow the font
        elif value.theme != self._theme_choice:
            self.apply_theme_choice(value.theme)
        if value.routine_minutes != self._routine_minutes:
            self.refresh_routines()
        if "session" in self._pages:
            self.session.set_reduced_motion(value.reduced_motion)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ThemeChange:
            self.follow_desktop_theme(restyle=True)
        super().changeEvent(event)
