"""The person's own routines and their stars, as one value every change goes through.

Built-in routines are never changed: they are not in the book, only their ids may be starred.
A copy, an import or a composed routine saved as the person's own gets an id of its own
(`own_...`), so nothing the person does can overwrite what BackCare ships, and a reminder or
the default-routine setting can name a person's routine by id like any other.

Changes are functions from a book to a book (`adding`, `removing`, `starring`), so the store
applies each to the book as it is on disk under its lock, never to a copy read earlier.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from backcare_desktop.core.routine import Library, Routine, Technique
from backcare_desktop.core.routine_draft import RoutineDraft, build, is_own, new_id

BookChange = Callable[["RoutineBook"], "RoutineBook"]


@dataclass(frozen=True)
class RoutineBook:
    """The person's routines in the order they were added, and the ids of starred ones."""

    own: tuple[RoutineDraft, ...] = ()
    favourites: frozenset[str] = frozenset()

    def find(self, routine_id: str) -> RoutineDraft | None:
        return next((draft for draft in self.own if draft.id == routine_id), None)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(draft.id for draft in self.own)

    def routines(self, techniques: Mapping[str, Technique]) -> tuple[Routine, ...]:
        """The person's routines, ready to run."""
        return tuple(build(draft, techniques) for draft in self.own)


def adding(draft: RoutineDraft) -> BookChange:
    """Add the routine, or replace the person's routine with the same id (an edit)."""
    if not is_own(draft.id):
        raise ValueError(f"{draft.id!r} is not the id of a routine of your own")

    def change(book: RoutineBook) -> RoutineBook:
        if book.find(draft.id) is None:
            return replace(book, own=(*book.own, draft))
        own = tuple(draft if old.id == draft.id else old for old in book.own)
        return replace(book, own=own)

    return change


def removing(routine_id: str) -> BookChange:
    """Remove one of the person's routines (and its star); a built-in one cannot be."""
    if not is_own(routine_id):
        raise ValueError(f"{routine_id!r} is a built-in routine; it cannot be removed")

    def change(book: RoutineBook) -> RoutineBook:
        if book.find(routine_id) is None:
            raise KeyError(routine_id)
        own = tuple(draft for draft in book.own if draft.id != routine_id)
        return RoutineBook(own, book.favourites - {routine_id})

    return change


def starring(routine_id: str, starred: bool) -> BookChange:
    """Star any routine as a favourite, or take its star away."""

    def change(book: RoutineBook) -> RoutineBook:
        favourites = book.favourites | {routine_id} if starred else book.favourites - {routine_id}
        return replace(book, favourites=favourites)

    return change


def as_new(draft: RoutineDraft, taken: Iterable[str], name: str | None = None) -> RoutineDraft:
    """The draft under a fresh id of its own: a copy of a built-in routine, an import whose
    id is a built-in's or already used, or a composed routine being saved."""
    named = name or draft.name
    return RoutineDraft(new_id(named, taken), named, draft.steps, draft.summary)


def for_import(draft: RoutineDraft, book: RoutineBook, built_in: Collection[str]) -> RoutineDraft:
    """An imported routine keeps its id when it is free and of the person's own (so export
    then import gives it back as it was), and gets a new one otherwise."""
    if is_own(draft.id) and draft.id not in book.ids and draft.id not in built_in:
        return draft
    return as_new(draft, book.ids | set(built_in))


def in_display_order(
    built_in: Sequence[Routine], own: Sequence[Routine], favourites: Collection[str]
) -> tuple[Routine, ...]:
    """Favourites first, then the built-in routines, then the person's; each group keeps its
    own order (the built-ins' shipped order, the person's in the order they were added)."""
    every = [*built_in, *own]
    starred = [routine for routine in every if routine.id in favourites]
    return (*starred, *(routine for routine in every if routine.id not in favourites))


def with_own(library: Library, book: RoutineBook) -> Library:
    """The library every view reads, with the person's routines beside the built-in ones and
    favourites first: Home's cards, the tray, the default-routine setting and the reminders
    then offer them like any other."""
    own = book.routines(library.techniques)
    routines = in_display_order(library.routines, own, book.favourites)
    return Library(library.techniques, routines, library.patterns)
