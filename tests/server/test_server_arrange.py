"""The facilitator moves phones between teams from the laptop: the room, the server, and the
screen the join screen opens with T. A moved phone keeps its token and is told its new team."""

from __future__ import annotations

import os

import pytest

from game.server.room import VOTING
from game.ui.intents import CLICK, Intent
from tests.layout_checks import check_fits
from tests.server.phones import Phone
from tests.server.test_server_projector import projector, pump_until  # noqa: F401 - fixture
from tests.server.test_server_room import room_with


def test_a_moved_phone_keeps_its_token_loses_its_old_team_s_vote_and_sees_its_new_team():
    room, (p1, p2, owl) = room_with("Falcons", "Falcons", "Owls")
    assert room.view["phase"] == VOTING
    room.vote(*p1, "a")
    room.vote(*p2, "b")
    before = room.etag(1)
    assert room.assign(p1[1].number, 1) == 0  # phone 1 goes to the Owls
    assert room.phone_counts() == [1, 2]
    assert room.team_vote(0) == "b"  # its vote was the Falcons'; it went with the move
    assert room.etag(1) != before  # the Owls' phones are told something changed
    assert room.state(*p1)["team"] == "Owls" and room.state(*p1)["mine"] is None
    assert [e[1:] for e in room.record["phones"]] == [[1, 1], [0, 2], [1, 3]]
    assert room.assign(p1[1].number, 1) is None  # already there: nothing to do
    assert room.assign(99, 0) is None and room.assign(1, 5) is None  # no such phone or team


def test_the_server_moves_a_phone_and_wakes_its_long_poll(served):
    falcon = Phone(served.url, served.code, "Falcons")
    first = falcon.state()
    assert first["team"] == "Falcons" and first["number"] == 1
    served.poll()
    served.assign(1, 1)
    moved = falcon.state(after=first["version"])  # returns at once: the phone was moved
    assert moved["team"] == "Owls" and moved["phones"] == 1
    events = served.poll()
    assert ("phones", [0, 1]) in events
    assert ("vote", 1, 0, None, 1, 0) in events  # the Falcons' vote as it stands without it


def test_the_join_screen_arranges_the_phones_by_keys_and_clicks(projector):  # noqa: F811
    app, demo, _setup = projector
    demo.press("return")
    join = app.scenes.top
    link = join.link
    phones = [Phone(link.url, link.code, "Falcons") for _ in range(3)]
    pump_until(app, lambda: link.counts == [3, 0])
    demo.press("t")
    arrange = app.scenes.top
    assert arrange.name == "workshop-arrange"
    assert [c.data[0] for c in arrange.buttons.items[:-1]] == [1, 2, 3]
    demo.press("down")  # phone 2
    demo.press("right")  # to the Owls
    pump_until(app, lambda: link.phones() == [(1, 0), (2, 1), (3, 0)])
    assert phones[1].state()["team"] == "Owls"
    card = next(c for c in arrange.buttons if c.data and c.data[0] == 3)
    app.dispatch(Intent(CLICK, pos=card.rect.center))  # a click: the next team
    pump_until(app, lambda: link.phones() == [(1, 0), (2, 1), (3, 1)])
    pump_until(app, lambda: link.counts == [1, 2])
    check_fits(app, "arrange")
    if os.environ.get("SALESPLAY_SHOTS"):
        demo.shot()
    demo.press("escape")
    assert app.scenes.top is join
    demo.press("return")
    vote = app.scenes.top
    phones[2].wait_for(lambda s: s["phase"] == "voting")
    status, data, _ = phones[2].vote("match")
    assert status == 200 and data["team"] == "Owls"
    pump_until(app, lambda: vote.votes == [None, "match"])  # counted for the Owls


@pytest.mark.parametrize("n", [1, 9, 30, 60])
def test_phone_cards_stay_inside_their_team_s_column(n):
    from game.ui.workshop.arrange import CARD_GAP, card_grid

    sub, per, h = card_grid(n, 599, 452)
    assert sub * per >= n and per * (h + CARD_GAP) <= 452 + 1e-6 and h >= 20
