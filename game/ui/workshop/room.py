"""The room as the screens see it: the engine's `Workshop`, team colours, vote keys and timer.

No pygame here, so the key layout and the setup's choices can be tested on their own.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field

from game.content.model import Scenario
from game.engine.workshop import DiscussionTimer, Workshop

# Bright on the dark stage and apart from each other; every chip also carries the team's name,
# so colour never has to carry a meaning alone.
TEAM_COLOURS = (
    ("Amber", (242, 170, 52)),
    ("Sky", (92, 182, 240)),
    ("Green", (70, 196, 128)),
    ("Rose", (236, 120, 172)),
    ("Lemon", (236, 226, 84)),
    ("Violet", (172, 146, 246)),
    ("Coral", (240, 110, 80)),
    ("Silver", (206, 212, 222)),
)
DEFAULT_NAMES = ("Falcons", "Owls", "Hawks", "Kestrels", "Herons", "Ravens", "Swifts", "Wrens")

# One block of keys per team, in the order a shared keyboard lays them out: the first key
# votes for choice 1, the next for choice 2, and so on.
KEY_BLOCKS = ("123456", "qwerty", "asdfgh", "zxcvbn", "7890-=", "uiop[]", "jkl;'\\", "m,./")
TIMER_STEPS = (0, 30, 45, 60, 90, 120, 180, 300)
KEYS, CLICKS, PHONES = "keys", "clicks", "phones"


def most_choices(scenario: Scenario) -> int:
    return max((len(n.choices) for n in scenario.decisions), default=1)


def keys_fit(scenario: Scenario, teams: int) -> bool:
    """True when every team's key block holds a key for each choice the scenario can show."""
    need = most_choices(scenario)
    return teams <= len(KEY_BLOCKS) and all(len(b) >= need for b in KEY_BLOCKS[:teams])


def short_names(names: list[str]) -> list[str]:
    """The shortest beginnings (up to three letters) that tell the teams apart on a vote bar."""
    out = []
    for i, name in enumerate(names):
        others = [n.casefold() for j, n in enumerate(names) if j != i]
        short = name[:3]
        for k in range(1, 4):
            if not any(o.startswith(name[:k].casefold()) for o in others):
                short = name[:k]
                break
        out.append(short[:1].upper() + short[1:])
    return out


@dataclass(slots=True)
class Team:
    name: str
    colour: int  # index into TEAM_COLOURS
    short: str = ""  # the name's shortest distinct beginning, for narrow bar segments

    @property
    def rgb(self) -> tuple[int, int, int]:
        return TEAM_COLOURS[self.colour][1]


@dataclass(slots=True)
class Room:
    """Everything the facilitator chose at setup, and the workshop being played."""

    scenario: Scenario
    teams: list[Team]
    timer_seconds: int = 90
    method: str = KEYS
    workshop: Workshop = field(init=False)
    phones: object = None  # a game.ui.workshop.phones.PhoneLink while phones vote
    timer: DiscussionTimer = field(init=False)
    saved: object = None  # the round in the progress store (game.store.rounds.SavedRound)

    def __post_init__(self):
        if self.method == KEYS and not keys_fit(self.scenario, len(self.teams)):
            self.method = CLICKS
        for team, short in zip(self.teams, short_names([t.name for t in self.teams]), strict=True):
            team.short = short
        self.workshop = Workshop(self.scenario, [t.name for t in self.teams])
        self.timer = DiscussionTimer(self.timer_seconds)

    def save(self) -> None:
        """Keep the round as it stands in the progress store (after every decision)."""
        if self.saved is not None:
            with suppress(Exception):  # the store never stops the room; its banner says why
                self.saved.save()

    def leave(self) -> None:
        """The facilitator left the round on purpose: kept, but not offered to resume."""
        if self.saved is not None:
            with suppress(Exception):
                self.saved.close()

    @property
    def exported(self) -> bool:
        return self.saved is not None and self.saved.exported

    def keys(self, team: int, count: int) -> str:
        """The keys team `team` presses for choices 1..count."""
        return KEY_BLOCKS[team][:count]

    def key_owner(self, char: str, count: int) -> tuple[int, int] | None:
        """(team, 1-based choice position) for a pressed character, or None."""
        char = char.lower()
        for team in range(len(self.teams)):
            pos = self.keys(team, count).find(char)
            if pos >= 0:
                return team, pos + 1
        return None
