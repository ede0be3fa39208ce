"""Attempts: a replay is a new attempt, a finished one never changes, and counts are attempts."""

from __future__ import annotations

import json

import pytest
from store_scenarios import TRUSTED_ADVISOR, WON_ON_PRICE, procurement_squeeze
from test_store_basics import play

from game.engine import rules
from game.store import open_store
from game.store.progress import player_progress
from game.store.report import summarize
from game.ui.attempt import Attempt


def test_replay_from_a_decision_is_a_new_attempt_sharing_the_first_decisions(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        first, _ = play(store, "Ana", scenario, TRUSTED_ADVISOR)
        shared = rules.replay(scenario, TRUSTED_ADVISOR[:1])
        second = store.replay_run(first, shared)
        assert second != first
        state = shared
        for token in ("c2", "c2"):
            state = rules.play_token(scenario, state, token)
            store.record_move(second, state.moves[-1], state)
        store.finish_run(second, state)
        assert state.score == -6
    with open_store(tmp_path) as store:
        runs = store.finished_runs("Ana")
        assert [(r.score, r.choices) for r in runs] == [
            (14, TRUSTED_ADVISOR),
            (-6, ["cost_of_delay", "c2", "c2"]),
        ]
        kept, replay = runs
        assert (replay.replay_of, replay.shared, replay.seed) == (kept.run_id, 1, kept.seed)
        assert store.decisions(replay.run_id)[0].at == store.decisions(kept.run_id)[0].at
        (progress,) = player_progress(store, "Ana")
        assert [a.score for a in progress.attempts] == [14, state.score]
        assert (progress.best, progress.last) == (14, state.score)
        (row,) = summarize(store, "Ana")
        assert (row.attempts, row.best, row.last) == (2, 14, state.score)
        assert store.best_scores("Ana") == {scenario.id: 14}


def test_a_replayed_assessment_keeps_its_result_and_the_replay_is_practice(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        lost, _ = play(store, "Ana", scenario, WON_ON_PRICE, mode="assessment")
        attempt = Attempt(scenario, "practice", "Ana", store, rules.replay(scenario, []), lost)
        attempt.mode = "assessment"
        fresh = attempt.replay(0)
        assert fresh.mode == "practice" and fresh.replayed_assessment
        for token in TRUSTED_ADVISOR:  # the leader's path, this time
            fresh.choose(rules.resolve_token(scenario, fresh.state, token))
        before = store.run(lost)
    with open_store(tmp_path) as store:
        runs = {r.run_id: r for r in store.finished_runs("Ana")}
        assert runs[lost] == before
        assert (runs[lost].mode, runs[lost].score) == ("assessment", -8)
        (other,) = [r for r in runs.values() if r.run_id != lost]
        assert (other.mode, other.score, other.replay_of) == ("practice", 14, lost)


def test_a_finished_attempt_cannot_be_rewound_or_rewritten(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        run_id, _ = play(store, "Ana", scenario, TRUSTED_ADVISOR, mode="assessment")
        with pytest.raises(ValueError, match="kept as it was"):
            store.rewind_run(run_id, 1)
        other = rules.replay(scenario, WON_ON_PRICE)
        with pytest.raises(ValueError, match="kept as it was"):
            store.record_move(run_id, other.moves[-1], other)
        assert store.run(run_id).score == 14


def test_seed_and_typed_text_are_kept(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        run_id = store.start_run("Ana", scenario, "practice", seed=1234)
        state = rules.play_token(scenario, rules.new_state(scenario), "cost_of_delay")
        store.record_move(run_id, state.moves[-1], state, typed="what does a delay cost you?")
        state = rules.play_token(scenario, state, "c1")
        store.record_move(run_id, state.moves[-1], state)
        random_seeded = store.start_run("Ben", scenario, "practice")
    with open_store(tmp_path) as store:
        assert store.run(run_id).seed == 1234
        assert [d.typed for d in store.decisions(run_id)] == ["what does a delay cost you?", None]
        assert isinstance(store.run(random_seeded).seed, int)


def test_play_replay_token_records_a_new_attempt_headless(tmp_path, monkeypatch, capsys):
    from game.cli import main

    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    data = tmp_path / "data"
    scenario = tmp_path / "s.yaml"
    scenario.write_text(json.dumps(SCENARIO))
    code = main(
        [
            "play",
            str(scenario),
            "--choices",
            "1,1,replay:2,2",
            "--player",
            "Ana",
            "--mode",
            "assessment",
            "--data-dir",
            str(data),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert json.loads(out.splitlines()[-1])["score"] == 3 + 1
    with open_store(data) as store:
        runs = store.finished_runs("Ana")
    assert [(r.mode, r.score, r.choices, r.shared) for r in runs] == [
        ("assessment", 3 - 3, ["good", "bad"], 0),
        ("practice", 3 + 1, ["good", "fine"], 1),
    ]


def test_replay_before_the_end_is_refused_headless(tmp_path, monkeypatch, capsys):
    from game.cli import main

    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    scenario = tmp_path / "s.yaml"
    scenario.write_text(json.dumps(SCENARIO))
    code = main(["play", str(scenario), "--choices", "1,replay:1", "--data-dir", str(tmp_path)])
    assert code == 2
    assert "before the run has ended" in capsys.readouterr().err


SCENARIO = {
    "format": 1,
    "id": "two-steps",
    "title": "Two Steps",
    "summary": "Two decisions.",
    "buyer": {"name": "Bo", "role": "Buyer"},
    "start": "one",
    "nodes": {
        "one": {
            "say": "First?",
            "choices": [
                {"id": "good", "text": "An insight.", "next": "two", "tags": ["insight"]},
                {"id": "meh", "text": "A feature.", "next": "two", "tags": ["feature"]},
            ],
        },
        "two": {
            "say": "Second?",
            "choices": [
                {"id": "bad", "text": "A discount.", "next": "end", "tags": ["price"]},
                {"id": "fine", "text": "A question.", "next": "end", "tags": ["discovery"]},
            ],
        },
        "end": {"say": "Done.", "ending": {"title": "Done", "result": "won"}},
    },
}
