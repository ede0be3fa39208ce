"""Workshop rounds are saved after every decision, survive a kill, resume, and reach reports."""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest
from store_scenarios import procurement_squeeze
from test_store_resume import kill, start_child

from game.cli import main
from game.engine.workshop import Workshop, export_results
from game.store import open_store
from game.store.report import summarize
from game.store.rounds import open_rounds, resume_round, rounds, start_round
from game.store.xapi import statements


def test_a_round_killed_mid_play_keeps_teams_votes_and_overrides_and_resumes(tmp_path):
    groups = ["cost_of_delay,match", "override=cost_of_delay", "2,2"]
    child = start_child("round", str(tmp_path), ";".join(groups))
    lines = [child.stdout.readline().strip() for _ in range(len(groups) + 1)]
    assert lines == ["saved 1", "saved 2", "saved 3", "ready"], child.stderr.read()
    kill(child)

    scenario = procurement_squeeze()
    expected = Workshop(scenario, ["Falcons", "Owls"])
    expected.play_group("cost_of_delay,match")
    expected.override("cost_of_delay")
    expected.play_group("2,2")
    with open_store(tmp_path) as store:
        (record,) = open_rounds(store)
        assert record.teams == ("Falcons", "Owls")
        assert [d.votes for d in record.decisions] == [("cost_of_delay", "match"), ("c2", "c2")]
        assert record.decisions[0].overridden and record.decisions[0].taken == "cost_of_delay"
        assert record.decisions[0].majority == "match"
        assert record.path == tuple(expected.state.path)
        saved = resume_round(store, record, scenario)
        assert saved.workshop.to_dict() == expected.to_dict()
        assert [d.overridden for d in saved.workshop.decisions] == [True, False]
        saved.workshop.play_group("1,1")
        saved.save()
    with open_store(tmp_path) as store:
        (record,) = rounds(store)
        assert len(record.decisions) == 3 and record.round_id == saved.round_id


def finished_round(store, teams=("Falcons", "Owls"), groups=("cost_of_delay,cost_of_delay", "1,2")):
    saved = start_round(store, Workshop(procurement_squeeze(), list(teams)))
    for g in groups:
        saved.workshop.play_group(g)
        saved.save()
    assert saved.workshop.finished
    return saved


def test_a_finished_or_left_round_is_not_offered_to_resume(tmp_path):
    with open_store(tmp_path) as store:
        finished_round(store)
        left = start_round(store, Workshop(procurement_squeeze(), ["A", "B"]))
        left.workshop.play_group("1,1")
        left.save()
        left.close()
        start_round(store, Workshop(procurement_squeeze(), ["C", "D"]))  # no decision yet
        assert open_rounds(store) == []
        assert len(rounds(store)) == 2


def test_rounds_appear_in_report_as_mode_workshop(tmp_path):
    with open_store(tmp_path) as store:
        saved = finished_round(store)
        rows = {(r.player, r.mode): r for r in summarize(store)}
    scores = {t: saved.workshop.team_score(i) for i, t in enumerate(saved.workshop.teams)}
    assert set(rows) == {("Falcons", "workshop"), ("Owls", "workshop")}
    assert rows["Falcons", "workshop"].best == scores["Falcons"]
    assert rows["Owls", "workshop"].attempts == 1


def test_rounds_export_to_xapi_with_each_team_as_a_group(tmp_path):
    with open_store(tmp_path) as store:
        saved = finished_round(store)
        found = statements(store)
    groups = [s for s in found if s["actor"]["objectType"] == "Group"]
    assert {s["actor"]["name"] for s in groups} == {"Falcons", "Owls"}
    owls = [s for s in groups if s["actor"]["name"] == "Owls"]
    assert [s["verb"]["display"]["en-US"] for s in owls] == [
        "attempted",
        "answered",
        "answered",
        "completed",
        "passed",
    ]
    assert owls[1]["result"]["response"] == "cost_of_delay"
    assert owls[3]["result"]["score"]["raw"] == saved.workshop.team_score(1)
    assert owls[0]["context"]["registration"] == saved.item.uuid
    assert owls[0]["actor"]["account"]["name"].startswith(saved.item.uuid)
    assert len({s["id"] for s in found}) == len(found)


def test_workshop_save_records_the_round_headless(tmp_path, capsys, scenario_file):
    code = main(
        [
            "workshop",
            str(scenario_file),
            "--teams",
            "Falcons,Owls",
            "--votes",
            "cost_of_delay,cost_of_delay;1,2",
            "--json",
            "--save",
            "--data-dir",
            str(tmp_path),
        ]
    )
    printed = json.loads(capsys.readouterr().out)
    assert code == 0
    with open_store(tmp_path) as store:
        (record,) = rounds(store)
        assert record.finished and record.teams == ("Falcons", "Owls")
        assert list(record.path) == printed["path"]
        assert {r.mode for r in summarize(store)} == {"workshop"}


def test_exports_never_overwrite_and_carry_round_time_and_the_path_taken(tmp_path):
    w = Workshop(procurement_squeeze(), ["=1+1", "@Owls"])
    w.play_group("cost_of_delay,-")
    w.override("c3")  # the room goes where no team voted
    first = export_results(w, tmp_path, times=["2026-01-01T10:00:00.000Z"])
    second = export_results(w, tmp_path)
    assert first[0] != second[0] and first[1] != second[1]
    assert all(p.exists() for p in (*first, *second))
    with open(first[0], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["team"] for r in rows] == ["'=1+1", "'@Owls"]
    assert {r["path_taken"] for r in rows} == {"c3"}
    assert [r["taken"] for r in rows] == ["no", "no"]
    assert {r["round"] for r in rows} == {w.round_id}
    assert rows[0]["at"] == "2026-01-01T10:00:00.000Z"
    assert rows[0]["points"] == "4"
    assert json.loads(first[1].read_text(encoding="utf-8"))["round"] == w.round_id


@pytest.fixture
def scenario_file(tmp_path):
    from test_store_cli import EXAMPLE

    path = tmp_path / "procurement-squeeze.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    return path


def test_a_round_saved_before_rooms_were_kept_still_resumes_and_keeps_its_room(tmp_path):
    from game.store.database import APPLICATION_ID, FILE_NAME, MIGRATIONS

    scenario = procurement_squeeze()
    db = sqlite3.connect(tmp_path / FILE_NAME, isolation_level=None)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for migration in MIGRATIONS[:3]:  # a file written before phones' rooms were kept
        db.executescript(migration)
    db.execute("PRAGMA user_version = 3")
    db.execute(
        "INSERT INTO rounds(uuid, scenario_id, sha256, title, teams, started_at, updated_at,"
        " node, path, scores) VALUES ('r-1', ?, ?, 'Old', '[\"Falcons\", \"Owls\"]',"
        " '2026-01-01T10:00:00Z', '2026-01-01T10:05:00Z', 'numbers', '[\"opening\", \"numbers\"]',"
        " '[5, -3]')",
        (scenario.id, scenario.sha256),
    )
    db.execute(
        "INSERT INTO round_decisions(round_id, seq, at, node, choices, votes, majority, taken,"
        " points) VALUES (1, 1, '2026-01-01T10:05:00Z', 'opening',"
        ' \'["match", "cost_of_delay", "c3"]\', \'["cost_of_delay", "match"]\', \'match\','
        " 'cost_of_delay', '[5, -3]')"
    )
    db.close()
    room = {"code": "ABCD-EFGH", "key": "0a1b2c3d", "phones": [["f" * 64, 1, 1]], "port": 8765}
    with open_store(tmp_path) as store:
        (record,) = open_rounds(store)
        assert record.room is None and record.teams == ("Falcons", "Owls")
        saved = resume_round(store, record, scenario)
        assert saved.workshop.node.id == "numbers" and saved.room is None
        saved.keep_room(room)
    with open_store(tmp_path) as store:
        (record,) = open_rounds(store)
        assert record.room == room
        assert resume_round(store, record, scenario).room == room
