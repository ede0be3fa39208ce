"""The price-talk heuristic on a corpus of true and false phrases.

False phrases are ones trainers really write that only look like price talk ("latex-free",
"the waiver form"); true ones include wordings the first version missed. A new false alarm or
a new miss found in a scenario belongs here.
"""

from __future__ import annotations

import pytest

from game.engine.pricetalk import price_phrase

PRICE_TALK = {
    "Sign today and the first three months are free.": "free months",
    "I'll add a free three-month trial.": "free months",
    "We can do the migration for free.": "free months",
    "Setup is on the house if you sign this week.": "free months",
    "Let me sharpen the pencil on the unit price.": "a price cut",
    "I'll sharpen our pencil for you.": "a price cut",
    "We can price it under Corvane.": "undercutting",
    "We'll waive the setup fee.": "a price cut",
    "We can absorb the cost of the integration.": "a price cut",
    "I can get you a volume rebate of four percent.": "a price cut",
    "I'll cut our day rate.": "a price cut",
    "We'll match their quote.": "a price match",
    "Fine, 10% off if you sign now.": "a percentage off",
    "We're cheaper than Halvard anyway.": "cheaper",
    "Our best price is on the table.": "the best price",
    "We'll throw in the training.": "free months",
}
NOT_PRICE_TALK = [
    "Our gloves are latex-free, which your theatre nurses asked for.",
    "The scanners are hands-free, so pickers keep both hands on the box.",
    "Your team wants error-free picking; what does a mis-pick cost you today?",
    "We absorb the implementation risk: our engineers stay until it runs.",
    "Who fills in the waiver form on your side?",
    "Who signs off the rebate program with your distributors?",
    "Feel free to bring your CFO.",
    "Are you free on Thursday at ten?",
    "What would a risk-free first month look like for your planners?",
    "Let's cut your delivery costs by a third.",
    "What would a 10% drop in churn be worth?",
    "I won't match that price; let's look at what the penalties cost you.",
    "Let me show you what the cheaper option costs you.",
    "Which fees does your current provider charge you for returns?",
    "You'd be free to walk away after the pilot if the numbers don't hold.",
]


@pytest.mark.parametrize("text", sorted(PRICE_TALK), ids=lambda t: t[:40])
def test_price_talk_is_caught(text):
    assert price_phrase(text) == PRICE_TALK[text]


@pytest.mark.parametrize("text", NOT_PRICE_TALK, ids=lambda t: t[:40])
def test_words_that_only_look_like_price_talk(text):
    assert price_phrase(text) is None


def _lines() -> list[str]:
    """Every line of the bundled scenarios and the recall corpus, and the phrases above."""
    from game.content import load_paths
    from tests.helpers import ROOT

    results, _ = load_paths([ROOT / "scenarios", ROOT / "bench" / "recall"])
    lines = [*PRICE_TALK, *NOT_PRICE_TALK]
    for r in results:
        if r.scenario is None:
            continue
        for node in r.scenario.nodes.values():
            lines.append(node.say)
            for c in node.choices:
                lines += [c.text, *c.examples, c.feedback or ""]
    return lines


def test_every_price_pattern_match_holds_one_of_its_kinds_letters():
    """The `in` tests that rule a kind out before its pattern (both sets of letters) never rule
    out a real match."""
    from game.engine.pricetalk import _ALSO_LETTERS, _LETTERS, PRICE_PHRASES, pattern

    lines = [t for t in _lines() if t.isascii()]
    assert len(lines) > 3000
    matched = set()
    for text in lines:
        for name, source in PRICE_PHRASES.items():
            for m in pattern(source).finditer(text):
                matched.add(name)
                low = m.group().lower()
                assert any(letters in low for letters in _LETTERS[name]), (name, m)
                assert any(letters in low for letters in _ALSO_LETTERS.get(name, ("",))), (name, m)
    assert matched == set(PRICE_PHRASES)  # every kind was seen matching


def test_price_phrase_says_what_the_patterns_alone_say():
    import re

    from game.engine import pricetalk

    def plain(text):  # price_phrase without the shortcuts: case-blind patterns on the text
        for name, source in pricetalk.PRICE_PHRASES.items():
            for match in pricetalk.pattern(source).finditer(text):
                before = " ".join(text[: match.start()].split()[-4:])
                if pricetalk.pattern(pricetalk._REFUSAL).search(before):
                    continue
                rest = re.split(r"[.!]", text[match.end() :], maxsplit=1)[0]
                asked = pricetalk.pattern(pricetalk._ASKED_ABOUT).search(text[: match.start()])
                if name == "a discount" and asked and "?" in rest:
                    continue
                return name
        return None

    lines = _lines() + [
        "Ａ ＤＩＳＣＯＵＮＴ of 10％ off",
        "We'll knock ten Percent OFF",
        "diſcount",
        "We'll MATCH Their Price",
        "I WON'T match that price.",
        "What is The Discount for?",
        "Two Free Months, On The House",
        "We'd Come In Well Under Them",
        "THE CHEAPER option",
        "Ours Is The Lowest",
        "Łódź gets a DISCOUNT",
        "Lucía, we'll match their price",
        "dıscount at Łódź",
        "KNOCK ten off the bill at Łódź",
        "İnstead of a DISCOUNT at Łódź?",
        "Łódź: what is THE discount for?",
        "ſtart with the rates, Lucía",
    ]
    lines += [t.upper() for t in lines] + [t.title() for t in lines]
    assert [pricetalk.price_phrase(t) for t in lines] == [plain(t) for t in lines]
