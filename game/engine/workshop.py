"""Workshop group play: teams vote at each decision and the room follows the majority.

The format's rules: the room takes the choice with the most votes, and a tie goes to the tied
choice that stands first in the node; when no team votes, the buyer's clock runs out (only
where the node has a time limit). Each team earns the points and tags of the choice it voted
for, even when the room went elsewhere; meters and flags follow the room's path; the ending's
points go to every team. On top of that the facilitator may send the room down another path
(the override is recorded) and undo the last decision. The room's moves use `rules`, so a
workshop and a solo run of the same path always agree.
"""

from __future__ import annotations

import csv
import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from game.content.model import COMMODITY_TAGS, LEADERSHIP_TAGS, TIMEOUT, Choice, Node, Scenario
from game.engine import rules
from game.engine.state import PlayState
from game.errors import GameError, MoveError, UsageError

ABSTAIN = "-"  # a team that did not vote
MIN_TEAMS, MAX_TEAMS = 2, 8  # what the setup screen offers; the command line takes any number ≥ 1
EXPORT_COLUMNS = (
    "team",
    "decision",
    "node",
    "choice",
    "points",
    "tags",
    "taken",  # yes when this team's vote is the path the room took
    "path_taken",  # the choice the room took (or timeout), even when no team voted for it
    "round",
    "at",  # when the decision was taken (UTC), else when the results were exported
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision of the room: every team's vote and the path taken."""

    number: int  # 1-based
    node: str
    choices: tuple[str, ...]  # ids of the choices visible then, in file order
    votes: tuple[str | None, ...]  # per team, in team order: a choice id, or None for no vote
    majority: str | None  # what the votes picked (TIMEOUT when nobody voted); None if nothing
    taken: str  # the choice id the room followed, or TIMEOUT
    points: tuple[int, ...]  # per team: the points of the choice it voted for
    before: PlayState = field(repr=False)
    after: PlayState = field(repr=False)

    @property
    def overridden(self) -> bool:
        """True when the facilitator sent the room somewhere the votes did not pick."""
        return self.taken != self.majority

    def count(self, choice_id: str) -> int:
        return sum(1 for v in self.votes if v == choice_id)

    def voters(self, choice_id: str) -> list[int]:
        """Indexes of the teams that voted for `choice_id`, in team order."""
        return [i for i, v in enumerate(self.votes) if v == choice_id]

    @property
    def tied(self) -> tuple[str, ...]:
        """The choices that shared the most votes, in node order, when two or more did (the
        room then took the first of them); empty when one choice led or nobody voted."""
        counts = [self.count(c) for c in self.choices]
        best = max(counts, default=0)
        top = tuple(c for c, n in zip(self.choices, counts, strict=True) if n == best)
        return top if best > 0 and len(top) > 1 else ()

    @property
    def abstained(self) -> list[int]:
        """Indexes of the teams that did not vote (they earn no points and no tags)."""
        return [i for i, v in enumerate(self.votes) if v is None]


@dataclass(frozen=True, slots=True)
class Standing:
    """A team's place on the scoreboard."""

    rank: int  # 1-based; equal scores share a rank (1, 2, 2, 4)
    team: int  # index in team order
    name: str
    score: int
    tags: dict[str, int]
    votes: tuple[str | None, ...]

    @property
    def leadership(self) -> int:
        return sum(n for t, n in self.tags.items() if t in LEADERSHIP_TAGS)

    @property
    def commodity(self) -> int:
        return sum(n for t, n in self.tags.items() if t in COMMODITY_TAGS)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "score": self.score,
            "tags": dict(self.tags),
            "votes": list(self.votes),
        }


def majority(votes: Sequence[str | None], choices: Sequence[Choice]) -> str | None:
    """The choice with the most votes; a tie goes to the tied choice first in the node."""
    counts = {c.id: 0 for c in choices}
    for v in votes:
        if v is not None:
            counts[v] += 1
    best = max(counts.values(), default=0)
    if best == 0:
        return None
    for c in sorted(choices, key=lambda c: c.index):
        if counts[c.id] == best:
            return c.id
    return None


def read_team_names(text: str) -> list[str]:
    """Comma-separated team names, trimmed; every name must be given once."""
    names = [n.strip() for n in text.split(",")]
    if any(not n for n in names):
        raise UsageError(f"Every team needs a name: '{text}' has an empty one.")
    seen: set[str] = set()
    for n in names:
        if n.casefold() in seen:
            raise UsageError(f"Two teams are called '{n}'; give each team its own name.")
        seen.add(n.casefold())
    return names


class Workshop:
    """A room of teams playing one scenario together."""

    def __init__(self, scenario: Scenario, teams: Sequence[str]):
        if not teams:
            raise UsageError("A workshop needs at least one team.")
        self.scenario = scenario
        self.teams = tuple(teams)
        self.start = rules.new_state(scenario)
        self.decisions: list[Decision] = []
        self.round_id = str(uuid.uuid4())  # names the round in exports; a saved round keeps its own

    # ----- where the room stands -------------------------------------------------------
    @property
    def state(self) -> PlayState:
        return self.decisions[-1].after if self.decisions else self.start

    @property
    def finished(self) -> bool:
        return self.state.finished

    @property
    def node(self) -> Node:
        return self.scenario.nodes[self.state.node]

    def choices(self) -> list[Choice]:
        """The choices the room sees now, in file order."""
        return rules.visible_choices(self.scenario, self.state)

    def where(self) -> str:
        """A sentence naming the votes that fit here, for messages."""
        if self.finished:
            return rules.describe_options(self.scenario, self.state)
        listed = ", ".join(f"{i}={c.id}" for i, c in enumerate(self.choices(), 1)) or "none"
        clock = " (a group of only '-' lets its clock run out)" if self.node.timeout else ""
        return f"At node '{self.node.id}' the choices are: {listed}; '-' is no vote{clock}."

    # ----- votes -----------------------------------------------------------------------
    def read_vote(self, team: int, token: str) -> str | None:
        """A team's vote: a position among the visible choices, a choice id, or '-'."""
        if token.strip() == ABSTAIN:
            return None
        try:  # the same reading, and the same reasons, as `run`'s tokens
            return rules.read_token(self.scenario, self.state, token, vote=True).id
        except MoveError as exc:
            raise MoveError(
                f"Team '{self.teams[team]}' voted '{token.strip()}': {exc.message}. {self.where()}"
            ) from None

    def read_group(self, text: str) -> list[str | None]:
        """One comma-separated vote per team, in team order."""
        if self.finished:
            raise MoveError(f"Votes '{text}' come after the conversation ended. {self.where()}")
        tokens = text.split(",")
        if len(tokens) != len(self.teams):
            raise MoveError(
                f"Votes '{text}' give {len(tokens)} vote(s) for {len(self.teams)} "
                f"team(s); give one per team, '-' for none. {self.where()}"
            )
        return [self.read_vote(i, t) for i, t in enumerate(tokens)]

    # ----- decisions -------------------------------------------------------------------
    def decide(self, votes: Sequence[str | None], override: str | None = None) -> Decision:
        """Close the vote: the room follows the majority, or the facilitator's `override`."""
        state = self.state
        if state.finished:
            raise MoveError(f"The conversation has already ended. {self.where()}")
        if len(votes) != len(self.teams):
            raise MoveError(f"{len(votes)} vote(s) for {len(self.teams)} team(s). {self.where()}")
        visible = self.choices()
        by_id = {c.id: c for c in visible}
        for team, v in zip(self.teams, votes, strict=True):
            if v is not None and v not in by_id:
                raise MoveError(
                    f"Team '{team}' voted '{v}', which is not a choice here. " + self.where()
                )
        picked = majority(votes, visible)
        node = self.node
        if picked is None and node.timeout is not None:
            picked = TIMEOUT
        taken = picked if override is None else override
        if taken is None:
            raise MoveError(
                f"No team voted, and node '{node.id}' has no time limit to run out. " + self.where()
            )
        if taken == TIMEOUT:
            if node.timeout is None:
                raise MoveError(
                    f"Node '{node.id}' has no time limit, so its clock cannot run out. "
                    + self.where()
                )
            after = rules.time_out(self.scenario, state)
        elif taken in by_id:
            after = rules.choose(self.scenario, state, by_id[taken])
        else:
            raise MoveError(f"The room cannot take '{taken}'. {self.where()}")
        points = tuple(0 if v is None else by_id[v].value for v in votes)
        decision = Decision(
            len(self.decisions) + 1,
            node.id,
            tuple(by_id),
            tuple(votes),
            picked,
            taken,
            points,
            state,
            after,
        )
        self.decisions.append(decision)
        return decision

    def play_group(self, text: str) -> Decision:
        """Read one `--votes` group and decide it."""
        return self.decide(self.read_group(text))

    def override(self, choice_id: str) -> Decision:
        """Send the room down `choice_id` at the last decision instead; the votes stand."""
        if not self.decisions:
            raise MoveError("There is no decision yet to take another path at.")
        last = self.undo()
        try:
            return self.decide(last.votes, override=choice_id)
        except MoveError:
            self.decisions.append(last)  # an override that does not fit changes nothing
            raise

    def undo(self) -> Decision:
        """Take back the last decision: the room stands where it stood before the vote."""
        if not self.decisions:
            raise MoveError("There is no decision to undo.")
        return self.decisions.pop()

    # ----- the scoreboard --------------------------------------------------------------
    def team_score(self, team: int) -> int:
        score = sum(d.points[team] for d in self.decisions)
        ending = self.state.ending
        if ending is not None:
            score += self.scenario.nodes[ending].ending.points
        return score

    def team_tags(self, team: int) -> dict[str, int]:
        tags: dict[str, int] = {}
        for d in self.decisions:
            vote = d.votes[team]
            if vote is None:
                continue
            for t in self.scenario.nodes[d.node].choice(vote).tags:
                tags[t] = tags.get(t, 0) + 1
        return tags

    def standings(self) -> list[Standing]:
        """Teams ranked by score, highest first; equal scores keep team order and share a rank."""
        raw = [(self.team_score(i), i) for i in range(len(self.teams))]
        ordered = sorted(raw, key=lambda s: -s[0])  # sorted() is stable: ties keep team order
        out: list[Standing] = []
        for place, (score, i) in enumerate(ordered, 1):
            rank = out[-1].rank if out and out[-1].score == score else place
            out.append(
                Standing(
                    rank,
                    i,
                    self.teams[i],
                    score,
                    self.team_tags(i),
                    tuple(d.votes[i] for d in self.decisions),
                )
            )
        return out

    def to_dict(self) -> dict:
        """The contract's `workshop --json` object."""
        state = self.state
        return {
            "scenario": self.scenario.id,
            "finished": state.finished,
            "ending": state.ending,
            "result": state.result,
            "path": list(state.path),
            "teams": [s.to_dict() for s in self.standings()],
        }

    # ----- results for the facilitator -------------------------------------------------
    def rows(self) -> list[dict]:
        """One row per team per decision, in decision order then team order."""
        out = []
        for d in self.decisions:
            node = self.scenario.nodes[d.node]
            for i, team in enumerate(self.teams):
                vote = d.votes[i]
                tags = node.choice(vote).tags if vote is not None else ()
                out.append(
                    {
                        "team": team,
                        "decision": d.number,
                        "node": d.node,
                        "choice": vote,
                        "points": d.points[i],
                        "tags": list(tags),
                        "taken": vote is not None and vote == d.taken,
                    }
                )
        return out

    def results(self) -> dict:
        """Everything the export holds: the contract's object, the overrides, and the rows."""
        out = self.to_dict()
        out["title"] = self.scenario.title
        out["overrides"] = [
            {"decision": d.number, "node": d.node, "votes_picked": d.majority, "taken": d.taken}
            for d in self.decisions
            if d.overridden
        ]
        out["decisions"] = self.rows()
        return out


def csv_safe(value):
    """A text cell a spreadsheet would run as a formula (=, +, -, @) is written with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def free_stem(folder: Path, stem: str, suffixes: Sequence[str]) -> str:
    """`stem`, or `stem-2`, `stem-3`... : the first name no earlier export has taken."""
    n, candidate = 1, stem
    while any((folder / f"{candidate}{s}").exists() for s in suffixes):
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def export_results(
    workshop: Workshop,
    folder: str | os.PathLike,
    times: Sequence[str] = (),
    now: str = "",
) -> tuple[Path, Path]:
    """Write the results as CSV and JSON into `folder` (created if need be); returns both paths.

    Earlier exports are never overwritten: a taken name gets a number (`-2`, `-3`...).
    `times` are the decisions' times (UTC, ISO 8601); `now` stands in for missing ones.
    """
    where = Path(folder).expanduser()
    now = now or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        where.mkdir(parents=True, exist_ok=True)
        for _ in range(100):  # another export may take the same name between check and open
            stem = free_stem(where, f"workshop-{workshop.scenario.id}", (".csv", ".json"))
            csv_path, json_path = where / f"{stem}.csv", where / f"{stem}.json"
            try:
                csv_file = open(csv_path, "x", newline="", encoding="utf-8")  # noqa: SIM115
            except FileExistsError:
                continue
            break
        taken = {d.number: d.taken for d in workshop.decisions}
        with csv_file as f:
            writer = csv.writer(f)
            writer.writerow(EXPORT_COLUMNS)
            for r in workshop.rows():
                n = r["decision"]
                writer.writerow(
                    [
                        csv_safe(v)
                        for v in (
                            r["team"],
                            n,
                            r["node"],
                            r["choice"] or "",
                            r["points"],
                            " ".join(r["tags"]),
                            "yes" if r["taken"] else "no",
                            taken[n],
                            workshop.round_id,
                            times[n - 1] if n <= len(times) else now,
                        )
                    ]
                )
        with open(json_path, "x", encoding="utf-8") as f:
            results = workshop.results()
            results["round"] = workshop.round_id
            json.dump(results, f, ensure_ascii=False, indent=2)
            f.write("\n")
    except OSError as exc:
        raise GameError(
            f"The results could not be written to {where}: {exc.strerror or exc}"
        ) from exc
    return csv_path, json_path


@dataclass(slots=True)
class DiscussionTimer:
    """The room's discussion clock: pause it, add time, or end it now. 0 seconds means none."""

    seconds: int = 90
    left_ms: int = 0
    running: bool = False
    ended: bool = False
    added: int = 0  # seconds the facilitator added since the clock last started
    extra_ms: int = 0  # what is left of the added time; it is spent before the set time

    def __post_init__(self):
        self.restart()

    @property
    def unlimited(self) -> bool:
        return self.seconds <= 0

    @property
    def left_seconds(self) -> int:
        return -(-self.left_ms // 1000)  # round up: "0:01" shows until the very end

    @property
    def total_ms(self) -> int:
        """The whole time this decision has had: the set time plus what was added."""
        return max(0, self.seconds + self.added) * 1000

    @property
    def fraction(self) -> float:
        """The share of the whole time still left (added time widens the whole)."""
        return max(0.0, min(1.0, self.left_ms / max(1, self.total_ms)))

    @property
    def extra_fraction(self) -> float:
        """The share of the whole that is added time not yet spent (added time goes first)."""
        return max(0.0, min(1.0, self.extra_ms / max(1, self.total_ms)))

    def restart(self) -> None:
        self.left_ms = max(0, self.seconds) * 1000
        self.running = not self.unlimited
        self.ended = False
        self.added = self.extra_ms = 0

    def toggle(self) -> None:
        if not self.unlimited and not self.ended:
            self.running = not self.running

    def add(self, seconds: int = 30) -> None:
        """More time for the room; a clock that had run out starts again."""
        if self.unlimited:
            return
        self.left_ms += seconds * 1000
        self.added += seconds  # the ring re-scales to the new whole and says what was added
        self.extra_ms += seconds * 1000
        if self.ended:
            self.ended, self.running = False, True

    def end_now(self) -> None:
        self.left_ms, self.running, self.ended, self.extra_ms = 0, False, True, 0

    def tick(self, dt_ms: int) -> bool:
        """Advance the clock; True exactly when it runs out on this tick."""
        if not self.running or self.ended:
            return False
        self.left_ms = max(0, self.left_ms - dt_ms)
        self.extra_ms = max(0, min(self.left_ms, self.extra_ms - dt_ms))
        if self.left_ms == 0:
            self.running, self.ended = False, True
            return True
        return False
