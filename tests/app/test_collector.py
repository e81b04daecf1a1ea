"""After start-up, what start-up built is left out of the cycle collector's later walks, and
so is what the sound engine brings when it opens."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from backcare_desktop.app.collector import keep_lasting_objects, keep_startup_objects
from backcare_desktop.app.preferences_model import PreferencesModel
from backcare_desktop.app.sound.controller import SoundController
from backcare_desktop.app.sound.jobs import InlineJobs
from backcare_desktop.core.clock import FakeClock
from backcare_desktop.services.audio.player import NullAudio
from backcare_desktop.storage.store import shipped_defaults


@pytest.fixture
def thawed_afterwards() -> Iterator[None]:
    yield
    gc.unfreeze()


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_start_up_objects_are_kept_out_of_later_collections(thawed_afterwards: None) -> None:
    kept = Cycle()
    keep_startup_objects()
    assert gc.get_freeze_count() > 0
    assert not any(o is kept for o in gc.get_objects())  # no later walk visits it
    assert gc.isenabled()


def test_garbage_made_during_start_up_is_collected_first_not_kept(thawed_afterwards: None) -> None:
    Cycle()  # unreachable, but alive until a collection finds it
    collected: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            collected.append(info["collected"])

    gc.callbacks.append(count)
    try:
        keep_startup_objects()
    finally:
        gc.callbacks.remove(count)
    assert sum(collected) >= 1


def test_lasting_objects_are_left_out_at_once_without_a_collection(thawed_afterwards: None) -> None:
    """A collection first would walk everything: the very stall this avoids."""
    kept = Cycle()
    runs: list[str] = []
    gc.callbacks.append(lambda phase, _info: runs.append(phase))
    try:
        keep_lasting_objects()
    finally:
        gc.callbacks.pop()
    assert runs == []
    assert not any(o is kept for o in gc.get_objects())


def test_opening_the_sound_engine_leaves_what_it_brought_out_of_later_collections(
    qtbot: QtBot, thawed_afterwards: None
) -> None:
    sound = SoundController(
        PreferencesModel(shipped_defaults()),
        FakeClock(),
        open_player=lambda _settings: NullAudio("no sound device was found"),
        jobs=InlineJobs(),
    )
    brought = Cycle()  # as pygame's modules, imported to open the engine
    sound.engine.open_soon()
    assert sound.audio is not None
    assert not any(o is brought for o in gc.get_objects())
