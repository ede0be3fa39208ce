"""The state-graph algorithms on small edge lists: (target, points)."""

from __future__ import annotations

import pytest

from game.engine.stategraph import components, cycle_through, signed_cycle

# 0 -> 1 <-> 2 -> 3, and 3 -> 3 (a round of one state)
EDGES = [[(1, 0)], [(2, 5)], [(1, -7), (3, 1)], [(3, 0)]]


def test_components_come_in_topological_order():
    assert [sorted(c) for c in components(EDGES)] == [[0], [1, 2], [3]]


def test_a_deep_chain_needs_no_recursion():
    n = 50_000
    chain = [[(i + 1, 0)] for i in range(n - 1)] + [[]]
    assert len(components(chain)) == n


@pytest.mark.parametrize(
    ("sign", "gain"), [(1, None), (-1, -2)], ids=["no-gaining-round", "losing-round"]
)
def test_signed_cycle_finds_a_round_that_pays_for_its_sign(sign, gain):
    comp = [0, 1, 1, 2]
    cycle = signed_cycle(EDGES, comp, 1, [1, 2], sign)
    assert (None if cycle is None else sum(e[1] for _, e in cycle)) == gain


def test_cycle_through_an_edge_comes_back_to_its_start():
    comp = [0, 1, 1, 2]
    cycle = cycle_through(EDGES, comp, 1, 2, (1, -7))
    assert [u for u, _ in cycle] == [2, 1] and cycle[-1][1][0] == 2
