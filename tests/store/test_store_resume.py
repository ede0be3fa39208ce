"""Nothing is lost when the game is killed, and resume refuses clearly when the file changed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_scenarios import procurement_squeeze

from game.engine import rules
from game.errors import SaveError
from game.store import open_store, resume
from game.store.database import FILE_NAME

CHILD = Path(__file__).with_name("store_child.py")


def start_child(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL


@pytest.mark.parametrize("player", ["play", "attempt"], ids=["store-calls", "window-attempt"])
def test_a_run_killed_mid_play_resumes_at_the_last_decision(tmp_path, player):
    tokens = ["match", "c1", "c2"]  # opening -> spiral -> numbers -> spiral, not finished
    child = start_child(player, str(tmp_path), ",".join(tokens))
    lines = [child.stdout.readline().strip() for _ in range(len(tokens) + 1)]
    assert lines == ["saved 1", "saved 2", "saved 3", "ready"], child.stderr.read()
    kill(child)

    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        assert store.notice is None
        (record,) = store.resumable_runs("Ana")
        assert record.choices == tokens
        state = resume(store, record, scenario)
    assert state == rules.replay(scenario, tokens)
    assert (state.node, state.score, state.meters) == ("spiral", -6, {"trust": 45, "patience": 1})


def test_kills_at_random_moments_never_lose_a_reported_decision(tmp_path):
    for attempt in range(3):
        child = start_child("churn", str(tmp_path))
        last = None
        for _ in range(5 + 7 * attempt):  # kill at a different point each time
            line = child.stdout.readline().split()
            assert line and line[0] == "committed", child.stderr.read()
            last = (int(line[1]), int(line[2]))
        kill(child)
        with open_store(tmp_path) as store:
            assert store.notice is None
            assert len(store.decisions(last[0])) >= last[1]
    db = sqlite3.connect(tmp_path / FILE_NAME)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()


@pytest.mark.parametrize(
    ("tokens", "edit", "message"),
    [
        (["cost_of_delay"], {"drop_numbers": True}, "'numbers', which is no longer in"),
        (
            ["match", "c1"],
            {"rename_match": True},
            "Decision 1 of the saved run ('match' at 'opening')",
        ),
        (
            ["cost_of_delay", "c2"],
            {"drop_numbers": True},
            "now ends at 'won_on_price' instead of 'spiral'",
        ),
    ],
    ids=["saved-node-removed", "saved-choice-renamed", "path-changed"],
)
def test_resume_refuses_clearly_when_the_scenario_changed(tmp_path, tokens, edit, message):
    with open_store(tmp_path) as store:
        original = procurement_squeeze()
        run_id = store.start_run("Ana", original, "practice")
        state = rules.replay(original, tokens)
        store.record_move(run_id, state.moves[-1], state)
        (record,) = store.resumable_runs("Ana")
        with pytest.raises(SaveError, match="scenario file has changed") as caught:
            resume(store, record, procurement_squeeze(**edit))
    assert message in str(caught.value)
    assert "Start the scenario again" in str(caught.value)


def test_resume_refuses_another_scenarios_run(tmp_path):
    with open_store(tmp_path) as store:
        scenario = procurement_squeeze()
        run_id = store.start_run("Ana", scenario, "practice")
        state = rules.play_token(scenario, rules.new_state(scenario), "cost_of_delay")
        store.record_move(run_id, state.moves[-1], state)
        (record,) = store.resumable_runs("Ana")
        other = scenario.replace(id="other")
        with pytest.raises(SaveError, match="belongs to scenario 'procurement-squeeze'"):
            resume(store, record, other)


def test_an_attempt_left_before_its_first_decision_is_not_in_progress(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        run_id = store.start_run("Ana", scenario, "practice")
        assert store.resumable_runs("Ana") == []
        (record,) = store.query("SELECT id FROM runs")  # it is kept, only not offered
        assert record[0] == run_id
        assert resume(store, store.run(run_id), scenario) == rules.new_state(scenario)


assert os.name == "posix"  # SIGKILL and the child process are POSIX tools
