"""After start-up, what start-up built is left out of the cycle collector's later walks."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from backcare_desktop.app.collector import keep_startup_objects


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
