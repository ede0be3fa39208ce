"""`salesplay export --xapi FILE | --lrs URL`: every run and workshop round as xAPI statements,
written to a file (a JSON array) or pushed to a Learning Record Store."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from game.errors import GameError, UsageError
from game.store import open_store
from game.store.lrs import push
from game.store.xapi import DEFAULT_BASE, check_base, statements, write_json


def register(sub) -> None:
    p = sub.add_parser(
        "export",
        help="write runs as xAPI statements for a Learning Record Store",
        description="Write a JSON array of xAPI statements: attempted, answered (one per decision), "
        "completed, and passed or failed, for every recorded run.",
    )
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--xapi", metavar="FILE", help="the file to write ('-' for standard output)")
    where.add_argument(
        "--lrs",
        metavar="URL",
        help="push to this Learning Record Store's xAPI endpoint (only statements it lacks)",
    )
    p.add_argument(
        "--lrs-user",
        metavar="NAME",
        default=None,
        help="with --lrs: the LRS account (default: $SALESPLAY_LRS_USER)",
    )
    p.add_argument(
        "--lrs-password",
        metavar="SECRET",
        default=None,
        help="with --lrs: its password or key (default: $SALESPLAY_LRS_PASSWORD)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="with --xapi: replace FILE when it exists (otherwise an existing file is kept)",
    )
    p.add_argument("--player", metavar="NAME", default=None, help="only this player's runs")
    p.add_argument(
        "--base",
        metavar="IRI",
        default=DEFAULT_BASE,
        help="your organisation's address: players' accounts and activity ids start with it",
    )
    p.add_argument(
        "--typed-text",
        action="store_true",
        help="also send what reps typed in recall mode (by default only the choice is sent)",
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None,
        help="where progress is kept (default: $SALESPLAY_HOME, else the user data folder)",
    )
    p.set_defaults(handler=run)


def run(args) -> int:
    base = check_base(args.base)  # UsageError (exit 2) says what is wrong with it
    if args.xapi not in (None, "-") and Path(args.xapi).exists() and not args.force:
        raise UsageError(
            f"{args.xapi} already exists; choose another name, or add --force to replace it."
        )
    with open_store(args.data_dir) as store:
        if store.notice:
            sys.stderr.write(f"salesplay export: {store.notice}\n")
        if args.lrs is not None:
            user = args.lrs_user or os.environ.get("SALESPLAY_LRS_USER")
            password = args.lrs_password or os.environ.get("SALESPLAY_LRS_PASSWORD")
            result = push(
                store,
                statements(store, args.player, base, args.typed_text),
                args.lrs,
                user,
                password,
            )
            sys.stderr.write(result.summary() + "\n")
            return 0
        if args.xapi == "-":
            count = write_json(store, sys.stdout, args.player, base, args.typed_text)
            return 0
        target = Path(args.xapi)
        try:
            count = write_file(
                target, lambda f: write_json(store, f, args.player, base, args.typed_text)
            )
        except OSError as exc:
            raise GameError(
                f"could not write {target}: {exc.strerror or exc}. "
                "Check the folder exists and is writable."
            ) from exc
    sys.stderr.write(f"Wrote {count} xAPI statements to {target}.\n")
    return 0


def write_file(target: Path, write) -> int:
    """Write through a temporary file, so a failed export never leaves half a file behind."""
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            count = write(stream)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count
