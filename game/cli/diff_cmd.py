"""`salesplay diff OLD NEW [--json]`: review a scenario change the way code is reviewed.

Exit 0 when the two are the same, 1 when they differ, 2 when either cannot be read or has errors.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from difflib import SequenceMatcher

from game.cli.common import load_one
from game.content.diagnostics import Diagnostic, sorted_diagnostics
from game.engine import quality
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
    loaded, found = [], []
    for path in (args.old, args.new):
        try:
            result = load_one(path)
        except ScenarioError as exc:
            exc.exit_code = EXIT_USAGE  # diff's contract: 2 when either side has errors
            raise
        loaded.append(result.scenario)
        found.append(result.diagnostics + quality.review(result.scenario))
    d = compare(*loaded)
    added, resolved = diagnostics_moved(*found)
    if args.json:
        out = {
            "old": args.old,
            "new": args.new,
            **d.to_dict(),
            "diagnostics_added": [x.to_dict() for x in added],
            "diagnostics_resolved": [x.to_dict() for x in resolved],
        }
        json.dump(out, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(report(args.old, args.new, d, added, resolved))
    return EXIT_OK if d.same else EXIT_FAIL  # the verdict: 1 when the two differ


def diagnostics_moved(old: list[Diagnostic], new: list[Diagnostic]):
    """Diagnostics the edit adds and those it resolves, matched by code and message.

    Line numbers shift when an edit adds lines, so they take no part in the match.
    """
    return _unmatched(new, old), _unmatched(old, new)


def _unmatched(these: list[Diagnostic], others: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of `these` with no counterpart among `others` (repeats counted)."""
    left = Counter((x.code, x.message) for x in others)
    out = []
    for x in sorted_diagnostics(these):
        key = (x.code, x.message)
        if left[key] > 0:
            left[key] -= 1
        else:
            out.append(x)
    return out


def _show(value) -> str:
    if value is None:
        return "(none)"
    return json.dumps(value, ensure_ascii=False)


def word_diff(old: str, new: str) -> str:
    """The new text in full, with removed words as [-old-] and added ones as {+new+}."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out += a[i1:i2]
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _change_line(where: str, ch) -> list[str]:
    if isinstance(ch.old, str) and isinstance(ch.new, str):
        return [f"~ {where} {ch.field}:", f"    {word_diff(ch.old, ch.new)}"]
    return [f"~ {where} {ch.field}: {_show(ch.old)} -> {_show(ch.new)}"]


def report(
    old: str,
    new: str,
    d: ScenarioDiff,
    added: list[Diagnostic] = (),
    resolved: list[Diagnostic] = (),
) -> str:
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
        lines += _change_line(where, ch)
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
    for title, diags in (("adds", added), ("resolves", resolved)):
        if diags:
            lines += ["", f"Diagnostics this change {title}:"]
            lines += [f"  {x.format()}" for x in diags]
    return "\n".join(lines)
