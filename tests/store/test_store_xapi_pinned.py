"""The xAPI export of a fixed store is pinned: ids and content stay the same across rewrites.

Statement ids are what a Learning Record Store uses to file a resend once, so an export of
the same runs under the same base must never change them. The store here is built with fixed
run ids and clock readings (some equal, to pin the order of statements that share a time), and
holds every kind of statement: a win, a loss by time-out, an unfinished attempt, a replay that
shares an earlier decision, typed words, names that need escaping, and a workshop round.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json

import pytest
from store_scenarios import TRUSTED_ADVISOR, WON_ON_PRICE, procurement_squeeze
from test_store_basics import play

import game.store.rounds as rounds_module
import game.store.store as store_module
from game.cli import main
from game.engine import rules
from game.engine.workshop import Workshop
from game.store import database, open_store
from game.store.rounds import start_round
from game.store.xapi import dumps, statements, write_json

BASE = "https://learning.example.org/sales"


@pytest.fixture
def fixed(tmp_path, monkeypatch):
    """A store whose uuids and clock are fixed; each reading repeats once (ties in time)."""
    monkeypatch.setattr(store_module, "score_bounds", lambda scenario: (14, -16))
    ids = (f"00000000-0000-4000-8000-{n:012d}" for n in itertools.count(1))
    monkeypatch.setattr(store_module, "new_uuid", lambda: next(ids))
    monkeypatch.setattr(rounds_module, "new_uuid", lambda: next(ids))
    ticks = itertools.count()

    def clock():
        n = next(ticks) // 2
        return f"2026-03-0{1 + n // 3600}T{n // 60 % 60:02d}:{n % 60:02d}:00.000Z"

    monkeypatch.setattr(database, "now", clock)
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        first, _ = play(store, "Ana", scenario, TRUSTED_ADVISOR)
        play(store, 'Zoë "the closer"', scenario, WON_ON_PRICE, mode="assessment")
        play(store, "Ana", scenario, ["timeout"], mode="assessment")
        play(store, "Ben", scenario, ["match"], finish=False)
        shared = rules.replay(scenario, TRUSTED_ADVISOR[:1])
        again = store.replay_run(first, shared)
        state = rules.play_token(scenario, shared, "c2")
        store.record_move(again, state.moves[-1], state, typed="let's match the price\tnow")
        state = rules.play_token(scenario, state, "c2")
        store.record_move(again, state.moves[-1], state)
        store.finish_run(again, state)
        saved = start_round(store, Workshop(scenario, ["=1+1", "Owls"]))
        for group in ("cost_of_delay,cost_of_delay", "1,2"):
            saved.workshop.play_group(group)
            saved.save()
    return tmp_path


def digest(found: list[dict]) -> str:
    return hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest()


DIGEST = "baa38a1a3ac0b9ace08d70c38c9821e83f3f2b5a1ee584b2cb0d800f7a05fc0c"
FIRST_IDS = [
    "6395af46-7b4b-5949-b7ae-5e2e10bba69e",  # Ana attempted her first run
    "be192ed7-b115-5c25-a860-4c0400f227b8",  # ... answered its first decision
    "74704c27-9857-5b37-bd55-2bf165010f4e",  # the replay's shared first decision, same time
]
LAST_IDS = [
    "11b91bc7-a643-570f-b0b7-e4209866ca21",  # the Owls' last answer in the round
    "f74601a5-1780-5e70-a68b-13007de1d173",  # ... the round completed
    "2499840b-0b89-57f0-a4af-1675ab5a30ac",  # ... and passed
]


def test_the_export_of_a_fixed_store_is_pinned(fixed, capsys):
    out = fixed / "statements.json"
    args = ["export", "--xapi", str(out), "--data-dir", str(fixed), "--base", BASE]
    assert main([*args, "--typed-text"]) == 0
    capsys.readouterr()
    found = json.loads(out.read_text(encoding="utf-8"))
    assert len(found) == 32
    assert [s["id"] for s in found[:3]] == FIRST_IDS
    assert [s["id"] for s in found[-3:]] == LAST_IDS
    assert digest(found) == DIGEST


def test_standard_output_and_the_statements_list_give_the_pinned_export(fixed, capsys):
    args = ["export", "--xapi", "-", "--data-dir", str(fixed), "--base", BASE, "--typed-text"]
    assert main(args) == 0
    assert digest(json.loads(capsys.readouterr().out)) == DIGEST
    with open_store(fixed) as store:
        assert digest(statements(store, base=BASE, typed=True)) == DIGEST


@pytest.mark.parametrize("player", [None, "Ana", 'Zoë "the closer"', "Owls", "Nobody"])
def test_the_streamed_file_is_the_statements_list_byte_for_byte(fixed, player):
    """The export writes text as it goes; it must be exactly the list, encoded whole."""
    with open_store(fixed) as store:
        expected = statements(store, player, BASE, typed=True)
        streamed = io.StringIO()
        count = write_json(store, streamed, player, BASE, typed=True)
    assert count == len(expected)
    whole = ",\n".join(dumps(s) for s in expected)
    assert streamed.getvalue() == (f"[\n{whole}\n]\n" if expected else "[]\n")
