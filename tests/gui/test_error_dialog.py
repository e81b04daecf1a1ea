"""An unexpected error becomes a calm dialog and a log entry, never a silent crash."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcare_desktop.cli.log_file import log_to_file
from backcare_desktop.gui.shell import launch as app_module
from backcare_desktop.paths import resolve_paths


def test_an_uncaught_exception_is_logged_and_shown(
    isolated_home: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = resolve_paths(isolated_home).ensure()
    shown: list[str] = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app_module.install_excepthook(paths)
    with log_to_file(paths, prog="backcare", console=False):
        try:
            raise RuntimeError("the kettle boiled over")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    assert "the kettle boiled over" in shown[0]
    assert str(paths.log_file) in shown[0]
    log_text = paths.log_file.read_text()
    assert "Traceback" in log_text and "the kettle boiled over" in log_text
