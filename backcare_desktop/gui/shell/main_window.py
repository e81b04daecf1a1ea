"""The main window: a quiet header, the pages, and the wiring between them and the session
(whose running screens are gui/shell/session_screens.py; the window's look is window_theme.py,
its closing and quitting window_closing.py).

Everything it shows beyond the home screen and the guided session comes in through its
constructor (the composition root, gui/shell/root.py, builds the list): feature pages as
`Page` entries built on first use, the Settings dialog's factory and the oil names.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol, cast

from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QVBoxLayout, QWidget

from backcare_desktop import APP_NAME
from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.session_controller import SessionController
from backcare_desktop.core.routine import Library, Routine, apply_length_preference
from backcare_desktop.gui.look.icons import app_icon
from backcare_desktop.gui.look.screen_room import MINIMUM_SIZE, fit_to_screen
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.pages.home import HomePage
from backcare_desktop.gui.shell.actions import create_actions, number_pages
from backcare_desktop.gui.shell.header import HeaderBar
from backcare_desktop.gui.shell.menu import build_app_menu, show_about
from backcare_desktop.gui.shell.page_stack import PageStack
from backcare_desktop.gui.shell.return_key import is_return_key, press_for_return
from backcare_desktop.gui.shell.window_closing import ClosingWindow
from backcare_desktop.gui.shell.window_state import restore_geometry
from backcare_desktop.gui.shell.window_theme import ICONS_AFTER_PAINT as ICONS_AFTER_PAINT
from backcare_desktop.gui.shell.window_theme import ICONS_FALLBACK_MS
from backcare_desktop.gui.widgets.after_paint import after_first_paint

if TYPE_CHECKING:
    from backcare_desktop.core.routine_draft import RoutineDraft
    from backcare_desktop.core.session_snapshot import SessionSnapshot
    from backcare_desktop.gui.pages.guide import GuidePage
    from backcare_desktop.gui.session.player import SessionPage
    from backcare_desktop.gui.session.prepare import PreparePage
    from backcare_desktop.gui.session.summary import SummaryPage

log = logging.getLogger(__name__)


class Page(NamedTuple):
    """A page with its own header button (before the Guide), built by `factory` when first
    shown or right after start-up, so adding one costs the first paint nothing."""

    name: str
    title: str
    factory: Callable[[], QWidget]
    icon: str | None = None
    tip: str = ""
    in_header: bool = True
    """False for a page reached from Home (the body map, the routine editor): no button."""


class DraftEditor(Protocol):
    """The routine editor page as the window opens it (gui/routines/editor_page.py)."""

    def edit(self, draft: RoutineDraft | None) -> None: ...


class MainWindow(ClosingWindow):
    """See the module docstring; the running session's screens are SessionScreens', the look
    ThemedWindow's (window_theme.py), closing and quitting ClosingWindow's (window_closing.py).
    """

    def __init__(
        self,
        library: Library,
        preferences: PreferencesModel,
        controller: SessionController,
        parent: QWidget | None = None,
        *,
        pages: Sequence[Page] = (),
        settings: Callable[[], QDialog] | None = None,
        oil_names: Callable[[], dict[str, str]] = dict,
        cards_after_paint: bool = False,
    ) -> None:
        """`cards_after_paint`: Home's cards below the fold wait for the first paint (a start)."""
        super().__init__(parent)
        self.library = library
        self.preferences = preferences
        self.controller = controller
        self.close_to_tray = False
        self._quitting = False
        self._session_extras: tuple[int | None, str | None] = (None, None)  # tension before, oil
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setMinimumSize(MINIMUM_SIZE)
        fit_to_screen(self, self.screen())
        restore_geometry(self, preferences.value.window_geometry)
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._oil_names = oil_names
        self._settings_factory = settings
        self._settings: QDialog | None = None
        self._page_icons: dict[str, str] = {}
        self._marks: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        """Home's starred routines and the person's own (set_library)."""
        self._home_pages: set[str] = set()  # reached from Home, so Home stays lit in the header
        self._status_bar_before_focus = False
        self._icons_waiting = True  # ICONS_AFTER_PAINT not drawn yet
        self.actions_by_name = create_actions(self)
        for action in self.actions_by_name.values():
            self.addAction(action)
        self.theme: Theme = self._first_theme(preferences.value)
        self._theme_choice = preferences.value.theme  # what the window shows, so a change of
        self._routine_minutes = preferences.value.routine_minutes  # another setting skips them
        self._text_scale = preferences.value.text_scale

        central = QWidget()
        central.setObjectName("page")
        root = QVBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        self.header = HeaderBar()
        self.header.logoClicked.connect(self.show_home)
        for name in ("home", "guide"):
            self.header.add_nav(name, self.actions_by_name[name])
        menu, self.theme_actions = build_app_menu(
            self,
            self.actions_by_name,
            lambda choice: self.preferences.update(theme=choice),
        )
        self.header.set_menu(menu)
        menu.aboutToShow.connect(self._draw_waiting_icons)
        root.addWidget(self.header)
        self.stack = PageStack()
        root.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.home = HomePage()
        if cards_after_paint:
            self.home.build_cards_after_paint(self.height())
        self.stack.addWidget(self.home)
        self._pages: dict[str, QWidget] = {}
        for page in pages:
            self._add_page(page)
        number_pages(self.header.page_names(), self.actions_by_name)
        self._connect()
        self._apply_text_scale()
        # The cards before the style sheet: a widget made under one pays in every setter (5 %).
        self.refresh_routines()
        self.apply_theme_choice(preferences.value.theme)
        self._look_after_first_paint()
        after_first_paint(self, self.home.draw_pictures, ICONS_FALLBACK_MS)
        self.show_home()

    # -- building ----------------------------------------------------------------------------

    def _add_page(self, page: Page) -> None:
        name = page.name
        self._factories[name] = page.factory
        if not page.in_header:
            self._home_pages.add(name)
            return
        action = QAction(page.title, self)
        action.setObjectName(f"action_{name}")
        action.setToolTip(page.tip or page.title)
        action.setStatusTip(page.tip or page.title)
        if page.icon:  # drawn by apply_theme_choice, which follows in __init__
            self._page_icons[name] = page.icon
        action.triggered.connect(lambda: self.show_page(name))
        self.addAction(action)
        self.actions_by_name[name] = action
        self.header.add_nav(name, action)

    def add_banner(self, banner: QWidget) -> None:
        """Place a banner between the header and the pages, so it is seen on every page."""
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, banner)

    def show_next_reminder(self, text: str) -> None:
        self.home.set_next_reminder(text)

    def has_page(self, name: str) -> bool:
        return name in self._factories

    def show_page(self, name: str) -> None:
        self.leave_session_for_another_page()
        self._show(self._page(name))

    def _connect(self) -> None:
        a = self.actions_by_name
        a["pause"].triggered.connect(self.controller.toggle_pause)
        a["back"].triggered.connect(self.controller.back)
        a["skip"].triggered.connect(self.controller.skip)
        a["stop"].triggered.connect(self.request_stop)
        self.controller.paused.connect(self._keep_place)
        a["focus"].toggled.connect(self.set_focus_mode)
        a["home"].triggered.connect(self.show_home)
        a["guide"].triggered.connect(lambda: self.show_guide())
        a["show"].triggered.connect(self.bring_to_front)
        a["start_default"].triggered.connect(
            lambda: self.open_prepare(self.preferences.value.default_routine)
        )
        a["quit"].triggered.connect(self.quit_app)
        a["settings"].triggered.connect(self.show_settings)
        a["shortcuts"].triggered.connect(self.show_shortcuts)
        if "editor" in self._factories:
            a["new_routine"].triggered.connect(lambda: self.open_editor(None))
            self.home.newRoutineRequested.connect(a["new_routine"].trigger)
        if "compose" in self._factories:
            a["compose"].triggered.connect(lambda: self.show_page("compose"))
            self.home.composeRequested.connect(a["compose"].trigger)
        self.home.importRequested.connect(a["import_routine"].trigger)
        a["safety_notice"].triggered.connect(self.show_safety_notice)
        a["about"].triggered.connect(lambda: show_about(self))
        self.home.routineChosen.connect(self.open_prepare)
        self.home.guideRequested.connect(self.show_guide)
        if "breathe" in self._factories:
            self.home.breatheRequested.connect(lambda: self.show_page("breathe"))
        self.controller.stepStarted.connect(self._step_started)
        self.controller.ticked.connect(lambda: self._refresh_session())
        self.controller.paused.connect(self._paused)
        self.controller.resumed.connect(self._resumed)
        self.controller.finished.connect(self._session_ended)
        self.controller.stopped.connect(self._session_ended)
        self.preferences.changed.connect(self._preferences_changed)
        self.stack.currentChanged.connect(lambda _i: self._update_session_actions())

    # -- pages built on first use, so the first paint only waits for the home screen ---------

    def _page(self, name: str) -> QWidget:
        page = self._pages.get(name)
        if page is None:
            self._draw_waiting_icons()  # the session page shows its controls' icons
            page = self._create_page(name)
            self._pages[name] = page
            self.stack.addWidget(page)
        return page

    def _create_page(self, name: str) -> QWidget:
        # Imported here: page modules load when first needed, not on the start-up path.
        from backcare_desktop.gui.pages.guide import GuidePage
        from backcare_desktop.gui.session.player import SessionPage
        from backcare_desktop.gui.session.prepare import PreparePage
        from backcare_desktop.gui.session.summary import SummaryPage

        if name in self._factories:
            return self._factories[name]()
        if name == "prepare":
            prepare = PreparePage()
            prepare.backRequested.connect(self.show_home)
            prepare.startRequested.connect(self._start_requested)
            return prepare
        if name == "session":
            return SessionPage(self.theme, self.actions_by_name)
        if name == "summary":
            summary = SummaryPage()
            summary.doneRequested.connect(self._summary_done)
            summary.againRequested.connect(self._summary_again)
            summary.tension.changed.connect(self._rated)
            return summary
        if name == "guide":
            return GuidePage(list(self.library.techniques.values()), self.theme)
        raise KeyError(name)

    @property
    def prepare(self) -> PreparePage:
        return cast("PreparePage", self._page("prepare"))

    @property
    def session(self) -> SessionPage:
        return cast("SessionPage", self._page("session"))

    @property
    def summary(self) -> SummaryPage:
        return cast("SummaryPage", self._page("summary"))

    @property
    def guide(self) -> GuidePage:
        return cast("GuidePage", self._page("guide"))

    def finish_startup(self) -> None:
        """Build the remaining pages once the first screen is up (called after first paint)."""
        for name in ("prepare", "session", "summary", "guide", *self._factories):
            self._page(name)

    # -- navigation --------------------------------------------------------------------------

    def effective_routine(self, routine: Routine) -> Routine:
        return apply_length_preference(routine, self.preferences.value.routine_minutes)

    def set_library(
        self, library: Library, favourites: Collection[str] = (), own: Collection[str] = ()
    ) -> None:
        """The person's routines changed (saved, starred, removed, imported): every list of
        routines in the window shows the new set, Home with its stars and "Yours" marks."""
        self.library = library
        self._marks = (frozenset(favourites), frozenset(own))
        self.refresh_routines()
        if self._settings is not None and not self._settings.isVisible():
            self._settings.deleteLater()  # its default-routine choice is rebuilt when next opened
            self._settings = None

    def open_editor(self, draft: RoutineDraft | None) -> None:
        """The routine editor with `draft` (None: a new, empty routine; a composed one keeps
        the area each step was chosen for)."""
        self.leave_session_for_another_page()
        editor = self._page("editor")
        if self.stack.currentWidget() is editor and not _may_leave(editor):
            return  # the person keeps the changes they were making
        cast("DraftEditor", editor).edit(draft)
        self._show(editor)

    def refresh_routines(self) -> None:
        self._routine_minutes = self.preferences.value.routine_minutes
        self.home.set_routines(
            [self.effective_routine(r) for r in self.library.routines], *self._marks
        )
        self.home.set_greeting(self.controller.clock.now().hour)

    def _show(self, page: QWidget) -> None:
        leaving = self.stack.currentWidget()
        if leaving is not page and not _may_leave(leaving):
            return
        self.stack.setCurrentWidget(page)
        if page in (self.home, self._pages.get("prepare")):
            self.header.set_current("home")
        else:
            names = [name for name, widget in self._pages.items() if widget is page]
            name = names[0] if names else None
            self.header.set_current("home" if name in self._home_pages else name)
        if self.isActiveWindow():
            self._keep_focus_on_a_control()

    def _keep_focus_on_a_control(self) -> None:
        """A page switch hid the focused control, and Qt handed the focus on to whatever came
        next, even a page that takes none, which then wore the focus ring around everything.
        The open page's header button takes it instead; Tab goes on into the page."""
        from PySide6.QtCore import Qt  # after the first paint (docs/ARCHITECTURE.md)

        focus = QApplication.focusWidget()
        if focus is None or focus.focusPolicy() == Qt.FocusPolicy.NoFocus:
            self.header.focus_current()

    def show_home(self) -> None:
        self.leave_session_for_another_page()
        self.home.set_greeting(self.controller.clock.now().hour)
        self._show(self.home)

    def show_guide(self, page_id: str | None = None) -> None:
        self.leave_session_for_another_page()
        if page_id:
            self.guide.show_page(page_id)
        self._show(self.guide)

    def open_prepare(self, routine_id: str) -> Routine | None:
        """Show the routine's prepare screen (the first routine for an unknown id) and return
        that routine. A running session pauses; beginning the new one journals it first."""
        try:
            routine = self.library.routine(routine_id)
        except KeyError:
            routine = self.library.routines[0]
        return self.start_routine(routine)

    def start_routine(self, routine: Routine) -> Routine:
        """Show the prepare screen for `routine`, which need not be in the library (one the
        body map has just composed)."""
        self.leave_session_for_another_page()
        minutes = (
            self.preferences.value.routine_minutes if routine.follows_length_preference else None
        )
        self.prepare.set_routine(routine, minutes)
        self._offer_oils()
        self._show(self.prepare)
        self.prepare.start_button.setFocus()  # focus only lands on a page that is shown
        self.bring_to_front()
        return routine

    def _offer_oils(self) -> None:
        """Offer the person's favourite oils, suggesting a different one each day."""
        names = self._oil_names()
        favourites = [
            (oid, names[oid]) for oid in self.preferences.value.favourite_oils if oid in names
        ]
        suggested = None
        if favourites:
            suggested = favourites[
                self.controller.clock.now().date().toordinal() % len(favourites)
            ][0]
        self.prepare.set_oils(favourites, suggested)

    def show_settings(self) -> None:
        if self._settings_factory is None:
            return
        if self._settings is None:  # one dialog, kept: it follows preference changes live
            self._settings = self._settings_factory()
        self._settings.show()
        self._settings.raise_()
        self._settings.activateWindow()

    # -- dialogs, window --------------------------------------------------------------

    def maybe_show_safety_notice(self) -> None:
        if not self.preferences.value.first_run_acknowledged:
            self.show_safety_notice()

    def show_shortcuts(self) -> None:
        """Help → Keyboard shortcuts, listed afresh from the actions each time it opens."""
        from backcare_desktop.gui.shell.shortcuts_window import show_shortcuts

        show_shortcuts(self, self.actions_by_name, self.header.page_names())

    def show_safety_notice(self) -> None:
        from backcare_desktop.gui.pages.safety_notice import SafetyNoticeDialog

        dialog = SafetyNoticeDialog(self)
        if dialog.exec():
            self.preferences.update(first_run_acknowledged=True)

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return and Enter that no widget took: see gui/shell/return_key.py."""
        if is_return_key(event.key()) and press_for_return(
            self.stack.currentWidget(), QApplication.focusWidget()
        ):
            return
        super().keyPressEvent(event)

    def offer_session_back(self, place: SessionSnapshot, routine: Routine | None) -> None:
        """A session the last run could not journal: resume it, or journal it as stopped."""
        from backcare_desktop.gui.session.session_questions import offer_session_back

        if self.controller.active:  # a session began meanwhile: keep the old one's time
            self.record_cut_short(place)
            return
        resume = None if routine is None else (lambda: self.resume_session(place, routine))
        offer_session_back(self, place, resume, lambda: self.record_cut_short(place))


def _may_leave(page: QWidget | None) -> bool:
    """Whether `page` lets the window show another (the editor asks about unsaved changes)."""
    may_leave = getattr(page, "may_leave", None)
    return not callable(may_leave) or bool(may_leave())
