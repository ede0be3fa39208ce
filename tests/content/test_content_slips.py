"""Real YAML slips trainers make: one plain-language error each, where the fix goes.

Each case is a small edit of a valid scenario, the line and column the trainer must act at,
the code, and a word of the fix that the message must end with.
"""

from __future__ import annotations

import pytest

from game.content import load_text

BASE = """\
format: 1
id: slip-test
title: Slip test
summary: A small scenario for testing slips.
buyer:
  name: Ana Silva
  role: Buyer
meters:
  patience: {start: 3, min: 0, max: 5, on_min: walkout}
start: opening
nodes:
  opening:
    say: Your price is too high.
    choices:
      - id: ask
        text: What does a late delivery cost you?
        tags: [discovery]
        effects: {patience: -1}
        set: [asked]
        feedback: >
          A question about cost.
        next: partner
      - id: cut
        text: I can cut the price.
        tags: [price]
        feedback: She starts comparing you on price alone.
        if: not asked
        next: walkout
  partner:
    say: Good.
    ending:
      result: won
      title: Partner
  walkout:
    say: Bye.
    ending:
      result: lost
      title: Walked out
"""


def edit(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


# (edited text, line, col, code, words the message must contain)
SLIPS = {
    "colon in text": (
        edit("text: I can cut the price.", "text: Honestly: I can cut the price."),
        24, 15, "yaml-needs-quotes", ["put the whole text in quotes"],
    ),
    "colon on a continuation line": (
        edit("say: Your price is too high.", "say: Your price is too high.\n      Also: soon."),
        13, 10, "yaml-needs-quotes", ["lines 13 to 14", "in quotes"],
    ),
    "comment sign in text": (
        edit("say: Good.", "say: #1 priority now."),
        30, 10, "yaml-needs-quotes", ["comment", "in quotes"],
    ),
    "starts with *": (
        edit("say: Good.", "say: *Really* good."), 30, 10, "yaml-needs-quotes", ["in quotes"]
    ),
    "starts with @": (
        edit("say: Good.", "say: @Ana good."), 30, 10, "yaml-needs-quotes", ["in quotes"]
    ),
    "starts with [": (
        edit("say: Good.", "say: [pause] Good."), 30, 10, "yaml-needs-quotes", ["in quotes"]
    ),
    "starts with a backtick": (
        edit("say: Good.", "say: `Good`."), 30, 10, "yaml-needs-quotes", ["backtick", "in quotes"]
    ),
    "starts with %": (
        edit("say: Good.", "say: %20 off is fine."), 30, 10, "yaml-needs-quotes", ["in quotes"]
    ),
    "starts with &": (
        edit("say: Good.", "say: & more."), 30, 10, "yaml-needs-quotes", ["in quotes"]
    ),
    "quote closes early": (
        edit("say: Good.", 'say: "Good" she said.'), 30, 10, "yaml-needs-quotes", ["in quotes"]
    ),
    "unclosed quote": (
        edit("say: Your price is too high.", 'say: "Your price is too high.'),
        13, 10, "yaml-unclosed-quote", ["closing"],
    ),
    "backslash in double quotes": (
        edit("say: Good.", 'say: "C:\\path good"'), 30, 13, "yaml-needs-quotes", ["single quotes"]
    ),
    "tab as indentation": (
        edit("    say: Good.", "\tsay: Good."), 30, 1, "yaml-tab", ["use spaces, not tabs"]
    ),
    "tabs before a key": (
        edit("        next: partner", "\t\tnext: partner"), 22, 1, "yaml-tab", ["use spaces"]
    ),
    "key indented under a text": (
        edit("    say: Good.\n", "    say: Good.\n     mood: pleased\n"),
        31, 6, "yaml-indentation", ["because of its indentation", "line `mood:` up"],
    ),
    "key indented less": (
        edit("        next: partner\n      - id: cut", "       next: partner\n      - id: cut"),
        22, 8, "yaml-indentation", ["indent it exactly like"],
    ),
    "unclosed list": (
        edit("tags: [discovery]", "tags: [discovery"), 17, 15, "yaml-unclosed-bracket", ["]"]
    ),
    "choice without its dash": (
        edit("      - id: cut\n        text", "        text"),
        23, 9, "missing-dash", ["new choice", "start it with `- `"],
    ),
    "null as a text": (
        edit("say: Good.", "say: null"), 30, 10, "empty-text", ["reads as no value", "quote it"]
    ),
    "~ as a text": (
        edit("say: Good.", "say: ~"), 30, 10, "empty-text", ["reads as no value"]
    ),
    "key swallowed by a > text": (
        edit("          A question about cost.\n        next: partner",
             "          A question about cost.\n          next: partner"),
        22, 11, "key-in-text", ["part of the `feedback` text", "because of its indentation"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("slip", sorted(SLIPS))
def test_a_slip_gives_one_plain_error_where_to_act(slip):
    text, line, col, code, words = SLIPS[slip]
    errors = [d for d in load_text(text, "s.yaml").diagnostics if d.severity == "error"]
    assert [(d.line, d.col, d.code) for d in errors] == [(line, col, code)], errors
    message = errors[0].message.lower()
    for word in words:
        assert word.lower() in message
    assert "mapping values" not in message and "scanning" not in message  # no parser-speak


FOLLOW_ONS = {
    "a meter with start above max still counts as declared": (
        edit("{start: 3, min: 0, max: 5,", "{start: 7, min: 0, max: 5,"), "meter-range"
    ),
    "a meter with a bad number still counts as declared": (
        edit("{start: 3, min: 0,", "{start: three, min: 0,"), "bad-integer"
    ),
    "a bad set list still declares its flag": (edit("set: [asked]", "set: asked"), "wrong-type"),
    "an alias is one error, not an empty tag too": (
        edit("tags: [discovery]", "tags:\n          - *disc"), "yaml-alias"
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(FOLLOW_ONS))
def test_one_error_per_mistake(case):
    text, code = FOLLOW_ONS[case]
    errors = [d.code for d in load_text(text, "s.yaml").diagnostics if d.severity == "error"]
    assert errors == [code]


def test_timer_pairing_says_what_each_key_holds():
    missing_limit = load_text(
        edit("    say: Your price", "    timeout: walkout\n    say: Your price"), "s"
    )
    (diag,) = [d for d in missing_limit.diagnostics if d.code == "timer-pairing"]
    assert "`time_limit:` with the seconds allowed" in diag.message
    missing_node = load_text(
        edit("    say: Your price", "    time_limit: 20\n    say: Your price"), "s"
    )
    (diag,) = [d for d in missing_node.diagnostics if d.code == "timer-pairing"]
    assert "`timeout:` with the node to go to" in diag.message


def test_the_comma_hint_only_for_keys_that_read_like_text():
    plain = load_text(edit("effects: {patience: -1}", "effects: {patience: -1, trust: 2}"), "s")
    (diag,) = [d for d in plain.diagnostics if d.code == "unknown-meter"]
    assert "comma" not in diag.message
    cut = load_text(edit("effects: {patience: -1}", "effects: {patience: -1, and more: 2}"), "s")
    (diag,) = [d for d in cut.diagnostics if d.code == "unknown-meter"]
    assert "comma ends the text" in diag.message


def test_next_as_a_list_gets_advice_for_an_id():
    result = load_text(edit("next: partner", "next: [partner]"), "s")
    (diag,) = [d for d in result.diagnostics if d.severity == "error"]
    assert diag.code == "wrong-type" and "without brackets: `partner`" in diag.message
    assert ">" not in diag.message


def test_the_word_null_in_quotes_is_text():
    result = load_text(edit("say: Good.", "say: 'null'"), "s")
    assert result.ok and result.diagnostics == []
    assert result.scenario.nodes["partner"].say == "null"


def test_thousands_of_unknown_keys_are_each_reported_and_stay_quick():
    # Each gets its line; the fuzzy "Did you mean" stops after the first few hundred.
    junk = "".join(f"k{i:05d}: v\n" for i in range(2000))
    result = load_text(edit("start: opening", junk + "start: opening"), "s")
    unknown = [d for d in result.diagnostics if d.code == "unknown-key"]
    assert len(unknown) == 2000
    assert "Allowed here: format" in unknown[-1].message
