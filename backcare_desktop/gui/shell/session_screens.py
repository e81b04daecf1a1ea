"""The main window's part that follows a running session: starting it from the prepare screen,
the player's step and countdown, the session actions' state, focus mode, what the sound engine
says during it, and the summary that records it.

A base class of MainWindow, kept apart so the window's module holds building and navigation;
what it needs from the window is declared below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow, QStackedWidget, QStatusBar, QWidget

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.session_controller import SessionController
from backcare_desktop.core.routine import Routine
from backcare_desktop.core.session import SessionOutcome, SessionSummary, StepStarted
from backcare_desktop.gui.look.icons import ui_icon
from backcare_desktop.gui.look.text import tr, translated
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.shell.actions import FOCUS_TIP, SESSION_ACTIONS
from backcare_desktop.gui.shell.header import HeaderBar

if TYPE_CHECKING:
    from backcare_desktop.core.breathing import BreathingTimeline
    from backcare_desktop.gui.session.player import SessionPage
    from backcare_desktop.gui.session.prepare import StartRequest
    from backcare_desktop.gui.session.summary import SummaryPage

STATUS_MESSAGE_MS = 30_000


class SessionScreens(QMainWindow):
    sessionRecorded = Signal(SessionOutcome)

    controller: SessionController
    preferences: PreferencesModel
    actions_by_name: dict[str, QAction]
    theme: Theme
    header: HeaderBar
    stack: QStackedWidget
    _pages: dict[str, QWidget]
    _session_extras: tuple[int | None, str | None]  # tension before, oil
    _last_summary: SessionSummary | None
    _status_bar_before_focus: bool

    if TYPE_CHECKING:  # the window's, MainWindow

        @property
        def session(self) -> SessionPage: ...

        @property
        def summary(self) -> SummaryPage: ...

        def _show(self, page: QWidget) -> None: ...

        def show_home(self) -> None: ...

        def open_prepare(self, routine_id: str) -> Routine | None: ...

    # -- the session -------------------------------------------------------------------------

    def _start_requested(self, request: StartRequest) -> None:
        self.begin_session(request.routine, request.tension_before, request.oil)

    def begin_session(self, routine: Routine, tension_before: int | None, oil: str | None) -> None:
        self._session_extras = (tension_before, oil)
        self.session.begin(routine)
        self._show(self.session)
        self.controller.begin(routine)
        self._update_session_actions()
        self.session.buttons["pause"].setFocus()  # enabled now; Space and Return pause

    def _step_started(self, _event: StepStarted) -> None:
        if self.controller.machine is not None:
            self.session.show_step(self.controller.machine)

    def _refresh_session(self) -> None:
        on_session = self.stack.currentWidget() is self._pages.get("session")
        if self.controller.machine is not None and on_session:
            self.session.refresh(self.controller.machine)

    def _update_session_actions(self) -> None:
        on_session = (
            self.stack.currentWidget() is self._pages.get("session") and self.controller.active
        )
        for name in SESSION_ACTIONS:
            self.actions_by_name[name].setEnabled(on_session)
        self.actions_by_name["focus"].setEnabled(on_session)
        machine = self.controller.machine
        paused = machine is not None and machine.state.value == "paused"
        pause = self.actions_by_name["pause"]
        pause.setText(tr("Continue") if paused else tr("Pause"))
        pause.setIcon(ui_icon("play" if paused else "pause", self.theme, "on_accent"))
        if machine is not None and on_session:
            self.session.refresh(machine)

    def _session_ended(self, summary: SessionSummary) -> None:
        self._last_summary = summary
        self.actions_by_name["focus"].setChecked(False)
        tension_before, _oil = self._session_extras
        prefs = self.preferences.value
        self.summary.show_summary(summary, tension_before, prefs.tension_rating)
        self._show(self.summary)
        self.summary.done_button.setFocus()  # focus only lands on a page that is shown
        self._update_session_actions()

    def _record(self, tension_after: int | None) -> None:
        if self._last_summary is not None:
            before, oil = self._session_extras
            self.sessionRecorded.emit(
                SessionOutcome(self._last_summary, oil, before, tension_after)
            )
            self._last_summary = None

    def _summary_done(self, tension_after: int | None) -> None:
        self._record(tension_after)
        self.show_home()

    def _summary_again(self, tension_after: int | None) -> None:
        routine_id = self._last_summary.routine_id if self._last_summary else None
        self._record(tension_after)
        if routine_id:
            self.open_prepare(routine_id)

    # -- what the sound engine says during a session -------------------------------------

    def show_breathing(self, timeline: BreathingTimeline | None) -> None:
        reduced = bool(self.preferences.value.reduced_motion)
        self.session.show_breathing(timeline, self.controller.clock, reduced_motion=reduced)

    def pause_breathing(self) -> None:
        self.session.pause_breathing()

    def show_caption(self, text: str) -> None:
        self.session.show_caption(text)

    def show_sound_status(self, status: str) -> None:
        """Say in the status line (for a while) that sound is unavailable, and let an open
        Settings dialog say it too (it also checks afresh every time it opens)."""
        if status:
            self.statusBar().showMessage(status, STATUS_MESSAGE_MS)
        for dialog in self.findChildren(QDialog):
            refresh = getattr(dialog, "refresh_sound_status", None)
            if callable(refresh):
                refresh()

    def set_focus_mode(self, on: bool) -> None:
        self.header.setVisible(not on)
        if "session" in self._pages:
            self.session.set_focus_mode(on)
        # Only a status bar that exists is hidden and brought back: asking for one would make
        # an empty bar (with a size grip) appear after focus mode.
        bar = self.findChild(QStatusBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if bar is not None:
            if on:
                self._status_bar_before_focus = bar.isVisible()
                bar.hide()
            else:
                bar.setVisible(self._status_bar_before_focus)
        self._show_focus_state()
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _show_focus_state(self) -> None:
        """In focus mode its button offers the way out: the exit icon and tip."""
        focus = self.actions_by_name["focus"]
        on = focus.isChecked()
        focus.setIcon(ui_icon("fullscreen-exit" if on else "fullscreen", self.theme))
        focus.setToolTip(tr("Leave focus mode (F11)") if on else translated(FOCUS_TIP))
