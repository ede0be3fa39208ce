"""The phones' room without a network: team majorities, ties, tokens, rate limits."""

from __future__ import annotations

import pytest

from game.server.room import (
    RATE_BURST,
    VOTING,
    WRONG_CODES_PER_MIN,
    PhoneRoom,
    Refusal,
    normalise_code,
)

VIEW = {
    "ballot": 1,
    "phase": VOTING,
    "choices": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}],
    "hidden": ["secret"],
}


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def room_with(*teams_of_phones: str, clock=None):
    room = PhoneRoom(("Falcons", "Owls"), clock=clock or Clock())
    room.publish(dict(VIEW))
    phones = []
    for team in teams_of_phones:
        token, _ = room.join(room.code, team, "10.0.0.1")
        phones.append(room.phone(f"Bearer {token}"))
    return room, phones


def test_a_team_vote_is_its_members_majority():
    room, (p1, p2, p3, owl) = room_with("Falcons", "Falcons", "Falcons", "Owls")
    room.vote(*p1, "a")
    room.vote(*p2, "b")
    room.vote(*p3, "b")
    room.vote(*owl, "c")
    assert room.team_vote(0) == "b"
    assert room.team_vote(1) == "c"


def test_a_tie_goes_to_the_choice_whose_standing_vote_came_first():
    room, (p1, p2) = room_with("Falcons", "Falcons")
    assert room.vote(*p1, "c") == (0, "c", 1)
    assert room.vote(*p2, "a") == (0, "c", 2)  # a tie: 'c' was first, whatever the listed order
    assert room.team_vote(0) == "c"
    room.vote(*p1, "b")  # p1 changes: its vote goes to the back of the queue
    assert room.team_vote(0) == "a"


def test_a_new_ballot_clears_every_vote():
    room, (p1,) = room_with("Falcons")
    room.vote(*p1, "a")
    room.publish({**VIEW, "ballot": 2})
    assert room.team_vote(0) is None
    room.publish({**VIEW, "ballot": 2, "timer": {"left": 5}})  # same ballot: votes stand
    room.vote(*p1, "b")
    room.publish({**VIEW, "ballot": 2})
    assert room.team_vote(0) == "b"


def test_a_phone_that_joins_again_moves_instead_of_counting_twice():
    room = PhoneRoom(("Falcons", "Owls"))
    room.publish(dict(VIEW))
    token, _ = room.join(room.code, "Falcons", "x")
    room.vote(*room.phone(f"Bearer {token}"), "a")
    again, team = room.join(room.code, "owls", "x", old_token=token)
    assert team == 1 and room.phone_counts() == [0, 1]
    assert room.team_vote(0) is None
    with pytest.raises(Refusal) as refused:
        room.phone(f"Bearer {token}")
    assert refused.value.status == 403


def test_codes_are_read_loosely_but_must_match():
    room = PhoneRoom(("A", "B"), code="KX7P-M2QD")
    room.check_code(" kx7p m2qd ", "x")
    assert normalise_code("kx7p-m2qd") == "KX7PM2QD"
    with pytest.raises(Refusal) as refused:
        room.check_code("KX7P-M2QE", "x")
    assert refused.value.status == 403


def test_codes_differ_between_rooms():
    codes = {PhoneRoom(("A",)).code for _ in range(50)}
    assert len(codes) == 50
    assert all(len(c) == 9 and c[4] == "-" for c in codes)


def test_an_address_that_keeps_guessing_codes_is_refused_for_a_minute():
    clock = Clock()
    room = PhoneRoom(("A", "B"), clock=clock)
    for _ in range(WRONG_CODES_PER_MIN):
        with pytest.raises(Refusal) as refused:
            room.check_code("AAAA-AAAA", "10.0.0.9")
        assert refused.value.status == 403
    with pytest.raises(Refusal) as refused:
        room.check_code(room.code, "10.0.0.9")  # even the right code, for now
    assert refused.value.status == 429
    room.check_code(room.code, "10.0.0.10")  # another phone is not held up
    clock.now += 61
    room.check_code(room.code, "10.0.0.9")


def test_each_phone_has_its_own_rate_limit():
    clock = Clock()
    room, (p1, p2) = room_with("Falcons", "Owls", clock=clock)
    token1 = next(k for k in room.phones)  # digests only: the tokens themselves are not kept
    assert len(token1) == 64
    _, phone1 = p1
    for _ in range(int(RATE_BURST) - 1):  # joining's first request took one already
        room.spend(phone1)
    with pytest.raises(Refusal) as refused:
        room.spend(phone1)
    assert refused.value.status == 429
    room.spend(p2[1])  # the other phone still gets through
    clock.now += 1
    room.spend(phone1)  # a second later there is room again


@pytest.mark.parametrize(
    ("header", "status"),
    [
        (None, 401),
        ("Basic abc", 401),
        ("Bearer ", 403),
        ("Bearer nodot", 403),
        ("Bearer " + "x" * 500, 403),
    ],
    ids=["missing", "not-bearer", "empty", "malformed", "too-long"],
)
def test_tokens_that_are_not_the_rooms_are_refused(header, status):
    room = PhoneRoom(("A", "B"))
    with pytest.raises(Refusal) as refused:
        room.phone(header)
    assert refused.value.status == status


def test_a_token_of_an_earlier_round_has_expired_and_a_made_up_one_is_forged():
    old = PhoneRoom(("A", "B"))
    token, _ = old.join(old.code, "A", "x")
    new = PhoneRoom(("A", "B"), code=old.code)  # the same room code, a new round
    with pytest.raises(Refusal) as expired:
        new.phone(f"Bearer {token}")
    assert expired.value.status == 401 and "earlier one" in expired.value.message
    forged = f"{new.key}.{'A' * 32}"
    with pytest.raises(Refusal) as refused:
        new.phone(f"Bearer {forged}")
    assert refused.value.status == 403


def test_a_phone_sees_its_own_team_only():
    room, (falcon, owl) = room_with("Falcons", "Owls")
    before = room.state(*falcon)
    room.vote(*owl, "c")
    after = room.state(*falcon)
    assert after == before  # nothing about the Owls' vote reaches a Falcon, not even a version
    assert after["team_vote"] is None and after["mine"] is None and after["voted"] == 0
    assert "hidden" not in after and "secret" not in repr(after)
