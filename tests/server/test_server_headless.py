"""`salesplay workshop PATH --serve`: a whole round over HTTP gives `workshop --json`'s answer."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from game.cli import main
from tests.helpers import ROOT, SALESPLAY, SPEC_EXAMPLE, salesplay
from tests.server.conftest import Round
from tests.server.phones import Phone


def play(phones: dict[str, Phone], votes: dict[str, str]) -> dict:
    """Every phone votes for its choice at the open decision; returns a phone's next state."""
    first = next(iter(phones.values()))
    decision = first.wait_for(lambda s: s["phase"] == "voting")["decision"]
    for name, choice in votes.items():
        status, data, _ = phones[name].vote(choice)
        assert status == 200, data
    return first.wait_for(lambda s: s["decision"] > decision or s["finished"])


def test_a_round_over_http_matches_workshop_json():
    env = dict(os.environ, SDL_VIDEODRIVER="dummy")
    args = [SALESPLAY, "workshop", str(SPEC_EXAMPLE), "--serve", "--teams", "Falcons,Owls"]
    proc = subprocess.Popen(
        [*args, "--port", "0", "--timer", "0", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    try:
        listening = json.loads(proc.stdout.readline())
        assert set(listening) == {"url", "code"}
        assert listening["url"].startswith("http://127.0.0.1:") and listening["url"].endswith("/")
        url, code = listening["url"], listening["code"]
        phones = {"Falcons": Phone(url, code, "Falcons"), "Owls": Phone(url, code, "Owls")}
        phones["Owls2"] = Phone(url, code, "Owls")  # a second phone for the Owls
        play(phones, {"Falcons": "c3", "Owls": "cost_of_delay"})  # the tie goes to 'numbers'
        # At 'numbers' the Owls' phones split 1:1; their tie goes to the vote that came first.
        state = play(phones, {"Owls2": "c2", "Owls": "c1", "Falcons": "c1"})
        assert state["finished"] and state["ending"]["id"] == "partner"
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    served = json.loads(out)
    plain = salesplay(
        "workshop", str(SPEC_EXAMPLE), "--teams", "Falcons,Owls", "--votes", "3,2;1,2", "--json"
    )
    assert plain.returncode == 0, plain.stderr
    assert served == json.loads(plain.stdout)


def test_a_team_can_change_its_vote_until_everyone_has_voted():
    room = Round(["Falcons", "Owls"])
    falcon, owl = Phone(room.url, room.code, "Falcons"), Phone(room.url, room.code, "Owls")
    falcon.wait_for(lambda s: s["phase"] == "voting")
    assert falcon.vote("match")[0] == 200
    assert falcon.vote("cost_of_delay")[0] == 200  # changed before the reveal
    assert owl.vote("match")[0] == 200
    state = falcon.wait_for(lambda s: s["decision"] == 2)
    assert state["reveal"]["choice"] == "cost_of_delay" and state["reveal"]["points"] == 5
    assert state["node"] == "spiral"  # the tie went to 'match', listed first
    assert [t["name"] for t in state["leaderboard"]] == ["Falcons", "Owls"]
    assert room.workshop.decisions[0].votes == ("cost_of_delay", "match")
    for phone in (falcon, owl):
        phone.vote("c2")
    room.wait()
    assert room.workshop.finished


def test_when_the_timer_runs_out_the_silent_teams_count_as_no_vote():
    room = Round(["Falcons", "Owls"], timer=1)
    falcon = Phone(room.url, room.code, "Falcons")
    state = falcon.wait_for(lambda s: s["phase"] == "voting")
    assert state["timer"]["seconds"] == 1 and state["timer"]["left_ms"] <= 1000
    falcon.vote("c3")
    state = falcon.wait_for(lambda s: s["decision"] == 2)
    assert room.workshop.decisions[0].votes == ("c3", None)
    # Nobody votes at 'spiral', which has no time limit: the timer starts again, and says so.
    falcon.wait_for(lambda s: "timer starts again" in room.err.getvalue() or s["finished"])
    falcon.vote("c2")
    room.wait()
    assert room.workshop.state.ending == "won_on_price"


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ([], "--teams"),
        (["--teams", "A,B", "--votes", "1,1"], "phones"),
        (["--teams", "A,B", "--port", "70000"], "port"),
    ],
    ids=["no-teams", "votes-too", "bad-port"],
)
def test_serve_refuses_what_it_cannot_do(capsys, extra, words):
    assert main(["workshop", str(SPEC_EXAMPLE), "--serve", *extra]) == 2
    assert words in capsys.readouterr().err
