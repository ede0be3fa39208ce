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
    assert "Leader's path (best)  +5  Won (won) in 1 move:\n    ask: lead > won\n" in done.stdout
    assert "pays 6 more than the best commodity run" in done.stdout
    assert "Unreachable nodes: lost" in done.stdout


LOOPING = """\
format: 1
id: loopy
title: Loopy
summary: A loop that gains.
buyer: {name: Ana Silva, role: Buyer}
start: a
nodes:
  a:
    say: Hello.
    choices:
      - {id: again, text: Tell me more., tags: [insight], next: b}
      - {id: stop, text: Goodbye., next: done}
  b:
    say: Back to you.
    choices:
      - {id: back, text: Go on., next: a}
  done:
    say: Bye.
    ending: {result: won, title: Done}
"""


def test_loops_name_the_choices_that_go_round(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text(LOOPING)
    done = cli("analyze", str(path))
    assert done.returncode == 1
    section = done.stdout.split("Loops: 1\n", 1)[1]
    assert section.startswith("  a: again > b: back > a, +3 points a round\n")


def test_more_stuck_states_are_counted_under_stuck_states(tmp_path):
    nodes = "".join(
        f"  n{i}:\n    say: Room {i}.\n    choices:\n"
        f"      - {{text: Next., if: false, next: done}}\n"
        for i in range(8)
    )
    first = "".join(f"      - {{id: go{i}, text: Room {i}., next: n{i}}}\n" for i in range(6))
    text = (
        "format: 1\nid: stuck\ntitle: Stuck\nsummary: Stuck rooms.\n"
        "buyer: {name: Ana Silva, role: Buyer}\nstart: a\nnodes:\n"
        "  a:\n    say: Pick.\n    choices:\n"
        + first
        + nodes
        + "  done:\n    say: Bye.\n    ending: {result: won, title: Done}\n"
    )
    path = tmp_path / "stuck.yaml"
    path.write_text(text)
    out = cli("analyze", str(path)).stdout
    stuck, loops = out.split("Stuck states: 6\n", 1)[1].split("Loops:", 1)
    assert "... and 1 more (see --json)" in stuck
    assert "more" not in loops.split("\n\n", 1)[0]


def test_a_loop_of_one_point_says_point(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text(LOOPING.replace("tags: [insight]", "tags: [discovery]"))
    assert ", +1 point a round\n" in cli("analyze", str(path)).stdout
    found = cli("validate", str(path)).stdout
    assert "(+1 point a round)" in found
