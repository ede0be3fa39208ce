"""`salesplay diff OLD NEW [--json]`: review a scenario change the way code is reviewed.

Exit 0 when the two are the same, 1 when they differ, 2 when either cannot be read or has errors.
"""

from __future__ import annotations

import json
import sys

from game.cli.common import load_one
from game.engine.diff import RUNS, ScenarioDiff, compare
from game.errors import EXIT_FAIL, EXIT_OK, EXIT_USAGE, ScenarioError

RUN_NAMES = {
    "best": "Leader's path (best)",
    "worst": "Worst",
    "best_with_commodity": "Best with commodity",
}


def register(sub) -> None:
    p = sub.add_parser(
        "diff",
        help="compare two versions of a scenario",
        description="List nodes and choices added or removed, every changed field, and "
        "how the best, worst and best-with-commodity runs moved.",
    )
    p.add_argument("old", metavar="OLD", help="the scenario before the change")
    p.add_argument("new", metavar="NEW", help="the scenario after the change")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=run)


def run(args) -> int:
    loaded = []
    for path in (args.old, args.new):
        try:
            loaded.append(load_one(path).scenario)
        except ScenarioError as exc:
            exc.exit_code = EXIT_USAGE  # diff's contract: 2 when either side has errors
            raise
    d = compare(*loaded)
    if args.json:
        out = {"old": args.old, "new": args.new, **d.to_dict()}
        json.dump(out, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(report(args.old, args.new, d))
    return EXIT_OK if d.same else EXIT_FAIL  # the verdict: 1 when the two differ


def _show(value) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        flat = " ".join(value.split())
        return json.dumps(flat if len(flat) <= 70 else flat[:69] + "…", ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def report(old: str, new: str, d: ScenarioDiff) -> str:
    lines = [f"--- {old}", f"+++ {new}"]
    if d.same:
        lines.append("No changes to nodes, choices or scenario fields.")
    for nid in d.nodes_added:
        lines.append(f"+ node {nid}")
    for nid in d.nodes_removed:
        lines.append(f"- node {nid}")
    for c in d.choices_added:
        lines.append(f"+ choice {c['node']}/{c['choice']}: {_show(c['text'])}")
    for c in d.choices_removed:
        lines.append(f"- choice {c['node']}/{c['choice']}: {_show(c['text'])}")
    for ch in d.changes:
        where = (
            "scenario"
            if ch.node is None
            else ch.node
            if ch.choice is None
            else f"{ch.node}/{ch.choice}"
        )
        lines.append(f"~ {where} {ch.field}: {_show(ch.old)} -> {_show(ch.new)}")
    lines += ["", "Runs:"]
    for name in RUNS:
        moved = d.runs[name]
        before = (
            "none"
            if moved["old"] is None
            else f"{moved['old']['score']:+d} at {moved['old']['ending']}"
        )
        after = (
            "none"
            if moved["new"] is None
            else f"{moved['new']['score']:+d} at {moved['new']['ending']}"
        )
        change = "" if moved["change"] is None else f" ({moved['change']:+d})"
        lines.append(f"  {RUN_NAMES[name]:<22}{before} -> {after}{change}")
    best, cheap = d.runs["best"]["new"], d.runs["best_with_commodity"]["new"]
    if best and cheap and cheap["score"] >= best["score"]:
        lines.append(
            "  Warning: after this change a commodity run scores as much as the leader's path."
        )
    return "\n".join(lines)
