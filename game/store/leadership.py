"""The Leadership Index of recorded runs: the scenario's score range, measured once per file version."""

from __future__ import annotations

from game.engine.scorecard import leadership_index

__all__ = ["leadership_index", "score_bounds"]


def score_bounds(scenario) -> tuple[int | None, int | None]:
    """(best, worst) reachable scores from the analyser; (None, None) when it cannot say."""
    try:
        from game.engine.analysis import analyze  # heavy, and only needed once per file version
    except ImportError:
        return None, None
    try:
        analysis = analyze(scenario)
    except Exception:  # an analysis failure must never cost the player their saved run
        return None, None
    best = getattr(analysis, "best", None)
    worst = getattr(analysis, "worst", None)
    return (
        None if best is None else int(best.score),
        None if worst is None else int(worst.score),
    )
