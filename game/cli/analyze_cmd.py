"""`salesplay analyze PATH [--json]`: explore every reachable state and report what runs score."""

from __future__ import annotations

import json
import sys

from game.cli.common import load_one
from game.engine.analysis import STATE_CAP, Analysis, Run, analyze
from game.errors import EXIT_FAIL, EXIT_OK, UsageError

SHOWN = 5  # stuck states and loops listed in the report for people (JSON lists them all)


def register(sub) -> None:
    p = sub.add_parser(
        "analyze",
        help="explore every run: best, worst, commodity runs, loops",
        description="Explore every reachable state of a scenario. Exit 0 when the "
        "analysis is exhaustive with no stuck state and no loop, else 1.",
    )
    p.add_argument("path", metavar="PATH", help="a scenario file")
    p.add_argument("--json", action="store_true", help="print the contract's JSON object")
    p.add_argument(
        "--state-cap",
        type=_positive,
        default=STATE_CAP,
        metavar="N",
        help=f"stop exploring after N states (default {STATE_CAP:,})",
    )
    p.set_defaults(handler=run)


def _positive(text: str) -> int:
    import argparse

    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of states, 1 or more")
    return int(text)


def run(args) -> int:
    result = load_one(args.path)
    try:
        analysis = analyze(result.scenario, state_cap=args.state_cap)
    except MemoryError as exc:
        raise UsageError("out of memory; try a lower --state-cap") from exc
    if args.json:
        json.dump(analysis.to_dict(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(report(result.scenario, analysis))
    # The verdict: 1 when the analysis is not exhaustive or finds a stuck state or a loop.
    return EXIT_OK if analysis.sound else EXIT_FAIL


def _run_line(scenario, label: str, run: Run | None, why_none: str) -> str:
    if run is None:
        return f"{label:<22}{why_none}"
    title = scenario.nodes[run.ending].ending.title
    moves = " > ".join(run.choices)
    count = f"{len(run.choices)} move" + ("" if len(run.choices) == 1 else "s")
    return f"{label:<22}{run.score:+d}  {title} ({run.result}) in {count}: {moves}"


def report(scenario, a: Analysis) -> str:
    """A short report a trainer reads at a glance; the verdict comes last."""
    covered = "every reachable state" if a.exhaustive else f"stopped at the cap of {a.state_cap:,}"
    lines = [f"{scenario.title} ({scenario.id}): {a.states:,} states, {covered}.", ""]
    gaining = any(lp.gain > 0 for lp in a.loops)
    losing = any(lp.gain < 0 for lp in a.loops)
    none_reached = "none: no ending can be reached"
    lines.append(
        _run_line(
            scenario,
            "Leader's path (best)",
            a.best,
            "unbounded: a loop gains points each round" if gaining else none_reached,
        )
    )
    lines.append(
        _run_line(
            scenario,
            "Best with commodity",
            a.best_with_commodity,
            "unbounded: a loop gains points each round"
            if gaining
            else "none: no run takes a price or commodity choice",
        )
    )
    lines.append(
        _run_line(
            scenario,
            "Worst",
            a.worst,
            "unbounded: a loop loses points each round" if losing else none_reached,
        )
    )
    if a.best and a.best_with_commodity:
        gap = a.best.score - a.best_with_commodity.score
        lines.append(
            f"  The leader's path pays {gap} more than the best commodity run."
            if gap > 0
            else "  Warning: a commodity run scores as much as the leader's path."
        )
    lines += ["", "Endings:"]
    for nid, e in a.endings.items():
        title = scenario.nodes[nid].ending.title
        if not e.reachable:
            span = "never reached"
        else:
            low = "?" if e.min is None else f"{e.min:+d}"
            high = "?" if e.max is None else f"{e.max:+d}"
            span = f"scores {low} to {high}" if low != high else f"scores {low}"
        lines.append(f"  {nid:<20} {e.result:<8} {title}: {span}")
    lines.append("")
    lines.append("Unreachable nodes: " + (", ".join(a.unreachable_nodes) or "none"))
    lines.append(f"Stuck states: {len(a.stuck_states) or 'none'}")
    for s in a.stuck_states[:SHOWN]:
        meters = ", ".join(f"{k} {v}" for k, v in s.meters.items())
        flags = ", ".join(s.flags)
        lines.append(
            f"  at '{s.node}'"
            + (f" with {meters}" if meters else "")
            + (f"; flags {flags}" if flags else "")
            + ": every choice is hidden and there is no timer"
        )
    lines.append(f"Loops: {len(a.loops) or 'none'}")
    for lp in a.loops[:SHOWN]:
        lines.append(f"  {' > '.join(lp.nodes)} > {lp.nodes[0]}, {lp.gain:+d} points a round")
    for more in (len(a.stuck_states) - SHOWN, len(a.loops) - SHOWN):
        if more > 0:
            lines.append(f"  ... and {more} more (see --json)")
    lines.append("")
    if a.sound:
        lines.append("Verdict: every run ends, and no one gets stuck.")
    else:
        todo = []
        if not a.exhaustive:
            todo.append(
                "the analysis stopped at its state cap, so results cover only the states explored "
                "(raise --state-cap, or use fewer meter values)"
            )
        if a.stuck_states:
            todo.append("give stuck states a choice with no condition, or a time limit")
        if a.loops:
            todo.append("bound each loop with a meter (patience, say) or a visited() condition")
        lines.append("Verdict: needs work: " + "; ".join(todo) + ".")
    return "\n".join(lines)
