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
