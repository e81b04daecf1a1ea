"""Stand-ins for what the compose page asks of the window and of the person's routines."""

from __future__ import annotations

from collections.abc import Callable

from backcare_desktop.core.routine import Routine
from backcare_desktop.core.routine_draft import RoutineDraft


class FakeHost:
    """Notes what the page asked the main window to do."""

    def __init__(self) -> None:
        self.started: list[Routine] = []
        self.edited: list[RoutineDraft | None] = []
        self.went_home = 0

    def start_routine(self, routine: Routine) -> None:
        self.started.append(routine)

    def open_editor(self, draft: RoutineDraft | None) -> None:
        self.edited.append(draft)

    def show_home(self) -> None:
        self.went_home += 1


class FakeRoutines:
    """Keeps saved drafts in memory and answers `done` at once, as the model does once the
    routine is on disk."""

    def __init__(self, taken: frozenset[str] = frozenset()) -> None:
        self.taken = taken
        self.saved: list[RoutineDraft] = []

    def taken_ids(self) -> frozenset[str]:
        return self.taken | {draft.id for draft in self.saved}

    def save(self, draft: RoutineDraft, done: Callable[[str], None] | None = None) -> None:
        self.saved.append(draft)
        if done is not None:
            done(draft.id)
