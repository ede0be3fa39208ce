"""Teaching checks that read the state graph: can the scenario be won without judgment?

Each finding is located at the node, choice or condition it concerns and ends with what to
change. They are warnings (so `validate --strict` fails on them), except `greedy-wins`,
which is advice: a scenario can teach well where the leader's answer also pays at once.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product

from game.content.diagnostics import INFO, WARNING, Diagnostic
from game.content.model import Choice, Loc, Node, Scenario
from game.engine.analysis import Analysis
from game.engine.tells import GREEDY, LONGEST, Tells

LENGTH_MIN_DECISIONS = 3  # fewer decisions show no pattern a rep could learn
COMMODITY_MIN_GAP = 3  # the best commodity run must score at least this much below the best
SHOWN = 5  # node or choice ids named in one message


def _at(scenario: Scenario, loc: Loc | None, severity: str, code: str, message: str) -> Diagnostic:
    path = loc.path if loc else scenario.path
    return Diagnostic(path, loc.line if loc else 1, loc.col if loc else 1, severity, code, message)


def _names(ids) -> str:
    ids = list(ids)
    shown = ", ".join(f"'{i}'" for i in ids[:SHOWN])
    return shown + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")


def check(scenario: Scenario, analysis: Analysis, graph, tells: Tells | None) -> list[Diagnostic]:
    """Every graph-reading teaching diagnostic. `tells` is None when the analysis is partial."""
    out = buyer_ignores(scenario) + endless_loops(scenario, analysis)
    out += stuck_states(scenario, analysis)
    if tells is None:  # the analysis stopped at its cap: judge conditions by the ranges alone
        return out + conditions_out_of_range(scenario)
    out += answer_length_tell(scenario, analysis, tells)
    out += result_inversion(scenario, tells)
    out += commodity_gap(scenario, analysis)
    out += condition_never_holds(scenario, analysis, graph)
    out += greedy_wins(scenario, analysis, tells)
    return out


def buyer_ignores(scenario: Scenario) -> list[Diagnostic]:
    out = []
    for node in scenario.decisions:
        by_target: dict[str, list[str]] = defaultdict(list)
        for c in node.choices:
            by_target[c.next].append(c.id)
        for target, ids in by_target.items():
            if len(ids) >= 3:
                out.append(
                    _at(
                        scenario,
                        node.loc,
                        WARNING,
                        "buyer-ignores",
                        f"Choices {_names(ids)} at '{node.id}' all lead to '{target}', so the "
                        "buyer gives the same reply whatever the rep said, and only the coach's "
                        "note tells the answers apart. Give each answer its own reply node (the "
                        "buyer reacts to what was said), or merge the answers.",
                    )
                )
    return out


def endless_loops(scenario: Scenario, analysis: Analysis) -> list[Diagnostic]:
    out, seen = [], set()
    for loop in analysis.loops:
        if loop.nodes[0] in seen:
            continue
        seen.add(loop.nodes[0])
        round_ = " > ".join((*loop.nodes, loop.nodes[0]))
        out.append(
            _at(
                scenario,
                scenario.nodes[loop.nodes[0]].loc,
                WARNING,
                "endless-loop",
                f"A run can go round {round_} for ever ({loop.gain:+d} point{'' if abs(loop.gain) == 1 else 's'} a round), so the "
                "conversation never has to end and its best or worst score is unbounded. Bound "
                "the loop with a meter (patience, say, with `on_min`) or a visited() condition.",
            )
        )
    return out


def stuck_states(scenario: Scenario, analysis: Analysis) -> list[Diagnostic]:
    by_node: dict[str, list] = defaultdict(list)
    for s in analysis.stuck_states:
        by_node[s.node].append(s)
    out = []
    for nid, states in by_node.items():
        first = states[0]
        where = ", ".join(f"{k} {v}" for k, v in first.meters.items())
        if first.flags:
            where += ("; " if where else "") + "flags " + ", ".join(first.flags)
        more = f" (and {len(states) - 1} more such states)" if len(states) > 1 else ""
        out.append(
            _at(
                scenario,
                scenario.nodes[nid].loc,
                WARNING,
                "stuck-state",
                f"A run can reach '{nid}'" + (f" with {where}" if where else "") + f"{more} "
                "where every choice is hidden and there is no time limit, so it cannot go on. "
                "Add a choice without a condition, or a time limit with a `timeout`.",
            )
        )
    return out


def answer_length_tell(scenario: Scenario, analysis: Analysis, tells: Tells) -> list[Diagnostic]:
    out = []
    found, counted = tells.longest_is_best, tells.decisions
    if counted >= LENGTH_MIN_DECISIONS and 2 * len(found) > counted:
        out.append(
            _at(
                scenario,
                scenario.nodes[found[0]].loc,
                WARNING,
                "answer-length-tell",
                f"In {len(found)} of {counted} decisions ({_names(found)}) the answer that scores "
                "the most is also the longest, so a rep can win by picking the longest line. "
                "Write the tempting answers as long and as persuasive as the leader's, or cut "
                "the leader's lines down.",
            )
        )
    longest, best = tells.rules[LONGEST], analysis.best
    others = [
        nid for nid, e in analysis.endings.items() if e.reachable and best and nid != best.ending
    ]
    if best is not None and others and longest.reaches_best_ending:
        out.append(
            _at(
                scenario,
                scenario.nodes[scenario.start].loc,
                WARNING,
                "answer-length-tell",
                f"Always choosing the longest answer reaches '{best.ending}', the best run's "
                "ending, so length alone leads there. Make a tempting answer the longest at some "
                "decision on that way, or shorten the leader's line there.",
            )
        )
    return out


def result_inversion(scenario: Scenario, tells: Tells) -> list[Diagnostic]:
    out = []
    for inv in tells.inversions:
        won = scenario.nodes[inv.best_ending].ending.result
        out.append(
            _at(
                scenario,
                scenario.nodes[inv.ending].loc,
                WARNING,
                "result-inversion",
                f"A run that ends at '{inv.ending}' ({inv.result}) can score {inv.max:+d}, at "
                f"least the {inv.best_ending_min:+d} of the lowest run that reaches "
                f"'{inv.best_ending}' ({won}), so the debrief would rate that {inv.result} run as "
                f"high as a {won} one. Give '{inv.ending}' negative `points`, or make the choices "
                "that lead to it cost more.",
            )
        )
    return out


def commodity_gap(scenario: Scenario, analysis: Analysis) -> list[Diagnostic]:
    best, cheap = analysis.best, analysis.best_with_commodity
    if best is None or cheap is None:
        return []
    gap = best.score - cheap.score
    if not 0 < gap < COMMODITY_MIN_GAP:  # commodity-pays covers a gap of 0 or less
        return []
    first = _first_commodity_choice(scenario, cheap)
    return [
        _at(
            scenario,
            first.loc if first else None,
            WARNING,
            "commodity-gap",
            f"The best run that takes a price or commodity choice "
            f"('{first.id if first else '?'}') scores {cheap.score:+d}, only {gap} below the best "
            f"run ({best.score:+d}), so leading with price costs the rep almost nothing. Make "
            f"price-led answers cost more, or lead them to a weaker ending, so the leader's path "
            f"pays at least {COMMODITY_MIN_GAP} more.",
        )
    ]


def _first_commodity_choice(scenario: Scenario, run) -> Choice | None:
    for node_id, choice_id in zip(run.path, run.choices, strict=False):
        choice = scenario.nodes[node_id].choice(choice_id)
        if choice is not None and choice.is_commodity:
            return choice
    return None


def condition_never_holds(scenario: Scenario, analysis: Analysis, graph) -> list[Diagnostic]:
    """A choice whose condition holds in no reachable state of its node is never shown."""
    index = {nid: i for i, nid in enumerate(graph.c.ids)}
    wanted = {
        index[n.id]: n
        for n in scenario.decisions
        if n.id in analysis.reached_nodes and any(c.condition for c in n.choices)
    }
    if not wanted:
        return []
    shown: dict[int, set[str]] = defaultdict(set)
    ranges: dict[int, dict[int, list[int]]] = defaultdict(dict)
    for s, key in enumerate(graph.keys):
        node = key[0]
        if node not in wanted:
            continue
        shown[node].update(e[2] for e in graph.edges[s])
        for i, v in enumerate(key[1]):
            span = ranges[node].setdefault(i, [v, v])
            span[0], span[1] = min(span[0], v), max(span[1], v)
    out = []
    for node_index, node in wanted.items():
        for c in node.choices:
            if c.condition is None or c.id in shown[node_index]:
                continue
            out.append(_never(scenario, node, c, graph, ranges[node_index]))
    return out


def _never(scenario: Scenario, node: Node, c: Choice, graph, ranges) -> Diagnostic:
    read = []
    for i, name in enumerate(graph.c.meter_names):
        if name in c.condition.names and i in ranges:
            low, high = ranges[i]
            read.append(
                f"{name} is {low}" if low == high else f"{name} ranges from {low} to {high}"
            )
    there = f" (there {', '.join(read)})" if read else ""
    return _at(
        scenario,
        c.condition.loc or c.loc,
        WARNING,
        "condition-never-holds",
        f"The condition `{c.condition.source}` of choice '{c.id}' holds in no run that reaches "
        f"'{node.id}'{there}, so the choice is never shown. Change the condition, or the effects "
        "and flags that lead here, or remove the choice.",
    )


COMBINATIONS_CAP = 20_000  # value combinations tried per condition without a full analysis


def conditions_out_of_range(scenario: Scenario) -> list[Diagnostic]:
    """Conditions that no value of their meters (within the declared ranges) and no value
    of their flags and visits satisfies; used when the state graph is not complete."""
    out = []
    for node in scenario.decisions:
        for c in node.choices:
            if c.condition is not None and _holds_for_nothing(scenario, c.condition):
                spans = [
                    f"{m.name} from {m.min} to {m.max}"
                    for m in scenario.meters.values()
                    if m.name in c.condition.names
                ]
                there = f" ({', '.join(spans)})" if spans else ""
                out.append(
                    _at(
                        scenario,
                        c.condition.loc or c.loc,
                        WARNING,
                        "condition-never-holds",
                        f"The condition `{c.condition.source}` of choice '{c.id}' holds for no "
                        f"value its meters and flags can take{there}, so the choice is never "
                        "shown. Change the condition or the meters' ranges, or remove the choice.",
                    )
                )
    return out


def _holds_for_nothing(scenario: Scenario, condition) -> bool:
    meters = [m for m in scenario.meters.values() if m.name in condition.names]
    flags = [f for f in scenario.flags if f in condition.names]
    visits = sorted(condition.visits)
    count = 2 ** (len(flags) + len(visits))
    for m in meters:
        count *= m.max - m.min + 1
    if count > COMBINATIONS_CAP:
        return False  # too many to try: say nothing rather than guess
    for values in product(*(range(m.min, m.max + 1) for m in meters)):
        named = dict(zip((m.name for m in meters), values, strict=True))
        for bits in product((False, True), repeat=len(flags) + len(visits)):
            on = {f for f, b in zip(flags, bits, strict=False) if b}
            seen = {v for v, b in zip(visits, bits[len(flags) :], strict=False) if b}
            if condition.holds(named, on, seen):
                return False
    return True


def greedy_wins(scenario: Scenario, analysis: Analysis, tells: Tells) -> list[Diagnostic]:
    greedy = tells.rules[GREEDY]
    if analysis.best is None or not tells.multi_move or not greedy.optimal:
        return []
    return [
        _at(
            scenario,
            scenario.nodes[scenario.start].loc,
            INFO,
            "greedy-wins",
            f"Taking the most points at every step scores {greedy.run.score:+d}, as much as the "
            "best run, so no decision costs now and pays later. Consider a decision where the "
            "leader's answer costs something now (a hard question that lowers trust, a refusal "
            "that cools the buyer) and earns more later.",
        )
    ]
