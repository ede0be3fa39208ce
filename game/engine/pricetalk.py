"""Does a choice's text read as price-led talk? A documented word-pattern heuristic.

It backs the `price-untagged` warning: a choice that offers a discount, a match, free months
or a price cut but carries no `price` or `commodity` tag. It reads wording, not the story,
so it misses price talk that only the context makes clear, and a trainer can always reword
or tag. The authoring guide lists what each kind catches; `tests/toolkit/test_toolkit_pricetalk.py`
holds the corpus of true and false phrases it is measured on.
"""

from __future__ import annotations

import re

# Words that, within a few words before a price phrase, turn it down ("I won't match that price").
_REFUSAL = (
    r"\b(no|not|never|won't|wont|can't|cannot|don't|instead of|rather than|without|"
    r"before|beyond|isn't|aren't|wrong|stop|instead)\b[^.!?;]*$"
)
_NUMBER = (
    r"(\d+(\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
    r"twenty-five|thirty|forty|fifty)"
)
# What the rep may give away "free" (a bare "free" is too often "error-free" or "feel free").
_GIVEAWAY = (
    r"(month|months|weeks?|quarters?|years?|trial|licen[cs]es?|seats?|set-?up|installation|"
    r"implementation|migration|onboarding|training|support|upgrades?|service|shipping|delivery|"
    r"units?|hours?|days?|extras?|add-ons?|pilot|consulting|maintenance)"
)
_PRICE_NOUN = r"(price|prices|pricing|rate|rates|fee|fees|quote|unit price|day rate|margin)"
# The patterns' sources, all in lower case: see `pattern` for why they are compiled on use.
PRICE_PHRASES: dict[str, str] = {
    "a discount": r"\bdiscount(s|ed|ing)?\b",
    "a percentage off": _NUMBER + r"[\s-]*(%|percent|per cent)(\s+\w+){0,2}?\s+"
    r"(off|under|below|lower|less|cheaper|discount)\b"
    r"|\b(percent|per cent|points?) off\b|\bhalf[- ]price\b",
    "a price match": r"\b(price[- ]match\w*|match(es|ed|ing)?\s+(\w+'s\s+|their\s+|the\s+|"
    r"that\s+|your\s+|any\s+|his\s+|her\s+|this\s+)?(price|prices|pricing|quote|offer|bid|"
    r"rate|number))\b"
    r"|\b(we|i)\s*('ll|'d| will| can| could| would)\s+(match|beat)\b"
    r"|\bpriced (to match|under|below)\b",
    # "cheaper" counts when the rep says it of the offer, not "the cheaper option".
    "cheaper": r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bthat )(?<!\bthis )\bcheaper\b"
    r"|\b(we|we'll|we're|we'd|ours|ours is|ours are|it's|that's)\b[^.?!]{0,25}\b"
    r"(cheapest|lowest)\b",
    "undercutting": r"\b(come|coming|came)\s+in\s+(\w+\s+){0,3}?(under|below|lower|cheaper)\b"
    r"|\bgo\s+(\w+\s+){0,3}?(lower|below|under)\b"
    r"|\b(for|cost|costs|charge|charges)\s+less\b|\b(run|runs|is|are)\s+below\b"
    r"|\b(compare|compete|win|winning)\s+(\w+\s+)?on\s+(price|cost|rates)\b"
    r"|\bstart\s+with\s+(the\s+)?(rates|price|pricing)\b"
    r"|\bprice[sd]?\s+(it|this|that|us|ours|the \w+)?\s*(under|below|beneath|lower than)\b",
    # Free things given away, not "latex-free", "hands-free" or "feel free".
    "free months": r"(?<![-\w])free\s+(\w+[\s-]+)?" + _GIVEAWAY + r"\b"
    r"|\b(for free|free of charge|on the house)\b"
    r"|\b" + _GIVEAWAY + r"\s+(are\s+|is\s+)?(free|on us)\b"
    r"|\bat no (extra )?(cost|charge)\b|\bthrow (it |that |this )?in\b|\blaunch offer\b",
    "the best price": r"\b(best|lowest|better|special|reduced|introductory|sharp|sharper|"
    r"keener|fallback|lower|standard|volume|pilot|first-year|launch)\s+(price|prices|"
    r"pricing|rates?|deal|bid)\b"
    r"|\b(our|standard)\s+(rates|rate card|price list)\b|\brate card\b|\bprice list\b",
    "a price cut": r"\b(lower|cut|drop|reduce|sharpen|shave|trim|knock)(s|ed|ing)?\s+"
    r"((the|our|my|that|this|your)\s+)?" + _PRICE_NOUN + r"\b"
    r"|\bprice\s+(cut|drop|break|concession)s?\b"
    r"|\bsharpen(s|ed|ing)?\s+(the|our|my)\s+pencil\b"
    r"|\bknock\s+\S+\s+off\b|\boff (your|the) (bill|invoice)\b"
    # Offering money back or eating a cost, not "the rebate program" or "absorb the risk".
    r"|\b(a|an|our|extra|volume|loyalty|year-end)\s+rebate\b|\brebate\s+of\b"
    r"|\bwaiv(e|es|ed|ing)\b"
    r"|\babsorb(s|ed|ing)?\s+((the|that|this|our|your|any)\s+)?(\w+\s+)?(cost|costs|fee|fees|"
    r"difference|increase|rise|gap)\b",
}
# Words every match of a kind contains: a text without them skips that kind's pattern, which
# is much slower to rule out (validate runs this on every choice of every file).
_NEEDS: dict[str, str] = {
    "a percentage off": r"%|per\s*cent|point|half",
    "a price match": r"match|beat|priced",
    "cheaper": r"cheap|lowest",
    "free months": r"free|on the house|on us|at no |throw|launch offer",
}
# The same for an ASCII text, as plain letters in its lower case (case-blind matching of an
# ASCII text is its lower case matching), for every kind: each alternative of a kind's
# pattern holds one of its kind's. A few `in` tests rule most kinds out before any pattern.
_LETTERS: dict[str, tuple[str, ...]] = {
    "a discount": ("discount",),
    "a percentage off": ("%", "percent", "per cent", "point", "half"),
    "a price match": ("match", "beat", "priced"),
    "cheaper": ("cheaper", "cheapest", "lowest"),
    "undercutting": (
        "under", "below", "lower", "cheaper", "beneath", "less", "compar", "compet", "win", "start",
    ),
    "free months": ("free", "on the house", "on us", "at no ", "throw", "launch offer"),
    "the best price": ("pric", "rate", "deal", "bid"),
    "a price cut": (
        "pric", "rate", "fee", "quote", "margin", "pencil", "knock", "bill", "invoice", "rebate",
        "waiv", "absorb",
    ),
}  # fmt: skip
# For some kinds, a second set of which every match holds one too: "point" and "half" are
# common words, a percentage off also needs one of these ("off", "lower", "price", ...);
# a price cut names the price and also how it is cut (or the bill, the rebate, ...).
_ALSO_LETTERS: dict[str, tuple[str, ...]] = {
    "a percentage off": ("off", "under", "below", "lower", "less", "cheaper", "discount", "price"),
    "a price cut": (
        "lower", "cut", "drop", "reduc", "sharpen", "shave", "trim", "knock", "break", "concession",
        "pencil", "bill", "invoice", "rebate", "waiv", "absorb",
    ),
}  # fmt: skip
# "the discount" in a question asks about one already on the table ("What is the discount for?").
_ASKED_ABOUT = r"\b(the|that|this|their|your)\s+$"
_COMPILED: dict[tuple[str, bool], re.Pattern] = {}


def pattern(source: str, *, lowered: bool = False) -> re.Pattern:
    """One of the sources above, compiled on first use: case-blind, or (`lowered`) as it is,
    for an ASCII text's lower case, which a case-blind pattern of lower-case letters matches
    exactly where it matches the text. Compiling all of them case-blind was a good part of
    `validate`'s start: an ASCII text needs no case-blind pattern, and a kind its letters rule
    out for every text needs none at all.
    """
    compiled = _COMPILED.get((source, lowered))
    if compiled is None:
        compiled = re.compile(source, 0 if lowered else re.IGNORECASE)
        _COMPILED[source, lowered] = compiled
    return compiled


def _lowers_alike(text: str) -> bool:
    """Whether the patterns read `text.lower()` as their case-blind forms read `text`: so when
    no letter outside ASCII lowers to more than one letter or into ASCII ("İ", "K" for Kelvin)
    or is case-blind equal to an ASCII one without lowering to it ("ı", "ſ"). "Łódź" is fine.
    """
    for c in text:
        if not c.isascii():
            low = c.lower()
            if len(low) != 1 or low.isascii() or c in "ıſ":
                return False
    return True


def price_phrase(text: str) -> str | None:
    """The kind of price talk `text` reads as (None when none, or when it turns price down)."""
    lowered = text.isascii() or _lowers_alike(text)
    if lowered:
        text = text.lower()  # matched exactly as the case-blind patterns match the text
    for name, source in PRICE_PHRASES.items():
        if lowered:
            for letters in _LETTERS[name]:  # a loop, not any(): this runs for every choice
                if letters in text:
                    break
            else:
                continue
            for letters in _ALSO_LETTERS.get(name, ("",)):
                if letters in text:
                    break
            else:
                continue
        else:
            needs = _NEEDS.get(name)
            if needs is not None and pattern(needs).search(text) is None:
                continue
        for match in pattern(source, lowered=lowered).finditer(text):
            before = " ".join(text[: match.start()].split()[-4:])
            if pattern(_REFUSAL, lowered=lowered).search(before):
                continue
            rest = re.split(r"[.!]", text[match.end() :], maxsplit=1)[0]
            if (
                name == "a discount"
                and pattern(_ASKED_ABOUT, lowered=lowered).search(text[: match.start()])
                and "?" in rest
            ):
                continue
            return name
    return None
