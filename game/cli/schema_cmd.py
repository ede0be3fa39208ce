"""`salesplay schema`: print the scenario format's JSON Schema (2020-12) for editors."""

from __future__ import annotations

import sys

from game.content.schema import schema_text
from game.errors import GameError


def register(sub) -> None:
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of the scenario format, for editors",
        description=(
            "Print the JSON Schema (2020-12) of the scenario format. Save it beside your "
            "scenarios (salesplay schema > scenario.schema.json) and start each file with "
            "`# yaml-language-server: $schema=scenario.schema.json`: editors with a YAML "
            "language server then complete keys and check values as you type."
        ),
    )
    p.set_defaults(handler=run)


def run(args) -> int:
    try:
        text = schema_text()
    except OSError as exc:
        raise GameError(f"the schema file cannot be read: {exc.strerror or exc}") from exc
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
