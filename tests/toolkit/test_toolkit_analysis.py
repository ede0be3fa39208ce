"""The analyser: exact results on small scenarios, and agreement with brute force over the move rules."""

from __future__ import annotations

import pytest

from game.content import load_text
from game.engine import rules
from game.engine.analysis import analyze
from tests.toolkit.texts import ENDINGS, random_scenario, scenario


def load(text: str):
    result = load_text(text, "test.yaml")
    assert result.scenario is not None, [d.format() for d in result.diagnostics]
    return result.scenario


TWO_WAYS = scenario(
    """\
  ask:
    say: Why switch?
    choices:
      - id: lead
        text: Here is what the delays cost you.
        tags: [insight]
        next: won
      - id: cut
        text: We can beat their price.
        tags: [price]
        next: won
      - id: wander
        text: Tell me more.
        next: ask2
  ask2:
    say: Well?
    choices:
      - text: Here is the cost of waiting.
        tags: [insight]
        next: won
"""
    + ENDINGS
)


def test_best_worst_and_commodity_runs():
    # `lead` and `wander` > c1 both score 5: the run with fewer moves is the best.
    a = analyze(load(TWO_WAYS))
    assert a.exhaustive and a.sound
    assert (a.best.score, a.best.choices, a.best.path) == (5, ("lead",), ("ask", "won"))
    assert (a.worst.score, a.worst.ending) == (-1, "won")
    assert a.best_with_commodity.choices == ("cut",)
    assert a.endings["won"].to_dict() == {"result": "won", "reachable": True, "min": -1, "max": 5}
    assert a.endings["lost"].to_dict() == {
        "result": "lost",
        "reachable": False,
        "min": None,
        "max": None,
    }
    assert a.unreachable_nodes == ("lost",)


TRIGGER = scenario(
    """\
  ask:
    say: Match it or we're done.
    time_limit: 10
    timeout: lost
    choices:
      - id: push
        text: Let me show you the cost of the cheaper option.
        tags: [leadership]
        effects: {patience: -1}
        next: ask
      - id: wait
        text: Let me think.
        points: 1
        if: patience >= 2
        next: lost
"""
    + ENDINGS,
    meters="  patience: {start: 2, min: 0, max: 2, on_min: won}\n",
)


def test_a_trigger_replaces_next_and_a_timeout_is_a_move():
    a = analyze(load(TRIGGER))
    assert a.best.choices == ("push", "push") and a.best.path == ("ask", "ask", "won")
    assert a.best.score == 2 + 2 + 2
    assert a.worst.choices == ("timeout",) and a.worst.score == 0
    assert a.sound


STUCK = scenario(
    """\
  ask:
    say: Go on.
    choices:
      - text: Ask about goals.
        tags: [discovery]
        set: [asked]
        next: ask2
  ask2:
    say: And?
    choices:
      - text: Only before asking.
        if: not asked
        next: won
"""
    + ENDINGS
)


def test_a_state_with_every_choice_hidden_is_stuck():
    a = analyze(load(STUCK))
    assert [s.to_dict() for s in a.stuck_states] == [
        {"node": "ask2", "meters": {}, "flags": ["asked"]}
    ]
    assert a.best is None and a.worst is None and not a.sound


def loop_text(gain_points: int) -> str:
    return scenario(
        f"""\
  ask:
    say: Again?
    choices:
      - id: again
        text: Round we go.
        points: {gain_points}
        next: ask2
      - id: done
        text: Close.
        next: won
  ask2:
    say: Round.
    choices:
      - id: back
        text: Back.
        next: ask
"""
        + ENDINGS
    )


@pytest.mark.parametrize(
    ("points", "best", "worst"),
    [(1, None, 2), (-1, 2, None), (0, 2, 2)],
    ids=["gaining", "losing", "level"],
)
def test_loops_report_their_gain_and_unbound_scores(points, best, worst):
    a = analyze(load(loop_text(points)))
    assert [lp.to_dict() for lp in a.loops] == [{"nodes": ["ask", "ask2"], "gain": points}]
    assert (a.best.score if a.best else None) == best
    assert (a.worst.score if a.worst else None) == worst
    assert not a.sound
    span = a.endings["won"]
    assert (span.max is None) == (points > 0) and (span.min is None) == (points < 0)


def test_visited_nodes_are_part_of_the_state():
    text = scenario(
        """\
  ask:
    say: Hi.
    choices:
      - text: Detour.
        next: detour
      - text: Straight on.
        next: ask2
  detour:
    say: Detour.
    choices:
      - text: Back.
        next: ask2
  ask2:
    say: Now?
    choices:
      - text: Because we talked.
        tags: [insight]
        if: visited(detour)
        next: won
      - text: Fine.
        next: lost
"""
        + ENDINGS
    )
    a = analyze(load(text))
    assert a.best.path == ("ask", "detour", "ask2", "won")
    assert a.states == 7  # ask, detour, ask2 twice (with and without the detour), won, lost twice


def test_the_state_cap_makes_the_analysis_partial():
    a = analyze(load(TRIGGER), state_cap=2)
    assert not a.exhaustive and a.states == 2 and not a.sound


def brute_force(sc):
    """Every run, by the move rules: (score, moves, ending, took a commodity choice)."""
    runs, stuck = [], set()
    todo = [(rules.new_state(sc), False)]
    while todo:
        state, commodity = todo.pop()
        if state.finished:
            runs.append((state.score, len(state.moves), state.ending, commodity))
            continue
        moves = [(c, c.is_commodity) for c in rules.visible_choices(sc, state)]
        if sc.nodes[state.node].timeout:
            moves.append((None, False))
        if not moves:
            stuck.add((state.node, tuple(state.meters.values()), state.flags))
        for choice, tagged in moves:
            after = rules.time_out(sc, state) if choice is None else rules.choose(sc, state, choice)
            todo.append((after, commodity or tagged))
    return runs, stuck


@pytest.mark.parametrize("seed", range(40), ids=lambda s: f"seed{s}")
def test_agrees_with_brute_force(seed):
    sc = load(random_scenario(seed))
    a = analyze(sc)
    runs, stuck = brute_force(sc)
    assert a.exhaustive and not a.loops
    assert len(a.stuck_states) == len(stuck)

    def top(pool, sign):
        if not pool:
            return None
        score, moves = max((sign * s, -m) for s, m, _, _ in pool)
        return sign * score, -moves

    for run, pool, sign in (
        (a.best, runs, 1),
        (a.worst, runs, -1),
        (a.best_with_commodity, [r for r in runs if r[3]], 1),
    ):
        expected = top(pool, sign)
        assert (None if run is None else (run.score, len(run.choices))) == expected
        if run is not None:
            replayed = rules.replay(sc, run.choices)
            assert (replayed.score, replayed.ending, replayed.path) == (
                run.score,
                run.ending,
                run.path,
            )
    for nid, span in a.endings.items():
        scores = [s for s, _, e, _ in runs if e == nid]
        assert (span.min, span.max) == ((min(scores), max(scores)) if scores else (None, None))


def mixed_loop(back_points: int, side_points: int) -> str:
    """ask -> ask2 (+3) -> ask (back_points), and ask -> side (side_points) -> ask."""
    return scenario(
        f"""\
  ask:
    say: Again?
    choices:
      - text: Forward.
        points: 3
        next: ask2
      - text: Aside.
        points: {side_points}
        next: side
      - text: Close.
        next: won
  ask2:
    say: Round.
    choices:
      - text: Back.
        points: {back_points}
        next: ask
  side:
    say: Aside.
    choices:
      - text: Back again.
        next: ask
"""
        + ENDINGS
    )


@pytest.mark.parametrize(
    ("back", "side", "gains"),
    [(-3, 0, [0]), (-3, 1, [1]), (-4, -1, [-1]), (-2, -1, [1, -1])],
    ids=["level", "gaining-side", "losing-both", "one-of-each"],
)
def test_loops_with_gains_and_losses_in_one_component(back, side, gains):
    a = analyze(load(mixed_loop(back, side)))
    found = sorted((lp.gain for lp in a.loops), reverse=True)
    assert found == gains
    sc = load(mixed_loop(back, side))
    for lp in (
        a.loops
    ):  # each round starts at its earliest-found state (here the start) and adds its gain
        assert lp.nodes[0] == "ask"
        end = rules.replay(sc, lp.choices)
        assert (end.node, end.score) == ("ask", lp.gain)
    assert (a.best is None) == any(g > 0 for g in gains)
    assert (a.worst is None) == any(g < 0 for g in gains)
