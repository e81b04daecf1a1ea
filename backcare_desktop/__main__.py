"""Command line entry: parse arguments, find folders, start logging, then hand over to the GUI."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from backcare_desktop import APP_NAME, __version__
from backcare_desktop.paths import HOME_ENV, AppPaths, resolve_paths

log = logging.getLogger("backcare_desktop")
DEFAULT_ROUTINE = "daily_back_reset"


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error instead of the usage block, and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="backcare",
        description=f"{APP_NAME}: a calm companion for a daily back self-massage routine.",
        epilog=f"All settings, history and logs live in the platform's folders, or under "
        f"--home DIR (or ${HOME_ENV}) when given.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--start",
        nargs="?",
        const=DEFAULT_ROUTINE,
        metavar="ROUTINE_ID",
        help="open straight into a routine's prepare screen (default: your default routine)",
    )
    parser.add_argument("--minimized", action="store_true", help="start in the system tray")
    parser.add_argument("--home", metavar="DIR", help="keep all config, data and logs under DIR")
    parser.add_argument(
        "--self-check", action="store_true", help="check this installation and exit"
    )
    return parser


LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3


def rotate_log(log_file: Path) -> None:
    """Keep a few old logs: rotate once at start (logging.handlers costs ~15 ms to import)."""
    if not log_file.exists() or log_file.stat().st_size < LOG_MAX_BYTES:
        return
    for n in range(LOG_BACKUPS - 1, 0, -1):
        older = log_file.with_name(f"{log_file.name}.{n}")
        if older.exists():
            older.replace(log_file.with_name(f"{log_file.name}.{n + 1}"))
    log_file.replace(log_file.with_name(f"{log_file.name}.1"))


def setup_logging(paths: AppPaths) -> None:
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        rotate_log(paths.log_file)
        handler: logging.Handler = logging.FileHandler(paths.log_file, encoding="utf-8")
    except OSError as exc:
        handler = logging.StreamHandler(sys.stderr)
        print(f"backcare: logging to stderr, log file unavailable: {exc}", file=sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.ERROR)
    root.addHandler(console)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["remind"]:  # the reminders CLI: no Qt, answers fast
        from backcare_desktop.cli import remind as reminders_cli

        return reminders_cli.main(arguments[1:])
    args = build_parser().parse_args(arguments)
    paths = resolve_paths(args.home)
    try:
        paths.ensure()
    except OSError as exc:
        print(f"backcare: cannot create BackCare's folders: {exc}", file=sys.stderr)
        return 1
    setup_logging(paths)
    log.info("%s %s starting (data in %s)", APP_NAME, __version__, paths.data_dir)
    if args.self_check:
        from backcare_desktop.cli import self_check

        return self_check.run(paths)

    from backcare_desktop.core.content.loader import ContentError, load_library
    from backcare_desktop.resources import MissingAssetError, assets_dir

    try:
        library = load_library(assets_dir())
    except (ContentError, MissingAssetError) as exc:
        log.error("built-in content is broken: %s", exc)
        print(f"backcare: built-in content is broken: {exc}", file=sys.stderr)
        from backcare_desktop.gui.shell.launch import show_fatal_error

        show_fatal_error(f"BackCare's built-in content could not be loaded:\n\n{exc}")
        return 1
    if args.start is not None and args.start not in {r.id for r in library.routines}:
        known = ", ".join(r.id for r in library.routines)
        print(
            f"backcare: error: unknown routine '{args.start}' (choose from: {known})",
            file=sys.stderr,
        )
        return 2

    from backcare_desktop.gui.shell.launch import run

    return run(args, paths, library)


if __name__ == "__main__":
    sys.exit(main())
