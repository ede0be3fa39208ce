"""`salesplay analyze --json`: best, worst and commodity runs, their null rules with loops,
fewest moves among equal scores, and that every reported run replays through `run`."""

from __future__ import annotations

import json

import pytest

from tests.contract.scenarios import PROBE, write
from tests.helpers import cli

LOOP = """\
format: 1
id: loop
title: Loop
summary: A conversation that can go round.
buyer: {name: Pat Reyes, role: Buyer}
start: a
nodes:
  a:
    say: Hi.
    choices:
      - id: go
        text: Go on
        tags: [GO_TAG]
        next: b
      - id: cheap
        text: Cheaper
        tags: [price]
        next: end
  b:
    say: B.
    choices:
      - id: back
        text: Back again
        tags: [BACK_TAG]
        next: a
      - id: finish
        text: Finish
        next: end
  end:
    say: End.
    ending: {result: won, title: End}
"""


def analyze(path):
    proc = cli("analyze", str(path), "--json")
    return proc.code, json.loads(proc.out)


def replay(path, run):
    proc = cli("run", str(path), "--choices", ",".join(run["choices"]), "--json")
    assert proc.code == 0, proc.err
    return json.loads(proc.out)


@pytest.mark.parametrize(
    "go, back, gain, nulls",
    [
        ("insight", "discovery", 4, {"best", "best_with_commodity"}),
        ("price", "feature", -4, {"worst"}),
        ("insight", "price", 0, set()),
    ],
    ids=["positive-gain", "negative-gain", "zero-gain"],
)
def test_loops_and_the_null_rules(tmp_path, go, back, gain, nulls):
    path = write(tmp_path, LOOP.replace("GO_TAG", go).replace("BACK_TAG", back))
    code, out = analyze(path)
    assert code == 1  # a loop: the conversation can go on for ever
    assert [lp["gain"] for lp in out["loops"]] == [gain]
    assert sorted(out["loops"][0]["nodes"]) == ["a", "b"]
    for key in ("best", "worst", "best_with_commodity"):
        assert (out[key] is None) == (key in nulls), key
        if out[key] is not None:
            played = replay(path, out[key])
            assert (played["score"], played["ending"]) == (out[key]["score"], out[key]["ending"])


def test_fewest_moves_among_equal_scores_and_commodity_run(tmp_path):
    path = write(tmp_path, LOOP.replace("GO_TAG", "insight").replace("BACK_TAG", "price"))
    _, out = analyze(path)
    assert out["best"]["choices"] == ["go", "finish"]  # +3, the same as going round once more
    assert out["best_with_commodity"]["choices"] == ["go", "back", "go", "finish"]
    assert out["best_with_commodity"]["score"] == 3


def test_an_exhaustive_analysis_replays_and_bounds_every_ending(tmp_path):
    path = write(tmp_path, PROBE)
    code, out = analyze(path)
    assert code == 0 and out["exhaustive"] is True
    assert out["stuck_states"] == [] and out["loops"] == [] and out["unreachable_nodes"] == []
    assert out["best"]["score"] == 7 and out["worst"]["score"] == 0
    for key in ("best", "worst"):
        played = replay(path, out[key])
        assert played["finished"] and played["path"] == out[key]["path"]
        assert (played["score"], played["ending"]) == (out[key]["score"], out[key]["ending"])
    assert out["endings"] == {
        "walk": {"result": "lost", "reachable": True, "min": 0, "max": 3},
        "won": {"result": "won", "reachable": True, "min": 4, "max": 7},
    }


def test_an_unreachable_ending_has_null_min_and_max(tmp_path):
    text = PROBE + "  never:\n    say: Never.\n    ending: {result: stalled, title: Never}\n"
    code, out = analyze(write(tmp_path, text))
    assert out["endings"]["never"] == {
        "result": "stalled",
        "reachable": False,
        "min": None,
        "max": None,
    }
    assert out["unreachable_nodes"] == ["never"]


def test_a_stuck_state_is_reported_and_run_still_plays_it(tmp_path):
    text = (
        PROBE.replace("        if: visited(a) and not visited(b2)\n", "")
        .replace(
            "      - id: lower\n        text: Press harder\n",
            "      - id: lower\n        text: Press harder\n        if: warmed\n",
        )
        .replace(
            "id: back\n        text: Go back\n",
            "id: back\n        text: Go back\n        if: warmed\n",
        )
    )
    path = write(tmp_path, text)
    code, out = analyze(path)
    assert code == 1
    assert {"node": "b", "meters": {"patience": 1, "trust": 1}, "flags": []} in out["stuck_states"]
    proc = cli("run", str(path), "--choices", "timeout", "--json")
    assert proc.code == 0 and json.loads(proc.out)["node"] == "b"


def test_a_scenario_with_errors_is_refused_with_its_diagnostics(tmp_path):
    path = write(tmp_path, PROBE.replace("next: won", "next: wonn"))
    for args in (("analyze", "--json"), ("run", "--choices", "1", "--json")):
        proc = cli(args[0], str(path), *args[1:])
        assert proc.code == 1
        assert "error unknown-node" in proc.out and "Did you mean 'won'?" in proc.out
