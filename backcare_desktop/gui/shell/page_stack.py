"""The window's pages, each scrolling only when the window is smaller than it needs, so no
page's minimum size becomes the window's (which once kept the window at 1500×990 at 150 %)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QWidget

from backcare_desktop.gui.widgets.qt_numbers import take_no_focus


@runtime_checkable
class FitsRoom(Protocol):
    """A page that packs itself tighter when the room it is shown in is small.

    A page shown in a scroller is never smaller than its minimum size, so its own size cannot
    tell it that the window is smaller still (200 % on a 1366×768 screen); the scroller tells
    it the room instead, before sizing it."""

    def fit_room(self, room: QSize) -> None: ...


class PageStack(QStackedWidget):
    """The window's pages, each in a scroll area of its own (pages that scroll themselves are
    used as they are), so no page's minimum size becomes the window's.

    It speaks in pages, not in their scroll areas: `currentWidget()` is the page shown and
    `setCurrentWidget(page)` shows it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._holders: dict[QWidget, QWidget] = {}

    def addWidget(self, page: QWidget) -> int:
        holder = page if isinstance(page, QScrollArea) else self._scroller(page)
        self._holders[page] = holder
        return super().addWidget(holder)

    def setCurrentWidget(self, page: QWidget) -> None:
        super().setCurrentWidget(self._holders.get(page, page))

    def currentWidget(self) -> QWidget | None:
        holder = super().currentWidget()
        for page, own in self._holders.items():
            if own is holder:
                return page
        return holder

    @staticmethod
    def _scroller(page: QWidget) -> QScrollArea:
        return PageScroller(page)


class PageScroller(QScrollArea):
    """Shows a page at the size of the window's room, scrolling only below the page's
    minimum size.

    Not `setWidgetResizable`: that sizes a page whose words wrap to its *preferred* height
    for the width (a step's whole instructions, the ring at full size), so the session's
    controls went below the window's edge although the page could have shrunk to fit.
    """

    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_scroller")
        self.setFrameShape(QFrame.Shape.NoFrame)
        take_no_focus(self)  # the page's own controls take focus
        self.setWidget(page)
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return super().eventFilter(watched, event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit()
        return super().viewportEvent(event)

    def _fit(self) -> None:
        page = self.widget()
        if page is None:
            return
        if isinstance(page, FitsRoom):
            page.fit_room(self.viewport().size())
        least = page.minimumSizeHint().expandedTo(page.minimumSize())
        page.resize(self.viewport().size().expandedTo(least))
