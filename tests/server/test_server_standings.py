"""A phones round on the projector: after each reveal the standings with each team's rise or
fall, at the end the podium beside the room's path and the leader's; the phones see the same
standings, and their own final rank. Set SALESPLAY_SHOTS=DIR to keep the pictures."""

from __future__ import annotations

import os

import pytest

from game.content.loader import load_scenario
from game.ui.demo import Demo
from game.ui.workshop.room import PHONES
from game.ui.workshop.setup import WorkshopSetup
from game.ui.workshop.standings import change_words
from tests.helpers import SPEC_EXAMPLE
from tests.layout_checks import check_fits
from tests.server.phones import Phone
from tests.server.test_server_projector import pump_until

TEAMS = ["Falcons", "Owls", "Hawks"]


@pytest.fixture(params=[(1920, 1080), (1024, 768)], ids=["1080p", "4x3"])
def projector(request):
    from game.ui.app import App

    scenario = load_scenario(str(SPEC_EXAMPLE)).scenario
    app = App([str(SPEC_EXAMPLE)], size=request.param, use_store=False)
    setup = WorkshopSetup(
        app, [scenario], chosen=scenario, teams=TEAMS, timer=0, method=PHONES, port=0
    )
    app.start(setup)
    app.settings.text_size = 1.0
    app.relayout()
    shots = os.environ.get("SALESPLAY_SHOTS")
    folder = os.path.join(shots, f"{request.param[0]}x{request.param[1]}") if shots else None
    try:
        yield app, Demo(app, folder), setup
    finally:
        setup.stop_phones()
        app.close()


def vote_round(app, phones, votes):
    vote = app.scenes.top
    assert vote.name == "workshop-vote"
    for phone, choice in zip(phones, votes, strict=True):
        phone.wait_for(lambda s: s["phase"] == "voting" and s["choices"])
        status, data, _ = phone.vote(choice)
        assert status == 200, data
    pump_until(app, lambda: vote.all_in)


def test_standings_after_each_reveal_and_a_podium_at_the_end(projector):
    app, demo, _setup = projector
    demo.press("return")
    link = app.scenes.top.link
    phones = [Phone(link.url, link.code, team) for team in TEAMS]
    pump_until(app, lambda: link.counts == [1, 1, 1])
    demo.press("return")

    vote_round(app, phones, ["match", "match", "c3"])  # the feature list costs least
    demo.press("return")
    assert app.scenes.top.name == "workshop-reveal"
    demo.press("return")
    board = app.scenes.top
    assert board.name == "workshop-standings"
    assert [(r.rank, r.name, r.score, change_words(r)) for r in board.rows] == [
        (1, "Hawks", -1, "new"),
        (2, "Falcons", -3, "new"),
        (2, "Owls", -3, "new"),
    ]
    check_fits(app, "standings")
    demo.shot()
    hawks = phones[2].wait_for(lambda s: s["phase"] == "revealed")
    assert [(t["name"], t["new"]) for t in hawks["leaderboard"]][0] == ("Hawks", True)

    demo.press("return")  # the facilitator goes on: the next decision
    vote_round(app, phones, ["c1", "c2", "c2"])  # another 5% off: won on price
    demo.press("return")
    demo.press("return")
    podium = app.scenes.top
    assert podium.name == "workshop-podium"
    assert [(r.rank, r.name, r.score, change_words(r)) for r in podium.rows] == [
        (1, "Falcons", -3, "▲1"),
        (2, "Hawks", -6, "▼1"),
        (3, "Owls", -8, "▼1"),
    ]
    off = podium.departure()
    assert off.number == 1 and off.room == ("opening", "match")
    assert off.leader == ("opening", "cost_of_delay")
    assert podium.cost() == podium.leader.score - (-3 - 3 - 2)  # match, 5% off, won on price
    assert "left the leader's path at decision 1" in podium.summary()
    assert f"cost {podium.cost()} points" in podium.summary()
    check_fits(app, "podium")
    demo.shot()

    owls = phones[1].wait_for(lambda s: s["finished"])
    assert owls["phase"] == "finished" and owls["ending"]["id"] == "won_on_price"
    assert [(t["rank"], t["name"], t["score"], t["change"]) for t in owls["leaderboard"]] == [
        (1, "Falcons", -3, 1),
        (2, "Hawks", -6, -1),
        (3, "Owls", -8, -1),
    ]
    demo.press("return")
    assert app.scenes.top.name == "workshop-scoreboard"


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=["4x3", "1080p"])
def test_a_long_rounds_path_reads_from_the_back_of_the_room(size):
    """Nine decisions, the room off the leader's path: one line each, at the caption size the
    rest of the projector uses (cut with an ellipsis if need be), never shrunk below it."""
    from pathlib import Path

    from game.ui.app import App
    from game.ui.workshop.room import Room, Team
    from game.ui.workshop.standings import PodiumScreen

    path = Path(__file__).resolve().parents[2] / "scenarios" / "just-send-a-proposal.yaml"
    scenario = load_scenario(str(path)).scenario
    app = App([str(path)], size=size, use_store=False)
    app.start()
    try:
        app.settings.text_size = 1.0
        app.relayout()
        room = Room(scenario, [Team(n, i) for i, n in enumerate(TEAMS)], timer_seconds=0)
        while not room.workshop.state.finished:
            listed = room.workshop.choices()
            last = listed[-1].id  # the last listed: rarely the leader's
            room.workshop.decide([last, listed[0].id, last])
        podium = PodiumScreen(app, room)
        assert len(podium.steps) >= 6 and podium.departure() is not None
        app.scenes.push(podium)
        app.relayout()
        app.render()
        caption = podium.look.px("caption")
        assert min(app.kit.sizes_drawn) >= caption
        assert not app.kit.shrunk
        check_fits(app, "long podium")
    finally:
        app.close()
