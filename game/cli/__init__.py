"""The `salesplay` command: one subcommand per module in this package.

Each command module `game/cli/NAME_cmd.py` has `register(subparsers)`, which adds its parser
and sets `handler=run(args)`. A handler returns its exit code (0 when it has nothing to say)
or raises a `GameError`: the one handler in `main` prints the error and exits with the
error's `exit_code`. Only the module of the command being run is imported, so
`salesplay --version` and each command start without loading the others.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from game import __version__
from game.errors import EXIT_OK, EXIT_USAGE, GameError, ScenarioError

# Every subcommand, in the order `salesplay --help` lists them, with its one-line help.
COMMANDS = {
    "play": "open the game window (or play it headless with --choices)",
    "validate": "check scenario files and folders",
    "run": "play a scenario without a window",
    "match": "match typed answers to a scenario's choices (recall mode)",
    "analyze": "explore every run: best, worst, commodity runs, loops",
    "watch": "re-check scenarios every time you save",
    "graph": "draw a scenario's branches (mermaid, dot, svg, png)",
    "new": "write a starter scenario to edit",
    "schema": "print the JSON Schema of the scenario format, for editors",
    "diff": "compare two versions of a scenario",
    "workshop": "play a scenario as a room of teams",
    "report": "attempts, best, last and average score per player and scenario",
    "export": "write runs as xAPI statements for a Learning Record Store",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: stderr, exit 2, no traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser(only: str | None = None, *, every: bool = True) -> argparse.ArgumentParser:
    """The `salesplay` parser.

    `only` names the one command whose module is imported and registered in full; the others
    get a parser that carries just their help line. With neither `only` nor `every=False`,
    every command is registered in full.
    """
    parser = _Parser(
        prog="salesplay", description="Salesplay: sales is leadership, a role-play game."
    )
    parser.add_argument("--version", action="version", version=f"salesplay {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, help_text in COMMANDS.items():
        if name == only or (only is None and every):
            importlib.import_module(f"game.cli.{name}_cmd").register(sub)
        else:
            sub.add_parser(name, help=help_text)
    return parser


def _command_in(argv: list[str]) -> str | None:
    """The subcommand named in `argv` (the first word that is not an option), if it is one."""
    for word in argv:
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def main(argv: list[str] | None = None) -> int:
    """Run `salesplay` with `argv` (default: the process's arguments); returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    command = _command_in(argv)
    parser = build_parser(command, every=False)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    _tolerant_output()
    try:
        return int(args.handler(args) or 0)
    except GameError as exc:
        report(exc, args.command)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _tolerant_output() -> None:
    """Let stdout and stderr print any path and any text instead of failing half-way.

    A file name that is not UTF-8 reaches Python as lone surrogates; a strict UTF-8 stream
    (any real UTF-8 locale) would raise on it. Such names are written back as their original
    bytes, as other tools do; a console that cannot show a character gets an escape instead.
    """
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) != "strict" or not hasattr(stream, "reconfigure"):
            continue
        utf8 = (stream.encoding or "").lower().replace("-", "") in ("utf8", "utf8sig")
        stream.reconfigure(errors="surrogateescape" if utf8 else "backslashreplace")


def report(exc: GameError, command: str) -> None:
    """Print an error the way every command does: diagnostics on stdout, one line on stderr."""
    if isinstance(exc, ScenarioError) and exc.diagnostics:
        from game.cli.common import print_diagnostics

        print_diagnostics(exc.diagnostics)
        sys.stdout.flush()
    if exc.message:
        sys.stderr.write(f"salesplay {command}: {exc.message}\n")
