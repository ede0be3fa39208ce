"""The room the screens share: team keys on one keyboard, short names for the vote bars."""

import subprocess
import sys

import pytest

from game.content.loader import load_scenario
from game.ui.workshop.room import (
    CLICKS,
    KEY_BLOCKS,
    KEYS,
    Room,
    Team,
    keys_fit,
    short_names,
)
from tests.helpers import SPEC_EXAMPLE


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(str(SPEC_EXAMPLE)).scenario


def test_no_key_belongs_to_two_teams():
    keys = "".join(KEY_BLOCKS)
    assert len(keys) == len(set(keys)) and len(KEY_BLOCKS) == 8


def test_each_team_presses_its_own_block(scenario):
    room = Room(scenario, [Team("Falcons", 0), Team("Owls", 1), Team("Hawks", 2)])
    assert [room.keys(i, 3) for i in range(3)] == ["123", "qwe", "asd"]
    assert room.key_owner("W", 3) == (1, 2)
    assert room.key_owner("d", 3) == (2, 3)
    assert room.key_owner("r", 3) is None  # a fourth key where only three choices show
    assert room.key_owner(" ", 3) is None


@pytest.mark.parametrize(
    ("teams", "fits"),
    [(1, True), (4, True), (8, True), (9, False)],
    ids=["one", "four", "eight", "nine-more-than-the-key-blocks"],
)
def test_three_choices_fit_eight_teams_not_nine(scenario, teams, fits):
    assert max(len(n.choices) for n in scenario.decisions) == 3
    assert keys_fit(scenario, teams) is fits


def test_six_choices_leave_the_last_team_without_keys_so_clicks_take_over():
    from pathlib import Path

    six = load_scenario(str(Path(__file__).parent / "scenarios" / "six-ways.yaml")).scenario
    assert keys_fit(six, 7) and not keys_fit(six, 8)
    room = Room(six, [Team(f"T{i}", i) for i in range(8)], method=KEYS)
    assert room.method == CLICKS


@pytest.mark.parametrize(
    ("names", "short"),
    [
        (["Falcons", "Owls"], ["F", "O"]),
        (["Hawks", "Herons", "Hens"], ["Ha", "Her", "Hen"]),
        (["Red", "red team"], ["Red", "Red"]),
    ],
    ids=["distinct", "shared-start", "one-begins-the-other"],
)
def test_short_names_tell_teams_apart(names, short):
    assert short_names(names) == short


def test_the_room_does_not_need_pygame():
    code = "import sys, game.ui.workshop.room; sys.exit('pygame' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
