"""`backcare routine ...`: routines from a terminal, for scripting and for trying the composer.

    backcare routine list [--json]
    backcare routine export ID FILE
    backcare routine import FILE
    backcare routine remove ID
    backcare routine compose --areas neck,shoulders --minutes 10 --equipment none,wall [--json]

The person's routines are changed through the same store, lock and rules as in the app, so
this is safe while the app runs. Export writes the routine file format (docs/routine-format.md)
for a built-in routine as for one's own, so any routine can be edited and imported back as
one's own. Bad input gets one line on stderr and exit code 2. No Qt is imported on this path.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from backcare_desktop.cli.parser import UsageError
from backcare_desktop.core.composer import compose
from backcare_desktop.core.composition import Composition, Request
from backcare_desktop.core.regions import parse_regions
from backcare_desktop.core.routine import EQUIPMENT, Library, Routine
from backcare_desktop.core.routine_book import (
    RoutineBook,
    adding,
    for_import,
    in_display_order,
    removing,
)
from backcare_desktop.core.routine_draft import RoutineDraft, draft_of, is_own
from backcare_desktop.core.routine_file import (
    MAX_FILE_BYTES,
    RoutineFileError,
    read_bytes,
    to_bytes,
)
from backcare_desktop.paths import AppPaths

if TYPE_CHECKING:
    from backcare_desktop.storage.routine_store import RoutineStore

PROG = "backcare routine"


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    """Run one `backcare routine` command (parsed by cli/parser.py); returns the exit code."""
    return _COMMANDS[args.routine_command](args, paths)


def _library() -> Library:
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.resources import assets_dir

    return load_library(assets_dir())


def _store(paths: AppPaths, library: Library) -> RoutineStore:
    from backcare_desktop.storage.routine_store import RoutineStore

    return RoutineStore.in_data_dir(paths, library)


def _book(store: RoutineStore) -> RoutineBook:
    book, notices = store.load()
    for notice in notices:
        if notice.needs_dialog:
            print(f"{PROG}: note: {notice.message}", file=sys.stderr)
    return book


def _default_routine(paths: AppPaths) -> str:
    from backcare_desktop.storage.store import PreferencesStore

    return PreferencesStore.in_data_dir(paths).load()[0].default_routine


def _write_change(store: RoutineStore, change: Callable[[RoutineBook], RoutineBook]) -> None:
    from backcare_desktop.storage.notices import ReadOnlyStoreError

    try:
        store.apply(change)
    except ReadOnlyStoreError:
        raise RuntimeError(
            "your routines were saved by a newer BackCare, so this version will not change them"
        ) from None


# -- the commands --------------------------------------------------------------------------------


def _list(args: argparse.Namespace, paths: AppPaths) -> int:
    library = _library()
    book = _book(_store(paths, library))
    default = _default_routine(paths)
    routines = in_display_order(
        library.routines, book.routines(library.techniques), book.favourites
    )
    if args.json:
        entries = [_entry(routine, book, default) for routine in routines]
        print(json.dumps(entries, ensure_ascii=False, indent=2))
        return 0
    width = max(len(routine.id) for routine in routines)
    for routine in routines:
        marks = [
            mark
            for mark, on in (
                ("★", routine.id in book.favourites),
                ("yours", is_own(routine.id)),
                ("default", routine.id == default),
            )
            if on
        ]
        minutes = _minutes(routine.total_seconds)
        extra = f"  [{', '.join(marks)}]" if marks else ""
        print(f"{routine.id:<{width}}  {routine.name} ({minutes}){extra}")
    return 0


def _entry(routine: Routine, book: RoutineBook, default: str) -> dict[str, object]:
    return {
        "id": routine.id,
        "name": routine.name,
        "summary": routine.summary,
        "own": is_own(routine.id),
        "favourite": routine.id in book.favourites,
        "default": routine.id == default,
        "steps": len(routine.steps),
        "total_seconds": routine.total_seconds,
        "follows_length_preference": routine.follows_length_preference,
    }


def _minutes(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min" if not rest else f"{minutes} min {rest} s"


def _export(args: argparse.Namespace, paths: AppPaths) -> int:
    library = _library()
    draft = _find(args.id, library, _book(_store(paths, library)))
    data = to_bytes(draft)
    if args.file == "-":
        sys.stdout.write(data.decode("utf-8"))
        return 0
    from backcare_desktop.storage.atomic import write_atomically

    write_atomically(Path(args.file), data)
    print(f"Wrote “{draft.name}” to {args.file}")
    return 0


def _find(routine_id: str, library: Library, book: RoutineBook) -> RoutineDraft:
    own = book.find(routine_id)
    if own is not None:
        return own
    for routine in library.routines:
        if routine.id == routine_id:
            return draft_of(routine)
    raise UsageError(f"no routine called '{routine_id}' (see '{PROG} list')")


def _import(args: argparse.Namespace, paths: AppPaths) -> int:
    path = Path(args.file)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UsageError(f"{path.name}: the file is larger than 1 MB; a routine file is small")
        raw = path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {args.file} ({error.strerror or error})") from None
    library = _library()
    try:
        draft = read_bytes(raw, library, path.name)
    except RoutineFileError as error:
        raise UsageError(str(error)) from None
    store = _store(paths, library)
    built_in = {routine.id for routine in library.routines}
    kept: list[RoutineDraft] = []

    def change(book: RoutineBook) -> RoutineBook:
        mine = for_import(draft, book, built_in)  # against the book as it is on disk now
        kept[:] = [mine]
        return adding(mine)(book)

    _write_change(store, change)
    print(f"Imported “{kept[0].name}” as {kept[0].id}")
    return 0


def _remove(args: argparse.Namespace, paths: AppPaths) -> int:
    library = _library()
    if args.id in {routine.id for routine in library.routines}:
        raise UsageError(f"'{args.id}' is built in and cannot be removed")
    if not is_own(args.id):
        raise UsageError(f"no routine of your own called '{args.id}' (see '{PROG} list')")
    store = _store(paths, library)
    try:
        _write_change(store, removing(args.id))
    except KeyError:
        raise UsageError(f"no routine of your own called '{args.id}' (see '{PROG} list')") from None
    print(f"Removed {args.id}")
    return 0


def _compose(args: argparse.Namespace, paths: AppPaths) -> int:
    request = _request(args)
    composition = compose(_library(), request)
    if args.json:
        print(json.dumps(composition_json(composition), ensure_ascii=False))
        return 0
    for number, (step, reason) in enumerate(
        zip(composition.routine.steps, composition.reasons, strict=True), start=1
    ):
        print(f"{number:>2}. {step.title} — {step.seconds} s ({reason.text})")
    print(f"Total: {_minutes(composition.routine.total_seconds)}")
    for region in composition.unreachable:
        print(f"Nothing at hand reaches {region.replace('_', ' ')}.", file=sys.stderr)
    for region in composition.left_out:
        print(f"No time left for {region.replace('_', ' ')}.", file=sys.stderr)
    return 0


def _request(args: argparse.Namespace) -> Request:
    try:
        regions = parse_regions(args.areas)
        minutes = _whole(args.minutes, "--minutes")
        seed = _whole(args.seed, "--seed")
        equipment = frozenset(item.strip() for item in args.equipment.split(",") if item.strip())
        unknown = sorted(equipment - set(EQUIPMENT))
        if unknown:
            raise ValueError(f"unknown equipment '{unknown[0]}' (known: {', '.join(EQUIPMENT)})")
        return Request(regions, minutes, equipment, seed)
    except ValueError as error:
        raise UsageError(str(error)) from None


def _whole(text: str, option: str) -> int:
    if not text.strip().isdigit() or len(text.strip()) > 12:
        raise ValueError(f"{option} takes a whole number, got '{text}'")
    return int(text)


def composition_json(composition: Composition) -> dict[str, object]:
    """The `--json` answer: each step's technique, side, seconds and reason, and the total."""
    steps = [
        {
            "technique": step.technique.id,
            "side": step.side.value if step.side is not None else None,
            "seconds": step.seconds,
            "reason": reason.text,
        }
        for step, reason in zip(composition.routine.steps, composition.reasons, strict=True)
    ]
    return {"steps": steps, "total_seconds": composition.routine.total_seconds}


_COMMANDS: dict[str, Callable[[argparse.Namespace, AppPaths], int]] = {
    "list": _list,
    "export": _export,
    "import": _import,
    "remove": _remove,
    "compose": _compose,
}
