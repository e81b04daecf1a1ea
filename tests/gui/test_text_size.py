"""Text size (Settings → Appearance) scales every page's text, live, from 100 to 200 %."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from backcare_desktop.gui.look.theme import apply_text_scale
from backcare_desktop.gui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def system_text_size_after() -> Iterator[None]:
    """The application font is shared by every test: give the system's size back."""
    yield
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_text_scale(app, 100)


def shown_size(widget: QLabel) -> float:
    widget.ensurePolished()
    return widget.font().pointSizeF()


def test_a_larger_text_size_grows_the_application_font_and_every_styled_size(
    make_window: MakeWindow,
) -> None:
    window = make_window()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    base = app.font().pointSizeF()
    greeting = shown_size(window.home.greeting)
    button = window.home.breathe_button.font().pointSizeF()
    window.preferences.update(text_scale=200)
    assert app.font().pointSizeF() == pytest.approx(base * 2)
    assert shown_size(window.home.greeting) == pytest.approx(greeting * 2, rel=0.02)
    assert window.home.breathe_button.font().pointSizeF() == pytest.approx(button * 2, rel=0.02)
    window.preferences.update(text_scale=100)
    assert app.font().pointSizeF() == pytest.approx(base)
    assert shown_size(window.home.greeting) == pytest.approx(greeting, rel=0.02)


def test_the_window_opens_at_the_person_s_text_size(make_window: MakeWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    base = app.font().pointSizeF()
    make_window(text_scale=150)
    assert app.font().pointSizeF() == pytest.approx(base * 1.5)


def test_a_change_of_text_size_keeps_the_theme(make_window: MakeWindow) -> None:
    window = make_window(theme="contrast")
    window.preferences.update(text_scale=130)
    assert window.theme.name == "contrast"
    assert window.palette().window().color().name() == window.theme["background"]
