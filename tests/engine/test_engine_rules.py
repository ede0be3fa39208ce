"""The order of scoring and effects, exactly as the format describes it."""

import pytest

from game.content import load_text
from game.engine import rules
from game.errors import MoveError

SCENARIO = """\
format: 1
id: rules
title: Rules
summary: Exercises every step of a move.
buyer: {name: Lee Chen, role: CFO}
meters:
  trust: {start: 5, min: 0, max: 10, on_max: fan, on_min: gone}
  patience: {start: 1, min: 0, max: 3, on_min: gone}
rubric: {discovery: 4, bold: 1}
start: a
nodes:
  a:
    say: Go on.
    time_limit: 20
    timeout: b
    choices:
      - id: ask
        text: What would change if this worked?
        tags: [discovery, insight]
        effects: {trust: 3, patience: 1}
        set: [asked, warm]
        clear: [warm]
        next: b
      - id: fixed
        text: I'll give you a number.
        tags: [price, bold]
        points: 7
        effects: {trust: -99}
        next: b
      - id: both
        text: Push both.
        effects: {patience: -5, trust: 50}
        next: b
  b:
    say: And?
    choices:
      - id: again
        text: Ask again.
        if: asked and trust >= 8 and visited(a)
        tags: [discovery]
        next: a
      - id: close
        text: Close.
        effects: {patience: -1}
        next: won
  won: {say: Yes., ending: {result: won, title: Won, points: 4}}
  fan: {say: Wow., ending: {result: won, title: Fan, points: 10}}
  gone: {say: Bye., ending: {result: lost, title: Gone, points: -1}}
"""


@pytest.fixture(scope="module")
def scenario():
    result = load_text(SCENARIO, "rules.yaml")
    assert result.ok, result.diagnostics
    return result.scenario


def play(scenario, *tokens):
    return rules.replay(scenario, tokens)


def test_start_is_entered(scenario):
    s = rules.new_state(scenario)
    assert s.path == ("a",) and s.meters == {"trust": 5, "patience": 1} and s.score == 0


def test_points_tags_effects_flags_in_order(scenario):
    s = play(scenario, "ask")
    assert s.score == 4 + 3  # rubric override for discovery
    assert s.tags == {"discovery": 1, "insight": 1}
    assert s.meters == {"trust": 8, "patience": 2}
    assert s.flags == {"asked"}  # set, then clear removes warm
    assert s.path == ("a", "b") and s.node == "b"


def test_points_override_the_tag_sum_but_tags_still_count(scenario):
    s = play(scenario, "fixed")
    assert s.tags == {"price": 1, "bold": 1}
    assert s.meters["trust"] == 0  # clamped


def test_on_min_fires_when_lowered_to_min_and_replaces_next(scenario):
    s = play(scenario, "fixed")
    # trust hit its min, but trust has no... it has on_min: gone
    assert s.ending == "gone" and s.path == ("a", "gone")
    assert s.score == 7 - 1


def test_first_meter_in_declaration_order_wins(scenario):
    s = play(
        scenario, "both"
    )  # trust raised to max (on_max: fan) and patience to min (on_min: gone)
    assert s.ending == "fan" and s.score == 10


AT_MIN = """\
format: 1
id: at-min
title: At min
summary: A meter that starts at its minimum.
buyer: {name: Lee Chen, role: CFO}
meters:
  calm: {start: 0, min: 0, max: 3, on_min: gone}
start: a
nodes:
  a:
    say: Go on.
    choices:
      - id: push
        text: Push.
        effects: {calm: -1}
        next: b
      - id: wait
        text: Wait.
        next: b
  b:
    say: And?
    choices:
      - text: Close.
        next: won
  won: {say: Yes., ending: {result: won, title: Won}}
  gone: {say: Bye., ending: {result: lost, title: Gone}}
"""


def test_on_min_fires_even_when_already_at_min():
    scenario = load_text(AT_MIN, "at-min.yaml").scenario
    start = rules.new_state(scenario)
    assert start.meters["calm"] == scenario.meters["calm"].min  # already at the minimum
    pushed = play(scenario, "push")  # tried to lower it: the value stays, the trigger fires
    assert pushed.meters == {"calm": 0} and pushed.ending == "gone"
    move = pushed.moves[-1]
    assert move.trigger is not None and (move.trigger.meter, move.trigger.kind) == (
        "calm",
        "on_min",
    )
    assert [(m.meter, m.before, m.after, m.change) for m in move.meters] == [("calm", 0, 0, 0)]
    assert play(scenario, "wait").node == "b"  # a move that does not touch it fires nothing


def test_untouched_meter_fires_nothing(scenario):
    s = play(scenario, "timeout")
    assert s.node == "b" and s.score == 0 and s.meters == {"trust": 5, "patience": 1}
    assert s.moves[-1].choice == "timeout"


def test_conditions_hide_choices(scenario):
    assert [c.id for c in rules.visible_choices(scenario, play(scenario, "timeout"))] == ["close"]
    assert [c.id for c in rules.visible_choices(scenario, play(scenario, "ask"))] == [
        "again",
        "close",
    ]


def test_path_keeps_repeats_and_visited(scenario):
    s = play(scenario, "ask", "again", "timeout")
    assert s.path == ("a", "b", "a", "b")


@pytest.mark.parametrize(
    "tokens,fragment",
    [
        (["0"], "out of range"),
        (["4"], "out of range"),
        ([""], "empty"),
        (["nope"], "does not exist"),
        (["timeout", "again"], "hidden"),
        (["timeout", "timeout"], "no time limit"),
        (["fixed", "1"], "finished"),
    ],
    ids=["zero", "too-high", "empty", "unknown", "hidden", "timeout-without-limit", "after-end"],
)
def test_tokens_that_do_not_fit(scenario, tokens, fragment):
    with pytest.raises(MoveError) as info:
        play(scenario, *tokens)
    assert fragment in str(info.value)


def test_state_round_trips_through_a_dict(scenario):
    s = play(scenario, "ask", "again")
    assert type(s).from_dict(s.to_dict()) == s
