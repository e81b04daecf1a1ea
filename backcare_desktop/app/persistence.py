"""Where the GUI meets storage: load preferences at start, journal each session as it ends.

Kept apart from the views so that no page ever touches a store: pages emit intents, this
module turns them into saved records.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.gui.look.text import tr
from backcare_desktop.paths import AppPaths
from backcare_desktop.storage.notices import NoticeKind, StoreNotice
from backcare_desktop.storage.store import PreferencesStore, shipped_defaults

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from backcare_desktop.core.journal import SessionRecord
    from backcare_desktop.core.session import SessionSummary
    from backcare_desktop.storage.journal_store import JournalStore

log = logging.getLogger(__name__)


class Persistence:
    """The person's stores for this run; `notices` are problems found while loading."""

    def __init__(self, paths: AppPaths) -> None:
        self.preferences_store = PreferencesStore.in_data_dir(paths)
        try:
            preferences, self.notices = self.preferences_store.load()
        except OSError as error:  # a read-only or full disk, a file that cannot be moved aside
            log.exception("the settings could not be read; using the defaults for this run")
            preferences, self.notices = shipped_defaults(), [_unsaved_notice(paths, error)]
        self.preferences = PreferencesModel(preferences, self.preferences_store)
        self._paths = paths
        self._journal: JournalStore | None = None
        self.start_messages: list[str] = []
        """Problems found at start outside the stores (a bogus time zone), said once."""

    @property
    def journal(self) -> JournalStore:
        """Opened on first use: the journal is not needed to show the first screen."""
        if self._journal is None:
            from backcare_desktop.storage.journal_store import JournalStore

            self._journal = JournalStore.in_data_dir(self._paths)
        return self._journal

    def record_session(
        self,
        summary: SessionSummary,
        oil: object,
        tension_before: object,
        tension_after: object,
    ) -> SessionRecord | None:
        """Save one finished or stopped session; a failure is logged and shown, never raised."""
        import uuid

        from backcare_desktop.core.journal import SessionRecord

        record = SessionRecord(
            id=uuid.uuid4().hex,
            routine_id=summary.routine_id,
            routine_name=summary.routine_name,
            started_at=summary.started_at,
            planned_seconds=summary.planned_seconds,
            completed_seconds=round(summary.active_seconds),
            steps_done=summary.steps_done,
            steps_skipped=summary.steps_skipped,
            oil=oil if isinstance(oil, str) else None,
            tension_before=tension_before if isinstance(tension_before, int) else None,
            tension_after=tension_after if isinstance(tension_after, int) else None,
            completed=summary.completed,
        )
        try:
            self.journal.add(record)
        except Exception:
            log.exception("could not save the session to the journal")
            return None
        return record

    def show_notices(self, parent: QWidget | None) -> None:
        """Tell the person, once, about anything that needed rescuing at start."""
        from PySide6.QtWidgets import QMessageBox

        for message in self.start_messages:
            QMessageBox.information(parent, tr("About this start"), message)
        self.start_messages = []
        for notice in self.notices:
            if notice.needs_dialog:
                QMessageBox.information(parent, tr("About your settings"), _notice_text(notice))
            else:
                log.info("preferences: %s", notice.message)
        self.notices = []


def _unsaved_notice(paths: AppPaths, error: OSError) -> StoreNotice:
    """Said at start when the data folder cannot be used: BackCare runs, but keeps nothing."""
    reason = error.strerror or str(error)
    message = tr(
        "BackCare cannot use its data folder (%1), so it started with its usual settings. "
        "Changes you make now cannot be saved.\n\nThe folder is:\n%2",
        reason,
        str(paths.data_dir),
    )
    return StoreNotice(NoticeKind.READ_ONLY, message)


def _notice_text(notice: StoreNotice) -> str:
    if notice.moved_to is not None:
        return tr("%1\n\nThe old file was kept as:\n%2", notice.message, str(notice.moved_to))
    return notice.message
