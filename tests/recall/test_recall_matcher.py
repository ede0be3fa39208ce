"""The matcher: typed answers to the closest visible choice, or nothing; offline and deterministic."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.content import load_text
from game.engine.matcher import Matcher, clauses, concepts, fold, stem, words

SCENARIO = """\
format: 1
id: dock
title: Dock
summary: A buyer with late trucks.
buyer: {name: Ana Silva, role: Buyer}
start: ask
nodes:
  ask:
    say: Your quote is higher than Acme's. Why should we pay more?
    choices:
      - id: match
        text: We can match Acme's price if you sign this week.
        tags: [price]
        next: done
      - id: cost
        text: Before we compare numbers, what did last quarter's late deliveries cost you?
        tags: [insight]
        next: done
      - id: features
        text: Our platform has twelve features that Acme's doesn't.
        tags: [feature]
        next: done
      - id: silent
        text: (Say nothing and wait.)
        next: done
  done:
    say: Send me the proposal.
    ending: {result: won, title: Won}
"""


@pytest.fixture(scope="module")
def scenario():
    result = load_text(SCENARIO, "dock.yaml")
    assert result.ok, result.diagnostics
    return result.scenario


@pytest.fixture(scope="module")
def match(scenario):
    matcher = Matcher(scenario)
    choices = list(scenario.nodes["ask"].choices)
    return lambda text: matcher.match(text, "ask", choices)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we'll match acme", "match"),
        ("ok fine, same price as acme if you sign", "match"),
        ("what are the late deliveries costing you", "cost"),
        ("how much did the delays cost you last quarter?", "cost"),
        ("our platform has more features than acme", "features"),
        ("we have loads more functionality", "features"),
    ],
)
def test_paraphrases_find_their_choice(match, text, expected):
    m = match(text)
    assert m.choice == expected, m
    assert 0 < m.confidence <= 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("waht did the late delivries cost you", "cost"),
        ("we can mtach acmes prcie", "match"),
        ("our platfrom has twelve featrues", "features"),
    ],
)
def test_typos_are_forgiven(match, text, expected):
    assert match(text).choice == expected


def test_small_words_are_not_typos_so_the_typo_index_waits_for_a_real_one(scenario):
    """Long small words ("should", "their", "without") are passed over, never corrected: an
    answer in the scenario's own words builds no typo index (validate reads only such lines)."""
    matcher = Matcher(scenario)
    choices = list(scenario.nodes["ask"].choices)
    m = matcher.match(
        "Without their numbers, what should the late deliveries cost?", "ask", choices
    )
    assert m.choice == "cost"
    assert matcher._deleted_index is None
    assert matcher.match("what did the late delivries cost", "ask", choices).choice == "cost"
    assert matcher._deleted_index is not None


def test_negation_is_not_the_same_answer(match, scenario):
    plain = match("we can match acme's price")
    negated = match("we will not match acme's price")
    assert plain.choice == "match"
    assert negated.choice is None or negated.confidence < plain.confidence - 0.2
    assert concepts("we won't match") == ["!match"]
    assert concepts("we don't discount. we match") == ["!discount", "match"]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "?!...", "—", "what's the weather like today", "I like pizza", "hmm", "lol"],
)
def test_off_topic_empty_and_punctuation_are_refused(match, text):
    m = match(text)
    assert m.choice is None
    assert [s.choice for s in m.alternatives] and m.alternatives == m.ranked


def test_non_latin_letters_and_accents(match):
    assert match("Было бы здорово, 你好").choice is None  # no crash, no false accept
    assert fold("Café ÜBER") == "cafe uber"
    assert words("naïve résumé") == ["naive", "resume"]
    assert match("qué costó las late déliveries last quarter").choice == "cost"


def test_huge_input_is_read_only_up_to_a_limit(match):
    m = match("what did the late deliveries cost you " * 5000)
    assert m.choice == "cost"
    assert match("x" * 200_000).choice is None


def test_a_bracketed_answer_takes_an_action(match):
    assert match("[say nothing]").choice == "silent"
    assert match("(wait)").choice == "silent"


def test_alternatives_are_the_other_choices_best_first(match):
    m = match("what did the delays cost you")
    assert m.choice == "cost"
    assert [s.choice for s in m.alternatives] == [s.choice for s in m.ranked[1:]]
    assert len(m.alternatives) == 3
    confidences = [s.confidence for s in m.ranked]
    assert confidences == sorted(confidences, reverse=True)


def test_only_the_given_choices_are_candidates(scenario):
    matcher = Matcher(scenario)
    visible = [c for c in scenario.nodes["ask"].choices if c.id != "cost"]
    m = matcher.match("what did the late deliveries cost you", "ask", visible)
    assert m.choice != "cost" and "cost" not in [s.choice for s in m.ranked]


def test_examples_help_an_answer_the_text_alone_misses():
    bare = load_text(SCENARIO, "dock.yaml").scenario
    text = SCENARIO.replace(
        "        tags: [insight]\n",
        "        tags: [insight]\n        examples:\n          - where does it hurt most\n",
    )
    rich = load_text(text, "dock.yaml").scenario
    answer = "so where does it hurt the most?"
    assert Matcher(bare).match(answer, "ask", list(bare.nodes["ask"].choices)).choice is None
    assert Matcher(rich).match(answer, "ask", list(rich.nodes["ask"].choices)).choice == "cost"


def test_deterministic_across_processes():
    code = (
        "from game.content import load_text\nfrom game.engine.matcher import Matcher\n"
        "from tests.recall.test_recall_matcher import SCENARIO\n"
        "s = load_text(SCENARIO, 'd.yaml').scenario\n"
        "m = Matcher(s).match('how much do the delays cost', 'ask', list(s.nodes['ask'].choices))\n"
        "print(m.choice, [(x.choice, x.confidence) for x in m.ranked])\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1


def test_stems_are_light():
    assert stem("deliveries") == stem("delivery")
    assert stem("costing") == stem("cost") == stem("costs")
    assert stem("stopped") == "stop"
    assert stem("us") == "us" and stem("process") == "process"


@pytest.mark.parametrize(
    "text",
    [
        "We won't - can't; don't, 50% of ain't",
        "It's — the—end: isnt it? shan't",
        "wont-cant. dont!wouldnt? I'm; you're, they'll. we've: he'd",
        "a - b -c- d\nsecond line, 12 weeks",
    ],
)
def test_an_ascii_lines_words_are_its_clauses_words(text):
    """The matcher takes a line's vocabulary from its clauses (made once for its concepts)."""
    assert words(text) == [w for clause in clauses(text) for w in clause]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It's the client's point, we dont want that",
            [["it", "the", "client", "point"], ["we", "dont", "not", "want", "that"]],
        ),
        ("the front counts", [["the", "front", "counts"]]),
        ("won't can't", [["will", "not", "can", "not"]]),
        ("Isn’t it", [["is", "not", "it"]]),
        ("㎒ band", [["mhz", "band"]]),  # folded twice, as each clause is
    ],
)
def test_contractions_open_where_their_letters_are(text, expected):
    assert clauses(text) == expected


def test_every_bundled_lines_words_are_its_clauses_words():
    from game.content import load_paths
    from tests.helpers import ROOT

    results, _ = load_paths([ROOT / "scenarios"])
    lines = [
        v
        for r in results
        for node in r.scenario.nodes.values()
        for c in node.choices
        for v in (c.text, *c.examples)
    ]
    assert len(lines) > 1000
    for v in lines:
        assert words(v) == [w for clause in clauses(v) for w in clause], v


def test_importing_the_engine_leaves_pygame_and_onnxruntime_out():
    code = (
        "import sys, game.engine.matcher, game.engine.recall_report, game.engine.machine\n"
        "import game.engine.semantic, game.engine.quality\n"
        "import game.cli.match_cmd\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pygame', 'onnxruntime'))\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
