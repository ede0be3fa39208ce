"""`salesplay report [--player NAME] [--format table|csv|json]`: progress per player and scenario."""

from __future__ import annotations

import sys

from game.store import open_store
from game.store.report import as_csv, as_json, as_table, summarize


def register(sub) -> None:
    p = sub.add_parser(
        "report",
        help="attempts, best, last and average score per player and scenario",
        description="List each player's finished runs per scenario: attempts, best, last and average "
        "score, and the Leadership Index (LI, 0-100) where it is known.",
    )
    p.add_argument("--player", metavar="NAME", default=None, help="only this player")
    p.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="default: table"
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None,
        help="where progress is kept (default: $SALESPLAY_HOME, else the user data folder)",
    )
    p.set_defaults(handler=run)


def run(args) -> int:
    with open_store(args.data_dir) as store:
        if store.notice:
            sys.stderr.write(f"salesplay report: {store.notice}\n")
        rows = summarize(store, args.player)
    if args.format == "json":
        sys.stdout.write(as_json(rows) + "\n")
    elif args.format == "csv":
        sys.stdout.write(as_csv(rows))
    elif rows:
        sys.stdout.write(as_table(rows))
    else:
        who = f"{args.player} has" if args.player else "There are"
        sys.stdout.write(
            f"{who} no finished runs yet. Play a scenario in the window, or record one with "
            "`salesplay run PATH --choices TOKENS --player NAME`.\n"
        )
    return 0
