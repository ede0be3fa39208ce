"""The room's JSON API over HTTP on 127.0.0.1: the contract and every refusal."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from game.errors import GameError
from game.server.room import RATE_BURST, WRONG_CODES_PER_MIN
from game.server.server import RoomServer
from game.server.view import revealed_view
from tests.server.phones import Phone, call


def test_join_state_and_vote_follow_the_contract(served):
    phone = Phone(served.url, served.code, "Falcons")
    state = phone.state()
    assert state["node"] == "opening" and state["finished"] is False
    assert state["say"].startswith("Your quote is 18%")
    assert [c["id"] for c in state["choices"]] == ["match", "cost_of_delay", "c3"]
    assert set(state["choices"][0]) == {"id", "text"}
    status, voted, _ = phone.vote("cost_of_delay")
    assert status == 200
    assert voted["mine"] == voted["team_vote"] == "cost_of_delay"
    assert served.poll() == [("phones", [1, 0]), ("vote", 1, 0, "cost_of_delay", 1, 1)]


def test_the_page_and_its_files_are_served_with_a_strict_policy(served):
    for path, kind in (("", "text/html"), ("phone.js", "javascript"), ("phone.css", "text/css")):
        status, _, headers = call(served.url, "GET", path)
        assert status == 200 and kind in headers["Content-Type"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_wrong_code_is_403_and_an_unknown_team_404(served):
    status, data, _ = call(served.url, "POST", "api/join", {"code": "ZZZZ-ZZZZ", "team": "Owls"})
    assert status == 403 and "code" in data["error"]
    status, data, _ = call(served.url, "POST", "api/join", {"code": served.code, "team": "Eagles"})
    assert status == 404 and "Eagles" in data["error"]
    status, data, _ = call(served.url, "POST", "api/teams", {"code": served.code})
    assert status == 200 and data == {"teams": ["Falcons", "Owls"]}


def test_guessing_room_codes_is_slowed_down(served):
    for _ in range(WRONG_CODES_PER_MIN):
        assert call(served.url, "POST", "api/teams", {"code": "ZZZZ-ZZZZ"})[0] == 403
    status, data, _ = call(served.url, "POST", "api/teams", {"code": served.code})
    assert status == 429 and "wait" in data["error"]


@pytest.mark.parametrize(
    ("token", "status"),
    [(None, 401), ("{key}.madeup", 403), ("other.round", 401), ("nodot", 403)],
    ids=["missing", "forged", "other-round", "malformed"],
)
def test_state_and_vote_need_a_token_of_this_room(served, token, status):
    token = token.format(key=served.room.key) if token else None
    got, data, _ = call(served.url, "GET", "api/state", token=token)
    assert got == status and data["error"]
    got, data, _ = call(served.url, "POST", "api/vote", {"choice": "match"}, token=token)
    assert got == status and data["error"]


def test_a_token_from_an_earlier_round_has_expired(served):
    earlier = RoomServer(["Falcons", "Owls"], code=served.code).start()
    try:
        old = Phone(earlier.url, earlier.code, "Falcons").token
    finally:
        earlier.stop()
    status, data, _ = call(served.url, "GET", "api/state", token=old)
    assert status == 401 and "earlier one" in data["error"]


def test_a_hidden_or_unknown_choice_is_400(served):
    phone = Phone(served.url, served.code, "Owls")
    served.workshop.decide(["match", "match"])  # to 'spiral' ...
    served.workshop.decide(["c1", "c1"])  # ... and back to 'numbers', discounted
    from game.server.view import voting_view

    served.publish(voting_view(served.workshop, 3))
    state = phone.wait_for(lambda s: s["node"] == "numbers")
    assert [c["id"] for c in state["choices"]] == ["c2"]
    status, data, _ = phone.vote("c1")
    assert status == 400 and "hidden" in data["error"]
    status, data, _ = phone.vote("nope")
    assert status == 400 and "c2" in data["error"]
    assert phone.vote("c2")[0] == 200


def test_a_vote_after_the_reveal_is_refused(served):
    phone = Phone(served.url, served.code, "Falcons")
    assert served.close() == [None, None]
    status, data, _ = phone.vote("match")
    assert status == 409 and "closed" in data["error"]
    served.workshop.decide(["match", None])
    served.publish(revealed_view(served.workshop, 1))
    state = phone.wait_for(lambda s: s["phase"] == "revealed")
    assert state["choices"] == [] and state["reveal"]["points"] == -3
    assert phone.vote("match")[0] == 409


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b"{not json", 400),
        (b"[1, 2]", 400),
        (b'{"choice": 3}', 400),
        (b'{"choice": ""}', 400),
        (b'{"choice": "' + b"x" * 300 + b'"}', 400),
        (b'{"choice": "' + b"x" * 5000 + b'"}', 413),
        (b"\xff\xfe", 400),
    ],
    ids=["not-json", "not-object", "not-text", "empty", "long", "too-large", "not-utf8"],
)
def test_every_body_is_checked(served, raw, status):
    phone = Phone(served.url, served.code, "Falcons")
    got, data, _ = call(served.url, "POST", "api/vote", raw=raw, token=phone.token)
    assert got == status and data["error"]
    assert served.room.team_vote(0) is None


def test_join_checks_its_fields(served):
    for body in ({"code": served.code}, {"code": 7, "team": "Owls"}, {"team": "Owls"}):
        status, data, _ = call(served.url, "POST", "api/join", body)
        assert status in (400, 403) and data["error"]


def test_each_phone_is_rate_limited(served):
    phone = Phone(served.url, served.code, "Falcons")
    other = Phone(served.url, served.code, "Owls")
    now = time.monotonic()
    served.room.clock = lambda: now  # no refill while 40 requests go out, however slow the machine
    statuses = [call(served.url, "GET", "api/state", token=phone.token)[0] for _ in range(40)]
    assert statuses[: int(RATE_BURST) - 2].count(200) == int(RATE_BURST) - 2
    assert 429 in statuses
    assert other.state()["team"] == "Owls"


def test_no_other_teams_vote_reaches_a_phone_before_the_reveal(served):
    falcon = Phone(served.url, served.code, "Falcons")
    owl = Phone(served.url, served.code, "Owls")
    before = falcon.state()
    owl.vote("match")
    after = falcon.state()
    assert after == before  # not even the version moved


def test_a_long_poll_returns_when_the_team_changes(served):
    one = Phone(served.url, served.code, "Falcons")
    two = Phone(served.url, served.code, "Falcons")
    state = one.state()
    seen = {}
    waiter = threading.Thread(target=lambda: seen.update(one.state(after=state["version"])))
    waiter.start()
    two.vote("c3")
    waiter.join(10)
    assert seen["team_vote"] == "c3" and seen["voted"] == 1 and seen["phones"] == 2


def test_the_server_listens_only_until_it_stops(served):
    host, port = "127.0.0.1", served.port
    with socket.create_connection((host, port), timeout=2):
        pass
    served.stop()
    with pytest.raises(OSError), socket.create_connection((host, port), timeout=2):
        pass


def test_a_port_in_use_is_a_clear_error(served):
    with pytest.raises(GameError) as refused:
        RoomServer(["A", "B"], port=served.port).start()
    assert "Pick another" in str(refused.value)
