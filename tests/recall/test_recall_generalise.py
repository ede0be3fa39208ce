"""The matcher on words the authored lines do not use: synonyms, question mood, the refusal rule."""

from __future__ import annotations

import pytest

from game.content import load_text
from game.engine.matcher import ACCEPT, CLEAR, CLEAR_BLENDED, Matcher, concepts, is_question

SCENARIO = """\
format: 1
id: renewal
title: Renewal
summary: A buyer who wants a cut.
buyer: {name: Ana Silva, role: Buyer}
start: ask
nodes:
  ask:
    say: Ten percent off, or I go to tender.
    choices:
      - id: trial
        text: Run a pilot on one site first, and decide after that.
        next: done
      - id: budget
        text: What budget has your director set for this year?
        next: done
      - id: hold
        text: Our price stays where it is; it is fair for what you get.
        next: done
      - id: term
        text: Ten percent is possible if the contract runs for three years.
        next: done
  done:
    say: Fine.
    ending: {result: won, title: Won}
"""


@pytest.fixture(scope="module")
def scenario():
    result = load_text(SCENARIO, "renewal.yaml")
    assert result.ok, result.diagnostics
    return result.scenario


@pytest.fixture(scope="module")
def match(scenario):
    matcher = Matcher(scenario)
    choices = list(scenario.nodes["ask"].choices)
    return lambda text: matcher.match(text, "ask", choices)


@pytest.mark.parametrize(
    ("a", "b"),
    [("pilot", "trial"), ("budget", "money"), ("boss", "director"), ("cfo", "manager"),
     ("cost", "price"), ("agreement", "contract"), ("yearly", "annual"), ("commit", "sign"),
     ("longer", "extend"), ("saving", "cheaper")],
)  # fmt: skip
def test_sales_synonyms_share_a_concept(a, b):
    assert concepts(a) == concepts(b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("let's do a trial at one location before you decide", "trial"),
        ("how much money has your boss put aside this year", "budget"),
        ("if it's a three year agreement we can do 10%", "term"),
    ],
)
def test_words_the_line_does_not_use_find_their_choice(match, text, expected):
    assert match(text).choice == expected


def test_a_negated_word_is_not_the_word():
    assert concepts("no trial") == ["!trial"]
    assert concepts("a trial, not now") == ["trial", "!today"]


def test_questions_and_statements():
    assert is_question("What budget has your director set?")
    assert is_question("how much money have you got")
    assert not is_question("Our price stays where it is.")
    assert not is_question("I'll show you the numbers")


def test_a_statement_prefers_the_statement(scenario):
    matcher = Matcher(scenario)
    choices = list(scenario.nodes["ask"].choices)
    asked = matcher.scores("what budget for this year", "ask", choices)
    told = matcher.scores("the budget for this year", "ask", choices)
    assert asked[1] > told[1]  # the same words score higher on the question when asked


@pytest.mark.parametrize("text", ["nice weather today", "hmm", "who is that", "I like your shoes"])
def test_off_topic_is_refused(match, text):
    assert match(text).choice is None


def test_the_refusal_rule():
    # the usual margin above ACCEPT
    assert Matcher.accepts(0.40, 0.30)
    assert not Matcher.accepts(0.40, 0.37)
    # below ACCEPT only a choice that stands alone, and never under the floor
    assert Matcher.accepts(0.15, 0.05)
    assert not Matcher.accepts(0.15, 0.10)
    assert not Matcher.accepts(CLEAR - 0.01, 0.0)
    # blended semantic scores need a higher floor for a lone lead
    assert not Matcher.accepts(CLEAR_BLENDED - 0.01, 0.0, CLEAR_BLENDED)
    assert Matcher.accepts(CLEAR_BLENDED, 0.0, CLEAR_BLENDED)


def test_a_synonym_and_a_lone_lead_find_what_the_line_says_otherwise():
    from tests.recall.test_recall_matcher import SCENARIO as DOCK

    s = load_text(DOCK, "dock.yaml").scenario
    answer = "how much money do you lose when shipments arrive behind schedule"
    m = Matcher(s).match(answer, "ask", list(s.nodes["ask"].choices))
    assert m.choice == "cost" and m.confidence < ACCEPT  # below ACCEPT, alone in front
