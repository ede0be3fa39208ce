"""The Leadership Index of recorded runs: the scenario's score range, from its scorecard."""

from __future__ import annotations

import importlib

__all__ = ["leadership_index", "score_bounds"]


def _scorecard():
    """game.engine.scorecard, imported on first use: opening the store (at start-up, for the
    settings) does not need the analysis behind it."""
    return importlib.import_module("game.engine.scorecard")


def leadership_index(score: int, best: int | None, worst: int | None) -> int | None:
    """0 at the worst reachable score, 100 at the best (game.engine.scorecard)."""
    return _scorecard().leadership_index(score, best, worst)


def score_bounds(scenario) -> tuple[int | None, int | None]:
    """(best, worst) reachable scores, from the scenario version's one scorecard.

    Made once per content hash and kept (the window has usually made it already, off the
    frame loop); the store calls this before it opens a transaction, never inside one.
    """
    card = _scorecard().scorecard_for(scenario)
    return card.best_score, card.worst_score
