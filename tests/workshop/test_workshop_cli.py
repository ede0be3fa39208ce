"""`salesplay workshop` through the installed console script, per the command-line contract."""

import json

import pytest

from tests.helpers import SPEC_EXAMPLE, cli


def workshop(*args):
    return cli("workshop", str(SPEC_EXAMPLE), *args)


def test_a_full_round_prints_the_contract_object():
    proc = workshop("--teams", "Falcons,Owls,Hawks", "--votes", "2,match,2;1,1,-", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {
        "scenario": "procurement-squeeze",
        "finished": True,
        "ending": "partner",
        "result": "won",
        "path": ["opening", "numbers", "partner"],
        "teams": [
            {
                "name": "Falcons",
                "score": 15,
                "votes": ["cost_of_delay", "c1"],
                "tags": {"insight": 1, "discovery": 1, "outcome": 1, "leadership": 1},
            },
            {
                "name": "Hawks",
                "score": 10,
                "votes": ["cost_of_delay", None],
                "tags": {"insight": 1, "discovery": 1},
            },
            {
                "name": "Owls",
                "score": 7,
                "votes": ["match", "c1"],
                "tags": {"price": 1, "outcome": 1, "leadership": 1},
            },
        ],
    }


def test_ties_go_to_the_first_listed_choice_and_equal_scores_keep_team_order():
    out = json.loads(workshop("--teams", "A,B", "--votes", "cost_of_delay,match", "--json").stdout)
    assert out["path"] == ["opening", "spiral"] and out["finished"] is False
    assert out["ending"] is None and out["result"] is None
    assert [t["name"] for t in out["teams"]] == ["A", "B"]
    out = json.loads(workshop("--teams", "A,B", "--votes", "match,cost_of_delay", "--json").stdout)
    assert [t["name"] for t in out["teams"]] == ["B", "A"]
    out = json.loads(workshop("--teams", "A,B,C", "--votes", "c3,match,match", "--json").stdout)
    assert [(t["name"], t["score"]) for t in out["teams"]] == [("A", -1), ("B", -3), ("C", -3)]


def test_a_group_of_only_no_votes_lets_the_clock_run_out():
    proc = workshop("--teams", "A,B", "--votes", "-,-", "--json")
    out = json.loads(proc.stdout)
    assert proc.returncode == 0
    assert out["path"] == ["opening", "walkout"] and out["result"] == "lost"
    assert out["teams"] == [
        {"name": "A", "score": 0, "tags": {}, "votes": [None]},
        {"name": "B", "score": 0, "tags": {}, "votes": [None]},
    ]


def test_without_votes_the_room_stands_at_the_start():
    out = json.loads(workshop("--teams", "A,B", "--json").stdout)
    assert out["path"] == ["opening"] and out["finished"] is False
    assert [t["votes"] for t in out["teams"]] == [[], []]


@pytest.mark.parametrize(
    ("votes", "node"),
    [
        ("1,2,3", "opening"),
        ("1", "opening"),
        ("9,1", "opening"),
        ("0,1", "opening"),
        ("nope,1", "opening"),
        ("timeout,1", "opening"),
        (",1", "opening"),
        ("2,2;-,-", "numbers"),
        ("match,match;1,1;c1,1", "numbers"),
        ("-,-;1,1", "walkout"),
        ("2,2;1,1;", "partner"),
    ],
    ids=[
        "group-too-big",
        "group-too-small",
        "out-of-range",
        "zero",
        "unknown",
        "timeout-vote",
        "empty-vote",
        "no-votes-without-clock",
        "hidden",
        "after-end",
        "trailing-semicolon",
    ],
)
def test_votes_that_do_not_fit_exit_2_naming_the_node(votes, node):
    proc = workshop("--teams", "A,B", "--votes", votes, "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert f"'{node}'" in proc.stderr and "Traceback" not in proc.stderr


def test_the_message_lists_the_choices_there():
    proc = workshop("--teams", "A,B", "--votes", "2,2;3,1")
    assert proc.returncode == 2
    assert "1=c1" in proc.stderr and "2=c2" in proc.stderr


@pytest.mark.parametrize("teams", ["A,,B", "A,a", ""], ids=["empty-name", "same-name", "none"])
def test_bad_team_names_exit_2(teams):
    proc = workshop("--teams", teams, "--votes", "1,1")
    assert proc.returncode == 2 and proc.stderr


def test_teams_are_required_headless():
    proc = workshop("--votes", "1,1")
    assert proc.returncode == 2 and "--teams" in proc.stderr


def test_a_scenario_with_errors_prints_its_diagnostics_and_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SPEC_EXAMPLE.read_text(encoding="utf-8")
        .replace("efects", "x")
        .replace("effects: {trust: 10}", "efects: {trust: 10}"),
        encoding="utf-8",
    )
    proc = cli("workshop", str(bad), "--teams", "A,B", "--votes", "1,1", "--json")
    expected = cli("validate", str(bad))
    assert proc.returncode == 1 and expected.returncode == 1
    assert proc.stdout == expected.stdout and "efects" in proc.stdout


def test_an_unreadable_path_exits_2(tmp_path):
    proc = cli("workshop", str(tmp_path / "missing.yaml"), "--teams", "A,B", "--json")
    assert proc.returncode == 2 and proc.stdout == ""


def test_export_writes_csv_and_json(tmp_path):
    proc = workshop("--teams", "A,B", "--votes", "2,1;1,1", "--json", "--export", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    lines = (tmp_path / "workshop-procurement-squeeze.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "team,decision,node,choice,points,tags,taken,path_taken,round,at"
    assert len(lines) == 1 + 4
    data = json.loads((tmp_path / "workshop-procurement-squeeze.json").read_text(encoding="utf-8"))
    assert data["teams"] == json.loads(proc.stdout)["teams"]


def test_the_people_summary_ranks_the_teams():
    proc = workshop("--teams", "Falcons,Owls", "--votes", "2,1;1,1")
    assert proc.returncode == 0
    assert proc.stdout.index("Falcons") < proc.stdout.index("Owls")


@pytest.mark.parametrize("size", ["10x10", "big", "1920x1080x2"], ids=["tiny", "word", "three"])
def test_a_bad_window_size_is_a_usage_error(size):
    proc = workshop("--teams", "A,B", "--screenshots", "unused", "--size", size)
    assert proc.returncode == 2 and "1920x1080" in proc.stderr


def test_help_explains_a_round_for_facilitators():
    proc = cli("workshop", "--help")
    assert proc.returncode == 0
    assert "tie goes to the tied choice listed first" in proc.stdout
    assert "Esc twice" in proc.stdout
