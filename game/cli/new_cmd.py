"""`salesplay new "Title" [-o PATH]`: write a starter scenario that passes `validate --strict`."""

from __future__ import annotations

import os
import sys

from game.content.schema import SCHEMA_NAME, schema_text
from game.content.template import slug, starter
from game.errors import UsageError


def register(sub) -> None:
    p = sub.add_parser(
        "new",
        help="write a starter scenario to edit",
        description="Write a small, commented scenario that passes `validate --strict`.",
    )
    p.add_argument("title", metavar="TITLE", help="the scenario's title, in quotes")
    p.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        default=None,
        help="where to write it (default: the title as a file name in this folder; - for stdout)",
    )
    p.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    p.set_defaults(handler=run)


def run(args) -> int:
    title = " ".join(args.title.split())
    if not title:
        raise UsageError('give the scenario a title, such as "The Big Renewal"')
    path = args.output or f"{slug(title)}.yaml"
    if path == "-":
        sys.stdout.write(starter(title))
        return 0
    if os.path.exists(path) and not args.force:
        raise UsageError(
            f"{path} already exists; choose another path with -o, or add --force to overwrite it"
        )
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(starter(title, os.path.basename(path)))
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    also = _schema_beside(path)
    print(
        f"Wrote {path}{also}. Next: salesplay validate --strict {path}, then "
        f"salesplay analyze {path}."
    )
    return 0


def _schema_beside(path: str) -> str:
    """Write the schema beside a new scenario (if none is there) so its editor checks it."""
    target = os.path.join(os.path.dirname(path) or ".", SCHEMA_NAME)
    if os.path.exists(target):
        return ""
    try:
        with open(target, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(schema_text())
    except OSError:
        return ""  # the scenario is written; the schema is a convenience for editors
    return f" (and {SCHEMA_NAME} beside it, for your editor)"
