"""Tells: ways to do well in a scenario by reading the writing instead of judging the buyer.

A rep who always says the longest answer, always the first one, or always whatever scores
most right now should not reach the leader's ending. Each such rule is played over the
analyser's state graph (`_Graph.follow` keeps only the moves the rule allows), so the rule's
runs are found exactly, loops and hidden choices included. Where the rule leaves a choice
open (two answers of the same length, or the same points), every way of following it is
explored and the best for the rep is reported: the tell shows what the trick can reach.
"""

from __future__ import annotations

from collections import Counter

from game.content.model import RESULTS, TIMEOUT, Frozen, Scenario
from game.engine.analysis import Analysis, Run, analyze, best_reach, explore

LONGEST, FIRST, GREEDY = "always_longest", "always_first", "greedy"
RULES = (LONGEST, FIRST, GREEDY)
RULE_NAMES = {
    LONGEST: "Always the longest answer",
    FIRST: "Always the first answer",
    GREEDY: "Greedy (most points now)",
}
_set = object.__setattr__


class RulePlay(Frozen):
    """What a rep following one rule can reach: the best such run, and where the rule ends."""

    __slots__ = ("rule", "run", "reaches_best_ending", "optimal", "endless", "stuck")

    def __init__(
        self,
        rule: str,
        run: Run | None,  # the best run the rule can make; None when it cannot finish
        reaches_best_ending: bool,  # some run of the rule ends where the best run ends
        optimal: bool,  # the rule's best run scores as much as the best run
        endless: bool,  # the rule can go round a loop for ever
        stuck: bool,  # the rule can reach a state with no move
    ):
        _set(self, "rule", rule)
        _set(self, "run", run)
        _set(self, "reaches_best_ending", reaches_best_ending)
        _set(self, "optimal", optimal)
        _set(self, "endless", endless)
        _set(self, "stuck", stuck)

    def to_dict(self) -> dict:
        return {
            "run": self.run.to_dict() if self.run else None,
            "reaches_best_ending": self.reaches_best_ending,
            "optimal": self.optimal,
            "endless": self.endless,
            "stuck": self.stuck,
        }


class Inversion(Frozen):
    """An ending with a lost or stalled result that can score at least the best ending's lowest."""

    __slots__ = ("ending", "result", "max", "best_ending", "best_ending_min")

    def __init__(self, ending: str, result: str, max: int, best_ending: str, best_ending_min: int):
        _set(self, "ending", ending)
        _set(self, "result", result)
        _set(self, "max", max)
        _set(self, "best_ending", best_ending)
        _set(self, "best_ending_min", best_ending_min)

    def to_dict(self) -> dict:
        return {
            "ending": self.ending,
            "result": self.result,
            "max": self.max,
            "best_ending": self.best_ending,
            "best_ending_min": self.best_ending_min,
        }


class Tells(Frozen):
    """Everything `analyze` reports under "Tells", and what the teaching checks read."""

    __slots__ = (
        "rules",
        "decisions",
        "longest_is_best",
        "choices",
        "shared",
        "results",
        "inversions",
        "multi_move",
    )

    def __init__(
        self,
        rules: dict[str, RulePlay],  # LONGEST, FIRST, GREEDY -> what that rule reaches
        decisions: int,  # decisions with two or more choices
        longest_is_best: tuple[str, ...],  # of those, where the one longest answer scores most
        choices: int,  # every choice of every decision
        shared: tuple[tuple[str, str], ...],  # (node, choice) whose `next` a sibling shares
        results: dict[str, dict[str, dict]],  # result -> ending -> {min, max} (reachable ones)
        inversions: tuple[Inversion, ...],
        multi_move: bool,  # some run makes two moves or more, so "now" and "later" differ
    ):
        _set(self, "rules", rules)
        _set(self, "decisions", decisions)
        _set(self, "longest_is_best", longest_is_best)
        _set(self, "choices", choices)
        _set(self, "shared", shared)
        _set(self, "results", results)
        _set(self, "inversions", inversions)
        _set(self, "multi_move", multi_move)

    @property
    def shared_share(self) -> float:
        return len(self.shared) / self.choices if self.choices else 0.0

    def to_dict(self) -> dict:
        return {
            **{rule: self.rules[rule].to_dict() for rule in RULES},
            "longest_is_best": {
                "decisions": self.decisions,
                "count": len(self.longest_is_best),
                "nodes": list(self.longest_is_best),
            },
            "shared_replies": {
                "choices": self.choices,
                "shared": len(self.shared),
                "share": round(self.shared_share, 3),
            },
            "results": self.results,
            "inversions": [i.to_dict() for i in self.inversions],
        }


def study(scenario: Scenario, graph=None, analysis: Analysis | None = None) -> Tells:
    """The tells of a scenario, from its state graph (explored here unless given)."""
    graph = graph if graph is not None else explore(scenario)
    analysis = analysis if analysis is not None else analyze(scenario, graph=graph)
    picks = _picks(scenario, graph)
    rules = {rule: _play(scenario, graph, analysis, rule, pick) for rule, pick in picks.items()}
    decisions, longest = _length_pattern(scenario)
    total, shared = _shared_replies(scenario)
    results = {r: {} for r in RESULTS}
    for nid, e in analysis.endings.items():
        if e.reachable:
            results[e.result][nid] = {"min": e.min, "max": e.max}
    multi = any(not graph.is_ending(e[0]) for s in range(len(graph.keys)) for e in graph.edges[s])
    return Tells(
        rules,
        decisions,
        longest,
        total,
        shared,
        results,
        inversions(analysis),
        multi,
    )


def _picks(scenario: Scenario, graph) -> dict:
    """Each rule as a function (node index, the state's moves) -> the moves it allows.

    A rule says something only when there is a choice to make: a state whose only move is
    the timer running out lets it run out.
    """
    nodes = [scenario.nodes[nid] for nid in graph.c.ids]
    length = [{c.id: len(c.text) for c in n.choices} for n in nodes]

    def said(edges):
        return [e for e in edges if e[2] != TIMEOUT] or edges

    def longest(node, edges):
        options = said(edges)
        if options[0][2] == TIMEOUT:
            return options
        top = max(length[node][e[2]] for e in options)
        return [e for e in options if length[node][e[2]] == top]

    def first(node, edges):
        return said(edges)[:1]

    def greedy(node, edges):
        options = said(edges)
        top = max(e[1] for e in options)
        return [e for e in options if e[1] == top]

    return {LONGEST: longest, FIRST: first, GREEDY: greedy}


def _play(scenario, graph, analysis: Analysis, rule: str, pick) -> RulePlay:
    run, reached, endless, stuck = best_reach(graph.follow(pick))
    best = analysis.best
    return RulePlay(
        rule,
        run,
        bool(best) and best.ending in reached,
        bool(best and run) and run.score >= best.score,
        endless,
        stuck,
    )


def _length_pattern(scenario: Scenario) -> tuple[int, tuple[str, ...]]:
    """Decisions with two or more choices, and those where the one longest answer scores most."""
    counted, found = 0, []
    for node in scenario.decisions:
        if len(node.choices) < 2:
            continue
        counted += 1
        by_length = sorted(node.choices, key=lambda c: len(c.text), reverse=True)
        if len(by_length[0].text) == len(by_length[1].text):
            continue  # no one answer stands out by length
        if by_length[0].value >= max(c.value for c in node.choices):
            found.append(node.id)
    return counted, tuple(found)


def _shared_replies(scenario: Scenario) -> tuple[int, tuple[tuple[str, str], ...]]:
    """Every choice, and those that lead to the same node as a sibling (the same reply)."""
    total, shared = 0, []
    for node in scenario.decisions:
        total += len(node.choices)
        targets = Counter(c.next for c in node.choices)
        shared += [(node.id, c.id) for c in node.choices if targets[c.next] > 1]
    return total, tuple(shared)


def inversions(analysis: Analysis) -> tuple[Inversion, ...]:
    """Lost or stalled endings a run reaches with at least the best ending's lowest score."""
    best = analysis.best
    if best is None or not analysis.exhaustive:
        return ()
    floor = analysis.endings[best.ending].min
    if floor is None:
        return ()
    return tuple(
        Inversion(nid, e.result, e.max, best.ending, floor)
        for nid, e in analysis.endings.items()
        if e.result in ("lost", "stalled")
        and nid != best.ending
        and e.reachable
        and e.max is not None
        and e.max >= floor
    )
