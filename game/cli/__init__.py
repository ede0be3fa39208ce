"""The `salesplay` command: one subcommand per module in this package.

Each command module has `register(subparsers)` that adds its parser and sets
`handler=run(args) -> int`. Only this layer turns the project's exceptions into exit codes.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from game import __version__

# Module names under game.cli, in the order `salesplay --help` lists them.
COMMANDS = [
    "play",
    "validate",
    "run",
    "analyze",
    "graph",
    "new",
    "diff",
    "workshop",
    "report",
    "export",
]

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: stderr, exit 2, no traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="salesplay", description="Salesplay: sales is leadership, a role-play game."
    )
    parser.add_argument("--version", action="version", version=f"salesplay {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"game.cli.{name}_cmd")
        except ModuleNotFoundError as exc:
            if exc.name == f"game.cli.{name}_cmd":
                continue  # command not built yet
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
