"""A phones round that goes down mid-round (the window crashed, its server with it) resumes
with the same room code, address and port, and the phones' own tokens still vote for their
own teams: nobody scans again. The store keeps token digests only, never a token."""

from __future__ import annotations

import json
import socket
import sqlite3

import pytest

from game.content.loader import load_scenario
from game.store.database import FILE_NAME
from game.ui.demo import Demo
from game.ui.workshop.room import KEYS, PHONES
from game.ui.workshop.setup import WorkshopSetup
from tests.helpers import SPEC_EXAMPLE
from tests.server.phones import call
from tests.server.test_server_projector import Phone, pump_until


def window(data_dir, method):
    from game.ui.app import App

    scenario = load_scenario(str(SPEC_EXAMPLE)).scenario
    app = App([str(SPEC_EXAMPLE)], size=(1280, 720), use_store=True, data_dir=data_dir)
    setup = WorkshopSetup(
        app, [scenario], chosen=scenario, teams=["Falcons", "Owls"], timer=0, method=method, port=0
    )
    app.start(setup)
    return app, Demo(app, None), setup


def test_a_resumed_round_keeps_its_room_and_its_phones_tokens(tmp_path):
    app, demo, setup = window(tmp_path, PHONES)
    try:
        demo.press("return")
        link = app.scenes.top.link
        url, code = link.url, link.code
        falcon, owl = Phone(url, code, "Falcons"), Phone(url, code, "Owls")
        pump_until(app, lambda: link.counts == [1, 1])
        demo.press("return")
        vote = app.scenes.top
        owl.vote("match")
        falcon.vote("cost_of_delay")
        pump_until(app, lambda: vote.all_in)
        demo.press("return")  # revealed and saved: the room goes to 'spiral'
        assert app.scenes.top.name == "workshop-reveal"
        assert app.store._worker.wait_idle(5)
        link.stop()  # the window goes down mid-round: nothing is left or closed on purpose
        port = int(url.rsplit(":", 1)[1].strip("/"))
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
            pass
    finally:
        app.scenes.top.room.phones = None  # it crashed: nothing of it stops or saves anything
        setup.round = None
        app.close()

    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        kept = json.loads(db.execute("SELECT room FROM rounds").fetchone()[0])
    assert kept["code"] == code and kept["port"] == port
    assert len(kept["phones"]) == 2
    assert owl.token not in json.dumps(kept) and falcon.token not in json.dumps(kept)

    app, demo, setup = window(tmp_path, KEYS)  # opened again; the setup's votes say keys
    try:
        assert setup.open_round is not None
        demo.press("r")  # resume: a phones round goes on with its phones
        join = app.scenes.top
        assert join.name == "workshop-join"
        assert (join.link.url, join.link.code) == (url, code)
        assert join.link.counts == [1, 1]
        state = owl.state()  # the same token, no new join
        assert state["team"] == "Owls" and state["phase"] == "lobby"
        demo.press("return")
        vote = app.scenes.top
        assert vote.name == "workshop-vote" and vote.workshop.node.id == "spiral"
        owl.wait_for(lambda s: s["phase"] == "voting")
        status, data, _ = owl.vote("c2")
        assert status == 200 and data["team_vote"] == "c2"
        pump_until(app, lambda: vote.votes[1] == "c2")  # counted for the Owls
        assert vote.votes == [None, "c2"]
        status, _, _ = call(url, "GET", "api/state", token=owl.token[:-2] + "zz")
        assert status == 403  # a forged token is still refused
    finally:
        setup.stop_phones()
        app.close()
