"""New figures reach the Progress page in turns that each fit in a frame: the pictures are
drawn ahead, each in a turn of its own, and the page then paints once, as copies."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from test_progress_page import CountingJournal, make_page, seeded_records

from backcare_desktop.gui.pages.progress import ProgressPage
from backcare_desktop.gui.widgets.kept_drawing import (
    MAX_HELD_TURNS,
    KeptDrawing,
    PaintAfterDrawings,
)


class PaintWatch(QObject):
    """Notes each paint of the page's column: whether its pictures were drawn by then, and
    whether its scroll bar was in place."""

    def __init__(self, page: ProgressPage) -> None:
        super().__init__(page)
        self.page = page
        self.paints: list[tuple[bool, bool, bool]] = []
        page.widget().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.page.loaded:
            page = self.page
            scrolls = page.verticalScrollBar().isVisible()
            self.paints.append((page.heatmap.drawn, page.chart.drawn, scrolls))
        return False


def count_drawings(drawing: KeptDrawing) -> list[int]:
    made: list[int] = []
    draw = drawing.draw

    def counted(painter: QPainter) -> None:
        made.append(1)
        draw(painter)

    drawing.draw = counted  # type: ignore[method-assign]
    return made


def shown_page(qtbot: QtBot, journal: CountingJournal) -> ProgressPage:
    page = make_page(qtbot, journal)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_the_first_figures_paint_the_page_only_once_laid_out_with_its_pictures_drawn_ahead(
    qtbot: QtBot,
) -> None:
    """Painted as they arrived, the figures showed first without the scroll bar they bring,
    then again with it, each time drawing the pictures in the paint."""
    page = make_page(qtbot, CountingJournal(seeded_records()))
    page.resize(1100, 760)
    watch = PaintWatch(page)
    heatmap, chart = count_drawings(page.heatmap), count_drawings(page.chart)
    page.show()
    qtbot.waitUntil(lambda: page.loaded and bool(watch.paints))
    qtbot.wait(50)  # room for a second paint, were the scroll bar to come a turn late
    assert page.verticalScrollBar().isVisible()  # the figures made the page scroll
    assert set(watch.paints) == {(True, True, True)}
    assert len(heatmap) == len(chart) == 1


def test_new_figures_on_a_shown_page_are_drawn_once_before_it_paints(qtbot: QtBot) -> None:
    journal = CountingJournal(seeded_records())
    page = shown_page(qtbot, journal)
    qtbot.waitUntil(lambda: page.loaded and page.updatesEnabled())
    heatmap, chart = count_drawings(page.heatmap), count_drawings(page.chart)
    today = seeded_records()[3]
    journal.add(replace(today, id="later", started_at=today.started_at.replace(hour=19)))
    with qtbot.waitSignal(page.refreshed):
        page.refresh()
    assert not page.updatesEnabled()  # held until the pictures are drawn
    watch = PaintWatch(page)  # from the hold on (the first load may have painted after it)
    qtbot.waitUntil(lambda: bool(watch.paints))
    assert page.updatesEnabled()
    assert set(watch.paints) == {(True, True, True)}
    assert len(heatmap) == len(chart) == 1
    assert page.heatmap.minutes_on(today.started_at.date()) == 40


def test_figures_reaching_a_hidden_page_are_drawn_when_it_is_next_shown(qtbot: QtBot) -> None:
    journal = CountingJournal(seeded_records())
    page = make_page(qtbot, journal)
    page.resize(1100, 760)
    with qtbot.waitSignal(page.refreshed):
        page.refresh()
    assert page.updatesEnabled() and not page.heatmap.drawn
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.heatmap.drawn and page.chart.drawn)


class Growing(KeptDrawing):
    """A drawing that grows wider each time it is drawn while its area is held (a layout that
    never settles)."""

    def __init__(self) -> None:
        super().__init__()
        self.made = 0

    def sizeHint(self) -> QSize:
        return QSize(100 + self.made, 50)

    def draw(self, painter: QPainter) -> None:
        self.made += 1
        area = self.parentWidget()
        if area is not None and not area.updatesEnabled():
            self.setFixedWidth(100 + self.made)


def test_a_drawing_whose_size_never_settles_holds_the_painting_only_a_few_turns(
    qtbot: QtBot,
) -> None:
    area = QWidget()
    drawing = Growing()
    QVBoxLayout(area).addWidget(drawing)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    hold = PaintAfterDrawings(area, [drawing])
    with hold.held():
        drawing.redraw()
    assert hold.holding and not area.updatesEnabled()
    qtbot.waitUntil(lambda: not hold.holding)
    assert area.updatesEnabled()
    assert drawing.made <= MAX_HELD_TURNS + 1  # the turns held, and at most the paint's own


def test_a_drawing_made_ahead_is_copied_at_the_next_paint_not_made_again(qtbot: QtBot) -> None:
    drawing = Growing()
    drawing.setFixedSize(120, 40)
    drawing.draw = lambda painter: None  # type: ignore[method-assign]
    qtbot.addWidget(drawing)
    made = count_drawings(drawing)
    drawing.show()
    qtbot.waitExposed(drawing)
    drawing.redraw()
    assert not drawing.drawn
    drawing.draw_ahead()
    assert drawing.drawn and len(made) == 1
    drawing.grab()  # a paint
    drawing.draw_ahead()
    assert len(made) == 1
    drawing.setFixedSize(140, 40)
    assert not drawing.drawn  # another size: drawn again


def test_a_held_area_still_renders_when_grabbed(qtbot: QtBot) -> None:
    """Screenshots and tests grab widgets; a hold only defers painting on screen."""
    journal = CountingJournal(seeded_records())
    page = shown_page(qtbot, journal)
    qtbot.waitUntil(lambda: page.loaded and page.updatesEnabled())
    page.setUpdatesEnabled(False)
    try:
        picture: QPixmap = page.grab()
    finally:
        page.setUpdatesEnabled(True)
    assert not picture.toImage().isNull()
