"""The store keeps runs, decisions, scores and settings, and survives closing and reopening."""

from __future__ import annotations

import json
import sqlite3

import pytest
from store_scenarios import TRUSTED_ADVISOR, WON_ON_PRICE, procurement_squeeze

from game.engine import rules
from game.store import open_store, resume
from game.store.database import FILE_NAME, SCHEMA_VERSION


def play(store, player, scenario, tokens, mode="practice", finish=True):
    run_id = store.start_run(player, scenario, mode)
    state = rules.new_state(scenario)
    for token in tokens:
        state = rules.play_token(scenario, state, token)
        store.record_move(run_id, state.moves[-1], state)
    if finish and state.finished:
        store.finish_run(run_id, state)
    return run_id, state


def test_a_finished_run_is_kept_with_every_decision(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        assert store.saving and store.notice is None
        run_id, state = play(store, "Ana", scenario, TRUSTED_ADVISOR)
    with open_store(tmp_path) as store:
        (record,) = store.finished_runs("Ana")
        assert record.run_id == run_id
        assert (record.scenario_id, record.sha256, record.mode) == (
            scenario.id,
            scenario.sha256,
            "practice",
        )
        assert record.choices == TRUSTED_ADVISOR
        assert (record.score, record.ending, record.result) == (14, "partner", "won")
        assert record.tags == {"insight": 1, "discovery": 1, "outcome": 1, "leadership": 1}
        assert record.started_at <= record.ended_at
        decisions = store.decisions(run_id)
        assert [(d.seq, d.node, d.choice, d.points) for d in decisions] == [
            (1, "opening", "cost_of_delay", 4),
            (2, "numbers", "c1", 5),
        ]
        assert decisions[0].tags == ("insight", "discovery")
        assert all(d.at.endswith("Z") for d in decisions)
        assert store.resumable_runs("Ana") == []


def test_best_scores_take_the_best_finished_run_per_player(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        play(store, "Ana", scenario, WON_ON_PRICE)
        play(store, "Ana", scenario, TRUSTED_ADVISOR)
        play(store, "Ana", scenario, ["match"], finish=False)  # unfinished: not a score
        play(store, "Ben", scenario, WON_ON_PRICE)
        assert store.best_scores("Ana") == {scenario.id: 14}
        assert store.best_scores(" Ben ") == {scenario.id: -8}
        assert store.best_scores("Nobody") == {}
        assert [r.score for r in store.finished_runs(scenario_id=scenario.id)] == [-8, 14, -8]
        assert store.players() == ["Ana", "Ben"]


def test_unfinished_runs_are_offered_newest_first_and_resume_exactly(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        first, _ = play(store, "Ana", scenario, ["match"], finish=False)
        second, expected = play(store, "Ana", scenario, ["cost_of_delay"], finish=False)
    with open_store(tmp_path) as store:
        records = store.resumable_runs("Ana")
        assert [r.run_id for r in records] == [second, first]
        assert resume(store, records[0], scenario) == expected


def test_a_move_that_finishes_the_run_is_not_offered_for_resume_even_before_finish_run(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        play(store, "Ana", scenario, WON_ON_PRICE, finish=False)
        assert store.resumable_runs("Ana") == []
        assert store.best_scores("Ana") == {scenario.id: -8}


def test_rewind_drops_later_decisions_and_reopens_the_run(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        run_id, _ = play(store, "Ana", scenario, ["match", "c1", "c2"])
        store.rewind_run(run_id, 1)
        (record,) = store.resumable_runs("Ana")
        assert record.choices == ["match"]
        assert (record.node, record.score, record.tags) == ("spiral", -3, {"price": 1})
        state = resume(store, record, scenario)
        state = rules.play_token(scenario, state, "c2")
        store.record_move(run_id, state.moves[-1], state)
        store.finish_run(run_id, state)
        assert [d.choice for d in store.decisions(run_id)] == ["match", "c2"]
        assert store.run(run_id).score == -8


def test_a_missed_save_is_healed_by_the_next_one(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        run_id = store.start_run("Ana", scenario, "assessment")
        state = rules.replay(scenario, ["cost_of_delay", "c1"])
        store.record_move(run_id, state.moves[-1], state)  # the first move was never saved
        assert [d.choice for d in store.decisions(run_id)] == TRUSTED_ADVISOR


def test_discard_removes_the_run_and_its_decisions(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        run_id, _ = play(store, "Ana", scenario, ["match"], finish=False)
        store.discard_run(run_id)
        assert store.resumable_runs("Ana") == []
        assert store.decisions(run_id) == []
        assert store.run(run_id) is None


def test_settings_round_trip(tmp_path):
    settings = {"timers": False, "volume": 0.5, "player": "Ana", "text_size": [1, 2]}
    with open_store(tmp_path) as store:
        assert store.load_settings() == {}
        store.save_settings(settings)
        store.save_settings({**settings, "volume": 0.25})
    with open_store(tmp_path) as store:
        assert store.load_settings() == {**settings, "volume": 0.25}


@pytest.mark.parametrize("mode", ["quick", ""], ids=["unknown", "empty"])
def test_an_unknown_mode_is_a_programming_error(tmp_path, mode):
    with open_store(tmp_path) as store, pytest.raises(ValueError):
        store.start_run("Ana", procurement_squeeze(), mode)


def test_the_file_is_wal_with_our_id_and_schema_version(tmp_path):
    open_store(tmp_path).close()
    db = sqlite3.connect(tmp_path / FILE_NAME)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x53504C59
    finally:
        db.close()


def test_salesplay_home_chooses_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SALESPLAY_HOME", str(tmp_path / "portable"))
    with open_store() as store:
        assert store.path == tmp_path / "portable" / FILE_NAME
        play(store, "Ana", procurement_squeeze(), WON_ON_PRICE)
    assert (tmp_path / "portable" / FILE_NAME).exists()


def test_a_batch_is_one_transaction(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        with store.batch():
            run_id, state = play(store, "Ana", scenario, TRUSTED_ADVISOR)
            other = sqlite3.connect(tmp_path / FILE_NAME)
            try:  # another window sees nothing until the batch commits
                assert other.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
            finally:
                other.close()
        assert json.loads(json.dumps(store.run(run_id).choices)) == TRUSTED_ADVISOR


def wal_pages(folder) -> int:
    """How many pages the write-ahead log holds (each is synced at the commit)."""
    size = (folder / f"{FILE_NAME}-wal").stat().st_size
    return max(0, size - 32) // (4096 + 24)


def test_a_decision_mid_run_rewrites_only_the_attempt_and_its_decisions(tmp_path):
    """One commit per decision, touching two pages: the attempt's row and its decisions.
    Setting unchanged indexed columns would make SQLite rewrite two more, and sync double."""
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        run_id = store.start_run("Ana", scenario, "practice")
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert wal_pages(tmp_path) == 0
        state = rules.play_token(scenario, rules.new_state(scenario), "cost_of_delay")
        store.record_move(run_id, state.moves[-1], state)
        assert wal_pages(tmp_path) == 2
        state = rules.play_token(scenario, state, "c1")
        store.record_move(run_id, state.moves[-1], state)
        store.finish_run(run_id, state)
    with open_store(tmp_path) as store:
        (record,) = store.finished_runs("Ana")
        assert record.ended_at is not None and record.choices == TRUSTED_ADVISOR
