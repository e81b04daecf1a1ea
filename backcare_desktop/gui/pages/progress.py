"""Progress: this week, a kind streak, time spent, a calendar of the last weeks and how tension
changed — as pictures. The journal is read when the page is shown, never at start-up.

Reading, export and delete run on the app's job runner: ten years of daily sessions take far
longer than a frame to read and add up, so the worker also turns the records into the page's
figures (`progress_figures`) and the GUI thread only sets texts and paints. Until the first
figures arrive the page says, calmly, that it is loading.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, tzinfo
from pathlib import Path
from typing import Protocol, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.clock import Clock
from backcare_desktop.core.journal import SessionRecord
from backcare_desktop.gui.look.icons import ui_icon
from backcare_desktop.gui.look.text import tr, translated
from backcare_desktop.gui.look.theme import Theme, load_theme
from backcare_desktop.gui.pages.progress_areas import TenseAreasCard
from backcare_desktop.gui.pages.progress_cards import (
    STREAK_TIP,
    StatCard,
    days_words,
    minutes_words,
    streak_note,
)
from backcare_desktop.gui.pages.progress_figures import (
    JournalReading,
    ProgressFigures,
    progress_figures,
)
from backcare_desktop.gui.pages.progress_tables import (
    NumbersTable,
    PictureOrTable,
    day_rows,
    tension_rows,
)
from backcare_desktop.gui.widgets.after_paint import AfterPaint
from backcare_desktop.gui.widgets.heatmap import HeatMap
from backcare_desktop.gui.widgets.kept_drawing import PaintAfterDrawings
from backcare_desktop.gui.widgets.layout_helpers import SPACE, card, label, scrolling_column
from backcare_desktop.gui.widgets.tension_chart import TensionChart
from backcare_desktop.storage.notices import NoticeKind, StoreNotice

log = logging.getLogger(__name__)
READ_FALLBACK_MS = 200
"""Read the journal this long after the page is shown if it has not painted by then."""


T = TypeVar("T")
Failed = Callable[[str], None]


class JournalJobs(Protocol):
    """What the page needs from the journal: each call answers later, on the GUI thread
    (app.persistence.QueuedJournal runs them on the job runner)."""

    def read(
        self,
        prepare: Callable[[list[SessionRecord], list[StoreNotice]], T],
        done: Callable[[T], None],
        failed: Failed,
    ) -> None: ...

    def export_csv(self, path: Path, done: Callable[[int], None], failed: Failed) -> None: ...

    def delete_all(self, done: Callable[[None], None], failed: Failed) -> None: ...


def show_history_notice(parent: QWidget, text: str) -> None:
    """The one dialog about a history file set aside (tests replace it)."""
    QMessageBox.information(parent, tr("About your history"), text)


class ProgressPage(QScrollArea):
    """See the page docstring; `refresh()` reloads, and runs by itself each time it is shown."""

    historyDeleted = Signal()
    refreshed = Signal()
    """A read of the journal has been answered (shown, unchanged, or failed)."""

    def __init__(
        self,
        journal: JournalJobs,
        clock: Clock,
        theme: Theme | None = None,
        tz: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.clock = clock
        self.tz = tz
        self._theme = theme or load_theme("light")
        self.sessions = 0
        """How many sessions the journal held at its last reading."""
        self.loaded = False
        self.rescued: list[str] = []
        """What the page says, for as long as it runs, about history files set aside."""
        self._reading = False
        self._read_again = False
        self._figures: ProgressFigures | None = None  # what the page shows (None: loading)
        column = scrolling_column(self, 1040, tr("Your progress"))
        column.addWidget(label(tr("Your progress"), "display"))
        column.addWidget(
            label(tr("A picture of your practice. Every session counts, however short."), "body")
        )
        self.loading = label(tr("Loading your history…"), "secondary")
        column.addWidget(self.loading)
        column.addWidget(self._build_empty_state())
        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(SPACE["m"])
        stats = QHBoxLayout()
        stats.setSpacing(SPACE["m"])
        self.week_card = StatCard(tr("This week"))
        self.streak_card = StatCard(tr("Kind streak"))
        self.streak_card.setToolTip(translated(STREAK_TIP))
        self.total_card = StatCard(tr("Time for your back"))
        for stat in (self.week_card, self.streak_card, self.total_card):
            stats.addWidget(stat, 1)
        content.addLayout(stats)
        content.addLayout(self._build_pictures())
        self.areas_card = TenseAreasCard(self._theme)
        content.addWidget(self.areas_card.frame)
        column.addWidget(self.content)
        column.addLayout(self._build_buttons())
        self.status = label("", "secondary")
        column.addWidget(self.status)
        self.set_theme(self._theme)
        self._show_nothing_yet()
        self._paint_after_drawings = PaintAfterDrawings(self, (self.heatmap, self.chart))
        # Read once the page has painted: a worker busy in Python while the page paints makes
        # both slower and the window stutter. Its column paints (the viewport behind it not).
        body = self.widget()
        self._read_after_paint = AfterPaint(body or self, self.refresh, READ_FALLBACK_MS)

    # -- building ----------------------------------------------------------------------------

    def _build_empty_state(self) -> QFrame:
        self.empty, layout = card("banner")
        row = QHBoxLayout()
        row.setSpacing(SPACE["m"])
        self.empty_icon = QLabel()
        self.empty_icon.setFixedSize(40, 40)
        row.addWidget(self.empty_icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(label(tr("Your story starts with your first session"), "heading"))
        text.addWidget(
            label(
                tr(
                    "Once you have followed a routine, this page shows the days you practised, "
                    "your kind streak, your minutes, and how tense your back felt before and "
                    "after. There is no hurry: start whenever it suits you."
                ),
                "body",
            )
        )
        row.addLayout(text, 1)
        layout.addLayout(row)
        return self.empty

    def _build_pictures(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(SPACE["m"])
        days, days_layout = card("panel")
        self.heatmap = HeatMap(self._theme)
        self.days_table = NumbersTable(
            tr("Minutes practised each day, last 12 weeks"),
            (tr("Day"), tr("Practised"), tr("Minutes")),
        )
        self.days_view = PictureOrTable(tr("The last 12 weeks"), self.heatmap, self.days_table)
        days_layout.addWidget(self.days_view)
        days_layout.addStretch(1)
        row.addWidget(days, 0)
        tension, tension_layout = card("panel")
        self.chart = TensionChart(self._theme)
        self.tension_table = NumbersTable(
            tr("Tension before and after each session"),
            (tr("Session"), tr("Before"), tr("After")),
        )
        self.tension_view = PictureOrTable(
            tr("Tension before and after"), self.chart, self.tension_table
        )
        self.tension_note = label("", "secondary")
        self.tension_view.note_row.addWidget(self.tension_note)
        tension_layout.addWidget(self.tension_view, 1)
        row.addWidget(tension, 1)
        return row

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.export_button = QPushButton(tr("Export CSV…"))
        self.export_button.setToolTip(tr("Save your whole history as a spreadsheet file"))
        self.export_button.clicked.connect(self.export_csv)
        row.addWidget(self.export_button)
        row.addStretch(1)
        self.delete_button = QPushButton(tr("Delete all history…"))
        self.delete_button.setToolTip(tr("Forget every recorded session on this computer"))
        self.delete_button.clicked.connect(self.delete_all)
        row.addWidget(self.delete_button)
        return row

    # -- showing -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self._read_after_paint.start()  # the journal is read once the page has painted

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.heatmap.set_theme(theme)
        self.chart.set_theme(theme)
        self.areas_card.set_theme(theme)
        self.empty_icon.setPixmap(ui_icon("leaf", theme, "accent").pixmap(40, 40))
        info = ui_icon("info", theme, "text_secondary")
        self.streak_card.show_info(translated(STREAK_TIP), info)

    def today(self) -> date:
        now = self.clock.now()
        return (now.astimezone(self.tz) if self.tz is not None else now).date()

    def refresh(self) -> None:
        """Read the journal again and redraw when it answers; a failure is shown on the page,
        not raised. A refresh asked for while one is reading runs once that one is done."""
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        today, tz, shown = self.today(), self.tz, self._figures

        def prepare(records: list[SessionRecord], notices: list[StoreNotice]) -> JournalReading:
            figures = progress_figures(records, today, tz)
            return JournalReading(None if figures == shown else figures, tuple(notices))

        self.journal.read(prepare, self._figures_arrived, self._read_failed)

    def _figures_arrived(self, reading: JournalReading) -> None:
        self.loaded = True
        self._tell_about(reading.notices)
        self.status.setText("\n".join(self.rescued))
        if reading.figures is not None:  # None: the same figures again, nothing to lay out
            self._show_figures(reading.figures)
        self._read_done()

    def _read_failed(self, reason: str) -> None:
        self.loaded = False
        self._show_figures(progress_figures([], self.today(), self.tz))
        self.status.setText(
            tr("Your history could not be read just now (%1). It has not been changed.", reason)
        )
        self._read_done()

    def _tell_about(self, notices: Sequence[StoreNotice]) -> None:
        """A history file set aside is said once in a dialog, and stays said on the page."""
        for notice in notices:
            if notice.kind is not NoticeKind.MOVED_ASIDE or notice.moved_to is None:
                log.info("journal: %s", notice.message)
                continue
            text = tr(
                "Part of your history could not be read, so it was set aside and is not shown "
                "here. Nothing was deleted: the old file is kept at\n%1",
                str(notice.moved_to),
            )
            self.rescued.append(text)
            show_history_notice(self, text)

    def _read_done(self) -> None:
        self._reading = False
        self.refreshed.emit()
        if self._read_again:
            self._read_again = False
            self.refresh()

    def _show_nothing_yet(self) -> None:
        """Before the first read answers: only the calm loading line."""
        self.loading.show()
        for part in (self.empty, self.content, self.export_button, self.delete_button):
            part.hide()

    def _show_figures(self, figures: ProgressFigures) -> None:
        # Laid out, drawn and painted in one turn, new figures took most of a frame, and the
        # page painted again once its scroll bar appeared: held, it paints once, at the end.
        with self._paint_after_drawings.held():
            self._set_figures(figures)

    @property
    def figures(self) -> ProgressFigures | None:
        """What the page shows (None while it loads)."""
        return self._figures

    def _set_figures(self, figures: ProgressFigures) -> None:
        self._figures = figures
        self.sessions = sessions = figures.sessions
        has_history = bool(sessions)
        self.loading.hide()
        self.empty.setVisible(not has_history)
        self.content.setVisible(has_history)
        self.export_button.setVisible(has_history)
        self.delete_button.setVisible(has_history)
        if not has_history:
            return
        self.week_card.set_text(
            tr("%1 of 7 days", str(figures.week.days_practised)),
            tr("Monday to Sunday"),
        )
        streak = figures.streak
        self.streak_card.set_text(days_words(streak.days), streak_note(streak))
        self.total_card.set_text(
            minutes_words(figures.minutes),
            tr("in 1 session") if sessions == 1 else tr("in %n sessions", None, sessions),
        )
        self.heatmap.set_days(figures.days, figures.today)
        self.days_view.set_rows(lambda: day_rows(figures.days))
        self.chart.set_points(figures.tension, self.tz)
        points, tz = self.chart.points, self.tz
        self.tension_view.set_rows(lambda: tension_rows(points, tz))
        scale = tr("0 = completely relaxed · 10 = very tense")
        summary = self.chart.summary()
        self.tension_note.setText(f"{summary}. {scale}" if summary else scale)
        self.areas_card.set_counts(figures.areas)

    # -- actions -----------------------------------------------------------------------------

    def export_csv(self) -> None:
        suggested = Path.home() / f"backcare-journal-{self.today().isoformat()}.csv"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, tr("Export your practice history"), str(suggested), tr("CSV files (*.csv)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        self.export_button.setEnabled(False)
        self.status.setText(tr("Saving your history to %1…", str(path)))
        self.journal.export_csv(
            path,
            lambda count: self._exported(path, count),
            lambda reason: self._export_failed(path, reason),
        )

    def _exported(self, path: Path, count: int) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(
            tr("Saved 1 session to %1", str(path))
            if count == 1
            else tr("Saved %n sessions to %1", None, count, str(path))
        )

    def _export_failed(self, path: Path, reason: str) -> None:
        self.export_button.setEnabled(True)
        self.status.setText("")
        QMessageBox.warning(
            self,
            tr("Could not export"),
            tr(
                "Your history could not be saved to\n%1\n\n%2\n\nPlease try another folder.",
                str(path),
                reason,
            ),
        )

    def confirm_delete(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Delete all history?"))
        box.setText(tr("Delete every recorded session from this computer?"))
        box.setInformativeText(
            tr(
                "Your days, streak, minutes and tension ratings will all be gone, and this "
                "cannot be undone. Your settings and favourite oils stay as they are. "
                "You could export a CSV copy first."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(tr("Delete all history"))
        box.button(QMessageBox.StandardButton.No).setText(tr("Keep my history"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def delete_all(self) -> None:
        if not self.confirm_delete():
            return
        self.delete_button.setEnabled(False)
        self.journal.delete_all(lambda _none: self._deleted(), self._delete_failed)

    def _deleted(self) -> None:
        self.delete_button.setEnabled(True)
        self._show_figures(progress_figures([], self.today(), self.tz))
        self.status.setText(tr("Your history has been deleted."))
        self.historyDeleted.emit()

    def _delete_failed(self, reason: str) -> None:
        self.delete_button.setEnabled(True)
        QMessageBox.warning(
            self,
            tr("Could not delete"),
            tr("Your history could not be deleted: %1\n\nPlease try again in a moment.", reason),
        )
