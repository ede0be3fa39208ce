"""`salesplay validate` and `salesplay run` through the installed console script."""

import json

import pytest

from game.content.codes import BASE
from tests.helpers import SPEC_EXAMPLE, cli


def test_run_the_spec_example():
    proc = cli("run", str(SPEC_EXAMPLE), "--choices", "cost_of_delay,1", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out == {
        "scenario": "procurement-squeeze",
        "finished": True,
        "node": "partner",
        "ending": "partner",
        "result": "won",
        "score": 15,
        "tags": {"insight": 1, "discovery": 1, "outcome": 1, "leadership": 1},
        "meters": {"trust": 60, "patience": 3},
        "flags": [],
        "path": ["opening", "numbers", "partner"],
    }


def test_run_unfinished_reports_where_it_stands():
    proc = cli("run", str(SPEC_EXAMPLE), "--choices", "match", "--json")
    out = json.loads(proc.stdout)
    assert proc.returncode == 0
    assert (out["finished"], out["node"], out["ending"], out["result"]) == (
        False,
        "spiral",
        None,
        None,
    )
    assert out["flags"] == ["discounted"] and out["score"] == -3 and out["tags"] == {"price": 1}


def test_run_without_choices_stands_at_the_start():
    out = json.loads(cli("run", str(SPEC_EXAMPLE), "--json").stdout)
    assert out["path"] == ["opening"] and out["score"] == 0 and out["tags"] == {}


@pytest.mark.parametrize(
    "tokens",
    ["0", "9", "nope", "match,1,c1", ",", "cost_of_delay,timeout", "cost_of_delay,1,1", "1,,2"],
    ids=[
        "zero",
        "out-of-range",
        "unknown",
        "hidden",
        "empty",
        "timeout-no-limit",
        "after-end",
        "empty-middle",
    ],
)
def test_run_token_that_does_not_fit_exits_2_naming_the_node(tokens):
    proc = cli("run", str(SPEC_EXAMPLE), "--choices", tokens, "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "node '" in proc.stderr or "finished" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_run_timeout_token():
    out = json.loads(cli("run", str(SPEC_EXAMPLE), "--choices", "timeout", "--json").stdout)
    assert out["ending"] == "walkout" and out["result"] == "lost" and out["score"] == 0


def test_run_refuses_a_scenario_with_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("start: ask", "start: nowhere"))
    proc = cli("run", str(bad), "--choices", "1", "--json")
    assert proc.returncode == 1
    assert f"{bad}:" in proc.stdout and "unknown-node" in proc.stdout


def test_run_missing_file_exits_2():
    assert cli("run", "no/such.yaml", "--choices", "1").returncode == 2


def test_validate_exit_codes_and_lines(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(BASE)
    warn = tmp_path / "warn.yaml"
    warn.write_text(BASE.replace("id: tiny", "id: warned").replace("trust: 1}", "trust: 0}"))
    bad = tmp_path / "sub" / "bad.yml"
    bad.parent.mkdir()
    bad.write_text(BASE.replace("id: tiny", "id: broken").replace("next: done", "next: dnoe"))
    hidden = tmp_path / ".hidden.yaml"
    hidden.write_text("not: a scenario")

    assert cli("validate", str(good)).returncode == 0
    proc = cli("validate", str(warn))
    assert proc.returncode == 0 and " warning zero-effect: " in proc.stdout
    assert cli("validate", "--strict", str(warn)).returncode == 1
    proc = cli("validate", str(tmp_path))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert all(line.count(":") >= 4 for line in lines)
    assert lines[0].startswith(f"{bad}:") and ".hidden" not in proc.stdout
    assert any(line.startswith(f"{warn}:") for line in lines)


def test_validate_json_format(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("effects: {trust: 1}", "efects: {trust: 1}"))
    proc = cli("validate", "--format", "json", str(bad))
    assert proc.returncode == 1
    (item,) = json.loads(proc.stdout)
    assert set(item) == {"path", "line", "col", "severity", "code", "message"}
    assert item["code"] == "unknown-key" and "Did you mean 'effects'?" in item["message"]


def test_validate_missing_path_exits_2_but_checks_the_rest(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(BASE.replace("trust: 1}", "trust: 0}"))
    proc = cli("validate", str(tmp_path / "missing.yaml"), str(good))
    assert proc.returncode == 2
    assert "zero-effect" in proc.stdout


def test_duplicate_ids_across_files(tmp_path):
    (tmp_path / "a.yaml").write_text(BASE)
    (tmp_path / "b.yaml").write_text(BASE)
    proc = cli("validate", str(tmp_path))
    assert proc.returncode == 1 and "duplicate-scenario-id" in proc.stdout


def test_usage_errors_exit_2():
    proc = cli("validate")
    assert proc.returncode == 2 and "usage" in proc.stderr.lower()
    assert cli("nonsense").returncode == 2


@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xfe\x00", b"- [", b"a: *x", b"\x00\x01"],
    ids=["empty", "utf16ish", "unclosed", "alias", "nul"],
)
def test_no_traceback_for_any_input(tmp_path, data):
    f = tmp_path / "x.yaml"
    f.write_bytes(data)
    for args in (("validate", str(f)), ("run", str(f), "--choices", "1")):
        proc = cli(*args)
        assert proc.returncode == 1
        assert "Traceback" not in proc.stderr and proc.stdout.startswith(f"{f}:")


def test_analyze_says_in_words_where_a_loop_leaves_an_endings_score_open(tmp_path):
    """An ending a positive loop can lead to scored "+4 to ?"."""
    from tests.ui.test_ui_debrief import LOOPING

    path = tmp_path / "looping.yaml"
    path.write_text(LOOPING, encoding="utf-8")
    r = cli("analyze", str(path))
    assert r.code == 1
    assert " to ?" not in r.out and "? to" not in r.out
    done = next(line for line in r.out.splitlines() if line.strip().startswith("done "))
    assert "or more (a loop)" in done, done
