"""The transitions machine agrees with the pure rules, move for move."""

import random

import pytest

from game.content import load_scenario
from game.engine import rules
from game.engine.machine import Conversation
from game.errors import MoveError
from tests.engine.test_engine_rules import SCENARIO
from tests.helpers import SPEC_EXAMPLE


@pytest.fixture(scope="module")
def spec():
    return load_scenario(SPEC_EXAMPLE).scenario


def test_the_spec_example_run(spec):
    c = Conversation(spec)
    c.play("cost_of_delay")
    c.play("1")
    s = c.state
    assert (s.ending, s.result, s.score) == ("partner", "won", 15)
    assert s.tags == {"insight": 1, "discovery": 1, "outcome": 1, "leadership": 1}
    assert s.meters == {"trust": 60, "patience": 3}
    assert s.path == ("opening", "numbers", "partner")
    assert c.machine.get_model_state(c._position).name == "partner"
    assert c.machine.get_state("partner").final


def test_no_auto_transitions(spec):
    c = Conversation(spec)
    for token in ("match", "1", "1"):
        c.play(token)
    assert c.machine.events and not any(t.startswith("to_") for t in c.machine.events)


def test_a_node_gets_its_transitions_when_a_move_first_leaves_it(spec):
    c = Conversation(spec)
    assert not c.machine.events  # nothing built before the first move
    c.play("match")  # opening -> spiral
    built = {src for e in c.machine.events.values() for src in e.transitions}
    assert built == {"opening"}
    c._ready("spiral")
    steps = rules.steps(spec)
    for choice in spec.nodes["spiral"].choices:
        step = steps.step("spiral", choice)
        moves = c.machine.events[f"choice:{choice.id}"].transitions["spiral"]
        expected = [e.trigger.node for e in step.triggers] + [choice.next]
        assert [t.dest for t in moves] == expected  # triggers in declaration order, then next
        assert all(t.conditions for t in moves[: len(step.triggers)])


def test_hidden_choice_is_refused_by_the_guard(spec):
    c = Conversation(spec)
    c.choose("match")  # discounted, trust 40: the outcome choice at numbers stays hidden
    c.choose("c1")
    assert c.state.node == "numbers"
    with pytest.raises(MoveError):
        c.choose("c1")
    assert c.state.node == "numbers"


def test_rewind_and_restore(spec):
    c = Conversation(spec)
    for t in ("match", "1", "1"):
        c.play(t)
    assert c.rewind(1).path == ("opening", "spiral")
    c.play("2")
    assert c.state.ending == "won_on_price"


@pytest.mark.parametrize("seed", range(20), ids=lambda s: f"seed{s}")
def test_random_runs_match_the_pure_rules(spec, seed):
    from game.content import load_text

    scenario = spec if seed % 2 else load_text(SCENARIO, "r.yaml").scenario
    rng = random.Random(seed)
    c = Conversation(scenario)
    state = rules.new_state(scenario)
    for _ in range(30):
        if state.finished:
            break
        options = [c.id for c in rules.visible_choices(scenario, state)]
        if scenario.nodes[state.node].timeout:
            options.append("timeout")
        token = rng.choice(options)
        state = rules.play_token(scenario, state, token)
        c.play(token)
        assert c.state == state


def test_every_move_returns_its_consequences(spec):
    c = Conversation(spec)
    move = c.choose("match")
    assert move is c.state.moves[-1] and move is c.last_move
    assert (move.node, move.choice, move.index, move.points, move.tags) == (
        "opening",
        "match",
        0,
        -3,
        ("price",),
    )
    assert [(m.meter, m.before, m.after) for m in move.meters] == [
        ("trust", 50, 40),
        ("patience", 3, 2),
    ]
    assert move.flags_set == ("discounted",) and move.flags_cleared == ()
    assert move.trigger is None and move.target == "spiral" and not move.finished
    end = c.choose("c2")  # "I'll take another 5% off": the run ends, won on price
    assert (end.target, end.finished, end.ending_points, end.total) == (
        "won_on_price",
        True,
        -2,
        -5,
    )
    assert type(end).from_dict(end.to_dict()) == end


def test_a_trigger_is_recorded_and_rewind_reads_the_moves(spec):
    c = Conversation(spec)
    for token in ("match", "1", "1", "1"):  # patience 3 -> 0 by the spiral: walkout
        c.play(token)
    last = c.last_move
    assert c.state.ending == "walkout" and last.trigger is not None
    assert (last.trigger.meter, last.trigger.kind, last.trigger.node) == (
        "patience",
        "on_min",
        "walkout",
    )
    full = c.state
    assert c.rewind(2) == rules.replay(spec, [m.choice for m in full.moves[:2]])


def test_an_unknown_event_is_a_move_error_not_a_crash(spec):
    c = Conversation(spec)
    with pytest.raises(MoveError, match="not a move of this scenario"):
        c._fire("choice:nowhere", None)
    with pytest.raises(MoveError, match="not possible here"):
        c._fire("choice:match", spec.nodes["opening"].choice("match"))  # fine from opening
        c._fire("choice:match", spec.nodes["opening"].choice("match"))  # not from spiral
    fresh = Conversation(spec)
    with pytest.raises(MoveError, match="not possible here"):  # a move of other nodes only,
        fresh._fire("choice:c1", spec.nodes["numbers"].choice("c1"))  # none of them built yet
    assert fresh.state.node == "opening"
