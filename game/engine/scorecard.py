"""What a finished run's score means against the scenario's own range."""

from __future__ import annotations


def leadership_index(score: int, best: int | None, worst: int | None) -> int | None:
    """0 at the worst reachable score, 100 at the best, clamped; None when the range is unknown."""
    if best is None or worst is None:
        return None
    if best <= worst:  # every run scores the same: reaching it is the best there is
        return 100 if score >= best else 0
    share = (score - worst) / (best - worst)
    return round(100 * min(1.0, max(0.0, share)))
