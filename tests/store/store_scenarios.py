"""The format's example scenario built in code, so store tests need no loader or file."""

from __future__ import annotations

import hashlib

from game.content.model import (
    DEFAULT_RUBRIC,
    Buyer,
    Choice,
    Condition,
    Ending,
    Meter,
    Node,
    Scenario,
)


def _value(tags):
    return sum(DEFAULT_RUBRIC[t] for t in tags)


def _choice(id, index, text, next, tags=(), effects=(), set=(), condition=None):
    return Choice(
        id=id,
        index=index,
        text=text,
        next=next,
        tags=tuple(tags),
        value=_value(tags),
        effects=tuple(effects),
        set=tuple(set),
        condition=condition,
    )


def procurement_squeeze(*, drop_numbers: bool = False, rename_match: bool = False) -> Scenario:
    """The spec's example. `drop_numbers` and `rename_match` play a file edited after a save."""
    trusted = Condition(
        "trust >= 60 and not discounted",
        lambda m, f, v: m["trust"] >= 60 and "discounted" not in f,
        frozenset({"trust", "discounted"}),
    )
    nodes = {
        "opening": Node(
            "opening",
            "Your quote is 18% over Acme's. Match it or we're done.",
            "annoyed",
            time_limit=30,
            timeout="walkout",
            choices=(
                _choice(
                    "sign_now" if rename_match else "match",
                    0,
                    "We can match Acme.",
                    "spiral",
                    ["price"],
                    [("trust", -10), ("patience", -1)],
                    ["discounted"],
                ),
                _choice(
                    "cost_of_delay",
                    1,
                    "What did late deliveries cost you?",
                    "spiral" if drop_numbers else "numbers",
                    ["insight", "discovery"],
                    [("trust", 10)],
                ),
                _choice(
                    "c3",
                    2,
                    "Twelve features Acme lacks.",
                    "spiral",
                    ["feature"],
                    [("patience", -1)],
                ),
            ),
        ),
        "numbers": Node(
            "numbers",
            "About forty thousand a month. Why?",
            "interested",
            choices=(
                _choice(
                    "c1",
                    0,
                    "Let's design for zero penalties.",
                    "partner",
                    ["outcome", "leadership"],
                    condition=trusted,
                ),
                _choice(
                    "c2", 1, "I'll see what discount I can get.", "spiral", ["price", "follower"]
                ),
            ),
        ),
        "spiral": Node(
            "spiral",
            "Acme will go lower still. Can you?",
            "skeptical",
            choices=(
                _choice(
                    "c1",
                    0,
                    "No. Let me show you what cheaper costs.",
                    "spiral" if drop_numbers else "numbers",
                    ["leadership"],
                    [("trust", 5), ("patience", -1)],
                ),
                _choice("c2", 1, "I'll take another 5% off.", "won_on_price", ["price"]),
            ),
        ),
        "partner": Node(
            "partner",
            "Send me that proposal.",
            "pleased",
            ending=Ending("won", "Trusted advisor", 5),
        ),
        "won_on_price": Node(
            "won_on_price", "Deal. At that price.", ending=Ending("won", "Won on price", -2)
        ),
        "walkout": Node(
            "walkout", "I think we're done here.", "annoyed", ending=Ending("lost", "Walked out")
        ),
    }
    if drop_numbers:
        del nodes["numbers"]
    meters = {
        "trust": Meter("trust", 50, 0, 100, "Trust"),
        "patience": Meter("patience", 3, 0, 5, "Patience", on_min="walkout"),
    }
    variant = f"{drop_numbers}-{rename_match}"
    return Scenario(
        id="procurement-squeeze",
        title="The Procurement Squeeze",
        summary="Northwind's procurement lead waves a competitor quote.",
        buyer=Buyer("Dana Okafor", "Head of Procurement", "Northwind Logistics"),
        start="opening",
        nodes=nodes,
        meters=meters,
        flags=("discounted",),
        path="procurement-squeeze.yaml",
        sha256=hashlib.sha256(variant.encode()).hexdigest(),
    )


# Runs of the example: choice tokens, then the score and ending they reach.
TRUSTED_ADVISOR = ["cost_of_delay", "c1"]  # +4, +5, ending +5 = 14
WON_ON_PRICE = ["match", "c2"]  # -3, -3, ending -2 = -8
