"""The Guide reads like a page: a reading measure centred in its card, a type scale with air
around the headings, the red flags set apart, and links between the pages."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFontMetricsF, QTextFrame

from backcare_desktop.gui.pages.guide import GUIDE_PAGES, guide_markdown
from backcare_desktop.gui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


def characters_per_line(window: MainWindow) -> float:
    """How many characters of the guide's own running text fit on a line."""
    browser = window.guide.browser
    _left, width = window.guide.text_column()
    metrics = QFontMetricsF(browser.document().defaultFont())
    text = guide_markdown("benefits")
    return width / (metrics.horizontalAdvance(text) / len(text))


def test_a_wide_window_keeps_the_text_at_a_reading_measure_centred_in_the_card(
    make_window: MakeWindow,
) -> None:
    window = make_window()
    window.resize(1600, 900)
    window.show_guide("benefits")
    assert 65 <= characters_per_line(window) <= 75
    left, width = window.guide.text_column()
    viewport = window.guide.browser.viewport().width()
    assert left > 24 and abs((viewport - (left + width)) - left) <= 1  # centred


def test_a_narrow_card_fills_its_width_with_a_little_air(make_window: MakeWindow) -> None:
    window = make_window()
    window.show_guide("benefits")
    window.guide.browser.setFixedWidth(420)  # narrower than the measure
    left, width = window.guide.text_column()
    assert left == 24
    assert width == window.guide.browser.viewport().width() - 48


def test_headings_are_larger_than_the_text_and_have_room_above(make_window: MakeWindow) -> None:
    window = make_window()
    window.show_guide("safe_practice")
    document = window.guide.browser.document()
    body = document.defaultFont().pointSizeF()
    sizes: dict[int, float] = {}
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level and level not in sizes:
            sizes[level] = (
                block.charFormat().fontPointSize()
                or block.begin().fragment().charFormat().fontPointSize()
            )
            if level == 2:
                assert block.blockFormat().topMargin() >= 20
        block = block.next()
    assert sizes[1] > sizes[2] > body


def test_the_emergency_signs_stand_apart_in_a_danger_callout(make_window: MakeWindow) -> None:
    window = make_window()
    window.show_guide("warning_signs")
    [callout] = window.guide.callouts
    assert callout.title == "Get emergency care now if you have" and callout.blocks == 4
    frames = [f for f in window.guide.browser.document().rootFrame().childFrames()]
    assert len(frames) == 1 and isinstance(frames[0], QTextFrame)
    form = frames[0].frameFormat()
    assert form.border() > 0
    assert form.borderBrush().color().name() == window.theme["danger"].lower()


def test_the_callout_follows_the_theme(make_window: MakeWindow) -> None:
    window = make_window(theme="light")
    window.show_guide("warning_signs")
    window.preferences.update(theme="dim")
    [frame] = window.guide.browser.document().rootFrame().childFrames()
    assert frame.frameFormat().borderBrush().color().name() == window.theme["danger"].lower()


@pytest.mark.parametrize("page_id", [page for page, _title in GUIDE_PAGES])
def test_every_guide_page_links_to_another_that_exists(page_id: str) -> None:
    targets = re.findall(r"\]\(guide:(\w+)\)", guide_markdown(page_id))
    known = {page for page, _title in GUIDE_PAGES}
    assert targets and set(targets) <= known - {page_id}


def test_a_link_opens_the_page_it_names(make_window: MakeWindow) -> None:
    window = make_window()
    window.show_guide("benefits")
    window.guide.browser.anchorClicked.emit(QUrl("guide:warning_signs"))
    assert window.guide.current_page() == "warning_signs"
    assert "bladder" in window.guide.browser.toPlainText()
