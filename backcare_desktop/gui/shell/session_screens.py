"""The main window's part that follows a running session: starting it from the prepare screen,
the player's step and countdown, the session actions' state, focus mode, what the sound engine
says during it, Esc's few seconds of undo, the bar that leads back to a session paused for
another page, and the summary.

A session is journaled the moment it finishes or its stop becomes final (`sessionRecorded`,
with the id chosen when it began); a tension rated on the summary afterwards updates that
entry (`sessionRated`) as soon as it is given, so closing the window from the summary loses
nothing.

A base class of MainWindow, kept apart so the window's module holds building and navigation;
what it needs from the window is declared below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow, QStackedWidget, QStatusBar, QWidget

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.session_controller import SessionController
from backcare_desktop.core.routine import Routine
from backcare_desktop.gui.look.icons import ui_icon
from backcare_desktop.gui.look.text import tr, translated
from backcare_desktop.gui.look.theme import Theme
from backcare_desktop.gui.shell.actions import FOCUS_TIP, SESSION_ACTIONS
from backcare_desktop.gui.shell.header import HeaderBar

if TYPE_CHECKING:
    from backcare_desktop.core.breath_timeline import BreathingTimeline
    from backcare_desktop.core.session import (
        SessionOutcome,
        SessionSummary,
        StepStarted,
    )
    from backcare_desktop.core.session_snapshot import SessionSnapshot
    from backcare_desktop.gui.session.player import SessionPage
    from backcare_desktop.gui.session.prepare import StartRequest
    from backcare_desktop.gui.session.stop_undo import StopUndo
    from backcare_desktop.gui.session.summary import SummaryPage
    from backcare_desktop.gui.widgets.notice_bar import NoticeBar

STATUS_MESSAGE_MS = 30_000


class SessionScreens(QMainWindow):
    # The core session's classes stay off the start-up path (app/session_controller.py), so
    # these carry them as `object`: a SessionOutcome, a SessionRating, a SessionSnapshot.
    sessionRecorded = Signal(object)
    sessionRated = Signal(object)
    sessionMoved = Signal(object)
    """The running session's place, at each step boundary and pause (kept for a crash)."""

    controller: SessionController
    preferences: PreferencesModel
    actions_by_name: dict[str, QAction]
    theme: Theme
    header: HeaderBar
    stack: QStackedWidget
    _pages: dict[str, QWidget]
    _session_extras: tuple[int | None, str | None]  # tension before, oil
    _status_bar_before_focus: bool
    _stop_undo: StopUndo | None = None
    _paused_bar: NoticeBar | None = None
    _record_id: str = ""
    _ended: SessionOutcome | None = None
    """The session the summary shows, as journaled: its rating updates that entry."""
    _summary_before_stop = False
    """The summary went up at Esc, before the stop became final."""
    _maximized_before_focus = False

    if TYPE_CHECKING:  # the window's, MainWindow

        @property
        def session(self) -> SessionPage: ...

        @property
        def summary(self) -> SummaryPage: ...

        def _show(self, page: QWidget) -> None: ...

        def show_home(self) -> None: ...

        def open_prepare(self, routine_id: str) -> Routine | None: ...

        def add_banner(self, banner: QWidget) -> None: ...

    # -- the session -------------------------------------------------------------------------

    def _start_requested(self, request: StartRequest) -> None:
        self.begin_session(request.routine, request.tension_before, request.oil)

    def begin_session(self, routine: Routine, tension_before: int | None, oil: str | None) -> None:
        import uuid  # here, not at the top: with `platform` it cost the first paint 2 ms

        self._begin(routine, (tension_before, oil), uuid.uuid4().hex)

    def resume_session(self, place: SessionSnapshot, routine: Routine) -> None:
        """Carry on a session the last run could not journal, where it was."""
        self._begin(routine, (place.tension_before, place.oil), place.record_id, place)

    def record_cut_short(self, place: SessionSnapshot) -> None:
        """Journal a session the last run could not, as stopped where it was."""
        from backcare_desktop.core.session import SessionOutcome
        from backcare_desktop.core.session_snapshot import stopped_summary

        before, oil = place.tension_before, place.oil
        self.sessionRecorded.emit(
            SessionOutcome(stopped_summary(place), oil, before, None, place.record_id)
        )

    def _begin(
        self,
        routine: Routine,
        extras: tuple[int | None, str | None],
        record_id: str,
        place: SessionSnapshot | None = None,
    ) -> None:
        self.settle_stop()
        self.controller.stop()  # a session paused for another page is journaled first
        self._session_extras = extras
        self._record_id = record_id
        self._ended = None
        self.session.begin(routine)
        self._show(self.session)
        self.controller.begin(routine, place)
        self._update_session_actions()
        self.session.focus_controls()  # enabled now; Space and Return pause

    def _paused(self) -> None:
        self._update_session_actions()
        self.session.announce_pause(True)

    def _resumed(self) -> None:
        self._update_session_actions()
        self.session.announce_pause(False)

    def _keep_place(self) -> None:
        machine = self.controller.machine
        if machine is not None and self.controller.active:
            from backcare_desktop.core.session_snapshot import snapshot_of

            before, oil = self._session_extras
            self.sessionMoved.emit(snapshot_of(machine, self._record_id, before, oil))

    def _step_started(self, _event: StepStarted) -> None:
        if self.controller.machine is not None:
            self.session.show_step(self.controller.machine)
        self._keep_place()

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
        paused = machine is not None and machine.paused
        pause = self.actions_by_name["pause"]
        pause.setText(tr("Continue") if paused else tr("Pause"))
        pause.setIcon(ui_icon("play" if paused else "pause", self.theme, "on_accent"))
        if machine is not None and on_session:
            self.session.refresh(machine)
        self._update_paused_bar()

    def _session_ended(self, summary: SessionSummary) -> None:
        """Journal the session now; show its summary unless Esc already did."""
        from backcare_desktop.core.session import SessionOutcome  # loaded: a session ended

        self.actions_by_name["focus"].setChecked(False)
        tension_before, oil = self._session_extras
        tension_after = None
        if self._summary_before_stop:
            self._summary_before_stop = False
            tension_after = self.summary.tension_after()
        else:
            self._show_summary(summary)
        self._ended = SessionOutcome(summary, oil, tension_before, tension_after, self._record_id)
        self.sessionRecorded.emit(self._ended)
        self._update_session_actions()

    def _show_summary(self, summary: SessionSummary) -> None:
        tension_before, _oil = self._session_extras
        self.summary.show_summary(summary, tension_before, self.preferences.value.tension_rating)
        self._show(self.summary)
        self.summary.done_button.setFocus()  # focus only lands on a page that is shown

    def _rated(self, tension_after: int | None) -> None:
        """A rating on the summary updates the journal entry at once (Done need not be pressed)."""
        from backcare_desktop.core.session import SessionOutcome, SessionRating

        ended = self._ended
        if ended is not None and ended.tension_after != tension_after:
            self._ended = SessionOutcome(
                ended.summary, ended.oil, ended.tension_before, tension_after, ended.record_id
            )
            self.sessionRated.emit(SessionRating(ended.record_id, tension_after))

    def _leave_summary(self, tension_after: int | None) -> str | None:
        """Make an Esc final, save the last rating; returns the routine the summary showed."""
        self.settle_stop()
        self._rated(tension_after)
        ended, self._ended = self._ended, None
        return ended.summary.routine_id if ended is not None else None

    def _summary_done(self, tension_after: int | None) -> None:
        self._leave_summary(tension_after)
        self.show_home()

    def _summary_again(self, tension_after: int | None) -> None:
        routine_id = self._leave_summary(tension_after)
        if routine_id:
            self.open_prepare(routine_id)

    # -- Esc: stop, with a few seconds to take it back ---------------------------------------

    def request_stop(self) -> None:
        """Esc or Stop: pause and show the summary, with Resume offered for a few seconds."""
        machine = self.controller.machine
        if not self.controller.active or machine is None or self.stop_undo.pending:
            return
        self.controller.pause()
        if not self.controller.active:  # the last step ended just now: finished, not stopped
            return
        self.actions_by_name["focus"].setChecked(False)
        self._ended = None
        self._show_summary(machine.summary())
        self._summary_before_stop = True
        self.stop_undo.start()
        self._update_session_actions()  # the paused bar gives way to the undo

    def _resume_after_stop(self) -> None:
        self._summary_before_stop = False
        self._show(self.session)
        self.controller.resume()
        self._update_session_actions()

    def settle_stop(self) -> None:
        """Whatever the person does after Esc, other than Resume, makes the stop final."""
        if self._stop_undo is not None and self._stop_undo.settle():
            self.controller.stop()

    def _stop_undo_expired(self) -> None:
        self.controller.stop()

    @property
    def stop_undo(self) -> StopUndo:
        """The few seconds of Resume after Esc, and their bar (made at the first Esc)."""
        if self._stop_undo is None:
            from backcare_desktop.gui.session.stop_undo import StopUndo
            from backcare_desktop.gui.widgets.notice_bar import NoticeBar

            bar = NoticeBar("stopBar", tr("Resume"))
            bar.button.setToolTip(tr("Take the stop back and continue the session"))
            self.add_banner(bar)
            self._stop_undo = StopUndo(bar, self.controller.clock, self)
            self._stop_undo.resumeChosen.connect(self._resume_after_stop)
            self._stop_undo.expired.connect(self._stop_undo_expired)
        return self._stop_undo

    @property
    def stop_bar(self) -> NoticeBar:
        return self.stop_undo.bar

    @property
    def paused_bar(self) -> NoticeBar:
        """'Session paused · Return to session' (made when a session is first left)."""
        if self._paused_bar is None:
            from backcare_desktop.gui.widgets.notice_bar import NoticeBar

            bar = NoticeBar("pausedBar", tr("Return to session"))
            bar.button.setToolTip(tr("Back to the paused session"))
            bar.acted.connect(self.return_to_session)
            self.add_banner(bar)
            self._paused_bar = bar
        return self._paused_bar

    def step_away(self, away: bool) -> None:
        """The screen locked or the machine is going to sleep: a running session pauses (the
        "Pause when away" setting, on by default). Coming back leaves it paused, for the
        person to continue when ready."""
        if away and self.preferences.value.pause_when_away:
            self.controller.pause()

    # -- other pages during a session -------------------------------------------------------

    def leave_session_for_another_page(self) -> None:
        """Every page stays open during a session; going to one pauses the session, and the
        paused bar leads back (one rule for the header, the menu, shortcuts and the tray)."""
        self.settle_stop()
        self.controller.pause()

    def return_to_session(self) -> None:
        if not self.controller.active:
            return
        self._show(self.session)
        self._update_session_actions()
        self.actions_by_name["focus"].setChecked(False)
        self.session.setFocus()

    def _update_paused_bar(self) -> None:
        machine = self.controller.machine
        away = (
            machine is not None
            and machine.paused
            and not (self._stop_undo is not None and self._stop_undo.pending)
            and self.stack.currentWidget() is not self._pages.get("session")
        )
        if not away:
            if self._paused_bar is not None:
                self._paused_bar.hide()
            return
        assert machine is not None
        self.paused_bar.show_text(
            tr(
                "Session paused: %1, step %2 of %3.",
                machine.routine.name,
                str(machine.index + 1),
                str(len(machine.routine.steps)),
            )
        )

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
        from PySide6.QtCore import Qt  # after the first paint (widgets/qt_numbers.py says why)

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
            if not self.isFullScreen():
                self._maximized_before_focus = self.isMaximized()
            self.showFullScreen()
        elif self._maximized_before_focus:
            self.showMaximized()  # F11 twice leaves the window exactly as it was
        else:
            self.showNormal()

    def _show_focus_state(self) -> None:
        """In focus mode its button offers the way out: the exit icon and tip."""
        focus = self.actions_by_name["focus"]
        on = focus.isChecked()
        focus.setIcon(ui_icon("fullscreen-exit" if on else "fullscreen", self.theme))
        focus.setToolTip(tr("Leave focus mode (F11)") if on else translated(FOCUS_TIP))
