"""The Leadership Index of recorded runs: the scenario's score range, from its scorecard."""

from __future__ import annotations

from game.engine.scorecard import leadership_index, scorecard_for

__all__ = ["leadership_index", "score_bounds"]


def score_bounds(scenario) -> tuple[int | None, int | None]:
    """(best, worst) reachable scores, from the scenario version's one scorecard.

    Made once per content hash and kept (the window has usually made it already, off the
    frame loop); the store calls this before it opens a transaction, never inside one.
    """
    card = scorecard_for(scenario)
    return card.best_score, card.worst_score
