"""One scorecard per scenario version: made once per content hash, off the caller's thread."""

import threading

import pytest

from game.content import load_scenario, load_text
from game.engine import scorecard
from tests.helpers import SPEC_EXAMPLE


@pytest.fixture
def counted(monkeypatch):
    """Count the analyses the scorecard module runs, starting from an empty cache."""
    scorecard.forget()
    calls = []
    real = scorecard.analyze

    def counting(scenario, *args, **kwargs):
        calls.append(threading.current_thread().name)
        return real(scenario, *args, **kwargs)

    monkeypatch.setattr(scorecard, "analyze", counting)
    yield calls
    scorecard.forget()


def test_the_spec_example_scorecard(counted):
    spec = load_scenario(SPEC_EXAMPLE).scenario
    card = scorecard.scorecard_for(spec)
    assert (card.best_score, card.worst_score) == (15, -11)
    assert card.best.ending == "partner" and card.best_with_commodity is not None
    assert (card.index(15), card.index(-11), card.index(2)) == (100, 0, 50)
    assert scorecard.cached(spec) is card


def test_made_once_per_content_hash(counted):
    first = load_scenario(SPEC_EXAMPLE).scenario
    again = load_scenario(SPEC_EXAMPLE).scenario  # another object, the same bytes
    assert scorecard.scorecard_for(first) is scorecard.scorecard_for(again)
    edited = load_text(SPEC_EXAMPLE.read_text().replace("points: 5", "points: 6"), "x.yaml")
    assert scorecard.scorecard_for(edited.scenario).best_score == 16
    assert len(counted) == 2


def test_prefetch_runs_on_a_worker_and_cached_never_computes(counted):
    spec = load_scenario(SPEC_EXAMPLE).scenario
    assert scorecard.cached(spec) is None and counted == []  # reading it made nothing
    scorecard.prefetch(spec)
    scorecard.prefetch(spec)  # already under way: not started twice
    card = scorecard.scorecard_for(spec)  # waits for the worker
    assert counted == [f"scorecard {spec.id}"]
    assert scorecard.cached(spec) is card


def test_leadership_index_edges():
    assert scorecard.leadership_index(3, None, 0) is None
    assert scorecard.leadership_index(3, 3, 3) == 100 and scorecard.leadership_index(2, 3, 3) == 0
    assert (
        scorecard.leadership_index(99, 10, 0) == 100 and scorecard.leadership_index(-9, 10, 0) == 0
    )
