"""`ambiguous_examples` reports exactly what the plain definition does.

The check behind `validate`'s `example-ambiguous` scores every example against its own
choice (left out of it) and its siblings; the fast path rules most examples out with a bound
(`Matcher.examples_in_doubt`) and works out only the rest. The plain definition, written
here the slow way (a variant choice per example, two matcher calls), and the full
computation (every row, no bound) are the references: any drift in a flagged example, a
score or its rounding fails the tests, on the bench's scenarios and on shuffled copies of
every library in which many examples read like a sibling.
"""

from __future__ import annotations

import random

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
                without = choice.replace(examples=choice.examples[:i] + choice.examples[i + 1 :])
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


def full_check(scenario) -> list[AmbiguousExample]:
    """The check with every score worked out (`scores` with the example left out), no bound."""
    matcher = Matcher(scenario)
    out = []
    for node in scenario.decisions:
        choices = node.choices
        for k, choice in enumerate(choices):
            others = choices[:k] + choices[k + 1 :]
            for i, example in enumerate(choice.examples):
                if not others:
                    continue
                row = matcher.scores(example, node.id, choices, (choice.id, i + 1))
                own, theirs = row[k], row[:k] + row[k + 1 :]
                best = max(range(len(others)), key=lambda j: theirs[j])
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


def same_floats(scenario) -> tuple[int, int]:
    """`examples_in_doubt` gives exactly the floats `scores` gives where it gives a row, and
    where it gives none the full row flags nothing: how many rows of each."""
    fast, slow = Matcher(scenario), Matcher(scenario)
    rows_given = settled = 0
    for node in scenario.decisions:
        table = fast.examples_in_doubt(node.id, node.choices)
        for k, (choice, rows) in enumerate(zip(node.choices, table, strict=True)):
            for i, (example, row) in enumerate(zip(choice.examples, rows, strict=True)):
                expected = slow.scores(example, node.id, node.choices, (choice.id, i + 1))
                if row is not None:
                    assert [s.hex() for s in row] == [s.hex() for s in expected], (node.id, example)
                    rows_given += 1
                    continue
                theirs = expected[:k] + expected[k + 1 :]
                best = max(theirs)
                rest = max(
                    [expected[k]] + theirs[: theirs.index(best)] + theirs[theirs.index(best) + 1 :]
                )
                assert not slow.confident(best, rest), (node.id, example)
                settled += 1
    return rows_given, settled


@pytest.mark.parametrize("name", ["trade-dont-give.yaml", "procurement-squeeze.yaml"])
def test_the_rows_given_are_the_one_answer_scores_to_the_last_bit(name):
    path = RECALL / name
    scenario = load_text(path.read_text(encoding="utf-8"), str(path)).scenario
    given, settled = same_floats(scenario)
    assert given >= len(reference(scenario)) > 0 and settled > 50  # a row for each flagged


def shuffled(scenario, rng: random.Random):
    """The scenario with examples moved between sibling choices, and a sibling's line
    (a word short) added as an example: many of them now read like a sibling."""
    nodes = {}
    for nid, node in scenario.nodes.items():
        if len(node.choices) < 2:
            nodes[nid] = node
            continue
        examples = [list(c.examples) for c in node.choices]
        for k, c in enumerate(node.choices):
            for e in c.examples:
                if rng.random() < 0.35:
                    j = rng.choice([j for j in range(len(node.choices)) if j != k])
                    examples[k].remove(e)
                    examples[j].append(e)
            if rng.random() < 0.3:
                other = rng.choice([o for o in node.choices if o is not c])
                words = other.text.split()
                if len(words) > 3:
                    del words[rng.randrange(len(words))]
                    examples[k].append(" ".join(words))
        choices = tuple(
            c.replace(examples=tuple(ex)) for c, ex in zip(node.choices, examples, strict=True)
        )
        nodes[nid] = node.replace(choices=choices)
    return scenario.replace(nodes=nodes)


def libraries():
    for path in sorted([*(ROOT / "scenarios").glob("*.yaml"), *RECALL.glob("*.yaml")]):
        result = load_text(path.read_text(encoding="utf-8"), str(path))
        if result.scenario is not None and any(
            c.examples for n in result.scenario.decisions for c in n.choices
        ):
            yield result.scenario


def shuffled_libraries(seeds: int = 2):
    for scenario in libraries():
        for seed in range(seeds):
            yield shuffled(scenario, random.Random(f"{scenario.id}:{seed}"))


def test_the_bounded_check_flags_what_the_full_computation_flags_on_shuffled_libraries():
    flagged = compared = 0
    for scenario in shuffled_libraries():
        expected = full_check(scenario)
        assert ambiguous_examples(scenario) == expected, scenario.id
        flagged += len(expected)
        compared += 1
    assert compared > 20 and flagged > 300  # the shuffles make many examples read like a sibling


def test_a_bound_that_is_not_sound_is_caught(monkeypatch):
    """The comparison above would fail if grams were assumed to add less than they can."""
    import game.engine.matcher as matcher

    monkeypatch.setattr(matcher, "GRAM_CEILING", 0.0)
    assert any(ambiguous_examples(s) != full_check(s) for s in shuffled_libraries(1))


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
    assert sum(same_floats(scenario)) == 2  # the repeated example is read once


def test_the_narrowing_reads_each_line_s_words_similarity_as_similar_gives_it(monkeypatch):
    """`_doubt` keeps each line's words similarity for `_narrowed`, which scores the line
    with it: it is `_similar`'s to the last bit (and 0.0 for a line that shares no word)."""
    import game.engine.matcher as matcher

    seen = []
    narrowed = matcher.Matcher._narrowed

    def spy(self, query, node, mood, mine, k, skip, bounds):
        q, sims = query.doc, bounds[4]
        for s, d in enumerate(node.docs):
            assert sims[s] == matcher._similar(q.words, q.wnorm, d.words, d.wnorm)
            seen.append(bounds[3][s] > 0)
        return narrowed(self, query, node, mood, mine, k, skip, bounds)

    monkeypatch.setattr(matcher.Matcher, "_narrowed", spy)
    for scenario in shuffled_libraries(1):
        ambiguous_examples(scenario)
    assert any(seen) and not all(seen)  # lines that share words, and lines that share none
