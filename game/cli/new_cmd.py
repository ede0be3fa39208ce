"""`salesplay new "Title" [-o PATH]`: write a starter scenario that passes `validate --strict`."""

from __future__ import annotations

import os
import sys

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
    print(f"Wrote {path}. Next: salesplay validate --strict {path}, then salesplay analyze {path}.")
    return 0
