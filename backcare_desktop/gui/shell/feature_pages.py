"""What the composition root (gui/shell/root.py) gives the main window to show beyond the home
screen and the guided session: the feature pages in header order and the Settings dialog.

Each is a factory the window calls when the page is first shown (or right after start-up), so
none of them costs the first paint; this module itself is imported with the window, never on
a start in the tray.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from backcare_desktop.gui.look.text import tr
from backcare_desktop.gui.shell.login_switch import start_at_login_switch
from backcare_desktop.gui.shell.main_window import Page
from backcare_desktop.gui.shell.oil_names import oil_library, oil_names
from backcare_desktop.gui.shell.sound_wiring import breathe_page

if TYPE_CHECKING:
    from backcare_desktop.gui.shell.root import AppRoot


def feature_pages(root: AppRoot) -> list[Page]:
    """The pages beyond home, prepare, session, summary and guide, in header order; each
    is built when first shown, so none of them delays the first screen."""
    return [
        Page(
            "reminders", tr("Reminders"), lambda: reminders_page(root), "bell", tr("Reminder times")
        ),
        # The Breathe page's button is there from the first paint; the sound engine behind
        # it is made after that paint (start_services) or when the page is first opened.
        breathe_page(root.sound, root.window, root.clock),
        Page(
            "oils",
            tr("Oils"),
            lambda: oils_page(root),
            "leaf",
            tr("Essential oils and a dilution calculator"),
        ),
        Page(
            "progress",
            tr("Progress"),
            lambda: progress_page(root),
            "chart",
            tr("Your practice over the weeks"),
        ),
        Page(
            "compose", tr("Where does it feel tense?"), lambda: compose_page(root), in_header=False
        ),
        Page("editor", tr("Routine editor"), lambda: editor_page(root), in_header=False),
    ]


def compose_page(root: AppRoot) -> QWidget:
    """The body map and today's composed routine: started through the window, saved or
    edited through the routines model."""
    from backcare_desktop.gui.routines.compose_page import ComposePage

    window = root.window()
    return ComposePage(
        root.routines.built_in, window.preferences, root.clock, window, root.routines, window.theme
    )


def editor_page(root: AppRoot) -> QWidget:
    """The routine editor: saves through the routines model, then Home shows the routine."""
    from backcare_desktop.gui.routines.editor_page import EditorPage

    window = root.window()
    editor = EditorPage(root.routines.built_in, root.routines, window.theme)

    def saved(routine_id: str) -> None:
        window.show_home()
        name = root.library.routine(routine_id).name if root.routines.is_own(routine_id) else ""
        window.statusBar().showMessage(tr("“%1” is saved with your routines.", name), 10000)

    editor.saved.connect(saved)
    editor.closed.connect(window.show_home)
    return editor


def oils_page(root: AppRoot) -> QWidget:
    from backcare_desktop.gui.pages.oils import OilsPage

    library = oil_library()
    if library is None:
        from backcare_desktop.gui.pages.unavailable import UnavailablePage

        return UnavailablePage(tr("The essential-oil library could not be loaded."))
    window = root.window()
    return OilsPage(library, window.preferences, window.theme)


def progress_page(root: AppRoot) -> QWidget:
    from backcare_desktop.gui.pages.progress import ProgressPage

    return ProgressPage(root.persistence.queued_journal, root.clock, root.window().theme)


def reminders_page(root: AppRoot) -> QWidget:
    from backcare_desktop.gui.reminders.page import RemindersPage

    page = RemindersPage(root.persistence.preferences, root.library, root.reminders())
    root.routines.changed.connect(lambda: page.set_library(root.routines.library()))
    return page


def settings_dialog(root: AppRoot) -> QDialog:
    """The Settings dialog (MainWindow keeps the one it makes: it follows changes live)."""
    from backcare_desktop.app.sound.settings_adapter import SoundSettingsAdapter
    from backcare_desktop.gui.settings.dialog import NEWER_VERSION_REASON, SettingsDialog

    window = root.window()
    store = root.persistence.preferences_store
    return SettingsDialog(
        window,
        window.preferences,
        root.library,
        root.library.patterns,
        SoundSettingsAdapter(root.sound()),
        start_at_login_switch(),
        read_only_reason=NEWER_VERSION_REASON if store.read_only else None,
        oils=list(oil_names().items()),
        open_reminders=lambda: window.show_page("reminders"),
    )
