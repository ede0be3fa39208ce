"""Conditions: the grammar only, typed, and never evaluated as Python."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.conditions import ConditionError, parse_condition

METERS, FLAGS, NODES = ("trust", "patience"), ("discounted", "asked"), ("opening", "numbers")


def holds(text, meters=None, flags=(), visited=("opening",)):
    cond = parse_condition(text, METERS, FLAGS, NODES)
    return cond.holds(meters or {"trust": 60, "patience": 2}, frozenset(flags), frozenset(visited))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("trust >= 60 and not discounted", True),
        ("trust >= 60 and discounted", False),
        ("not trust == 60", False),  # not (trust == 60)
        ("not discounted or asked", True),
        ("asked or trust < 10 and false", False),  # and binds tighter than or
        ("(asked or trust > 10) and patience != 3", True),
        ("visited(opening) and not visited(numbers)", True),
        ("discounted == false", True),
        ("trust > -5", True),
        ("true", True),
    ],
    ids=lambda v: str(v),
)
def test_grammar_and_precedence(text, expected):
    assert holds(text) is expected


@pytest.mark.parametrize(
    "text,code",
    [
        ("trust", "condition-type"),
        ("trust and asked", "condition-type"),
        ("asked < 3", "condition-type"),
        ("trust == asked", "condition-type"),
        ("trust = 5", "condition-operator"),
        ("asked && trust > 3", "condition-operator"),
        ("asked || trust > 3", "condition-operator"),
        ("!asked", "condition-operator"),
        ("0 < trust < 50", "condition-chain"),
        ("trsut > 3", "condition-unknown-name"),
        ("visited(nowhere)", "condition-unknown-node"),
        ("__import__('os').system('id')", "condition-syntax"),
        ("trust.real > 3", "condition-syntax"),
        ("open('x')", "condition-syntax"),
        ("trust >", "condition-syntax"),
        ("(asked", "condition-syntax"),
        ("", "condition-syntax"),
        ("trust > 99999999", "condition-syntax"),
        ("(" * 50 + "asked" + ")" * 50, "condition-too-complex"),
        ("asked or " * 100 + "asked", "condition-too-complex"),
    ],
    ids=lambda v: str(v)[:30],
)
def test_refused_with_a_code(text, code):
    with pytest.raises(ConditionError) as info:
        parse_condition(text, METERS, FLAGS, NODES)
    assert info.value.code == code
    assert 0 <= info.value.offset <= len(text)


def test_unknown_name_suggests_the_closest():
    with pytest.raises(ConditionError) as info:
        parse_condition("trsut > 3", METERS, FLAGS, NODES)
    assert "Did you mean 'trust'?" in info.value.message


def test_reads_report_names_and_visits():
    cond = parse_condition("trust > 3 and visited(numbers) or asked", METERS, FLAGS, NODES)
    assert cond.names == {"trust", "asked"} and cond.visits == {"numbers"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_fuzz_any_text_parses_or_gives_a_condition_error(text):
    try:
        cond = parse_condition(text, METERS, FLAGS, NODES)
    except ConditionError as exc:
        assert exc.code.startswith("condition-")
    else:
        assert isinstance(cond.holds({"trust": 1, "patience": 1}, frozenset(), frozenset()), bool)


WORDS = st.sampled_from(
    [
        "trust",
        "patience",
        "asked",
        "discounted",
        "and",
        "or",
        "not",
        "(",
        ")",
        "==",
        "!=",
        "<",
        ">=",
        "3",
        "-2",
        "true",
        "false",
        "visited(opening)",
        "=",
        "&&",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=12))
def test_fuzz_token_soup(words):
    try:
        cond = parse_condition(" ".join(words), METERS, FLAGS, NODES)
    except ConditionError:
        return
    assert isinstance(
        cond.holds({"trust": 1, "patience": 1}, frozenset({"asked"}), frozenset()), bool
    )
