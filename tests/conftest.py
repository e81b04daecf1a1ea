"""Every test runs offscreen, silent, and far from the real user's files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Set before any Qt or SDL import anywhere in the test session.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

# How hard the property tests search, chosen here once: "ci" keeps the whole suite near 6 min
# on 2 cores; HYPOTHESIS_PROFILE=thorough searches ten times longer, worth it after a change to
# a reader, the reminder rules or the composer. A test names its own max_examples only to ask
# for fewer (its examples are slow), never more. No deadline: timing under load is not a bug.
settings.register_profile("ci", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point HOME, every XDG folder and BACKCARE_HOME at a fresh temporary folder."""
    root = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_RUNTIME_DIR", "run"),
    ):
        folder = root / sub
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        monkeypatch.setenv(var, str(folder))
    backcare_home = root / "backcare"
    monkeypatch.setenv("BACKCARE_HOME", str(backcare_home))
    yield backcare_home
