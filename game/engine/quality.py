"""Teaching-quality checks: does the scenario teach that the leader's path pays?

These go beyond the format's rules, so they are warnings or info, never errors. Each has a
stable code (catalogued in `game.content.codes`) and a message that says what to do.
"""

from __future__ import annotations

import re

from game.content.diagnostics import INFO, WARNING, Diagnostic
from game.content.model import COMMODITY_TAGS, Choice, Loc, Node, Scenario
from game.engine import teaching
from game.engine.analysis import Analysis, analyze, explore
from game.engine.pricetalk import price_phrase
from game.engine.tells import study

# Feedback sentences that only give a verdict. A note made only of these judges and teaches nothing.
_VERDICT = re.compile(
    r"^((that|this|it)('s| is| was)?\s+)?((a|an|the)\s+)?((really|very|quite|totally|so|not)\s+)?"
    r"(wrong|incorrect|bad|poor|terrible|weak|awful|correct|right|good|great|excellent|perfect|nice|"
    r"best|worst|brilliant|fine|ok|okay|well done|good job|nope|no|yes|oops|mistake|fail|failed|"
    r"not quite|try again|you lose|you win)"
    r"(\s+(choice|answer|move|option|one|call|idea|response|reply|job|work))?"
    r"(\s+again)?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;:\n]+")


def review(scenario: Scenario, analysis: Analysis | None = None, graph=None) -> list[Diagnostic]:
    """Every teaching-quality diagnostic for a scenario that loaded without errors.

    `analysis` and its state `graph` (from `explore`) are computed here unless given; the
    checks that need the whole graph are skipped when the analysis stopped at its cap.
    """
    if analysis is None:
        graph = graph if graph is not None else explore(scenario)
        analysis = analyze(scenario, graph=graph)
    elif graph is None and analysis.exhaustive:
        graph = explore(scenario, analysis.state_cap)
    tells = study(scenario, graph, analysis) if analysis.exhaustive else None
    out: list[Diagnostic] = teaching.check(scenario, analysis, graph, tells)
    for node in scenario.decisions:
        out += no_temptation(scenario, node)
        for choice in node.choices:
            out += price_untagged(scenario, choice)
            out += judging_feedback(scenario, choice)
            out += missing_feedback(scenario, node, choice)
    out += commodity_pays(scenario, analysis)
    out += unreachable(scenario, analysis)
    out += example_ambiguous(scenario)
    return out


def example_ambiguous(scenario: Scenario) -> list[Diagnostic]:
    """Examples the recall matcher would take as a sibling choice (left out of their own)."""
    from game.engine.recall_report import ambiguous_examples

    out = []
    for a in ambiguous_examples(scenario):
        choice = scenario.nodes[a.node].choice(a.choice)
        out.append(
            _at(
                scenario,
                choice.loc if choice else None,
                WARNING,
                "example-ambiguous",
                f"Example {a.index + 1} of choice '{a.choice}' (\"{a.example}\") reads more "
                f"like choice '{a.other}' than its own: a rep who types it would be heard as "
                f"'{a.other}'. Reword it with the words that set '{a.choice}' apart, or remove it.",
            )
        )
    return out


def _at(scenario: Scenario, loc: Loc | None, severity: str, code: str, message: str) -> Diagnostic:
    path = loc.path if loc else scenario.path
    return Diagnostic(path, loc.line if loc else 1, loc.col if loc else 1, severity, code, message)


def no_temptation(scenario: Scenario, node: Node) -> list[Diagnostic]:
    if any(c.value < 0 for c in node.choices):
        return []
    return [
        _at(
            scenario,
            node.loc,
            WARNING,
            "no-temptation",
            f"No choice at '{node.id}' loses points, so "
            "the rep cannot go wrong here. Add the tempting answer a rep would really give (a "
            "discount, a feature list, agreeing with the buyer) and tag it price, commodity or feature.",
        )
    ]


def price_untagged(scenario: Scenario, choice: Choice) -> list[Diagnostic]:
    if any(t in COMMODITY_TAGS for t in choice.tags):
        return []
    kind = price_phrase(choice.text)
    if kind is None:
        return []
    return [
        _at(
            scenario,
            choice.loc,
            WARNING,
            "price-untagged",
            f"Choice '{choice.id}' reads as price talk "
            f"({kind}) but has no price or commodity tag, so the debrief cannot show what it cost. "
            "Add `tags: [price]` (or commodity), or reword it if it is not about price.",
        )
    ]


def judges_only(feedback: str) -> bool:
    """True when every sentence of the feedback is a bare verdict ("Wrong!", "Good choice.")."""
    judged = False
    start = 0
    while True:  # the pieces of _SENTENCE_END.split(feedback), read only as far as needed
        end = _SENTENCE_END.search(feedback, start)
        sentence = feedback[start : end.start() if end else len(feedback)].strip(" \t\n'\"")
        if sentence:
            if not _VERDICT.match(sentence.replace(",", "")):
                return False  # most notes: their first sentence says more than a verdict
            judged = True
        if end is None:
            return judged
        start = end.end()


def judging_feedback(scenario: Scenario, choice: Choice) -> list[Diagnostic]:
    if not choice.feedback or not judges_only(choice.feedback):
        return []
    return [
        _at(
            scenario,
            choice.loc,
            WARNING,
            "judging-feedback",
            f"The feedback of choice '{choice.id}' "
            f'only judges ("{choice.feedback.strip()[:40]}"). Show the consequence instead: what the '
            "buyer heard, felt or did next, and what that means for the deal.",
        )
    ]


def missing_feedback(scenario: Scenario, node: Node, choice: Choice) -> list[Diagnostic]:
    if choice.feedback:
        return []
    return [
        _at(
            scenario,
            choice.loc,
            INFO,
            "missing-feedback",
            f"Choice '{choice.id}' at '{node.id}' has "
            "no feedback. Add a `feedback:` note showing what this answer led to; the debrief and "
            "practice mode show it.",
        )
    ]


def commodity_pays(scenario: Scenario, analysis: Analysis) -> list[Diagnostic]:
    best, cheap = analysis.best, analysis.best_with_commodity
    if not analysis.exhaustive or best is None or cheap is None or cheap.score < best.score:
        return []
    first = _first_commodity_choice(scenario, cheap.path, cheap.choices)
    return [
        _at(
            scenario,
            first.loc if first else None,
            WARNING,
            "commodity-pays",
            f"A run that takes a "
            f"price or commodity choice ('{first.id if first else '?'}') scores {cheap.score}, as much as "
            f"the best run ({best.score}). Make price-led answers cost points, or lead them to a weaker "
            "ending, so the leader's path pays more.",
        )
    ]


def _first_commodity_choice(scenario: Scenario, path, choices) -> Choice | None:
    for node_id, choice_id in zip(path, choices, strict=False):
        choice = scenario.nodes[node_id].choice(choice_id)
        if choice is not None and choice.is_commodity:
            return choice
    return None


def unreachable(scenario: Scenario, analysis: Analysis) -> list[Diagnostic]:
    """Nodes no run enters. When the analysis stopped at its cap, only nodes no link leads to."""
    if analysis.exhaustive:
        missing = analysis.unreachable_nodes
    else:
        missing = tuple(nid for nid in scenario.nodes if nid not in linked_nodes(scenario))
    out = []
    for nid in missing:
        node = scenario.nodes[nid]
        if node.is_ending:
            out.append(
                _at(
                    scenario,
                    node.loc,
                    WARNING,
                    "unreachable-ending",
                    f"No run can reach ending "
                    f"'{nid}' ({node.ending.title}). Point a choice's `next` at it, check the "
                    "conditions on the way, or remove it.",
                )
            )
        else:
            out.append(
                _at(
                    scenario,
                    node.loc,
                    WARNING,
                    "unreachable-node",
                    f"No run can reach node '{nid}'. "
                    "Point a choice's `next` at it, check the conditions on the way, or remove it.",
                )
            )
    return out


def linked_nodes(scenario: Scenario) -> set[str]:
    """Nodes some chain of links leads to from the start, ignoring conditions."""
    seen, todo = {scenario.start}, [scenario.start]
    while todo:
        node = scenario.nodes[todo.pop()]
        targets = (
            [c.next for c in node.choices] + [node.timeout]
            if node.timeout
            else [c.next for c in node.choices]
        )
        targets += [t for m in scenario.meters.values() for t in (m.on_min, m.on_max) if t]
        for t in targets:
            if t not in seen:
                seen.add(t)
                todo.append(t)
    return seen
