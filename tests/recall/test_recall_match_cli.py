"""`salesplay match`: the contract in the scenario format ("Recall mode")."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from game.cli import main
from game.content.codes import BASE
from tests.helpers import SALESPLAY, SPEC_EXAMPLE


def run_match(monkeypatch, capsys, args, stdin: str):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    code = main(["match", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_one_object_per_answer_in_order_blank_lines_skipped(monkeypatch, capsys):
    code, out, err = run_match(
        monkeypatch,
        capsys,
        [str(SPEC_EXAMPLE), "--json"],
        "we will match acme\n\n   \nwhat did the late deliveries cost you?\nnice weather today\n",
    )
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["text"] for r in rows] == [
        "we will match acme",
        "what did the late deliveries cost you?",
        "nice weather today",
    ]
    assert [r["choice"] for r in rows] == ["match", "cost_of_delay", None]
    for r in rows:
        assert set(r) == {"text", "node", "choice", "confidence", "alternatives"}
        assert r["node"] == "opening"
        assert 0 <= r["confidence"] <= 1
        alts = r["alternatives"]
        assert all(set(a) == {"choice", "confidence"} for a in alts)
        assert [a["confidence"] for a in alts] == sorted(
            (a["confidence"] for a in alts), reverse=True
        )
        assert r["choice"] not in [a["choice"] for a in alts]
    assert len(rows[0]["alternatives"]) == 2  # the other visible choices
    assert len(rows[2]["alternatives"]) == 3  # nothing matched: every visible choice


def test_matches_at_the_node_the_tokens_reach_without_moving(monkeypatch, capsys):
    code, out, _ = run_match(
        monkeypatch,
        capsys,
        [str(SPEC_EXAMPLE), "--choices", "match", "--json"],
        "no, let me show you what the cheaper option costs\nI'll take another 5% off\n",
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert {r["node"] for r in rows} == {"spiral"}
    assert [r["choice"] for r in rows] == ["c1", "c2"]


def test_only_visible_choices_are_candidates(monkeypatch, capsys):
    _, out, _ = run_match(monkeypatch, capsys, [str(SPEC_EXAMPLE), "--json"], "hello\n")
    (row,) = [json.loads(line) for line in out.splitlines()]
    import game.content

    scenario = game.content.load_paths([str(SPEC_EXAMPLE)])[0][0].scenario
    ids = {a["choice"] for a in row["alternatives"]}
    assert ids <= {c.id for c in scenario.nodes["opening"].choices}


def test_text_output_names_the_line_it_heard(monkeypatch, capsys):
    code, out, _ = run_match(monkeypatch, capsys, [str(SPEC_EXAMPLE)], "we'll match acme\nlol\n")
    assert code == 0
    assert "-> match (" in out and "We can match Acme" in out
    assert "nothing close enough" in out


def test_a_run_that_has_ended_exits_2(monkeypatch, capsys):
    code, out, err = run_match(
        monkeypatch, capsys, [str(SPEC_EXAMPLE), "--choices", "timeout", "--json"], "hi\n"
    )
    assert code == 2 and out == "" and "ended" in err


@pytest.mark.parametrize("tokens", ["9", "nope", "match,1,c1"])
def test_a_token_that_does_not_fit_exits_2(monkeypatch, capsys, tokens):
    code, out, err = run_match(
        monkeypatch, capsys, [str(SPEC_EXAMPLE), "--choices", tokens, "--json"], "hi\n"
    )
    assert code == 2 and out == "" and "node '" in err


def test_a_scenario_with_errors_exits_1(monkeypatch, capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("start: ask", "start: nowhere"))
    code, out, _ = run_match(monkeypatch, capsys, [str(bad), "--json"], "hi\n")
    assert code == 1 and "unknown-node" in out


def test_report_lists_confusable_choices(monkeypatch, capsys, tmp_path):
    text = BASE.replace(
        "      - text: We can beat their price.\n",
        "      - text: We can beat their price.\n"
        "        examples: [what your delays cost you last quarter]\n",
    )
    path = tmp_path / "t.yaml"
    path.write_text(text)
    code, out, _ = run_match(monkeypatch, capsys, [str(path), "--report", "--json"], "")
    assert code == 0
    rows = json.loads(out)
    assert any(r["node"] == "ask" and r["examples"] for r in rows), rows
    code, out, _ = run_match(monkeypatch, capsys, [str(path), "--report"], "")
    assert "reads like" in out


def test_the_console_script_reads_and_writes_utf8_whatever_the_locale():
    proc = subprocess.run(
        [SALESPLAY, "match", str(SPEC_EXAMPLE), "--json"],
        input="Qué tal, we'll match Acme ☺\n".encode(),
        capture_output=True,
        env=dict(os.environ, PYTHONIOENCODING="ascii"),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout.decode("utf-8"))
    assert row["text"] == "Qué tal, we'll match Acme ☺" and row["choice"] == "match"
