"""The routine editor: build a routine by keyboard alone, rearrange it, set each step, and keep
it; the safety rules hold while editing, advice can be dismissed, built-ins never change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backcare_desktop.core.routine import Library
from backcare_desktop.core.routine_book import as_new
from backcare_desktop.core.routine_draft import DraftStep, RoutineDraft, StepSide, draft_of
from backcare_desktop.gui.look.theme import load_theme
from backcare_desktop.gui.routines import technique_picker
from backcare_desktop.gui.routines.editor_page import EditorPage
from backcare_desktop.gui.routines.technique_picker import PICTURE_ROLE


class FakeKeeper:
    """The person's routines as the editor sees them: saves are kept and answered at once."""

    def __init__(self, taken: frozenset[str] = frozenset()) -> None:
        self.saved: list[RoutineDraft] = []
        self.taken = taken

    def save(self, draft: RoutineDraft, done: Callable[[str], None] | None = None) -> None:
        self.saved.append(draft)
        if done is not None:
            done(draft.id)

    def taken_ids(self) -> frozenset[str]:
        return self.taken | {draft.id for draft in self.saved}


@pytest.fixture
def keeper(library: Library) -> FakeKeeper:
    return FakeKeeper(frozenset(routine.id for routine in library.routines))


@pytest.fixture
def make_editor(qtbot: QtBot, library: Library, keeper: FakeKeeper) -> Callable[..., EditorPage]:
    def make(confirm: Callable[[QWidget], bool] = lambda _parent: True) -> EditorPage:
        page = EditorPage(library, keeper, load_theme("light"), confirm_discard=confirm)
        qtbot.addWidget(page)
        page.resize(1280, 720)
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)
        return page

    return make


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifier)


def tab_to(qtbot: QtBot, target: QWidget) -> None:
    """Press Tab until `target` has the focus (as a person would), failing after a lap."""
    for _ in range(30):
        if focused() is target:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.accessibleName()!r}")


def add_by_search(qtbot: QtBot, page: EditorPage, words: str) -> None:
    tab_to(qtbot, page.picker.search)
    page.picker.search.selectAll()
    qtbot.keyClicks(page.picker.search, words)
    press(qtbot, Qt.Key.Key_Return)


def ids(page: EditorPage) -> list[str]:
    return [step.technique for step in page.steps.steps()]


def test_a_routine_is_built_rearranged_set_and_saved_by_keyboard_alone(
    qtbot: QtBot, make_editor: Callable[..., EditorPage], keeper: FakeKeeper
) -> None:
    page = make_editor()
    assert focused() is page.name
    qtbot.keyClicks(page.name, "Physio moves")
    add_by_search(qtbot, page, "warm-up")
    add_by_search(qtbot, page, "kneading")
    add_by_search(qtbot, page, "deep breathing")
    assert ids(page) == ["warm_up", "kneading_shoulder", "deep_breathing"]

    tab_to(qtbot, page.steps.list)
    assert page.steps.current_row() == 2
    press(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert ids(page) == ["warm_up", "deep_breathing", "kneading_shoulder"]
    assert focused() is page.steps.list and page.steps.current_row() == 1
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert ids(page) == ["warm_up", "kneading_shoulder", "deep_breathing"]
    assert page.steps.current_row() == 2

    press(qtbot, Qt.Key.Key_Up)  # the kneading step
    tab_to(qtbot, page.form.duration)
    page.form.duration.selectAll()
    qtbot.keyClicks(page.form.duration, "90")
    tab_to(qtbot, page.form.side)
    press(qtbot, Qt.Key.Key_Down)  # both sides -> left side
    tab_to(qtbot, page.form.note)
    qtbot.keyClicks(page.form.note, "physio: keep the elbow low")
    assert page.total.text() == "Total 4:30 · 3 steps"  # 60 + 90 (left only) + 120
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert len(keeper.saved) == 1
    saved = keeper.saved[0]
    assert saved.id == "own_physio_moves" and saved.name == "Physio moves"
    assert saved.steps[1] == DraftStep(
        "kneading_shoulder", 90, StepSide.LEFT, note="physio: keep the elbow low"
    )
    assert [step.technique for step in saved.steps] == ids(page)


def test_dragging_a_step_to_another_place_reorders_the_routine(
    make_editor: Callable[..., EditorPage], library: Library
) -> None:
    """A drop inside the list moves the row in Qt's model; the routine follows that order."""
    page = make_editor()
    page.edit(draft_of(library.routine("desk_break"), new="own_desk"))
    before = ids(page)
    model = page.steps.list.model()
    assert model.moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert ids(page) == [before[1], before[2], before[0], *before[3:]]
    assert page.steps.list.item(2).text().startswith(f"3. {library.techniques[before[0]].name}")


def test_a_removed_step_leaves_the_focus_on_the_list(
    qtbot: QtBot, make_editor: Callable[..., EditorPage], library: Library
) -> None:
    page = make_editor()
    page.edit(draft_of(library.routine("desk_break"), new="own_desk"))
    before = ids(page)
    page.steps.list.setFocus()
    page.steps.list.setCurrentRow(1)
    press(qtbot, Qt.Key.Key_Delete)
    assert ids(page) == [before[0], *before[2:]]
    assert focused() is page.steps.list and page.steps.current_row() == 1


def test_a_foam_roller_step_on_the_lower_back_is_removed_and_the_page_says_so(
    make_editor: Callable[..., EditorPage],
) -> None:
    page = make_editor()
    page.edit(
        RoutineDraft(
            "own_mine",
            "Mine",
            (
                DraftStep("warm_up", 60),
                DraftStep("roller_upper_back", 60, region="lower_back"),
                DraftStep("effleurage_back", 60),
            ),
        )
    )
    assert ids(page) == ["warm_up", "effleurage_back"]
    assert page.notes.removed_frame.isVisible()
    assert page.notes.removed.text() == "No foam roller on the lower back: this step was removed."


def test_advice_can_be_dismissed_and_stays_dismissed_for_the_routine(
    make_editor: Callable[..., EditorPage], library: Library
) -> None:
    page = make_editor()
    page.edit(RoutineDraft("own_mine", "Mine", (DraftStep("effleurage_back", 60),)))
    warm_up = "Consider a warm-up first."
    assert warm_up in page.notes.advice_texts()
    button = page.notes.buttons()[page.notes.advice_texts().index(warm_up)]
    assert button.accessibleName() == f"Dismiss: {warm_up}"
    button.click()
    assert warm_up not in page.notes.advice_texts()
    page.add_step("circular_friction")
    assert warm_up not in page.notes.advice_texts()
    assert page.save_button.isEnabled()  # advice never blocks Save


def test_errors_block_save_with_the_reason(
    qtbot: QtBot, make_editor: Callable[..., EditorPage], keeper: FakeKeeper
) -> None:
    page = make_editor()
    assert not page.save_button.isEnabled()
    assert "Give the routine a name." in page.reason.text()
    assert "Add at least one step." in page.reason.text()
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert keeper.saved == []


def test_a_copy_of_a_built_in_routine_is_saved_under_an_id_of_its_own(
    make_editor: Callable[..., EditorPage], library: Library, keeper: FakeKeeper
) -> None:
    built_in = library.routine("daily_back_reset")
    page = make_editor()
    page.edit(draft_of(built_in))  # even handed over with the built-in's id
    page.save()
    page.edit(as_new(draft_of(built_in), keeper.taken_ids()))
    page.save()
    first, second = (draft.id for draft in keeper.saved)
    assert first.startswith("own_") and second.startswith("own_")
    assert len({first, second, built_in.id}) == 3


def test_a_step_lasts_only_as_long_as_its_technique_allows(
    qtbot: QtBot, make_editor: Callable[..., EditorPage], library: Library
) -> None:
    page = make_editor()
    page.add_step("shoulder_tapping")
    span = library.techniques["shoulder_tapping"].duration
    box = page.form.duration
    assert (box.minimum(), box.maximum(), box.value()) == (span.minimum, span.maximum, span.default)
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "300")
    press(qtbot, Qt.Key.Key_Tab)
    assert page.steps.steps()[0].seconds == span.maximum


def test_only_the_settings_that_apply_to_a_step_are_offered(
    make_editor: Callable[..., EditorPage],
) -> None:
    page = make_editor()
    page.add_step("deep_breathing")
    assert page.form.breathing.isVisible() and not page.form.side.isVisible()
    page.form.breathing.setCurrentIndex(1)
    assert page.steps.steps()[0].breathing == page.form.breathing.itemData(1)
    page.add_step("kneading_shoulder")
    assert page.form.side.isVisible() and not page.form.breathing.isVisible()
    assert page.steps.steps()[1].side is StepSide.BOTH
    assert page.total.text().startswith("Total 4:00")  # 120 + 60 on each side


def test_the_library_search_keeps_techniques_holding_every_word(
    make_editor: Callable[..., EditorPage],
) -> None:
    page = make_editor()
    page.picker.search.setText("ball glutes")
    assert page.picker.visible_ids() == ["ball_glutes", "ball_glutes_floor"]
    page.picker.search.setText("trampoline")
    assert page.picker.visible_ids() == []
    assert page.picker.empty_note.isVisible() and not page.picker.add_button.isEnabled()


def test_cancel_asks_before_discarding_changes(
    make_editor: Callable[..., EditorPage], qtbot: QtBot
) -> None:
    answers: list[bool] = []
    page = make_editor(confirm=lambda _parent: answers.pop())
    with qtbot.waitSignal(page.closed, timeout=1000):
        page.cancel()  # nothing changed: it leaves without a question (none is answered)
    page.add_step("warm_up")
    answers.append(False)
    with qtbot.assertNotEmitted(page.closed, wait=0):
        page.cancel()
    answers.append(True)
    with qtbot.waitSignal(page.closed, timeout=1000):
        page.cancel()


def test_every_control_a_person_can_tab_to_has_a_name_and_tab_follows_the_reading_order(
    qtbot: QtBot, make_editor: Callable[..., EditorPage], library: Library
) -> None:
    page = make_editor()
    page.edit(as_new(draft_of(library.routine("desk_break")), ()))
    page.steps.list.setCurrentRow(1)
    seen: list[QWidget] = []
    page.name.setFocus()
    for _ in range(40):
        widget = focused()
        if widget in seen:
            break
        seen.append(widget)
        press(qtbot, Qt.Key.Key_Tab)
    names = [w.accessibleName() or getattr(w, "text", lambda: "")() for w in seen]
    assert all(name.strip() for name in names), list(zip(seen, names, strict=True))
    expected = [
        page.name,
        page.picker.search,
        page.picker.list,
        page.picker.add_button,
        *page.notes.buttons(),
        page.steps.list,
        page.steps.up_button,
        page.steps.down_button,
        page.steps.remove_button,
        page.form.duration,
    ]
    assert seen[: len(expected)] == expected
    assert seen[-2:] == [page.cancel_button, page.save_button]


def test_the_library_shows_each_technique_s_picture_in_the_theme_s_colours(
    make_editor: Callable[..., EditorPage],
) -> None:
    page = make_editor()
    index = page.picker.filtered.index(0, 0)

    def picture() -> QImage:
        pixmap = index.data(PICTURE_ROLE)
        assert isinstance(pixmap, QPixmap) and not pixmap.isNull()
        return pixmap.toImage()

    light = picture()
    page.set_theme(load_theme("dim"))
    assert picture() != light


def test_the_library_renders_only_the_pictures_of_the_rows_in_view(
    qtbot: QtBot, library: Library, keeper: FakeKeeper, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page is built right after start-up: measuring the list must not render all 27."""
    drawn: list[str] = []
    real = technique_picker.routine_picture

    def counting(file_name: str, *args: Any) -> QPixmap:
        drawn.append(file_name)
        return real(file_name, *args)

    monkeypatch.setattr(technique_picker, "routine_picture", counting)
    page = EditorPage(library, keeper, load_theme("light"))
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.layout().activate()
    assert drawn == []
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: bool(drawn))
    assert len(set(drawn)) < len(library.techniques) / 2
