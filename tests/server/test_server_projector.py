"""The projector with phones: join screen (QR code, address, room code), who has voted with
each team's phone count, votes coming in from phones, the reveal, and the server stopping
when the round is left. Set SALESPLAY_SHOTS=DIR to keep the 1920×1080 pictures.
"""

from __future__ import annotations

import os
import socket
import time

import pytest

from game.content.loader import load_scenario
from game.ui.demo import Demo
from game.ui.workshop.room import PHONES
from game.ui.workshop.setup import WorkshopSetup
from tests.helpers import SPEC_EXAMPLE
from tests.server.phones import Phone


@pytest.fixture
def projector():
    from game.ui.app import App

    scenario = load_scenario(str(SPEC_EXAMPLE)).scenario
    app = App([str(SPEC_EXAMPLE)], size=(1920, 1080), use_store=False)
    setup = WorkshopSetup(
        app,
        [scenario],
        chosen=scenario,
        teams=["Falcons", "Owls"],
        timer=0,
        method=PHONES,
        port=0,
    )
    app.start(setup)
    app.settings.text_size = 1.0
    app.relayout()
    try:
        yield app, Demo(app, os.environ.get("SALESPLAY_SHOTS")), setup
    finally:
        setup.stop_phones()
        app.close()


def pump_until(app, test, limit_s: float = 5.0) -> None:
    """Let frames pass (the window's own loop, without sleeping on the network) until `test()`."""
    deadline = time.monotonic() + limit_s
    while not test():
        assert time.monotonic() < deadline, "the projector never saw it"
        app.step(100)
        time.sleep(0.01)


def test_phones_join_from_the_projector_and_their_votes_reach_it(projector):
    app, demo, setup = projector
    demo.press("return")
    join = app.scenes.top
    assert join.name == "workshop-join"
    link = join.link
    assert link.url.startswith("http://127.0.0.1:") and len(link.code) == 9
    assert join.wake_in() is not None
    demo.shot()  # the QR code, the address and the room code

    falcons = [Phone(link.url, link.code, "Falcons") for _ in range(2)]
    owls = Phone(link.url, link.code, "Owls")
    pump_until(app, lambda: link.counts == [2, 1])
    demo.press("return")
    vote = app.scenes.top
    assert vote.name == "workshop-vote"
    falcons[0].wait_for(lambda s: s["phase"] == "voting")
    falcons[0].vote("cost_of_delay")
    falcons[1].vote("c3")  # a tie inside the Falcons: the earlier vote stands
    pump_until(app, lambda: vote.votes[0] == "cost_of_delay")
    assert vote.votes == ["cost_of_delay", None]
    assert "1 of 2 teams in · 3 phones" in vote.status()
    demo.shot()  # who has voted, with the phone counts; never what
    owls.vote("match")
    pump_until(app, lambda: vote.all_in)
    demo.press("return")  # Enter reveals
    reveal = app.scenes.top
    assert reveal.name == "workshop-reveal"
    assert reveal.decision.votes == ("cost_of_delay", "match")
    state = owls.wait_for(lambda s: s["phase"] == "revealed")
    assert state["reveal"]["points"] == -3 and state["leaderboard"][0]["name"] == "Falcons"
    demo.shot()

    port = int(link.url.rsplit(":", 1)[1].strip("/"))
    demo.press("escape")
    demo.press("escape")  # leave the round: the server stops
    assert app.scenes.top is setup and setup.round is None
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass


def test_a_port_in_use_is_said_on_the_setup(projector):
    app, demo, setup = projector
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        setup.port = taken.getsockname()[1]
        demo.press("return")
        assert app.scenes.top is setup
        assert "Pick another" in app.toast_text
