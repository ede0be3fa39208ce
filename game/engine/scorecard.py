"""One scorecard per scenario version: what its runs can score, and a run's Leadership Index.

The analysis behind it explores every reachable state, which takes a noticeable moment on a
large scenario, so it is made once per content hash and kept. Front ends ask early
(`prefetch`, e.g. when the briefing opens) so it is computed on a worker thread, off the
frame loop; code that must not wait, such as the store inside a transaction, reads
`cached`, which never computes. `scorecard_for` returns it, computing it (or waiting for
the prefetch) when it is not there yet.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from game.engine.analysis import Run, analyze

__all__ = ["Scorecard", "cached", "leadership_index", "prefetch", "ready", "scorecard_for"]


def leadership_index(score: int, best: int | None, worst: int | None) -> int | None:
    """0 at the worst reachable score, 100 at the best, clamped; None when the range is unknown."""
    if best is None or worst is None:
        return None
    if best <= worst:  # every run scores the same: reaching it is the best there is
        return 100 if score >= best else 0
    share = (score - worst) / (best - worst)
    return round(100 * min(1.0, max(0.0, share)))


@dataclass(frozen=True, slots=True)
class Scorecard:
    """The best, worst and best commodity runs of one scenario version.

    `best` or `worst` is None when no ending is reachable or a loop makes that side
    unbounded; the Leadership Index is then unknown.
    """

    scenario: str
    sha256: str
    best: Run | None
    worst: Run | None
    best_with_commodity: Run | None
    exhaustive: bool

    @property
    def best_score(self) -> int | None:
        return None if self.best is None else self.best.score

    @property
    def worst_score(self) -> int | None:
        return None if self.worst is None else self.worst.score

    def index(self, score: int) -> int | None:
        """The Leadership Index (0-100) of a finished run's score, or None when unknown."""
        return leadership_index(score, self.best_score, self.worst_score)


def _key(scenario) -> tuple[str, str]:
    return (scenario.id, scenario.sha256)


_lock = threading.Lock()
_done: dict[tuple[str, str], Scorecard] = {}
_running: dict[tuple[str, str], threading.Thread] = {}
_failed: dict[tuple[str, str], BaseException] = {}


def _compute(scenario) -> None:
    key = _key(scenario)
    try:
        a = analyze(scenario)
    except BaseException as exc:  # kept for the caller that waits on it, then re-raised there
        with _lock:
            _failed[key] = exc
            _running.pop(key, None)
        return
    card = Scorecard(
        scenario.id, scenario.sha256, a.best, a.worst, a.best_with_commodity, a.exhaustive
    )
    with _lock:
        _done[key] = card
        _running.pop(key, None)


def cached(scenario) -> Scorecard | None:
    """The scorecard if it is already made; never computes or waits (safe anywhere)."""
    with _lock:
        return _done.get(_key(scenario))


def prefetch(scenario) -> None:
    """Start making the scorecard on a worker thread, unless it is made or being made."""
    key = _key(scenario)
    with _lock:
        if key in _done or key in _running:
            return
        _failed.pop(key, None)
        worker = _running[key] = threading.Thread(
            target=_compute, args=(scenario,), name=f"scorecard {scenario.id}", daemon=True
        )
    worker.start()


def ready(scenario) -> Scorecard | None:
    """The scorecard if it is made; otherwise None, and it is started unless under way.

    Never waits, so a screen can draw at once and fill in what the scorecard says when it
    arrives. An analysis that failed is raised here, as `scorecard_for` raises it.
    """
    key = _key(scenario)
    with _lock:
        found = _done.get(key)
        failed = None if found is not None else _failed.pop(key, None)
    if failed is not None:
        raise failed
    if found is None:
        prefetch(scenario)
    return found


def scorecard_for(scenario) -> Scorecard:
    """The scenario version's scorecard: made once per content hash, then kept.

    Waits for a prefetch that is running; computes in this thread when none is. Keep it off
    the frame loop (call `prefetch` early) and out of database transactions.
    """
    key = _key(scenario)
    with _lock:
        found = _done.get(key)
        worker = _running.get(key)
    if found is not None:
        return found
    if worker is not None:
        worker.join()
    else:
        _compute(scenario)
    with _lock:
        found = _done.get(key)
        failed = _failed.pop(key, None)
    if found is None:
        raise failed if failed is not None else RuntimeError("the scorecard was not made")
    return found


def forget() -> None:
    """Drop every kept scorecard (tests that count analyses start from nothing)."""
    with _lock:
        _done.clear()
        _failed.clear()
