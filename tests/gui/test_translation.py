"""The translation door: one-pass placeholders, plural forms, and catalogues loaded at start."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backcare_desktop.app import translations
from backcare_desktop.app.translations import install_translations
from backcare_desktop.gui.look.text import QT_TR_NOOP, fill, tr, translated

GERMAN_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name></name>
    <message><source>Start</source><translation>Los</translation></message>
    <message><source>Light</source><translation>Hell</translation></message>
    <message numerus="yes"><source>%n days</source><translation>
        <numerusform>%n Tag</numerusform><numerusform>%n Tage</numerusform>
    </translation></message>
</context>
</TS>
"""


def test_placeholders_are_filled_in_one_pass() -> None:
    assert tr("%1 and %2", "%2", "b") == "%2 and b"
    assert fill("Step %1 of %2 · %3 left", 2, 5, "3:00") == "Step 2 of 5 · 3:00 left"


def test_a_placeholder_without_a_value_stays_as_written() -> None:
    assert fill("%1 of %2", "one") == "one of %2"


def test_the_plural_form_puts_the_count_into_percent_n() -> None:
    assert tr("%n days in the last %1 weeks", None, 3, 12) == "3 days in the last 12 weeks"


def test_a_marked_word_reads_as_written_without_a_catalogue() -> None:
    assert translated(QT_TR_NOOP("Light")) == "Light"


@pytest.fixture
def german_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> Iterator[Path]:
    ts, qm = tmp_path / "backcare_de.ts", tmp_path / "backcare_de.qm"
    ts.write_text(GERMAN_TS, encoding="utf-8")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    monkeypatch.setattr(translations, "translations_dir", lambda: tmp_path)
    app = QCoreApplication.instance()
    assert app is not None
    before = set(app.findChildren(QTranslator))
    yield qm
    for translator in set(app.findChildren(QTranslator)) - before:
        app.removeTranslator(translator)
        translator.deleteLater()


def test_the_system_language_catalogue_translates_words_and_plurals(
    german_catalogue: Path,
) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    install_translations(app, QLocale("de_AT"))  # a region falls back to its language
    assert tr("Start") == "Los"
    assert translated(QT_TR_NOOP("Light")) == "Hell"
    assert tr("%n days", None, 1) == "1 Tag"
    assert tr("%n days", None, 4) == "4 Tage"


def test_a_language_without_a_catalogue_shows_the_source_quietly(
    german_catalogue: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = QApplication.instance()
    assert app is not None
    windows = set(QApplication.topLevelWidgets())
    with caplog.at_level(logging.WARNING):
        install_translations(app, QLocale("fi_FI"))
    assert tr("Start") == "Start"
    assert not caplog.records  # nothing logged as a problem ...
    assert set(QApplication.topLevelWidgets()) == windows  # ... and no dialog
