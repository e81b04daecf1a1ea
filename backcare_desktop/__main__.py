"""Command line entry: parse the one command line, find folders, start the log, then hand over
to the command or to the app.

Whatever goes wrong, the terminal gets one plain line and an exit code (2: the input was wrong;
1: something outside the input failed); the traceback goes to the log file, never the terminal.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence

from backcare_desktop import APP_NAME, __version__
from backcare_desktop.cli.log_file import log_to_file, quiet_last_resort
from backcare_desktop.cli.parser import UsageError, command_prog, parse_command_line
from backcare_desktop.paths import AppPaths, resolve_paths

log = logging.getLogger("backcare_desktop")


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up makes many objects and keeps them all: Python's cycle collector ran ~70 times
    # before the first paint only to find them alive (15 ms, 4 % of the start, measured). It
    # pauses until the window has painted (launch.run resumes it) or the command is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if collecting:
            gc.enable()


def _main(argv: Sequence[str] | None) -> int:
    args = parse_command_line(sys.argv[1:] if argv is None else argv)
    prog = command_prog(args)
    try:
        paths = resolve_paths(args.home).ensure()
    except OSError as error:
        print(f"{prog}: error: cannot create BackCare's folders ({_brief(error)})", file=sys.stderr)
        return 1
    quiet_last_resort(prog)
    with log_to_file(paths, prog=prog, console=args.command is None):
        return _run(args, paths, prog)


def _run(args: argparse.Namespace, paths: AppPaths, prog: str) -> int:
    try:
        return _dispatch(args, paths)
    except UsageError as error:
        print(f"{prog}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a problem outside the input: one line here, details logged
        log.exception("%s failed", prog)
        print(f"{prog}: error: {_problem_words(error)}", file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.command == "remind":  # no Qt on this path: it answers fast
        from backcare_desktop.cli import remind

        return remind.run(args, paths)
    if args.command == "routine":  # no Qt on this path either
        from backcare_desktop.cli import routine

        return routine.run(args, paths)
    log.info("%s %s starting (data in %s)", APP_NAME, __version__, paths.data_dir)
    if args.self_check:
        from backcare_desktop.cli import self_check

        return self_check.run(paths)
    return _start_app(args, paths)


def _start_app(args: argparse.Namespace, paths: AppPaths) -> int:
    from backcare_desktop.core.content.fields import ContentError
    from backcare_desktop.core.content.loader import load_library
    from backcare_desktop.resources import MissingAssetError, assets_dir

    try:
        library = load_library(assets_dir())
    except (ContentError, MissingAssetError) as exc:
        log.error("built-in content is broken: %s", exc)
        from backcare_desktop.gui.shell.launch import show_fatal_error

        show_fatal_error(f"BackCare's built-in content could not be loaded:\n\n{exc}")
        return 1
    if args.start is not None and args.start not in {r.id for r in library.routines}:
        # Imported only here: making its value classes costs every start about 2 ms.
        from backcare_desktop.core.routine_draft import is_own

        if not is_own(args.start):
            known = ", ".join(r.id for r in library.routines)
            raise UsageError(f"unknown routine '{args.start}' (choose from: {known}, or yours)")

    from backcare_desktop.gui.shell.feature_scan import skip_feature_scan

    skip_feature_scan()  # before the window's modules load: see there
    from backcare_desktop.gui.shell.launch import run

    return run(args, paths, library)


def _problem_words(error: Exception) -> str:
    from backcare_desktop.storage.notices import ReadOnlyStoreError

    if isinstance(error, ReadOnlyStoreError):
        return "your settings were saved by a newer BackCare, so this version will not change them"
    if isinstance(error, TimeoutError):  # storage.lock.LockTimeoutError: busy, not broken
        return f"{error}; nothing was changed, please try again"
    if isinstance(error, OSError):
        return f"the settings could not be read or written ({_brief(error)})"
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _brief(error: OSError) -> str:
    """'Permission denied: /x/y' rather than '[Errno 13] Permission denied: ...'."""
    words = error.strerror or type(error).__name__
    return f"{words}: {error.filename}" if error.filename else words


if __name__ == "__main__":
    sys.exit(main())
