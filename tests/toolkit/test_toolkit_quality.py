"""Teaching-quality checks: each code fires on its minimal example, and not on good writing."""

from __future__ import annotations

import pytest

from game.content import load_text
from game.content.codes import BASE, CODES
from game.engine import quality
from game.engine.pricetalk import price_phrase
from tests.helpers import cli
from tests.toolkit.texts import ENDINGS, scenario


def codes_of(text: str) -> list[tuple[str, str]]:
    result = load_text(text, "test.yaml")
    assert result.scenario is not None, [d.format() for d in result.diagnostics]
    return [(d.code, d.severity) for d in quality.review(result.scenario)]


def choice(
    text: str, tags: str = "[insight]", feedback: str = "She leans in.", extra: str = ""
) -> str:
    return (
        f"      - text: {text}\n        tags: {tags}\n        feedback: {feedback}\n{extra}"
        "        next: won\n"
    )


GOOD_PRICE = choice("We can take 10% off.", "[price]", "She stops asking about outcomes.")


def one_node(*choices: str) -> str:
    return scenario(
        "  ask:\n    say: Why switch?\n    choices:\n"
        + "".join(choices)
        + ENDINGS
        + "  spare:\n    say: x\n    choices:\n      - text: y\n        tags: [price]\n"
        "        feedback: z.\n        next: lost\n"
    )


def test_good_writing_gives_only_the_unreachable_warnings():
    found = codes_of(one_node(choice("What did the delays cost you?"), GOOD_PRICE))
    assert sorted(found) == [("unreachable-ending", "warning"), ("unreachable-node", "warning")]


@pytest.mark.parametrize(
    ("choices", "code", "severity"),
    [
        (
            (choice("What did the delays cost you?"), choice("Tell me more.", "[discovery]")),
            "no-temptation",
            "warning",
        ),
        (
            (choice("We'll match their price.", "[leadership]"), GOOD_PRICE),
            "price-untagged",
            "warning",
        ),
        (
            (choice("Insight.", feedback="Wrong! Bad choice."), GOOD_PRICE),
            "judging-feedback",
            "warning",
        ),
        (
            (
                choice("Insight.", extra=""),
                GOOD_PRICE.replace("        feedback: She stops asking about outcomes.\n", ""),
            ),
            "missing-feedback",
            "info",
        ),
        (
            (choice("Insight."), GOOD_PRICE.replace("[price]", "[price]\n        points: 5")),
            "commodity-pays",
            "warning",
        ),
    ],
    ids=[
        "no-temptation",
        "price-untagged",
        "judging-feedback",
        "missing-feedback",
        "commodity-pays",
    ],
)
def test_each_check_fires_on_its_example(choices, code, severity):
    assert (code, severity) in codes_of(one_node(*choices))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("We can match Acme if you sign this week.", "a price match"),
        ("I'll take another 5% off.", "a percentage off"),
        ("Fine, I'll see what discount I can get.", "a discount"),
        ("We're cheaper than Acme anyway.", "cheaper"),
        ("Sign today and the first three months are free.", "free months"),
        ("Let me get you our best price.", "the best price"),
        ("I can lower the price if that helps.", "a price cut"),
        ("We'll throw in onboarding at no extra cost.", "free months"),
        ("We'd come in twenty percent under Cardell for the first year.", "a percentage off"),
        ("To skip the three quotes, we'll run the pilot at half price.", "a percentage off"),
        ("Then we'll be the lowest bid.", "cheaper"),
        ("A lot, and we'd deliver it for less than Cardell charges you today.", "undercutting"),
        ("And I'll add a free three-month trial, so there's nothing to lose.", "free months"),
        ("I'll send a proposal with our standard rates by Friday.", "the best price"),
        ("Ninety days at St. Brendan's, at the discount we talked about.", "a discount"),
        ("Feel free to ask your CFO first.", None),
        ("If Kiel misses, you pay less.", None),
        ("Let me show you what the cheaper option costs you.", None),
        ("Let me show you what the cheapest quote costs you.", None),
        ("What does Harbor say the discount is for?", None),
        ("I won't match that price; let's talk about penalties.", None),
        ("Then I was wrong to offer a price match.", None),
        ("Let's cut your delivery costs by a third.", None),
        ("What would a 10% drop in churn be worth?", None),
    ],
    ids=lambda v: str(v)[:30],
)
def test_price_phrases(text, kind):
    assert price_phrase(text) == kind


@pytest.mark.parametrize(
    ("feedback", "judges"),
    [
        ("Wrong.", True),
        ("Incorrect!", True),
        ("Bad choice.", True),
        ("That was the wrong answer. Try again.", True),
        ("Great job!", True),
        ("Correct", True),
        ("Wrong. Dana heard that you are the same as Acme, only dearer.", False),
        ('Dana heard "we are the same as Acme, only dearer". You became the commodity.', False),
        ("She leans in and asks for the numbers.", False),
    ],
    ids=lambda v: str(v)[:30],
)
def test_feedback_that_only_judges(feedback, judges):
    assert quality.judges_only(feedback) is judges


def test_unreachable_checks_use_links_when_the_analysis_is_partial():
    result = load_text(one_node(choice("Insight."), GOOD_PRICE), "t.yaml")
    partial = quality.analyze(result.scenario, state_cap=1)
    found = {d.code for d in quality.review(result.scenario, partial)}
    assert {"unreachable-node", "unreachable-ending"} <= found


def test_validate_shows_teaching_warnings_and_strict_fails_on_them(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        one_node(choice("What did the delays cost you?"), choice("Tell me more.", "[discovery]"))
    )
    done = cli("validate", str(path))
    assert done.returncode == 0
    assert f"{path}:8:3: warning no-temptation: No choice at 'ask' loses points" in done.stdout
    assert cli("validate", "--strict", str(path)).returncode == 1


ENGINE_CODES = [c for c in CODES if c.layer == "engine"]


@pytest.mark.parametrize("entry", ENGINE_CODES, ids=[c.code for c in ENGINE_CODES])
def test_catalogue_examples_produce_their_code(entry):
    assert (entry.code, entry.severity) in codes_of(entry.example)


def test_the_catalogue_base_is_clean_for_teaching_checks():
    assert codes_of(BASE) == []
