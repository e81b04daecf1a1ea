"""The Oils page: search as you type, favourites saved through preferences, a safe calculator."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.core.oils import OilLibrary, drops_for, load_library
from backcare_desktop.gui.look.theme import load_theme
from backcare_desktop.gui.pages.oils import OilsPage
from backcare_desktop.resources import asset_path
from backcare_desktop.storage.memory import MemoryPreferencesStore
from backcare_desktop.storage.store import shipped_defaults


@pytest.fixture(scope="module")
def oil_library() -> OilLibrary:
    return load_library(asset_path("oils.json"))


@pytest.fixture
def store() -> MemoryPreferencesStore:
    return MemoryPreferencesStore(shipped_defaults().with_changes(favourite_oils=("lavender",)))


@pytest.fixture
def page(qtbot: QtBot, oil_library: OilLibrary, store: MemoryPreferencesStore) -> OilsPage:
    preferences = PreferencesModel(store.prefs, store)
    oils = OilsPage(oil_library, preferences)
    qtbot.addWidget(oils)
    return oils


def names(page: OilsPage) -> list[str]:
    return [oil.name for oil in page.shown_oils]


def test_every_oil_is_listed_before_searching(page: OilsPage, oil_library: OilLibrary) -> None:
    assert len(names(page)) == len(oil_library.oils) == page.list.count()
    assert page.current_oil is not None


def test_typing_filters_the_list_as_you_type(page: OilsPage, qtbot: QtBot) -> None:
    qtbot.keyClicks(page.search, "citrus")
    assert "Bergamot" in names(page) and "Sweet orange" in names(page)
    assert "Lavender" not in names(page)
    assert page.list.count() == len(names(page))


def test_a_search_without_matches_says_so_kindly(page: OilsPage, qtbot: QtBot) -> None:
    page.show()
    qtbot.keyClicks(page.search, "zzzz")
    assert names(page) == []
    assert page.no_match.isVisible() and "zzzz" in page.no_match.text()
    page.search.clear()
    assert not page.no_match.isVisible() and len(names(page)) == 12


def test_ctrl_f_puts_the_cursor_in_the_search_box(
    qtbot: QtBot, oil_library: OilLibrary, store: MemoryPreferencesStore
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    page = OilsPage(oil_library, PreferencesModel(store.prefs, store))
    window.setCentralWidget(page)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.search.hasFocus)


def test_the_heart_saves_a_favourite_and_fills_in(
    page: OilsPage, store: MemoryPreferencesStore, qtbot: QtBot
) -> None:
    heart = page.rows["bergamot"].heart
    assert heart.property("icon_name") == "heart"
    qtbot.mouseClick(heart, Qt.MouseButton.LeftButton)
    assert page.preferences.value.favourite_oils == ("lavender", "bergamot")
    assert store.prefs.favourite_oils == ("lavender", "bergamot")
    assert heart.isChecked() and heart.property("icon_name") == "heart-filled"
    assert "Remove" in heart.toolTip()


def test_the_heart_again_removes_the_favourite(page: OilsPage, qtbot: QtBot) -> None:
    heart = page.rows["lavender"].heart
    assert heart.isChecked()
    qtbot.mouseClick(heart, Qt.MouseButton.LeftButton)
    assert page.preferences.value.favourite_oils == ()
    assert not heart.isChecked() and heart.property("icon_name") == "heart"


def test_the_detail_button_and_the_heart_agree(page: OilsPage) -> None:
    page.select_oil("rosemary")
    page.favourite_button.click()
    assert "rosemary" in page.preferences.value.favourite_oils
    assert page.rows["rosemary"].heart.isChecked()
    page.rows["rosemary"].heart.click()
    assert not page.favourite_button.isChecked()


def test_favourites_changed_elsewhere_show_up(page: OilsPage) -> None:
    page.preferences.update(favourite_oils=("cedarwood",))
    assert page.rows["cedarwood"].heart.isChecked()
    assert not page.rows["lavender"].heart.isChecked()


def test_the_detail_view_shows_the_chosen_oil(page: OilsPage) -> None:
    page.select_oil("clary_sage")
    assert page.title.text() == "Clary sage"
    assert "Salvia sclarea" in page.latin.text()
    assert page.use.text() and page.dilution_note.text()


def test_serious_cautions_are_marked_in_the_danger_colour(page: OilsPage) -> None:
    page.select_oil("clary_sage")
    labels = [w for w in page.findChildren(QLabel) if w.property("serious") is not None]
    serious = [w for w in labels if w.property("serious")]
    assert len(labels) == 2 and len(serious) == 1
    assert "pregnancy" in serious[0].text()
    assert page._theme["danger"] in serious[0].text()


def test_the_general_cautions_are_always_shown(page: OilsPage) -> None:
    texts = " ".join(w.text() for w in page.findChildren(QLabel))
    for word in ("undiluted", "patch test", "eyes", "swallow", "pregnant", "epilepsy", "cats"):
        assert word in texts


def test_the_calculator_gives_whole_drops_for_the_blend(page: OilsPage) -> None:
    page.select_oil("lavender")
    page.calculator.carrier.setValue(30)
    page.calculator.percent.setValue(2.0)
    assert drops_for(30, 2.0) == 12
    assert page.calculator.drops_label.text() == "12 drops"
    assert page.calculator.range_label.text() == "Safe range for this oil: 1–3 %"
    assert not page.calculator.too_strong and not page.calculator.scale.too_strong


def test_a_too_strong_blend_is_flagged(page: OilsPage) -> None:
    page.select_oil("peppermint")
    page.calculator.carrier.setValue(10)
    page.calculator.percent.setValue(2.5)
    assert page.calculator.drops_label.text() == "5 drops"
    assert page.calculator.too_strong and page.calculator.scale.too_strong
    assert "stronger than we suggest" in page.calculator.message.text()
    assert page._theme["danger"] in page.calculator.message.text()
    page.calculator.percent.setValue(1.0)
    assert not page.calculator.too_strong


def test_a_gentle_oil_starts_inside_its_own_range(page: OilsPage) -> None:
    page.select_oil("bergamot")
    assert page.calculator.percent.value() == pytest.approx(0.4)
    assert not page.calculator.too_strong
    page.calculator.percent.stepBy(-1)
    assert page.calculator.percent.value() == pytest.approx(0.3)
    page.calculator.percent.setValue(0.5)
    page.calculator.percent.stepBy(2)
    assert page.calculator.percent.value() == pytest.approx(1.5)


def test_a_theme_change_recolours_the_warnings(page: OilsPage) -> None:
    dim = load_theme("dim")
    page.select_oil("peppermint")
    page.calculator.percent.setValue(3.0)
    page.set_theme(dim)
    assert dim["danger"] in page.calculator.message.text()
    serious = [w for w in page.findChildren(QLabel) if w.property("serious")]
    assert serious and all(dim["danger"] in w.text() for w in serious)


def test_the_search_box_hint_has_single_spaces(page: OilsPage) -> None:
    assert page.search.placeholderText() == "Search by name or aroma (Ctrl+F)"


def test_the_carrier_oils_sentence_reads_naturally(page: OilsPage) -> None:
    texts = [w.text() for w in page.findChildren(QLabel)]
    assert (
        "Carrier oils that suit a massage: sweet almond oil, jojoba oil, grapeseed oil, "
        "fractionated coconut oil."
    ) in texts


def test_bergamot_in_too_little_carrier_says_so_instead_of_a_check_mark(page: OilsPage) -> None:
    page.select_oil("bergamot")
    calculator = page.calculator
    assert calculator.carrier.value() == 10 and calculator.percent.value() == pytest.approx(0.4)
    assert calculator.drops_label.text() == "0 drops"
    assert "comfortable" not in calculator.message.text()
    assert "at least 13 ml of carrier oil" in calculator.message.text()
    assert calculator.message_icon.property("icon_name") == "info"
    assert not calculator.too_strong
    calculator.carrier.setValue(15)
    assert calculator.drops_label.text() == "1 drop"
    assert "comfortable strength for a back massage with bergamot" in calculator.message.text()
    assert calculator.message_icon.property("icon_name") == "check"


def test_oil_names_inside_the_calculators_sentences_are_lower_case(page: OilsPage) -> None:
    page.select_oil("lavender")
    assert page.calculator.intro.text() == (
        "How many drops of lavender to blend into your carrier oil."
    )
    assert page.calculator.drops_detail.text() == "of lavender in 10 ml of carrier oil"
    page.select_oil("roman_chamomile")
    assert "drops of Roman chamomile" in page.calculator.intro.text()
