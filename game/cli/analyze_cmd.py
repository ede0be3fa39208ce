"""`salesplay analyze PATH [--json]`: explore every reachable state and report what runs score."""

from __future__ import annotations

import json
import sys

from game.cli.common import load_one
from game.engine.analysis import STATE_CAP, Analysis, Run, analyze, explore
from game.engine.tells import FIRST, LONGEST, RULE_NAMES, RULES, Tells, study
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
        graph = explore(result.scenario, state_cap=args.state_cap)
        analysis = analyze(result.scenario, graph=graph)
        tells = study(result.scenario, graph, analysis) if analysis.exhaustive else None
    except MemoryError as exc:
        raise UsageError("out of memory; try a lower --state-cap") from exc
    if args.json:
        out = analysis.to_dict()
        out["tells"] = tells.to_dict() if tells else None
        json.dump(out, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(report(result.scenario, analysis, tells))
    # The verdict: 1 when the analysis is not exhaustive or finds a stuck state or a loop.
    return EXIT_OK if analysis.sound else EXIT_FAIL


def _run_line(scenario, label: str, run: Run | None, why_none: str) -> str:
    if run is None:
        return f"{label:<22}{why_none}"
    title = scenario.nodes[run.ending].ending.title
    count = f"{len(run.choices)} move" + ("" if len(run.choices) == 1 else "s")
    return (
        f"{label:<22}{run.score:+d}  {title} ({run.result}) in {count}:\n"
        f"    {path_text(run.path, run.choices)}"
    )


def path_text(nodes, choices) -> str:
    """`opening: ask_cost > numbers: design > partner`: each node with the choice taken there.

    Node ids and choice ids look alike (a default id is c1), so each move names both.
    """
    steps = [f"{node}: {choice}" for node, choice in zip(nodes, choices, strict=False)]
    if len(nodes) > len(choices):
        steps.append(nodes[-1])
    return " > ".join(steps)


def report(scenario, a: Analysis, tells: Tells | None = None) -> str:
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
            # A loop that gains (or loses) points leaves that side of the range open.
            if e.min is None and e.max is None:
                span = "any score (a loop)"
            elif e.max is None:
                span = f"scores {e.min:+d} or more (a loop)"
            elif e.min is None:
                span = f"scores {e.max:+d} or less (a loop)"
            else:
                span = (
                    f"scores {e.min:+d} to {e.max:+d}" if e.min != e.max else f"scores {e.min:+d}"
                )
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
    _more(lines, len(a.stuck_states))
    lines.append(f"Loops: {len(a.loops) or 'none'}")
    for lp in a.loops[:SHOWN]:
        lines.append(
            f"  {path_text(lp.nodes + (lp.nodes[0],), lp.choices)}, {lp.gain:+d} point{'' if abs(lp.gain) == 1 else 's'} a round"
        )
    _more(lines, len(a.loops))
    lines.append("")
    if tells is not None:
        lines += tells_section(scenario, a, tells) + [""]
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


def _more(lines: list[str], count: int) -> None:
    if count > SHOWN:
        lines.append(f"  ... and {count - SHOWN} more (see --json)")


def _rule_line(scenario, a: Analysis, rule: str, tells: Tells) -> str:
    play = tells.rules[rule]
    label = f"  {RULE_NAMES[rule]:<28}"
    if play.run is None:
        why = "goes round a loop for ever" if play.endless else "never reaches an ending"
        return label + ("gets stuck" if play.stuck and not play.endless else why)
    run = play.run
    title = scenario.nodes[run.ending].ending.title
    notes = []
    if play.optimal:
        notes.append("as much as the best run")
    if play.reaches_best_ending and a.best:
        notes.append(
            "reaches the best ending"
            if run.ending == a.best.ending
            else f"can reach the best ending, {a.best.ending}"
        )
    return (
        label
        + f"{run.score:+4d}  {title} ({run.result})"
        + (f": {', '.join(notes)}" if notes else "")
    )


def tells_section(scenario, a: Analysis, tells: Tells) -> list[str]:
    """What a rep who games the writing reaches; the trainer wants none of it to win."""
    lines = ["Tells (can the scenario be won without judgment?):"]
    lines += [_rule_line(scenario, a, rule, tells) for rule in RULES]
    # Greedy play needs the points, which a rep does not see; length and order need nothing.
    gamed = [
        {LONGEST: "the longest answer", FIRST: "the first answer"}[r]
        for r in (LONGEST, FIRST)
        if tells.rules[r].optimal or tells.rules[r].reaches_best_ending
    ]
    if a.best is not None:
        lines.append(
            f"  At a glance: always choosing {' or '.join(gamed)} reaches the leader's result "
            "without any judgment."
            if gamed
            else "  At a glance: neither the longest nor the first answer leads to the leader's "
            "result."
        )
    lines.append(
        f"  The top-scoring answer is also the longest in {len(tells.longest_is_best)} of "
        f"{tells.decisions} decisions."
    )
    lines.append(
        f"  Shared replies: {len(tells.shared)} of {tells.choices} choices "
        f"({tells.shared_share:.0%}) lead to the same node as a sibling."
    )
    lines.append("  Scores by result:")
    for result, endings in tells.results.items():
        spans = [f"{nid} {_span(e['min'], e['max'])}" for nid, e in endings.items()]
        lines.append(f"    {result:<8} {'; '.join(spans) or 'no reachable ending'}")
    if a.best is None:
        lines.append("  Inversions: not checked (there is no best run to compare with).")
    elif not tells.inversions:
        lines.append(
            f"  Inversions: none (every lost or stalled run scores below the lowest run to "
            f"{a.best.ending})."
        )
    for inv in tells.inversions:
        lines.append(
            f"  Inversion: a run ending at {inv.ending} ({inv.result}) scores up to "
            f"{inv.max:+d}, at least the {inv.best_ending_min:+d} of the lowest run to "
            f"{inv.best_ending}."
        )
    return lines


def _span(low, high) -> str:
    if low is None or high is None:
        return "unbounded"
    return f"{low:+d}" if low == high else f"{low:+d} to {high:+d}"
