"""The order the window shows a decision's choices in: shuffled per attempt, from its seed.

The order of a node's choices comes from the attempt's seed and the node's id alone, so
resuming, rewinding and replaying an attempt show the same order, and a choice that a
condition hides leaves the others where they were. The command line (`run`, `analyze`) and
the analysis keep the file's order.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from game.content.model import Choice, Node


def rank(node: Node, seed: int) -> list[int]:
    """Each choice's place on screen (by its index among all the node's choices)."""
    places = list(range(len(node.choices)))
    # A string seed is hashed the same way in every process (unlike hash()).
    random.Random(f"{seed}/{node.id}").shuffle(places)
    return places


def arrange(node: Node, visible: Sequence[Choice], seed: int | None) -> list[Choice]:
    """`visible` (some of `node`'s choices, in file order) as the screen shows them.

    With `seed` None the file's order is kept (shuffling is off).
    """
    if seed is None:
        return list(visible)
    places = rank(node, seed)
    return sorted(visible, key=lambda c: places[c.index])
