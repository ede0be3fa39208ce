"""`salesplay watch PATH [--graph FILE]`: re-check scenarios on every save.

A trainer keeps this running beside the editor: each time a scenario file under PATH is
saved, it prints a fresh, short report (the diagnostics `validate --strict` would print,
then for each scenario that loads its key runs, loops, stuck states and tells) and, with
`--graph`, rewrites a drawing of the scenario. It notices saves with a cheap poll of the
files' size and modification time (a few stat calls a second, no busy loop, no dependency),
so it behaves the same on every platform and on network drives where change events are lost.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime

from game.cli.analyze_cmd import path_text
from game.content import load_paths
from game.content.diagnostics import has_errors, sorted_diagnostics
from game.content.loader import find_scenario_files
from game.engine import quality
from game.engine.analysis import analyze, explore
from game.engine.tells import GREEDY, RULE_NAMES, RULES, study
from game.errors import GameError, UsageError

SHOWN = 12  # diagnostics printed per report; the rest are counted


def register(sub) -> None:
    p = sub.add_parser(
        "watch",
        help="re-check scenarios every time you save",
        description="Watch scenario files (or a folder) and print a fresh, short report each "
        "time one is saved: the diagnostics validate --strict would print, the key runs, loops "
        "and stuck states, and the tells. Ctrl-C stops it.",
    )
    p.add_argument("path", metavar="PATH", help="a scenario file or a folder of them")
    p.add_argument(
        "--graph",
        metavar="FILE",
        default=None,
        help="also rewrite a drawing of the scenario after each save: .mmd or .md for "
        "mermaid, .dot, or .svg/.png (these need Graphviz's dot)",
    )
    p.add_argument(
        "--interval",
        type=float,
        default=0.5,
        metavar="SECONDS",
        help="how often to look for saves (default 0.5)",
    )
    p.set_defaults(handler=run)


def run(args) -> int:
    if not os.path.exists(args.path):
        raise UsageError(f"{args.path}: no such file or folder")
    if args.interval <= 0:
        raise UsageError("--interval takes a number of seconds above 0, such as 0.5")
    if args.graph and os.path.isdir(args.path):
        raise UsageError("--graph draws one scenario: give a scenario file, not a folder")
    out = sys.stdout
    out.write(f"Watching {args.path} (Ctrl-C stops). Save a file to check it again.\n")
    seen = None
    try:
        while True:
            now = _fingerprint(args.path)
            if now != seen:
                seen = now
                out.write(report(args.path, args.graph) + "\n")
                out.flush()
            time.sleep(args.interval)
    except KeyboardInterrupt:
        out.write("Stopped watching.\n")
    return 0


def _fingerprint(path: str) -> tuple:
    """Size and modification time of every scenario file under `path`: cheap to compare."""
    files = find_scenario_files(path) if os.path.isdir(path) else [path]
    marks = []
    for f in files:
        try:
            st = os.stat(f)
        except OSError:
            marks.append((str(f), None))
            continue
        marks.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(marks)


def report(path: str, graph: str | None = None) -> str:
    """One short report for the scenarios under `path`, as `validate --strict` would judge."""
    stamp = datetime.now().strftime("%H:%M:%S")
    results, _missing = load_paths([path])
    lines = [f"── {stamp} " + "─" * 50]
    diags = []
    summaries = []
    for r in results:
        diags += r.diagnostics
        if r.scenario is None:
            continue
        graph_of = explore(r.scenario)
        analysis = analyze(r.scenario, graph=graph_of)
        diags += quality.review(r.scenario, analysis, graph_of)
        tells = study(r.scenario, graph_of, analysis) if analysis.exhaustive else None
        summaries.append(_summary(r.scenario, analysis, tells))
        if graph:
            lines.append(_draw(r.scenario, graph))
    shown = sorted_diagnostics([d for d in diags if d.severity != "info"])
    infos = sum(1 for d in diags if d.severity == "info")
    for d in shown[:SHOWN]:
        lines.append(d.format())
    if len(shown) > SHOWN:
        lines.append(f"... and {len(shown) - SHOWN} more: run salesplay validate {path}")
    for summary in summaries:
        lines += summary
    verdict = (
        "Errors: the game refuses this file until they are fixed."
        if has_errors(diags)
        else "Passes validate --strict."
        if not shown
        else "Warnings: validate --strict fails until they are fixed."
    )
    if infos:
        verdict += f" ({infos} note{'s' if infos != 1 else ''}: salesplay validate shows them.)"
    lines.append(verdict)
    return "\n".join(lines)


def _summary(scenario, analysis, tells) -> list[str]:
    lines = [f"{scenario.id}: {analysis.states:,} states"]
    for label, run in (
        ("best", analysis.best),
        ("commodity", analysis.best_with_commodity),
        ("worst", analysis.worst),
    ):
        if run is not None:
            lines.append(f"  {label:<10}{run.score:+4d}  {path_text(run.path, run.choices)}")
    problems = []
    if analysis.stuck_states:
        problems.append(f"{len(analysis.stuck_states)} stuck state(s)")
    if analysis.loops:
        problems.append(f"{len(analysis.loops)} loop(s)")
    if not analysis.exhaustive:
        problems.append("stopped at the state cap")
    if problems:
        lines.append("  " + ", ".join(problems) + ": see salesplay analyze")
    if tells is not None:
        gamed = [
            RULE_NAMES[rule].lower()
            for rule in RULES
            if rule != GREEDY and tells.rules[rule].reaches_best_ending
        ]
        notes = [("best ending reached by " + " and ".join(gamed)) if gamed else "no tell wins it"]
        if tells.rules[GREEDY].optimal:
            notes.append("greedy play is optimal")
        notes.append(f"{tells.shared_share:.0%} of choices share a reply")
        lines.append("  tells: " + "; ".join(notes))
    return lines


def _draw(scenario, target: str) -> str:
    from game.cli.graph_cmd import render
    from game.engine.graph import to_dot, to_mermaid

    ext = os.path.splitext(target)[1].lower()
    try:
        if ext in (".mmd", ".md", ".mermaid"):
            data = to_mermaid(scenario).encode("utf-8")
        else:
            data = to_dot(scenario).encode("utf-8")
            if ext in (".svg", ".png"):
                data = render(data, ext[1:])
        tmp = f"{target}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)  # a viewer never sees half a drawing
    except (GameError, OSError) as exc:
        return f"graph: not written ({exc})"
    return f"graph: {target} rewritten"
