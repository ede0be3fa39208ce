"""The workshop engine: majority, ties, abstentions, overrides, undo and the scoreboard."""

import csv
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.loader import load_scenario
from game.content.model import TIMEOUT
from game.engine import rules
from game.engine.workshop import (
    DiscussionTimer,
    Workshop,
    export_results,
    majority,
    read_team_names,
)
from game.errors import GameError, MoveError
from tests.helpers import SPEC_EXAMPLE


@pytest.fixture(scope="module")
def scenario():
    result = load_scenario(str(SPEC_EXAMPLE))
    assert result.scenario is not None
    return result.scenario


def room(scenario, *teams):
    return Workshop(scenario, list(teams) or ["Falcons", "Owls"])


@pytest.mark.parametrize(
    ("votes", "taken"),
    [
        (["match", "cost_of_delay"], "match"),
        (["cost_of_delay", "match"], "match"),
        (["c3", "cost_of_delay"], "cost_of_delay"),
        (["c3", "cost_of_delay", "cost_of_delay"], "cost_of_delay"),
        (["match", "c3", "c3"], "c3"),
        (["c3", "match", "cost_of_delay"], "match"),
    ],
    ids=[
        "tie-first-listed",
        "tie-regardless-of-team-order",
        "tie-second-and-third",
        "two-against-one",
        "majority-beats-first-listed",
        "three-way-tie",
    ],
)
def test_the_room_follows_the_majority_and_a_tie_goes_to_the_first_listed(scenario, votes, taken):
    w = room(scenario, *[f"T{i}" for i in range(len(votes))])
    d = w.decide(votes)
    assert (d.majority, d.taken, d.overridden) == (taken, taken, False)
    assert w.state.path == ("opening", scenario.nodes["opening"].choice(taken).next)


def test_each_team_scores_its_own_vote_even_when_the_room_went_elsewhere(scenario):
    w = room(scenario, "Falcons", "Owls", "Hawks")
    d = w.decide(["cost_of_delay", "match", "match"])
    assert d.taken == "match" and d.points == (5, -3, -3)
    assert [w.team_score(i) for i in range(3)] == [5, -3, -3]
    assert w.team_tags(0) == {"insight": 1, "discovery": 1} and w.team_tags(1) == {"price": 1}
    assert w.state.meters == {"trust": 40, "patience": 2} and w.state.flags == {"discounted"}


def test_an_abstaining_team_scores_nothing_but_shares_the_ending(scenario):
    w = room(scenario)
    w.play_group("cost_of_delay,-")
    w.play_group("-,1")
    assert w.finished and w.state.ending == "partner"
    assert [w.team_score(0), w.team_score(1)] == [5 + 5, 5 + 5]
    teams = {s.name: s for s in w.standings()}
    assert teams["Falcons"].votes == ("cost_of_delay", None) and teams["Owls"].votes == (None, "c1")


def test_nobody_voting_lets_the_clock_run_out_where_there_is_one(scenario):
    w = room(scenario)
    d = w.play_group("-,-")
    assert (d.majority, d.taken, d.points) == (TIMEOUT, TIMEOUT, (0, 0))
    assert w.state.path == ("opening", "walkout") and w.state.result == "lost"


def test_nobody_voting_without_a_clock_is_refused_and_changes_nothing(scenario):
    w = room(scenario)
    w.play_group("2,2")
    with pytest.raises(MoveError, match="no time limit"):
        w.play_group("-,-")
    assert w.state.node == "numbers" and len(w.decisions) == 1


@pytest.mark.parametrize(
    ("group", "message"),
    [
        ("1", "1 vote"),
        ("1,2,3", "3 vote"),
        ("0,1", "position 0"),
        ("4,1", "position 4"),
        ("nope,1", "no choice has that id"),
        ("timeout,1", "not a choice"),
        (",1", "empty"),
    ],
    ids=["too-few", "too-many", "zero", "out-of-range", "unknown", "timeout", "empty"],
)
def test_a_vote_that_does_not_fit_names_the_node_and_choices(scenario, group, message):
    w = room(scenario)
    with pytest.raises(MoveError, match=message) as info:
        w.play_group(group)
    assert "'opening'" in str(info.value) and "cost_of_delay" in str(info.value)
    assert w.decisions == []


def test_a_hidden_choice_cannot_get_votes(scenario):
    w = room(scenario)
    w.play_group("match,match")  # discounted: the outcome answer at 'numbers' stays hidden
    w.play_group("1,1")
    assert w.state.node == "numbers" and [c.id for c in w.choices()] == ["c2"]
    with pytest.raises(MoveError, match="hidden"):
        w.play_group("c1,1")


def test_votes_after_the_end_are_refused(scenario):
    w = room(scenario)
    w.play_group("-,-")
    with pytest.raises(MoveError, match="already finished"):
        w.play_group("1,1")


def test_an_override_follows_the_minority_and_is_recorded(scenario):
    w = room(scenario, "Falcons", "Owls", "Hawks")
    w.decide(["match", "match", "cost_of_delay"])
    d = w.override("cost_of_delay")
    assert (d.majority, d.taken, d.overridden) == ("match", "cost_of_delay", True)
    assert d.points == (-3, -3, 5)  # the votes stand
    assert w.state.path == ("opening", "numbers") and w.state.flags == frozenset()
    assert len(w.decisions) == 1
    assert w.results()["overrides"] == [
        {"decision": 1, "node": "opening", "votes_picked": "match", "taken": "cost_of_delay"}
    ]


def test_an_override_with_no_votes_picks_the_path_where_no_clock_runs(scenario):
    w = room(scenario)
    w.play_group("2,2")
    d = w.decide([None, None], override="c2")
    assert d.majority is None and d.overridden and w.state.node == "spiral"


def test_an_override_that_does_not_fit_changes_nothing(scenario):
    w = room(scenario)
    w.play_group("2,2")
    before = w.state
    w.play_group("1,1")
    with pytest.raises(MoveError):
        w.override("nope")
    assert (
        len(w.decisions) == 2 and w.decisions[-1].taken == "c1" and w.decisions[0].after == before
    )


def test_undo_takes_back_the_last_decision(scenario):
    w = room(scenario)
    w.play_group("match,match")
    after_first = w.state
    w.play_group("2,2")
    assert w.finished
    undone = w.undo()
    assert undone.number == 2 and w.state == after_first and not w.finished
    w.undo()
    assert w.state == rules.new_state(scenario) and w.decisions == []
    with pytest.raises(MoveError, match="no decision"):
        w.undo()
    w.play_group("2,2")
    assert w.decisions[0].number == 1 and w.state.node == "numbers"


def test_the_room_path_is_exactly_the_solo_path_of_the_choices_taken(scenario):
    w = room(scenario, "A", "B", "C")
    for group in ["match,match,cost_of_delay", "1,1,2", "1,-,1", "2,2,-"]:
        w.play_group(group)
    solo = rules.replay(scenario, [d.taken for d in w.decisions])
    assert w.state == solo


def test_equal_scores_keep_team_order_and_share_a_rank(scenario):
    w = room(scenario, "Ants", "Bees", "Cats", "Dogs")
    w.decide(["match", "cost_of_delay", "match", "cost_of_delay"])
    board = w.standings()
    assert [s.name for s in board] == ["Bees", "Dogs", "Ants", "Cats"]
    assert [s.rank for s in board] == [1, 1, 3, 3]
    assert [t["name"] for t in w.to_dict()["teams"]] == ["Bees", "Dogs", "Ants", "Cats"]


def test_the_tag_profile_separates_leadership_from_commodity(scenario):
    w = room(scenario)
    w.play_group("match,cost_of_delay")
    w.play_group("2,1")
    w.play_group("1,1")
    falcons, owls = sorted(w.standings(), key=lambda s: s.team)
    assert (falcons.leadership, falcons.commodity) == (0, 3)
    assert (owls.leadership, owls.commodity) == (2, 1)


def test_majority_ignores_no_votes():
    assert majority([None, None], []) is None


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Falcons, Owls", ["Falcons", "Owls"]),
        ("Solo", ["Solo"]),
        ("A,,B", None),
        ("A,a", None),
    ],
    ids=["trimmed", "one-team", "empty-name", "same-name"],
)
def test_team_names(text, ok):
    if ok is None:
        with pytest.raises(GameError):
            read_team_names(text)
    else:
        assert read_team_names(text) == ok


def test_export_writes_one_row_per_team_per_decision(scenario, tmp_path):
    w = room(scenario)
    w.play_group("cost_of_delay,-")
    w.override("match")
    w.play_group("2,-")
    csv_path, json_path = export_results(w, tmp_path / "out")
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [
        (r["team"], r["decision"], r["node"], r["choice"], r["points"], r["tags"], r["taken"])
        for r in rows
    ] == [
        ("Falcons", "1", "opening", "cost_of_delay", "5", "insight discovery", "no"),
        ("Owls", "1", "opening", "", "0", "", "no"),
        ("Falcons", "2", "spiral", "c2", "-3", "price", "yes"),
        ("Owls", "2", "spiral", "", "0", "", "no"),
    ]
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["ending"] == "won_on_price" and data["overrides"][0]["taken"] == "match"
    assert len(data["decisions"]) == 4 and data["decisions"][2]["taken"] is True
    assert [t["score"] for t in data["teams"]] == [5 - 3 - 2, -2]


def test_export_to_a_folder_that_cannot_be_made_says_so(scenario, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(GameError, match="could not be written"):
        export_results(room(scenario), blocker / "sub")


def test_the_discussion_timer_pauses_adds_time_and_ends():
    t = DiscussionTimer(90)
    assert t.running and t.left_seconds == 90
    assert not t.tick(10_000) and t.left_seconds == 80
    t.toggle()
    t.tick(50_000)
    assert t.left_seconds == 80 and not t.running
    t.toggle()
    t.add(30)
    assert t.left_seconds == 110
    assert t.tick(110_000) and t.ended and not t.tick(1)
    t.add(30)
    assert t.running and not t.ended and t.left_seconds == 30
    t.end_now()
    assert t.ended and t.left_ms == 0


def test_no_timer_never_ends_on_its_own():
    t = DiscussionTimer(0)
    assert t.unlimited and not t.running and not t.tick(10**9) and not t.ended
    t.add(30)
    assert t.left_ms == 0


def test_the_workshop_engine_does_not_import_pygame():
    code = (
        "import sys, game.engine.workshop, game.cli.workshop_cmd; sys.exit('pygame' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_round_agrees_with_the_solo_rules(scenario, data):
    teams = data.draw(st.integers(min_value=1, max_value=5), label="teams")
    w = Workshop(scenario, [f"T{i}" for i in range(teams)])
    expected = [0] * teams
    for _ in range(6):
        if w.finished:
            break
        ids = [c.id for c in w.choices()]
        votes = data.draw(
            st.lists(st.sampled_from([None, *ids]), min_size=teams, max_size=teams), label="votes"
        )
        if all(v is None for v in votes) and w.node.timeout is None:
            continue
        d = w.decide(votes)
        counts = {c: votes.count(c) for c in ids}
        if any(counts.values()):
            best = max(counts.values())
            assert d.taken == next(c for c in ids if counts[c] == best)
        for i, v in enumerate(votes):
            expected[i] += 0 if v is None else scenario.nodes[d.node].choice(v).value
    assert w.state == rules.replay(scenario, [d.taken for d in w.decisions])
    bonus = scenario.nodes[w.state.ending].ending.points if w.finished else 0
    assert [w.team_score(i) for i in range(teams)] == [e + bonus for e in expected]
    board = w.standings()
    assert [s.score for s in board] == sorted((s.score for s in board), reverse=True)
    for a, b in zip(board, board[1:], strict=False):
        assert a.score > b.score or a.team < b.team


@pytest.mark.parametrize(
    ("votes", "tied", "abstained"),
    [
        (["match", "cost_of_delay", None], ("match", "cost_of_delay"), [2]),
        (["c3", "match", "match"], (), []),
        (["c3", "c3", None], (), [2]),
        ([None, None, None], (), [0, 1, 2]),
        (["c3", "match", "cost_of_delay"], ("match", "cost_of_delay", "c3"), []),
    ],
    ids=["tie-of-two", "clear-lead", "lead-with-an-abstention", "nobody", "three-way"],
)
def test_a_decision_names_its_tie_and_the_teams_that_did_not_vote(scenario, votes, tied, abstained):
    d = room(scenario, "A", "B", "C").decide(votes)
    assert d.tied == tied and d.abstained == abstained
    if tied:
        assert d.taken == tied[0]  # the tie goes to the choice listed first
    assert all(d.points[i] == 0 for i in abstained)


def test_added_time_widens_the_whole_and_is_spent_first():
    t = DiscussionTimer(60)
    t.tick(20_000)
    t.add(30)
    assert (t.left_seconds, t.added, t.total_ms) == (70, 30, 90_000)
    assert t.fraction == pytest.approx(70 / 90) and t.extra_fraction == pytest.approx(30 / 90)
    t.tick(10_000)
    assert t.extra_fraction == pytest.approx(20 / 90) and t.left_seconds == 60
    t.tick(25_000)
    assert t.extra_fraction == 0 and t.left_seconds == 35
    t.restart()
    assert (t.added, t.total_ms, t.fraction, t.extra_fraction) == (0, 60_000, 1.0, 0.0)
