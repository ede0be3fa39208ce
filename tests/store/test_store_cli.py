"""`run --player` records runs; `report` lists attempts, best, last and average per player and scenario."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from game.cli import main
from game.store import open_store

EXAMPLE = """\
format: 1
id: procurement-squeeze
title: The Procurement Squeeze
summary: Northwind's procurement lead waves a competitor quote 18% below yours.
buyer: {name: Dana Okafor, role: Head of Procurement}
meters:
  trust:    {start: 50, min: 0, max: 100, label: Trust}
  patience: {start: 3, min: 0, max: 5, label: Patience, on_min: walkout}
start: opening
nodes:
  opening:
    say: Your quote is 18% over Acme's. Match it or we're done.
    time_limit: 30
    timeout: walkout
    choices:
      - id: match
        text: We can match Acme if you sign this week.
        tags: [price]
        effects: {trust: -10, patience: -1}
        set: [discounted]
        next: spiral
      - id: cost_of_delay
        text: Before we talk numbers, what did last quarter's late deliveries cost you?
        tags: [insight, discovery]
        effects: {trust: 10}
        next: numbers
  numbers:
    say: About forty thousand a month in penalties. Why?
    choices:
      - text: Then let's design for zero penalties, and price the outcome.
        tags: [outcome, leadership]
        if: trust >= 60 and not discounted
        next: partner
      - text: Fine, I'll see what discount I can get.
        tags: [price, follower]
        next: spiral
  spiral:
    say: Acme will go lower still. Can you?
    choices:
      - text: No. Let me show you what the cheaper option costs you.
        tags: [leadership]
        effects: {trust: 5, patience: -1}
        next: numbers
      - text: I'll take another 5% off.
        tags: [price]
        next: won_on_price
  partner:
    say: Send me that proposal. I'll take it to the CFO myself.
    ending: {result: won, title: Trusted advisor, points: 5}
  won_on_price:
    say: Deal. At that price.
    ending: {result: won, title: Won on price, points: -2}
  walkout:
    say: I think we're done here.
    ending: {result: lost, title: Walked out}
"""


@pytest.fixture
def scenario_file(tmp_path) -> Path:
    path = tmp_path / "procurement-squeeze.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    return path


def salesplay(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_run_with_a_player_records_the_run_and_prints_the_same_json(
    tmp_path, scenario_file, capsys
):
    data = tmp_path / "data"
    plain = salesplay(capsys, "run", scenario_file, "--choices", "cost_of_delay,1", "--json")
    recorded = salesplay(
        capsys,
        "run",
        scenario_file,
        "--choices",
        "cost_of_delay,1",
        "--json",
        "--player",
        "Ana",
        "--data-dir",
        data,
    )
    assert recorded == plain
    assert json.loads(plain[1])["score"] == 14
    with open_store(data) as store:
        (record,) = store.finished_runs("Ana")
    assert (record.choices, record.score, record.ending) == (["cost_of_delay", "c1"], 14, "partner")


def test_an_unfinished_run_is_recorded_for_resume(tmp_path, scenario_file, capsys):
    data = tmp_path / "data"
    assert (
        salesplay(
            capsys,
            "run",
            scenario_file,
            "--choices",
            "match",
            "--player",
            "Ana",
            "--data-dir",
            data,
        )[0]
        == 0
    )
    with open_store(data) as store:
        (record,) = store.resumable_runs("Ana")
    assert (record.choices, record.node) == (["match"], "spiral")


def test_run_without_a_player_records_nothing(tmp_path, scenario_file, capsys, monkeypatch):
    monkeypatch.setenv("SALESPLAY_HOME", str(tmp_path / "home"))
    assert salesplay(capsys, "run", scenario_file, "--choices", "match")[0] == 0
    assert not (tmp_path / "home").exists()


def test_a_token_that_does_not_fit_records_nothing(tmp_path, scenario_file, capsys):
    data = tmp_path / "data"
    code, _, err = salesplay(
        capsys, "run", scenario_file, "--choices", "match,9", "--player", "Ana", "--data-dir", data
    )
    assert code == 2 and "out of range" in err
    with open_store(data) as store:
        assert store.resumable_runs("Ana") == [] and store.finished_runs() == []


def test_run_still_plays_when_progress_cannot_be_saved(tmp_path, scenario_file, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, out, err = salesplay(
        capsys,
        "run",
        scenario_file,
        "--choices",
        "match,2",
        "--json",
        "--player",
        "Ana",
        "--data-dir",
        blocker,
    )
    assert code == 1 and json.loads(out)["ending"] == "won_on_price"
    assert "Progress is not being saved" in err and "the run was not recorded" in err


def test_run_exits_1_with_the_reason_when_the_store_stays_busy(
    tmp_path, scenario_file, capsys, monkeypatch
):
    import sqlite3

    from game.store import writer
    from game.store.database import FILE_NAME

    monkeypatch.setattr(writer, "RETRY_SECONDS", 0.2)
    data = tmp_path / "data"
    open_store(data).close()
    other = sqlite3.connect(data / FILE_NAME, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process holds the file throughout
    try:
        code, out, err = salesplay(
            capsys,
            "run",
            scenario_file,
            "--choices",
            "match,2",
            "--json",
            "--player",
            "Ana",
            "--data-dir",
            data,
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 1 and json.loads(out)["ending"] == "won_on_price"
    assert "the run was not recorded" in err and "busy" in err
    with open_store(data) as store:
        assert store.finished_runs() == []  # nothing written late, behind the message


@pytest.fixture
def played(tmp_path, scenario_file, capsys) -> Path:
    data = tmp_path / "data"
    for player, choices in [
        ("Ana", "match,2"),
        ("Ana", "cost_of_delay,1"),
        ("Ana", "match,2"),
        ("Ben", "cost_of_delay,1"),
        ("Ben", "match"),
    ]:
        salesplay(
            capsys,
            "run",
            scenario_file,
            "--choices",
            choices,
            "--player",
            player,
            "--data-dir",
            data,
        )
    return data


def test_report_json_has_attempts_best_last_and_average(played, capsys):
    code, out, _ = salesplay(capsys, "report", "--format", "json", "--data-dir", played)
    assert code == 0
    rows = {r["player"]: r for r in json.loads(out)}
    assert set(rows) == {"Ana", "Ben"}
    ana = rows["Ana"]
    assert (ana["scenario"], ana["title"]) == ("procurement-squeeze", "The Procurement Squeeze")
    assert (ana["attempts"], ana["best"], ana["last"], ana["average"]) == (3, 14, -8, -0.7)
    assert (rows["Ben"]["attempts"], rows["Ben"]["best"]) == (
        1,
        14,
    )  # the unfinished run is no attempt


def test_report_csv_and_table_carry_the_same_figures(played, capsys):
    _, out, _ = salesplay(
        capsys, "report", "--format", "csv", "--player", "Ana", "--data-dir", played
    )
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert (row["player"], row["attempts"], row["best"], row["last"], row["average"]) == (
        "Ana",
        "3",
        "14",
        "-8",
        "-0.7",
    )
    _, out, _ = salesplay(capsys, "report", "--data-dir", played)
    lines = out.splitlines()
    assert lines[0].split()[:7] == [
        "Player",
        "Scenario",
        "Mode",
        "Attempts",
        "Best",
        "Last",
        "Average",
    ]
    assert [line.split()[0] for line in lines[2:]] == ["Ana", "Ben"]
    assert "The Procurement Squeeze" in lines[2] and " 3 " in lines[2] and "-0.7" in lines[2]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("json", "[]\n"), ("csv", None), ("table", "no finished runs")],
    ids=["json", "csv", "table"],
)
def test_report_of_nothing_is_empty_and_friendly(tmp_path, capsys, fmt, expected):
    code, out, _ = salesplay(capsys, "report", "--format", fmt, "--data-dir", tmp_path)
    assert code == 0
    if fmt == "csv":
        assert out.count("\n") == 1 and out.startswith("player,scenario,title,attempts")
    else:
        assert expected in out


def test_report_rejects_an_unknown_format(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["report", "--format", "xml", "--data-dir", str(tmp_path)])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_recorded_runs_carry_the_leadership_index_from_the_analysis(
    tmp_path, scenario_file, capsys
):
    data = tmp_path / "data"
    for choices in ("cost_of_delay,1", "match,2"):  # the best run (14), then won on price (-8)
        salesplay(
            capsys,
            "run",
            scenario_file,
            "--choices",
            choices,
            "--player",
            "Ana",
            "--data-dir",
            data,
        )
    with open_store(data) as store:
        assert [r.leadership for r in store.finished_runs("Ana")] == [
            100,
            15,
        ]  # worst reachable: -12
    _, out, _ = salesplay(capsys, "report", "--format", "json", "--data-dir", data)
    (row,) = json.loads(out)
    assert (row["best_index"], row["last_index"]) == (100, 15)
