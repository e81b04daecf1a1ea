"""The pseudo-locale: every string bracketed, accented and 40 % longer, in the real window.

Two promises are checked on every page at 1280×720: nothing the person reads is left
untranslated (it would show without brackets), and longer words still fit (no text cut off,
and the window did not have to grow). Content from assets (technique, routine and oil names,
guide text) is data, translated as data: it is allowed through, as are numbers and times.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.routine import Library
from backcare_desktop.gui.pages.safety_notice import SafetyNoticeDialog
from backcare_desktop.gui.settings.dialog import SettingsDialog
from backcare_desktop.gui.shell.main_window import MainWindow
from backcare_desktop.gui.shell.root import AppRoot
from backcare_desktop.paths import resolve_paths
from backcare_desktop.resources import assets_dir
from backcare_desktop.storage.store import PreferencesStore, shipped_defaults

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 1280, 720
ALLOWED_WORDS = {
    "BackCare",  # the app's name is the same in every language
    "Desktop",  # ... as in "BackCare Desktop"
}
"""Words that may show unbracketed besides asset content, numbers and times."""
BRACKETED = re.compile(r"\[[^\[\]]*\]")
WORD = re.compile(r"[^\W\d_]{2,}")


def load_script() -> ModuleType:
    path = ROOT / "packaging" / "i18n" / "pseudo_locale.py"
    spec = importlib.util.spec_from_file_location("pseudo_locale", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def asset_strings() -> list[str]:
    """Every string in the shipped JSON assets and guide pages, longest first."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in assets_dir().rglob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    found.extend(p.read_text(encoding="utf-8") for p in assets_dir().rglob("*.md"))
    pieces = {piece.strip() for text in found for piece in re.split(r"\{\w+\}", text)}
    return sorted({piece for piece in pieces if piece}, key=len, reverse=True)


@pytest.fixture(scope="module")
def pseudo_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    qm: Path = load_script().make_pseudo_locale(tmp_path_factory.mktemp("i18n"))
    return qm


@pytest.fixture
def pseudo_window(
    qtbot: QtBot, pseudo_qm: Path, isolated_home: Path, library: Library, clock: FakeClock
) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = QTranslator()
    assert translator.load(str(pseudo_qm))
    app.installTranslator(translator)
    paths = resolve_paths(isolated_home).ensure()
    prefs = shipped_defaults().with_changes(first_run_acknowledged=True)
    PreferencesStore.in_data_dir(paths).apply(lambda _old: prefs)
    desktop = AppRoot(paths, library, clock)
    window = desktop.window()
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.keep_running_in_tray(False)
    window.close()
    desktop.reminders().close()
    app.removeTranslator(translator)


def plain(text: str) -> str:
    return re.sub(r"<[^>]*>", " ", text).replace("&nbsp;", " ").replace("&amp;", "&")


def untranslated(text: str, content: list[str]) -> list[str]:
    """The words of `text` that come neither from a translation nor from the assets."""
    rest = plain(text)
    while BRACKETED.search(rest):
        rest = BRACKETED.sub(" ", rest)
    for piece in content:
        if piece in rest:
            rest = rest.replace(piece, " ")
    if any(rest.strip() in piece for piece in content):  # a part of content (a page heading)
        return []
    return [w for w in WORD.findall(rest) if w not in ALLOWED_WORDS]


def shown_texts(top: QWidget) -> Iterator[tuple[QWidget, str]]:
    yield top, top.windowTitle()
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisibleTo(top):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield widget, widget.text()
        elif isinstance(widget, QGroupBox):
            yield widget, widget.title()
        yield widget, widget.toolTip()


def clipped(top: QWidget) -> list[str]:
    """Visible one-line labels and buttons whose text is wider than the room they got."""
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
            if widget.textFormat() != Qt.TextFormat.PlainText and "<" in widget.text():  # rich
                continue
            lines = widget.text().split("\n")
            need = max(widget.fontMetrics().horizontalAdvance(line) for line in lines)
            if need > widget.contentsRect().width() + 1:
                found.append(f"{widget.text()!r}: {need} px in {widget.contentsRect().width()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            need = widget.sizeHint().width()
            if need > widget.width() + 1:
                found.append(f"{widget.text()!r}: button {need} px in {widget.width()}")
    return found


def settle() -> None:
    """Let pending layout requests run (a layout can take a round or two to settle)."""
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def check_page(name: str, top: QWidget, window: MainWindow, content: list[str]) -> Problems:
    settle()
    problems = Problems([], [])
    if (window.width(), window.height()) != (WIDTH, HEIGHT):
        problems.clipped.append(f"{name}: the window grew to {window.width()}×{window.height()}")
    for widget, text in shown_texts(top):
        words = untranslated(text, content)
        if words:
            kind = type(widget).__name__
            problems.untranslated.append(f"{name}: {words} in {kind} {text!r}")
    problems.clipped.extend(f"{name}: {c}" for c in clipped(top))
    return problems


@dataclass
class Problems:
    untranslated: list[str]
    clipped: list[str]

    def __iadd__(self, other: Problems) -> Problems:
        self.untranslated += other.untranslated
        self.clipped += other.clipped
        return self


def walk_every_page(window: MainWindow, qtbot: QtBot) -> Problems:
    """Home, Prepare, a session step, Summary, the feature pages, Guide, every Settings
    section and the safety notice, each checked as it shows."""
    content = asset_strings()
    problems = Problems([], [])
    window.show_home()
    problems += check_page("Home", window, window, content)
    window.open_prepare("desk_break")
    problems += check_page("Prepare", window, window, content)
    window.prepare.start_button.click()
    problems += check_page("Session", window, window, content)
    window.controller.stop()
    problems += check_page("Summary", window, window, content)
    for page in ("oils", "progress", "reminders", "breathe"):
        window.show_page(page)
        problems += check_page(page.capitalize(), window, window, content)
    window.show_page("compose")
    compose = window.stack.currentWidget()
    for area in ("neck", "shoulders"):
        compose.body_map.toggle(area)  # type: ignore[attr-defined]
    problems += check_page("Compose", window, window, content)
    window.show_guide()
    problems += check_page("Guide", window, window, content)
    window.show_settings()
    settings = window._settings
    assert isinstance(settings, SettingsDialog)
    qtbot.waitExposed(settings)
    for row in range(settings.nav.count()):
        settings.nav.setCurrentRow(row)
        problems += check_page(
            f"Settings {settings.nav.item(row).text()}", settings, window, content
        )
    settings.close()
    notice = SafetyNoticeDialog(window)
    notice.show()
    qtbot.waitExposed(notice)
    problems += check_page("Safety notice", notice, window, content)
    notice.close()
    return problems


def test_lupdate_reads_no_value_as_a_disambiguation(pseudo_qm: Path) -> None:
    """tr("Aroma: %1", ", ".join(notes)) would file the ", " as a disambiguation, and the
    translation would never be found: values go in as expressions, never as literals."""
    ts = pseudo_qm.with_suffix(".ts").read_text(encoding="utf-8")
    assert "<comment>" not in ts


def test_no_untranslated_text_shows_on_any_page(pseudo_window: MainWindow, qtbot: QtBot) -> None:
    problems = walk_every_page(pseudo_window, qtbot)
    assert not problems.untranslated, "\n".join(problems.untranslated)


def test_every_page_still_fits_at_1280_by_720(pseudo_window: MainWindow, qtbot: QtBot) -> None:
    problems = walk_every_page(pseudo_window, qtbot)
    assert not problems.clipped, "\n".join(problems.clipped)
