"""The standings and the discussion clock as the phones get them: rank changes between
decisions (new, up, down), and a clock the phones count down from, set again when the
facilitator pauses, resumes or adds time."""

from __future__ import annotations

from game.engine.workshop import DiscussionTimer, Workshop
from game.server.room import VOTING, PhoneRoom
from game.server.view import leaderboard, timing, voting_view
from tests.server.conftest import spec_scenario
from tests.server.test_server_room import Clock


def three_teams():
    return Workshop(spec_scenario(), ["Falcons", "Owls", "Hawks"])


def board(entries):
    return [(e["rank"], e["name"], e["score"], e["change"], e["new"]) for e in entries]


def test_the_first_standings_are_new_and_later_ones_say_who_rose_and_fell():
    w = three_teams()
    w.decide(["match", "cost_of_delay", "cost_of_delay"])
    assert board(leaderboard(w, 0)) == [
        (1, "Owls", 5, 0, True),
        (1, "Hawks", 5, 0, True),
        (3, "Falcons", -3, 0, True),
    ]
    w.decide(["c1", "c2", None])  # design for zero, a discount, no vote; then the ending
    assert board(leaderboard(w, 1)) == [
        (1, "Hawks", 10, 0, False),  # shared first before, first alone now
        (2, "Falcons", 7, 1, False),  # ▲1
        (3, "Owls", 5, -2, False),  # ▼2
    ]


def test_a_phone_counts_down_from_what_is_left_when_it_asks():
    clock = Clock()
    room = PhoneRoom(("Falcons", "Owls"), clock=clock)
    w = three_teams()
    room.publish(voting_view(w, 1, timing(90, 60_000, running=True)))
    assert room.timer() == {"seconds": 90, "left": 60, "left_ms": 60_000, "running": True}
    clock.now += 12.5  # a phone that asks later still agrees with the projector
    assert room.timer() == {"seconds": 90, "left": 48, "left_ms": 47_500, "running": True}
    clock.now += 100
    assert room.timer()["left_ms"] == 0 and not room.timer()["running"]
    room.publish(voting_view(w, 1, timing(90, 30_000, running=False)))  # paused
    clock.now += 50
    assert room.timer() == {"seconds": 90, "left": 30, "left_ms": 30_000, "running": False}
    room.publish({**room.view, "phase": "revealed"})  # the clock stops with the reveal
    assert room.timer()["running"] is False
    room.publish(voting_view(w, 2, None))  # no discussion timer: the phones show none
    assert room.timer() is None


def test_the_phone_state_carries_the_clock_as_it_stands():
    clock = Clock()
    room = PhoneRoom(("Falcons", "Owls"), clock=clock)
    room.publish(voting_view(three_teams(), 1, timing(45)))
    token, _ = room.join(room.code, "Owls", "10.0.0.2")
    clock.now += 5
    state = room.state(*room.phone(f"Bearer {token}"))
    assert state["phase"] == VOTING
    assert state["timer"] == {"seconds": 45, "left": 40, "left_ms": 40_000, "running": True}


class Published(list):
    def __call__(self, view):
        self.append(view)


def link_with(clock):
    from game.ui.workshop.phones import PhoneLink

    link = PhoneLink(["Falcons", "Owls"], clock=clock)
    sent = Published()
    link.server.publish = sent
    return link, sent


def test_pause_resume_and_more_time_on_the_laptop_reach_the_phones():
    clock = Clock()
    link, sent = link_with(clock)
    w, timer = three_teams(), DiscussionTimer(90)
    link.open_vote(w, timer.seconds)
    assert sent[-1]["timer"] == {"seconds": 90, "left_ms": 90_000, "running": True}
    clock.now += 10
    timer.tick(10_000)
    assert not link.sync_timer(timer)  # a clock that runs as told is not sent again
    timer.toggle()  # Space: paused
    assert link.sync_timer(timer)
    assert sent[-1]["timer"] == {"seconds": 90, "left_ms": 80_000, "running": False}
    assert sent[-1]["ballot"] == 1 and sent[-1]["choices"]  # the same ballot: votes stand
    clock.now += 30
    assert not link.sync_timer(timer)  # paused: nothing to send however long it waits
    timer.toggle()
    assert link.sync_timer(timer) and sent[-1]["timer"]["running"] is True
    timer.add(30)  # +30 s
    assert link.sync_timer(timer)
    assert sent[-1]["timer"] == {"seconds": 90, "left_ms": 110_000, "running": True}
    count = len(sent)
    w.decide(["match", "match", "match"])
    link.revealed(w)
    assert len(sent) == count + 1 and sent[-1]["phase"] == "revealed"
    assert not link.sync_timer(timer)  # the reveal closed the clock


def test_no_discussion_timer_sends_no_clock():
    link, sent = link_with(Clock())
    link.open_vote(three_teams(), 0)
    assert sent[-1]["timer"] is None
    assert not link.sync_timer(DiscussionTimer(0))


def test_the_clock_and_the_phone_number_carry_nothing_of_another_team_s_vote():
    clock = Clock()
    room = PhoneRoom(("Falcons", "Owls"), clock=clock)
    room.publish(voting_view(three_teams(), 1, timing(90)))
    falcon = room.phone(f"Bearer {room.join(room.code, 'Falcons', '10.0.0.1')[0]}")
    owl = room.phone(f"Bearer {room.join(room.code, 'Owls', '10.0.0.2')[0]}")
    before = room.state(*falcon)
    room.vote(*owl, "match")
    assert room.state(*falcon) == before  # the Falcons see exactly what they saw
    assert before["number"] == 1 and room.state(*owl)["number"] == 2
    assert "phones" not in str(before["timer"]) and "key" not in before
