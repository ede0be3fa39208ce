"""`salesplay run --json`: the fields, the rules of a move, and every refused token kind."""

from __future__ import annotations

import json

import pytest

from tests.contract.scenarios import PROBE, write
from tests.helpers import cli


@pytest.fixture
def probe(tmp_path):
    return write(tmp_path, PROBE)


def run(path, tokens):
    proc = cli("run", str(path), "--choices", tokens, "--json")
    assert proc.code == 0, proc.err
    return json.loads(proc.out)


def test_every_field_of_an_unfinished_run(probe):
    # "2" is the second *visible* choice: the hidden first one does not count for positions.
    assert run(probe, "2") == {
        "scenario": "probe",
        "finished": False,
        "node": "b",
        "ending": None,
        "result": None,
        "score": 3,
        "tags": {"insight": 1},
        "meters": {"patience": 1, "trust": 2},
        "flags": ["warmed"],
        "path": ["a", "b"],
    }


def test_default_ids_count_hidden_choices(probe):
    # The second choice has no id: it is c2 because the hidden first one is c1.
    out = run(probe, "c2")
    assert out["tags"] == {"discovery": 1} and out["path"] == ["a", "walk"]
    assert run(probe, "1") == out


def test_a_trigger_replaces_next_and_the_replaced_next_is_not_entered(probe):
    out = run(probe, "warm,back,raise")  # raise's next is walk; trust reaches max: on_max
    assert out["path"] == ["a", "b", "b2", "won"]
    assert (out["ending"], out["result"], out["score"]) == ("won", "won", 3 + 4)
    assert out["meters"]["trust"] == 3  # clamped


def test_on_min_fires_when_the_meter_already_sits_at_its_min(tmp_path):
    path = write(tmp_path, PROBE.replace("patience: {start: 1", "patience: {start: 0"))
    out = run(path, "timeout,lower")  # patience is 0 already; lowering it again fires on_min
    assert out["path"] == ["a", "b", "walk"] and out["meters"]["patience"] == 0


def test_a_timeout_applies_no_points_effects_or_triggers(probe):
    out = run(probe, "timeout")
    assert out["path"] == ["a", "b"] and out["score"] == 0 and out["tags"] == {}
    assert out["meters"] == {"patience": 1, "trust": 1} and out["flags"] == []


def test_visited_holds_once_entered(probe):
    # back needs visited(a) (the start always is) and not visited(b2).
    assert run(probe, "warm,back")["node"] == "b2"


def test_no_tokens_stands_at_the_start(probe):
    proc = cli("run", str(probe), "--json")
    assert proc.code == 0
    assert json.loads(proc.out)["path"] == ["a"]


@pytest.mark.parametrize(
    "tokens, words",
    [
        ("c1", "hidden"),
        ("nope", "nope"),
        ("3", "out of range"),
        ("0", "out of range"),
        ("", "empty"),
        ("warm,,lower", "empty"),
        ("warm,timeout", "time limit"),
        ("1,lower", "finished"),
        ("1,1", "finished"),
    ],
    ids=[
        "hidden",
        "unknown",
        "past-the-end",
        "zero",
        "empty",
        "empty-inside",
        "no-timer",
        "after-end",
        "position-after-end",
    ],
)
def test_a_token_that_does_not_fit_exits_2_naming_node_and_choices(probe, tokens, words):
    proc = cli("run", str(probe), "--choices", tokens, "--json")
    assert proc.code == 2
    assert proc.out == ""  # nothing half-printed on stdout
    assert words in proc.err.lower()
    if "finished" not in words:
        assert "'a'" in proc.err or "'b'" in proc.err  # the node
        assert "warm" in proc.err or "lower" in proc.err  # the choices available there
