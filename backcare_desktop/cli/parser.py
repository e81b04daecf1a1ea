"""The one command line: `backcare [options] [COMMAND ...]`.

One argparse for the app and every terminal command, so options mean the same everywhere and
global ones (`--home`) work before or after the command. With no command the app starts. Each
command is a subparser added here (`remind`, `routine`), and
its handler lives in its own module under cli/, imported only when that command runs, so the
app's start never pays for a command it does not use. This module imports nothing heavy.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import NoReturn

from backcare_desktop import APP_NAME, __version__
from backcare_desktop.paths import HOME_ENV

PROG = "backcare"
DEFAULT_ROUTINE = "daily_back_reset"


class UsageError(Exception):
    """Input the command cannot accept; the message is the one line the person sees."""


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error instead of the usage block, and exit code 2.

    A command's parser may be completed when it is first asked to parse (`complete_later`):
    the app's own start parses no command, and building the `remind` verbs' parsers took
    2 ms of it (measured), a cost paid on every launch for nothing.
    """

    _complete: Callable[[], None] | None = None

    def complete_later(self, complete: Callable[[], None]) -> None:
        self._complete = complete

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        complete, self._complete = self._complete, None
        if complete is not None:
            complete()
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        command = error_prefix(self.prog)
        self.exit(2, f"{command}: error: {message} (see '{command} --help')\n")


class _TopParser(_Parser):
    """Unknown arguments are found only at the top; the error still names the command."""

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = command_prog(parsed)
            message = f"unrecognized arguments: {' '.join(extras)}"
            self.exit(2, f"{command}: error: {message} (see '{command} --help')\n")
        return parsed


def error_prefix(prog: str) -> str:
    """'backcare remind add' -> 'backcare remind': errors name the command, not its verb."""
    return " ".join(prog.split()[:2])


def _global_options(parser: argparse.ArgumentParser, *, after_command: bool) -> None:
    """Options every command understands. After a command they default to SUPPRESS, so a value
    given before the command is not overwritten by the subparser's default."""
    default = argparse.SUPPRESS if after_command else None
    parser.add_argument(
        "--home",
        metavar="DIR",
        default=default,
        help=f"keep all settings, data and logs under DIR (or ${HOME_ENV})",
    )


PLAIN_START: dict[str, object] = {
    "command": None,
    "home": None,
    "start": None,
    "minimized": False,
    "self_check": False,
}
"""What the parser makes of an empty command line: the app's plain start (from the menu, the
desktop, or `backcare` alone). tests/cli/test_parser.py keeps it equal to the parser's answer."""


def parse_command_line(argv: Sequence[str]) -> argparse.Namespace:
    """The command line, parsed. An empty one is answered without building the parser: every
    plain start of the app paid 2 ms for it (argparse asks gettext for its words, measured)."""
    if not argv:
        return argparse.Namespace(**PLAIN_START)
    return build_parser().parse_args(list(argv))


def build_parser() -> argparse.ArgumentParser:
    parser = _TopParser(
        prog=PROG,
        description=f"{APP_NAME}: a calm companion for a daily back self-massage routine. "
        "With no COMMAND, the app starts.",
        epilog=f"All settings, history and logs live in the platform's folders, or under "
        f"--home DIR (or ${HOME_ENV}) when given. '{PROG} COMMAND --help' tells more.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _global_options(parser, after_command=False)
    parser.add_argument(
        "--start",
        nargs="?",
        const=DEFAULT_ROUTINE,
        metavar="ROUTINE_ID",
        help="open straight into a routine's prepare screen (default: your default routine)",
    )
    parser.add_argument("--minimized", action="store_true", help="start in the system tray")
    parser.add_argument(
        "--self-check", action="store_true", help="check this installation and exit"
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, required=False
    )
    _add_remind(commands)
    _add_routine(commands)
    return parser


def _add_remind(commands: argparse._SubParsersAction[_Parser]) -> None:
    common = _Parser(add_help=False)
    _global_options(common, after_command=True)
    remind = commands.add_parser(
        "remind",
        parents=[common],
        help="list, add or remove daily reminders from a terminal",
        description=f"Set {APP_NAME}'s daily reminders from a terminal. Changes reach a "
        "running BackCare by themselves.",
    )
    remind.complete_later(lambda: _add_remind_verbs(remind, common))


def _add_remind_verbs(remind: _Parser, common: _Parser) -> None:
    verbs = remind.add_subparsers(
        dest="remind_command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    verbs.add_parser("list", parents=[common], help="show your reminders, numbered")
    add = verbs.add_parser(
        "add", parents=[common], help="add a reminder", description="Add a daily reminder."
    )
    add.add_argument("time", metavar="HH:MM", help="the local time, e.g. 19:00")
    add.add_argument(
        "--days",
        default="daily",
        help="mon-fri, mon,wed,fri, weekends or daily (the default)",
    )
    add.add_argument("--routine", metavar="ID", help="the routine to offer (default: yours)")
    add.add_argument("--label", metavar="TEXT", default="", help="a short name for it")
    remove = verbs.add_parser(
        "remove", parents=[common], help="remove reminder N (numbers as in 'list')"
    )
    remove.add_argument("number", metavar="N", help="the reminder's number in 'list'")
    verbs.add_parser("next", parents=[common], help="when the next reminder comes")


def _add_routine(commands: argparse._SubParsersAction[_Parser]) -> None:
    common = _Parser(add_help=False)
    _global_options(common, after_command=True)
    routine = commands.add_parser(
        "routine",
        parents=[common],
        help="list, export, import, remove or compose routines from a terminal",
        description=f"Your own {APP_NAME} routines from a terminal, and the composer.",
    )
    routine.complete_later(lambda: _add_routine_verbs(routine, common))


def _add_routine_verbs(routine: _Parser, common: _Parser) -> None:
    verbs = routine.add_subparsers(
        dest="routine_command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    listing = verbs.add_parser(
        "list", parents=[common], help="show every routine, favourites first"
    )
    listing.add_argument("--json", action="store_true", help="one JSON object per routine")
    export = verbs.add_parser(
        "export", parents=[common], help="write a routine to a file you can edit and import"
    )
    export.add_argument("id", metavar="ID", help="the routine's id (see 'list')")
    export.add_argument("file", metavar="FILE", help="where to write it ('-' for the terminal)")
    imported = verbs.add_parser(
        "import", parents=[common], help="add a routine from a file as one of your own"
    )
    imported.add_argument("file", metavar="FILE", help="a routine file (see 'export')")
    remove = verbs.add_parser("remove", parents=[common], help="remove one of your own routines")
    remove.add_argument("id", metavar="ID", help="the routine's id (see 'list')")
    compose = verbs.add_parser(
        "compose",
        parents=[common],
        help="compose a routine for the areas, time and equipment given",
        description="Compose a routine the way the body map does, and print it.",
    )
    compose.add_argument(
        "--areas",
        required=True,
        metavar="LIST",
        help="comma-separated, in order: neck, shoulders, upper_back, between_shoulder_blades, "
        "mid_back, lower_back, glutes",
    )
    compose.add_argument("--minutes", required=True, metavar="N", help="5 to 30")
    compose.add_argument(
        "--equipment",
        default="none",
        metavar="LIST",
        help="comma-separated: none, chair, wall, massage_ball, foam_roller, mat (default: none)",
    )
    compose.add_argument("--seed", default="0", metavar="N", help="another seed shuffles")
    compose.add_argument("--json", action="store_true", help="print JSON")


def command_prog(args: argparse.Namespace) -> str:
    """How errors of this run begin: 'backcare remind' for a command, 'backcare' for the app."""
    command = getattr(args, "command", None)
    return f"{PROG} {command}" if command else PROG
