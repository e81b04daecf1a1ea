"""The two questions BackCare asks about a session, each in a window-modal box that answers
through callbacks (the event loop keeps running, so timers, sound and tests carry on).

- Closing the window mid-session where no tray can keep BackCare running: keep going, or stop
  the session, journal it and close.
- At start, a session the last run could not journal (a crash, a kill, a power cut): resume it
  where it was, or record it as stopped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from backcare_desktop.core.session import StepOutcome
from backcare_desktop.core.session_snapshot import SessionSnapshot
from backcare_desktop.gui.look.text import tr


def ask_keep_going_or_stop(
    parent: QWidget, keep_going: Callable[[], None], stop_and_close: Callable[[], None]
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Your session is paused"))
    box.setText(tr("Your session is paused."))
    box.setInformativeText(
        tr("Keep going, or stop the session, save it to your journal and close BackCare?")
    )
    keep = box.addButton(tr("Keep going"), QMessageBox.ButtonRole.RejectRole)
    stop = box.addButton(tr("Stop and save"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    _answer(box, {stop: stop_and_close}, keep_going)
    return box


def offer_session_back(
    parent: QWidget,
    place: SessionSnapshot,
    resume: Callable[[], None] | None,
    record_as_stopped: Callable[[], None],
) -> QMessageBox:
    """`resume` is None when this version cannot run that routine as it was any more."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("An unfinished session"))
    box.setText(tr("Resume '%1' from step %2?", place.routine_name, str(place.step_number)))
    done = place.outcomes.count(StepOutcome.DONE)
    words = tr(
        "BackCare closed before this session ended, after %1 of %2 steps.",
        str(done),
        str(len(place.outcomes)),
    )
    if resume is None:
        words += " " + tr("This routine has changed since, so it can only be recorded.")
    box.setInformativeText(words)
    record = box.addButton(tr("Record it as stopped"), QMessageBox.ButtonRole.RejectRole)
    box.setEscapeButton(record)
    answers: dict[object, Callable[[], None]] = {}
    if resume is not None:
        resume_button = box.addButton(tr("Resume"), QMessageBox.ButtonRole.AcceptRole)
        resume_button.setProperty("primary", True)
        box.setDefaultButton(resume_button)
        answers[resume_button] = resume
    _answer(box, answers, record_as_stopped)
    return box


def _answer(
    box: QMessageBox, answers: dict[object, Callable[[], None]], otherwise: Callable[[], None]
) -> None:
    def answered() -> None:
        clicked = box.clickedButton()
        chosen = [answer for button, answer in answers.items() if button is clicked]
        (chosen[0] if chosen else otherwise)()
        box.deleteLater()

    box.finished.connect(answered)
    box.open()
