"""PySide6 no longer reads each module's source at import (gui/shell/feature_scan.py), and
features still work for a module that asks for one."""

from __future__ import annotations

import inspect
import subprocess
import sys
from types import ModuleType

import pytest

from backcare_desktop.gui.shell.feature_scan import skip_feature_scan

IMPORT_AFTER_THE_SKIP = """
import inspect, sys
from backcare_desktop.gui.shell.feature_scan import skip_feature_scan
assert skip_feature_scan()
read = []
real = inspect.getsource
inspect.getsource = lambda obj: read.append(getattr(obj, "__name__", obj)) or real(obj)
import backcare_desktop.gui.shell.launch  # the window's start-up modules
feature = sys.modules["shibokensupport.feature"]
assert read == [], read
assert feature.pyside_feature_dict["backcare_desktop.gui.shell.root"] == 0
"""

SNAKE_CASE_AFTER_THE_SKIP = """
from backcare_desktop.gui.shell.feature_scan import skip_feature_scan
assert skip_feature_scan()
from PySide6.QtCore import QObject
from __feature__ import snake_case
assert QObject().object_name() == ""
"""


def run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )


def test_modules_imported_after_the_skip_are_not_read() -> None:
    result = run(IMPORT_AFTER_THE_SKIP)
    assert result.returncode == 0, result.stderr


def test_a_module_that_asks_for_a_feature_still_gets_it() -> None:
    result = run(SNAKE_CASE_AFTER_THE_SKIP)
    assert result.returncode == 0, result.stderr


def test_without_pysides_hook_the_skip_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", ModuleType("renamed"))
    assert not skip_feature_scan()


def test_in_this_process_every_module_is_taken_as_using_pyside_without_features(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert skip_feature_scan()
    monkeypatch.setattr(inspect, "getsource", lambda _obj: pytest.fail("a source was read"))
    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside(ModuleType("anything")) is True
