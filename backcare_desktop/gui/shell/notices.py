"""Telling the person, once, about what happened at start: a time zone that could not be
understood, a settings file set aside, a data folder that cannot be written, and (when the
reminders first read it, after the first paint) their memory file set aside."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from backcare_desktop.app.persistence import Persistence
from backcare_desktop.gui.look.text import tr
from backcare_desktop.storage.notices import StoreNotice

log = logging.getLogger(__name__)


def show_start_notices(parent: QWidget | None, persistence: Persistence) -> None:
    """A dialog for each start message and each store notice that needs one; the rest only
    go to the log. Each is told once: a second call shows nothing."""
    messages, notices = persistence.take_notices()
    for message in messages:
        QMessageBox.information(parent, tr("About this start"), message)
    for notice in notices:
        if notice.needs_dialog:
            QMessageBox.information(parent, tr("About your settings"), notice_text(notice))
        else:
            log.info("preferences: %s", notice.message)


def show_reminder_memory_notice(parent: QWidget | None, notice: StoreNotice) -> None:
    """The reminders' memory file was set aside when first read: the same calm dialog as the
    settings', naming where the old file went (the service tells each file once)."""
    QMessageBox.information(parent, tr("About your reminders"), notice_text(notice))


def show_session_place_notice(parent: QWidget | None, notice: StoreNotice) -> None:
    """The file that said where the last session stopped could not be read: it was set aside,
    and no session can be offered back."""
    QMessageBox.information(parent, tr("About your last session"), notice_text(notice))


def notice_text(notice: StoreNotice) -> str:
    if notice.moved_to is not None:
        return tr("%1\n\nThe old file was kept as:\n%2", notice.message, str(notice.moved_to))
    return notice.message
