"""Home's routine controls, driven through the real composition root and the routines file:
a star keeps a routine first, a built-in one is edited as a copy, export and import give the
same routine back, and removing asks first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from own_routine_example import PHYSIO
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.core.routine import Library
from backcare_desktop.core.routine_book import adding
from backcare_desktop.core.routine_draft import RoutineDraft
from backcare_desktop.gui.pages.routine_card import RoutineCard
from backcare_desktop.gui.routines import editor_page
from backcare_desktop.gui.routines.compose_page import ComposePage
from backcare_desktop.gui.routines.editor_page import EditorPage
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.gui.shell.root import AppRoot
from backcare_desktop.gui.widgets import confirmation
from backcare_desktop.paths import AppPaths
from backcare_desktop.storage.routine_store import RoutineStore

MODS = Qt.KeyboardModifier


@pytest.fixture
def open_root(start_app: Callable[[], AppRoot]) -> Iterator[AppRoot]:
    """BackCare as the person starts it (conftest's `start_app`), at a roomy window size."""
    root = start_app()
    root.window().resize(1200, 800)
    yield root
    root.persistence.wait_for_saves()


def card_of(window: MainWindow, routine_id: str) -> RoutineCard:
    return next(card for card in window.home.cards if card.routine.id == routine_id)


def is_marked_yours(card: RoutineCard) -> bool:
    return card.mine_chip is not None and card.mine_chip.isVisibleTo(card)


def on_disk(paths: AppPaths, library: Library) -> tuple[list[str], frozenset[str]]:
    book, _ = RoutineStore.in_data_dir(paths, library).load()
    return [draft.id for draft in book.own], book.favourites


def test_starring_a_routine_keeps_it_first_on_home_and_on_disk(
    open_root: AppRoot, qtbot: QtBot, paths: AppPaths, library: Library
) -> None:
    window = open_root.window()
    last = window.home.cards[-1].routine.id
    star = card_of(window, last).star_button
    assert star.accessibleName().startswith("Favourite:") and not star.isChecked()
    star.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(star, Qt.Key.Key_Space)  # the keyboard stars as the mouse does
    qtbot.waitUntil(lambda: window.home.cards[0].routine.id == last)
    assert window.home.cards[0].star_button.isChecked()
    assert on_disk(paths, library)[1] == {last}
    assert open_root.library.routines[0].id == last  # the tray and reminders read this one


def test_a_routine_written_elsewhere_is_kept_when_the_app_saves_a_star(
    open_root: AppRoot, qtbot: QtBot, paths: AppPaths, library: Library
) -> None:
    RoutineStore.in_data_dir(paths, library).apply(adding(PHYSIO))  # `backcare routine import`
    window = open_root.window()
    card_of(window, "daily_back_reset").star_button.click()
    qtbot.waitUntil(lambda: any(card.routine.id == PHYSIO.id for card in window.home.cards))
    assert on_disk(paths, library) == ([PHYSIO.id], frozenset({"daily_back_reset"}))
    qtbot.waitUntil(lambda: is_marked_yours(card_of(window, PHYSIO.id)))


# A popup grabs the keyboard and mouse, which the offscreen platform cannot (a desktop can).
@pytest.mark.qt_log_ignore("This plugin does not support grabbing")
@pytest.mark.parametrize("key", [None, Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Down])
def test_more_opens_its_menu_under_the_button_by_click_or_key(
    open_root: AppRoot, qtbot: QtBot, key: Qt.Key | None
) -> None:
    card = card_of(open_root.window(), "daily_back_reset")
    more = card.more_button
    assert more.accessibleName() == "More for Daily back reset"
    assert "menu" in more.accessibleDescription()
    if key is None:
        qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    else:
        more.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(more, key)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    menu = QApplication.activePopupWidget()
    # From the keyboard the first entry is chosen, so the focus (and a screen reader) is in
    # the menu at once; a click leaves the choice to the pointer.
    chosen = menu.activeAction()
    assert (chosen and chosen.text()) == (None if key is None else "Edit a copy…")
    assert menu is card.more_menu()
    assert [a.text() for a in menu.actions()] == ["Edit a copy…", "Export to a file…"]
    assert menu.pos() == more.mapToGlobal(more.rect().bottomLeft()) + QPoint(0, 1)
    menu.close()


def test_editing_a_built_in_routine_opens_a_copy_with_an_id_of_its_own(
    open_root: AppRoot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_root.window()
    opened: list[RoutineDraft | None] = []
    monkeypatch.setattr(window, "open_editor", lambda draft, regions=(): opened.append(draft))
    card = card_of(window, "daily_back_reset")
    (edit,) = [a for a in card.more_menu().actions() if a.text() == "Edit a copy…"]
    edit.trigger()
    (draft,) = opened
    assert draft is not None and draft.id.startswith("own_") and draft.id != "daily_back_reset"
    assert draft.name.endswith("(my copy)")


def test_export_then_import_through_the_file_dialogs_gives_the_routine_back(
    open_root: AppRoot,
    qtbot: QtBot,
    paths: AppPaths,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_root.window()
    with qtbot.waitSignal(open_root.routines.changed):
        open_root.routines.save(PHYSIO)
    file = tmp_path / "physio.backcare-routine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(file), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(file), ""))
    card = card_of(window, PHYSIO.id)
    (export,) = [a for a in card.more_menu().actions() if a.text() == "Export to a file…"]
    export.trigger()
    qtbot.waitUntil(file.exists)
    asked: list[tuple[str, ...]] = []
    monkeypatch.setattr(confirmation, "confirm", lambda _p, *words: asked.append(words) or True)
    (remove,) = [a for a in card.more_menu().actions() if a.text() == "Remove…"]
    remove.trigger()
    qtbot.waitUntil(lambda: all(c.routine.id != PHYSIO.id for c in window.home.cards))
    assert asked[0][2:] == ("Remove “Physio’s routine”", "Keep it")
    assert on_disk(paths, library)[0] == []
    window.home.import_button.click()
    qtbot.waitUntil(lambda: any(c.routine.id == PHYSIO.id for c in window.home.cards))
    book, _ = RoutineStore.in_data_dir(paths, library).load()
    assert book.own == (PHYSIO,)
    assert "is now one of your routines" in window.statusBar().currentMessage()


def test_a_hostile_file_is_refused_in_plain_words_and_nothing_is_kept(
    open_root: AppRoot,
    qtbot: QtBot,
    paths: AppPaths,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    file = tmp_path / "shared.json"
    file.write_text(
        '{"format": "backcare-routine", "version": 1, "routine": '
        '{"id": "own_x", "name": "x", "steps": [{"technique": "/etc/passwd", '
        '"seconds": 60}]}}',
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(file), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, words: told.append(words))
    open_root.window().actions_by_name["import_routine"].trigger()
    qtbot.waitUntil(lambda: bool(told))
    assert "shared.json" in told[0] and "Traceback" not in told[0]
    assert not (paths.data_dir / "routines.json").exists() or on_disk(paths, library)[0] == []


def test_the_reminders_page_offers_a_routine_saved_after_it_was_built(
    open_root: AppRoot, qtbot: QtBot
) -> None:
    window = open_root.window()
    window.show_page("reminders")
    page = window.stack.currentWidget()
    with qtbot.waitSignal(open_root.routines.changed):
        open_root.routines.save(PHYSIO)
    assert PHYSIO.id in [routine.id for routine in page.library.routines]  # type: ignore[attr-defined]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_a_routine_written_in_the_editor_by_keyboard_is_kept_and_starts_from_home(
    open_root: AppRoot, qtbot: QtBot, paths: AppPaths, library: Library
) -> None:
    window = open_root.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, MODS.ControlModifier | MODS.ShiftModifier)
    editor = window.stack.currentWidget()
    assert isinstance(editor, EditorPage)
    qtbot.keyClicks(focused(), "After the drive")  # the name has the focus
    for words in ("warm-up", "deep breathing"):
        editor.picker.search.setFocus(Qt.FocusReason.TabFocusReason)
        editor.picker.search.selectAll()
        qtbot.keyClicks(editor.picker.search, words)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClick(focused(), Qt.Key.Key_S, MODS.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home)
    card = card_of(window, "own_after_the_drive")
    assert is_marked_yours(card)
    assert on_disk(paths, library)[0] == ["own_after_the_drive"]
    card.start_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(card.start_button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.prepare
    assert window.prepare.title.text() == "After the drive"


def test_the_body_map_from_home_composes_a_routine_that_starts(
    open_root: AppRoot, qtbot: QtBot
) -> None:
    window = open_root.window()
    window.home.compose_button.click()
    page = window.stack.currentWidget()
    assert isinstance(page, ComposePage)
    assert window.header.nav["home"].isChecked()  # a page of Home's, not a page of its own
    page.body_map.buttons["neck"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.composition is not None)
    page.start_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.prepare
    assert page.composition is not None
    assert window.prepare.title.text() == page.composition.routine.name


def test_leaving_the_editor_with_unsaved_changes_asks_first(
    open_root: AppRoot, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_root.window()
    window.open_editor(None)
    editor = window.stack.currentWidget()
    assert isinstance(editor, EditorPage)
    qtbot.keyClicks(editor.name, "Half written")
    answers = [False, False, True]  # keep editing, keep editing, discard
    asked: list[tuple[str, ...]] = []

    def answer(_parent: object, *words: str) -> bool:
        asked.append(words)
        return answers.pop(0)

    monkeypatch.setattr(editor_page, "confirm", answer)
    window.actions_by_name["home"].trigger()  # the header's Routines
    assert window.stack.currentWidget() is editor and editor.name.text() == "Half written"
    window.actions_by_name["new_routine"].trigger()  # a new routine would replace it too
    assert window.stack.currentWidget() is editor and editor.name.text() == "Half written"
    window.actions_by_name["home"].trigger()
    assert window.stack.currentWidget() is window.home
    assert [words[0] for words in asked] == ["Discard changes?"] * 3
    assert asked[0][2:] == ("Discard changes", "Keep editing")  # each button says what it does


def test_a_card_shows_a_pointing_hand_once_the_pointer_comes_over_it(open_root: AppRoot) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QEnterEvent

    card = open_root.window().home.cards[0]
    where = QPointF(5, 5)
    QApplication.sendEvent(card, QEnterEvent(where, where, card.mapToGlobal(where)))
    assert card.cursor().shape() == Qt.CursorShape.PointingHandCursor
    assert card.star_button.cursor().shape() == Qt.CursorShape.PointingHandCursor
