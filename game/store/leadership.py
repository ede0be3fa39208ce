"""The Leadership Index: where a score sits between the scenario's worst and best runs, 0-100."""

from __future__ import annotations


def leadership_index(score: int, best: int | None, worst: int | None) -> int | None:
    """0 at the worst reachable score, 100 at the best, clamped; None when the range is unknown."""
    if best is None or worst is None:
        return None
    if best <= worst:  # every run scores the same: reaching it is the best there is
        return 100 if score >= best else 0
    share = (score - worst) / (best - worst)
    return round(100 * min(1.0, max(0.0, share)))


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
