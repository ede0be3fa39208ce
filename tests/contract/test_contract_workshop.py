"""`salesplay workshop --teams --votes --json`: the room's choice, ties, `-` votes, group
errors and the ranking."""

from __future__ import annotations

import json

import pytest

from tests.contract.scenarios import PROBE, write
from tests.helpers import cli


@pytest.fixture
def probe(tmp_path):
    return write(tmp_path, PROBE)


def workshop(path, teams, votes):
    proc = cli("workshop", str(path), "--teams", teams, "--votes", votes, "--json")
    assert proc.code == 0, proc.err
    return json.loads(proc.out)


def test_a_tie_goes_to_the_choice_that_stands_first_in_the_node(probe):
    out = workshop(probe, "A,B", "warm,c2")  # one vote each: c2 stands before warm
    assert out["path"] == ["a", "walk"] and out["result"] == "lost"
    # Each team earns what it voted for; the ending's points go to every team (0 here).
    assert out["teams"] == [
        {"name": "A", "score": 3, "tags": {"insight": 1}, "votes": ["warm"]},
        {"name": "B", "score": 1, "tags": {"discovery": 1}, "votes": ["c2"]},
    ]


def test_the_majority_decides_and_ending_points_go_to_every_team(probe):
    out = workshop(probe, "A,B,C", "2,warm,c2;2,2,-;raise,leave,leave")
    assert out["path"] == ["a", "b", "b2", "walk"]
    scores = {t["name"]: t["score"] for t in out["teams"]}
    assert scores == {"A": 3, "B": 3, "C": 1}
    assert [t["name"] for t in out["teams"]] == ["A", "B", "C"]  # ties keep team order
    assert out["teams"][2]["votes"] == ["c2", None, "leave"]


def test_ranking_is_by_score_and_ties_keep_team_order(probe):
    out = workshop(probe, "Zed,Amy,Bo", "c2,warm,warm;lower,lower,lower")
    assert [t["name"] for t in out["teams"]] == ["Amy", "Bo", "Zed"]
    assert [t["score"] for t in out["teams"]] == [
        3,
        3,
        1,
    ]  # lower fires on_min: walk, no ending points


def test_a_group_of_only_dashes_runs_the_timer_out(probe):
    out = workshop(probe, "A,B", "-,-")
    assert out["path"] == ["a", "b"] and out["finished"] is False
    assert all(t["votes"] == [None] and t["score"] == 0 for t in out["teams"])


@pytest.mark.parametrize(
    "votes, words",
    [
        ("-,-;-,-", "time limit"),
        ("1", "1 vote(s) for 2 team(s)"),
        ("1,1,1", "3 vote(s) for 2 team(s)"),
        ("c1,1", "hidden"),
        ("0,1", "out of range"),
        ("nope,1", "nope"),
        (",1", "empty"),
        ("2,2;1,1;1,1", "ended"),
    ],
    ids=[
        "dashes-no-timer",
        "too-few",
        "too-many",
        "hidden",
        "zero",
        "unknown",
        "empty",
        "after-end",
    ],
)
def test_a_vote_that_does_not_fit_exits_2(probe, votes, words):
    proc = cli("workshop", str(probe), "--teams", "A,B", "--votes", votes, "--json")
    assert proc.code == 2 and proc.out == ""
    assert words in proc.err
