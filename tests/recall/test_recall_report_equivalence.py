"""`ambiguous_examples` reports exactly what the plain definition does.

The check behind `validate`'s `example-ambiguous` scores every example against its own
choice (left out of it) and its siblings; the fast path shares the work per node. The plain
definition, written here the slow way (a variant choice per example, two matcher calls),
is the reference: any drift in a flagged example, a score or its rounding fails the test.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.content import load_text
from game.engine.matcher import Matcher
from game.engine.recall_report import AmbiguousExample, ambiguous_examples
from tests.helpers import ROOT

RECALL = ROOT / "bench" / "recall"


def reference(scenario) -> list[AmbiguousExample]:
    matcher = Matcher(scenario)
    out = []
    for node in scenario.decisions:
        for choice in node.choices:
            others = [c for c in node.choices if c.id != choice.id]
            if not others:
                continue
            for i, example in enumerate(choice.examples):
                without = replace(choice, examples=choice.examples[:i] + choice.examples[i + 1 :])
                (own,) = matcher.scores(example, f"\0{node.id}\0{choice.id}\0{i}", [without])
                theirs = matcher.scores(example, node.id, others)
                best = max(range(len(others)), key=lambda k: theirs[k])
                runner_up = max([own] + theirs[:best] + theirs[best + 1 :])
                if matcher.confident(theirs[best], runner_up):
                    out.append(
                        AmbiguousExample(
                            node.id,
                            choice.id,
                            i,
                            example,
                            others[best].id,
                            round(own, 3),
                            round(theirs[best], 3),
                        )
                    )
    return out


@pytest.mark.parametrize("name", ["trade-dont-give.yaml", "procurement-squeeze.yaml"])
def test_the_fast_check_flags_what_the_plain_definition_flags(name):
    path = RECALL / name
    scenario = load_text(path.read_text(encoding="utf-8"), str(path)).scenario
    expected = reference(scenario)
    assert expected, "the scenario should hold examples that read like a sibling"
    assert ambiguous_examples(scenario) == expected


def same_floats(scenario) -> int:
    """`examples_scores` (one pass over a node) gives exactly the floats `scores` gives."""
    fast, slow = Matcher(scenario), Matcher(scenario)
    compared = 0
    for node in scenario.decisions:
        table = fast.examples_scores(node.id, node.choices)
        for choice, rows in zip(node.choices, table, strict=True):
            for i, (example, row) in enumerate(zip(choice.examples, rows, strict=True)):
                expected = slow.scores(example, node.id, node.choices, (choice.id, i + 1))
                assert [s.hex() for s in row] == [s.hex() for s in expected], (node.id, example)
                compared += 1
    return compared


@pytest.mark.parametrize("name", ["trade-dont-give.yaml", "procurement-squeeze.yaml"])
def test_the_node_at_once_scores_are_the_one_answer_scores_to_the_last_bit(name):
    path = RECALL / name
    scenario = load_text(path.read_text(encoding="utf-8"), str(path)).scenario
    assert same_floats(scenario) > 50


def test_duplicated_lines_and_stage_directions_are_left_out_by_position():
    """An example that repeats another line of its choice is still matched by that line."""
    from game.content.codes import BASE

    text = BASE.replace(
        "        effects: {trust: 1}\n",
        "        effects: {trust: 1}\n"
        "        examples: [We can beat their price., We can beat their price., (Stay silent.)]\n",
    )
    scenario = load_text(text, "t.yaml").scenario
    assert ambiguous_examples(scenario) == reference(scenario)
    assert same_floats(scenario) == 2  # the repeated example is read once
