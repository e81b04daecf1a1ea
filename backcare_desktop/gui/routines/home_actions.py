"""What Home's routine controls do with the person's routines: star, edit (a built-in as a
copy), export, remove, import, and the ways into the body map and the editor.

Kept out of the window and Home: they only emit intents (a routine id, "import"); this module
turns each into a change of the routines model or a file dialog, and says what happened in the
status bar, in plain words. The model writes on the job runner; nothing here touches a file.

The file dialog's and message box's Qt classes are imported where a dialog opens: this module
is wired at start, and making their bindings (with their many enums) then cost the first paint
2-5 ms.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from backcare_desktop.gui.look.text import tr

if TYPE_CHECKING:
    from backcare_desktop.app.routines_model import RoutinesModel
    from backcare_desktop.gui.shell.main_window import MainWindow

FILE_FILTER = "BackCare routine (*.backcare-routine.json *.json)"
SUFFIX = ".backcare-routine.json"
STATUS_MS = 10000


def connect_routines(window: MainWindow, routines: RoutinesModel) -> None:
    """Wire Home's cards and the routine actions of `window` to `routines`."""
    home = window.home
    home.offer_own_routines(
        compose=window.has_page("compose"), edit=window.has_page("editor"), files=True
    )
    home.starToggled.connect(routines.star)
    home.editRequested.connect(lambda rid: edit_routine(window, routines, rid))
    home.exportRequested.connect(lambda rid: export_routine(window, routines, rid))
    home.removeRequested.connect(lambda rid: remove_routine(window, routines, rid))
    window.actions_by_name["import_routine"].triggered.connect(
        lambda: import_routine(window, routines)
    )
    routines.problem.connect(lambda words: _say(window, words))
    routines.problem.connect(lambda _words: window.refresh_routines())  # a star put back


def edit_routine(window: MainWindow, routines: RoutinesModel, routine_id: str) -> None:
    """The person's routine in the editor; a built-in one as a copy with an id of its own,
    so what BackCare ships is never changed."""
    if not window.has_page("editor"):
        return
    draft = routines.draft(routine_id)
    if draft is None:
        from backcare_desktop.core.routine_book import as_new
        from backcare_desktop.core.routine_draft import draft_of

        original = window.library.routine(routine_id)
        name = tr("%1 (my copy)", original.name)
        draft = as_new(draft_of(original), routines.taken_ids(), name)
    window.open_editor(draft)


def export_routine(window: MainWindow, routines: RoutinesModel, routine_id: str) -> None:
    routine = window.library.routine(routine_id)
    suggested = Path(_documents()) / f"{_file_stem(routine.name)}{SUFFIX}"
    from PySide6.QtWidgets import QFileDialog

    chosen, _filter = QFileDialog.getSaveFileName(
        window, tr("Export “%1”", routine.name), str(suggested), FILE_FILTER
    )
    if not chosen:
        return
    routines.export_file(
        routine_id,
        Path(chosen),
        lambda path: _say(window, tr("“%1” was exported to %2.", routine.name, str(path))),
        lambda words: _tell(window, tr("The routine could not be exported"), words),
    )


def import_routine(window: MainWindow, routines: RoutinesModel) -> None:
    from PySide6.QtWidgets import QFileDialog

    chosen, _filter = QFileDialog.getOpenFileName(
        window, tr("Import a routine"), _documents(), FILE_FILTER
    )
    if not chosen:
        return
    routines.import_file(
        Path(chosen),
        lambda name: _say(window, tr("“%1” is now one of your routines.", name)),
        lambda words: _tell(window, tr("The routine was not imported"), words),
    )


def remove_routine(window: MainWindow, routines: RoutinesModel, routine_id: str) -> None:
    from backcare_desktop.gui.widgets.confirmation import confirm

    routine = window.library.routine(routine_id)
    if confirm(
        window,
        tr("Remove “%1”?", routine.name),
        tr(
            "Remove your routine “%1”? Sessions you did with it stay in your history. "
            "Export it first if you may want it again.",
            routine.name,
        ),
        tr("Remove “%1”", routine.name),
        tr("Keep it"),
    ):
        routines.remove(routine_id)
        _say(window, tr("“%1” was removed.", routine.name))


def _say(window: MainWindow, words: str) -> None:
    window.statusBar().showMessage(words, STATUS_MS)


def _tell(window: MainWindow, title: str, words: str) -> None:
    """A failure the person asked about directly gets a dialog, with the problem named."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(window, title, words)


def _documents() -> str:
    from PySide6.QtCore import QStandardPaths

    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def _file_stem(name: str) -> str:
    """A file name from a routine's name: letters, digits and dashes only."""
    stem = "".join(c if c.isalnum() else "-" for c in name.casefold()).strip("-")
    while "--" in stem:
        stem = stem.replace("--", "-")
    return stem or "routine"
