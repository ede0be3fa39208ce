"""`salesplay match`: answers from stdin (blank lines skipped), the JSON fields, exit codes."""

from __future__ import annotations

import json

import pytest

from tests.contract.scenarios import PROBE, write
from tests.helpers import cli

WAITING = """\
format: 1
id: waiting
title: Waiting
summary: A node whose only choice is hidden, so only its timer can move it.
buyer: {name: Pat Reyes, role: Buyer}
start: a
nodes:
  a:
    say: Hi.
    choices:
      - {id: go, text: Go on, next: b}
  b:
    say: Wait.
    time_limit: 5
    timeout: end
    choices:
      - {id: never, text: Never shown, if: visited(end), next: end}
  end:
    say: End.
    ending: {result: stalled, title: End}
"""


@pytest.fixture
def probe(tmp_path):
    return write(tmp_path, PROBE)


def answers(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_one_object_per_answer_blank_lines_skipped(probe):
    proc = cli("match", str(probe), "--json", stdin="warm up\n\n   \r\nwhat do the delays cost\r\n")
    assert proc.code == 0, proc.err
    out = answers(proc.out)
    assert [o["text"] for o in out] == ["warm up", "what do the delays cost"]
    for o in out:
        assert set(o) == {"text", "node", "choice", "confidence", "alternatives"}
        assert o["node"] == "a" and 0 <= o["confidence"] <= 1
        # Only the visible choices: the hidden c1 is never a match or an alternative.
        assert {a["choice"] for a in o["alternatives"]} | {o["choice"]} <= {"c2", "warm", None}
        confidences = [a["confidence"] for a in o["alternatives"]]
        assert confidences == sorted(confidences, reverse=True)
    assert out[0]["choice"] == "warm"


def test_match_at_a_node_whose_choices_are_all_hidden(tmp_path):
    path = write(tmp_path, WAITING)
    proc = cli("match", str(path), "--choices", "go", "--json", stdin="never\n")
    assert proc.code == 0, proc.err
    assert answers(proc.out) == [
        {"text": "never", "node": "b", "choice": None, "confidence": 0.0, "alternatives": []}
    ]


@pytest.mark.parametrize(
    "tokens, code", [("9", 2), ("c2", 2), ("c1", 2)], ids=["bad-token", "ended", "hidden"]
)
def test_match_refuses_tokens_that_do_not_fit_and_ended_runs(probe, tokens, code):
    proc = cli("match", str(probe), "--choices", tokens, "--json", stdin="hello\n")
    assert proc.code == code and proc.out == ""


def test_match_refuses_a_scenario_with_errors(tmp_path):
    path = write(tmp_path, PROBE.replace("start: a", "start: zz"))
    proc = cli("match", str(path), "--json", stdin="hello\n")
    assert proc.code == 1 and "unknown-node" in proc.out
