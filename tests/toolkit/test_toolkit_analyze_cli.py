"""`salesplay analyze` through the installed command: the JSON contract, exit codes and replays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT, cli
from tests.toolkit.test_toolkit_analysis import TWO_WAYS, loop_text

FILES = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted(FIXTURES.glob("*.yaml"))
KEYS = [
    "scenario",
    "exhaustive",
    "states",
    "best",
    "worst",
    "best_with_commodity",
    "endings",
    "unreachable_nodes",
    "stuck_states",
    "loops",
    "tells",
]


def analyze_json(path: Path, *extra: str) -> tuple[dict, int]:
    done = cli("analyze", str(path), "--json", *extra)
    return json.loads(done.stdout), done.returncode


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_best_and_worst_replay_through_run(path):
    report, code = analyze_json(path)
    assert list(report) == KEYS and code == 0
    for name in ("best", "worst", "best_with_commodity"):
        run = report[name]
        if run is None:
            continue
        assert set(run) == {"score", "ending", "result", "choices", "path"}
        done = cli("run", str(path), "--choices", ",".join(run["choices"]), "--json")
        played = json.loads(done.stdout)
        assert played["finished"], name
        assert (played["score"], played["ending"], played["result"], played["path"]) == (
            run["score"],
            run["ending"],
            run["result"],
            run["path"],
        ), name


@pytest.mark.parametrize(
    ("text", "code"), [(TWO_WAYS, 0), (loop_text(1), 1)], ids=["sound", "loop"]
)
def test_exit_code_says_whether_every_run_ends(tmp_path, text, code):
    path = tmp_path / "s.yaml"
    path.write_text(text)
    report, returned = analyze_json(path)
    assert returned == code
    assert bool(report["loops"]) == (code == 1)


def test_a_capped_analysis_is_not_exhaustive_and_fails(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(TWO_WAYS)
    report, code = analyze_json(path, "--state-cap", "2")
    assert (report["exhaustive"], report["states"], code) == (False, 2, 1)


def test_a_scenario_with_errors_is_refused_like_validate(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(TWO_WAYS.replace("next: ask2", "next: ask3"))
    done = cli("analyze", str(path), "--json")
    assert done.returncode == 1 and "error unknown-node" in done.stdout


def test_a_missing_file_is_a_usage_error(tmp_path):
    done = cli("analyze", str(tmp_path / "nope.yaml"))
    assert done.returncode == 2 and done.stdout == ""


def test_the_report_for_people_names_the_leaders_path(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(TWO_WAYS)
    done = cli("analyze", str(path))
    assert done.returncode == 0
    assert "Leader's path (best)  +5  Won (won) in 1 move: lead" in done.stdout
    assert "pays 6 more than the best commodity run" in done.stdout
    assert "Unreachable nodes: lost" in done.stdout
