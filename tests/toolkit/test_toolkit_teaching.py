"""Teaching checks that read the state graph, and the tells `analyze` reports.

Each code has a small scenario with exactly that tell and a near copy without it.
"""

from __future__ import annotations

import json

import pytest

from game.cli.analyze_cmd import report
from game.content import load_scenario, load_text
from game.engine import quality, rules
from game.engine.analysis import analyze, explore
from game.engine.tells import study
from tests.helpers import ROOT, cli
from tests.toolkit.texts import scenario

NEW_CODES = {
    "answer-length-tell",
    "result-inversion",
    "buyer-ignores",
    "commodity-gap",
    "condition-never-holds",
    "endless-loop",
    "stuck-state",
    "greedy-wins",
}
WON = "  won:\n    say: Deal.\n    ending: {result: won, title: Won, points: 2}\n"


def say(text: str, tags: str, nxt: str, extra: str = "") -> str:
    return (
        f"      - text: {text}\n        tags: {tags}\n        feedback: She reacts.\n{extra}"
        f"        next: {nxt}\n"
    )


def decision(nid: str, *choices: str) -> str:
    return f"  {nid}:\n    say: Line at {nid}.\n    choices:\n" + "".join(choices)


def ending(nid: str, result: str, points: int = 0) -> str:
    return f"  {nid}:\n    say: Bye.\n    ending: {{result: {result}, title: {nid}, points: {points}}}\n"


LONG = "Here is what your delays cost you last quarter, in euros per pallet."
SHORT = "We can take 10% off."


def length_pattern(price_text: str = SHORT) -> str:
    """Four decisions; at each the top-scoring answer is the longest unless `price_text` is."""
    return scenario(
        decision("d1", say(LONG, "[insight]", "d2"), say(price_text, "[price]", "d2"))
        + decision("d2", say(LONG, "[insight]", "d3"), say(price_text, "[price]", "d3"))
        + decision(
            "d3",
            say(LONG, "[insight]", "won"),
            say("What matters most?", "[discovery]", "d4"),
            say(SHORT, "[price]", "won"),
        )
        + decision("d4", say(LONG, "[outcome]", "won"), say(SHORT, "[price]", "won"))
        + WON,
        start="d1",
    )


def one_decision(*choices: str, endings: str = WON, meters: str = "") -> str:
    return scenario(decision("ask", *choices) + endings, meters=meters)


LOST = ending("lost", "lost", -1)
# A way round that costs now and pays later, so greedy play is not the best.
ASK_MORE = say("What matters most?", "[discovery]", "numbers")
NUMBERS = decision(
    "numbers",
    say("Design for zero.", "[outcome]", "won", "        points: 9\n"),
    say(SHORT, "[price]", "won"),
)
TRUST = "  trust: {start: 5, min: 0, max: 10}\n"
PATIENCE = "  patience: {start: 2, min: 0, max: 2, on_min: lost}\n"


def stuck(price_condition: str) -> str:
    """At 'again' every choice needs trust above 5, unless the price choice has no condition;
    only the insight at 'ask' raises trust."""
    return scenario(
        decision(
            "ask",
            say(LONG, "[insight]", "again", "        effects: {trust: 1}\n"),
            say(LONG + " And 10% off.", "[price]", "again"),
            ASK_MORE,
        )
        + NUMBERS
        + decision(
            "again",
            say("Let me lead the next step.", "[leadership]", "won", "        if: trust > 5\n"),
            say(SHORT, "[price]", "won", price_condition),
        )
        + WON,
        meters=TRUST,
    )


CASES = {
    # code: (scenario with exactly that tell, the same without it)
    "answer-length-tell": (length_pattern(), length_pattern(LONG + " And we take 10% off.")),
    "answer-length-tell/longest-run": (
        one_decision(
            say(LONG, "[insight]", "won"), say(SHORT, "[price]", "lost"), endings=WON + LOST
        ),
        one_decision(
            say("Here is what it costs you.", "[insight]", "won"),
            say(SHORT + " And a free month on us, from today.", "[price]", "lost"),
            endings=WON + LOST,
        ),
    ),
    "result-inversion": (
        one_decision(
            say(LONG, "[insight]", "won"),
            say(SHORT, "[price]", "won"),
            say(LONG + " Could we pick this up next month?", "[discovery]", "lost"),
            endings=WON + ending("lost", "stalled", 0),
        ),
        one_decision(
            say(LONG, "[insight]", "won"),
            say(SHORT, "[price]", "won"),
            say(LONG + " Could we pick this up next month?", "[discovery]", "lost"),
            endings=WON + ending("lost", "stalled", -5),
        ),
    ),
    "buyer-ignores": (
        one_decision(
            say(LONG, "[insight]", "won"),
            say(SHORT, "[price]", "won"),
            say("Our platform has twelve features.", "[feature]", "won"),
        ),
        one_decision(
            say("Here is what it costs you.", "[insight]", "won"),
            say(SHORT, "[price]", "won"),
            say("Our platform has twelve features.", "[feature]", "maybe"),
            endings=WON + ending("maybe", "stalled", -3),
        ),
    ),
    "commodity-gap": (
        one_decision(
            say(LONG, "[insight]", "won"), say(SHORT, "[price]", "won", "        points: 1\n")
        ),
        one_decision(say(LONG, "[insight]", "won"), say(SHORT, "[price]", "won")),
    ),
    "condition-never-holds": (
        one_decision(
            say(LONG, "[insight]", "won"),
            say(SHORT, "[price]", "won", "        if: trust >= 80\n"),
            meters=TRUST,
        ),
        one_decision(
            say(LONG, "[insight]", "won"),
            say(SHORT, "[price]", "won", "        if: trust >= 5\n"),
            meters=TRUST,
        ),
    ),
    "endless-loop": (
        one_decision(
            say("Here is what it costs.", "[insight]", "won"),
            say(LONG, "[price]", "ask"),
            ASK_MORE,
            endings=WON + NUMBERS,
        ),
        one_decision(
            say("Here is what it costs.", "[insight]", "won"),
            say(LONG, "[price]", "ask", "        effects: {patience: -1}\n"),
            ASK_MORE,
            endings=WON + LOST + NUMBERS,
            meters=PATIENCE,
        ),
    ),
    "stuck-state": (stuck("        if: trust > 5\n"), stuck("")),
    "greedy-wins": (
        scenario(
            decision("ask", say(LONG, "[insight]", "numbers"), say(SHORT, "[price]", "won"))
            + decision(
                "numbers", say("Design for zero.", "[outcome]", "won"), say(SHORT, "[price]", "won")
            )
            + WON
        ),
        scenario(
            decision(
                "ask",
                say("Here is what it costs.", "[insight]", "won"),
                say("What matters most?", "[discovery]", "numbers"),
                say(SHORT, "[price]", "won"),
            )
            + decision(
                "numbers", say("Design for zero.", "[outcome]", "won"), say(SHORT, "[price]", "won")
            )
            + WON
        ),
    ),
}


def new_codes(text: str) -> list:
    result = load_text(text, "t.yaml")
    assert result.scenario is not None, [d.format() for d in result.diagnostics]
    return [d for d in quality.review(result.scenario) if d.code in NEW_CODES]


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_check_fires_on_exactly_its_tell_and_not_without_it(case):
    code = case.split("/")[0]
    with_tell, without = CASES[case]
    found = new_codes(with_tell)
    assert {d.code for d in found} == {code}, [d.format() for d in found]
    for d in found:
        assert d.message.endswith("."), d.message
        assert d.line > 1
    assert new_codes(without) == [], [d.format() for d in new_codes(without)]


def test_findings_are_located_at_what_they_concern():
    text = CASES["condition-never-holds"][0]
    (d,) = new_codes(text)
    line = text.splitlines()[d.line - 1]
    assert line[d.col - 1 :] == "trust >= 80", line
    assert "(there trust is 5)" in d.message
    (d,) = new_codes(CASES["stuck-state"][0])
    assert CASES["stuck-state"][0].splitlines()[d.line - 1] == "  again:"
    (d,) = new_codes(CASES["result-inversion"][0])
    assert CASES["result-inversion"][0].splitlines()[d.line - 1] == "  lost:"


def test_validate_strict_fails_on_a_stuck_state_and_a_loop(tmp_path):
    for case in ("stuck-state", "endless-loop"):
        path = tmp_path / f"{case}.yaml"
        path.write_text(CASES[case][0])
        assert cli("validate", str(path)).returncode == 0
        done = cli("validate", "--strict", str(path))
        assert done.returncode == 1 and f"warning {case}:" in done.stdout


def _tells(text: str):
    return _tells_of(load_text(text, "t.yaml").scenario)


def _tells_of(s):
    graph = explore(s)
    a = analyze(s, graph=graph)
    return s, a, study(s, graph, a)


def test_tells_on_a_fixture_with_known_values():
    s, a, tells = _tells(CASES["result-inversion"][0])
    d = tells.to_dict()
    # Longest: the stalled line (longest of the three); first: the insight; greedy: the insight.
    assert d["always_longest"]["run"]["choices"] == ["c3"]
    assert d["always_longest"]["run"]["ending"] == "lost"
    assert d["always_longest"]["reaches_best_ending"] is False
    assert d["always_first"]["run"] == {
        "score": 5,
        "ending": "won",
        "result": "won",
        "choices": ["c1"],
        "path": ["ask", "won"],
    }
    assert d["always_first"]["optimal"] is True
    assert d["greedy"]["run"]["score"] == 5 and d["greedy"]["optimal"] is True
    assert d["shared_replies"] == {"choices": 3, "shared": 2, "share": 0.667}
    assert d["longest_is_best"] == {"decisions": 1, "count": 0, "nodes": []}
    assert d["results"] == {
        "won": {"won": {"min": -1, "max": 5}},
        "lost": {},
        "stalled": {"lost": {"min": 1, "max": 1}},
    }
    assert d["inversions"] == [
        {
            "ending": "lost",
            "result": "stalled",
            "max": 1,
            "best_ending": "won",
            "best_ending_min": -1,
        }
    ]
    text = report(s, a, tells)
    assert "Tells (can the scenario be won without judgment?):" in text
    assert "Inversion: a run ending at lost (stalled) scores up to +1" in text
    assert "At a glance: always choosing the first answer reaches the leader's result" in text


def test_tells_of_rules_that_loop_or_tie():
    _, _, tells = _tells(CASES["endless-loop"][0])
    longest = tells.rules["always_longest"]
    assert longest.run is None and longest.endless  # the longest line leads back round
    _, _, tells = _tells(CASES["buyer-ignores"][1])
    assert tells.rules["greedy"].run.choices == ("c1",)


def test_analyze_json_has_the_tells_object(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(length_pattern())
    done = cli("analyze", "--json", str(path))
    assert done.returncode == 0, done.stderr
    tells = json.loads(done.stdout)["tells"]
    assert tells["longest_is_best"] == {
        "decisions": 4,
        "count": 4,
        "nodes": ["d1", "d2", "d3", "d4"],
    }
    assert tells["always_longest"]["run"]["score"] == 11
    assert tells["greedy"]["optimal"] is False
    assert tells["always_first"]["run"]["choices"] == ["c1", "c1", "c1"]
    partial = cli("analyze", "--json", "--state-cap", "1", str(path))
    assert json.loads(partial.stdout)["tells"] is None


BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_rule_run_replays_to_its_score_and_follows_its_rule(path):
    s = load_scenario(path).scenario
    _, _, tells = _tells_of(s)
    for rule, play in tells.rules.items():
        if play.run is None:
            continue
        state = rules.new_state(s)
        for token in play.run.choices:
            visible = rules.visible_choices(s, state)
            taken = next(c for c in visible if c.id == token)
            if rule == "always_first":
                assert taken is visible[0]
            elif rule == "always_longest":
                assert len(taken.text) == max(len(c.text) for c in visible)
            state = rules.play_token(s, state, token)
        assert (state.score, state.ending) == (play.run.score, play.run.ending), rule


def test_a_condition_out_of_every_range_is_found_when_the_analysis_stops_at_its_cap():
    for case, found in (("condition-never-holds", True), ("stuck-state", False)):
        s = load_text(CASES[case][0], "t.yaml").scenario
        partial = analyze(s, state_cap=1)
        assert not partial.exhaustive
        codes = [d.code for d in quality.review(s, partial)]
        assert ("condition-never-holds" in codes) is found, codes
    s = load_text(CASES["condition-never-holds"][0], "t.yaml").scenario
    (d,) = [d for d in quality.review(s, analyze(s, state_cap=1)) if d.code in NEW_CODES]
    assert "(trust from 0 to 10)" in d.message and d.message.endswith(".")
