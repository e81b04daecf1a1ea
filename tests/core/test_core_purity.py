"""The core is pure Python: it must import with PySide6, pygame and tinydb unavailable."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_every_core_module_imports_without_qt_pygame_or_tinydb() -> None:
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        from importlib.abc import MetaPathFinder

        class Block(MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {"PySide6", "shiboken6", "pygame", "tinydb"}:
                    raise ImportError(f"blocked: {name}")
                return None

        sys.meta_path.insert(0, Block())
        import backcare_desktop.core as core
        names = [m.name for m in pkgutil.iter_modules(core.__path__, "backcare_desktop.core.")]
        for name in names:
            importlib.import_module(name)
        print(len(names))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 5
