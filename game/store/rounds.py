"""Workshop rounds in the progress file: saved after every decision, resumed after a crash.

A round keeps its teams, every decision (each team's vote, what the votes picked, the path the
room took, so overrides show), where the room stands and each team's score. It is written the
same way attempts are (kept in memory first, written idempotently, retried), so a killed
window loses at most the decision being voted on.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from game.content.model import Scenario
from game.engine.workshop import Workshop
from game.errors import MoveError, SaveError
from game.store import database
from game.store.items import new_uuid, scenario_choices


@dataclass(frozen=True, slots=True)
class RoundDecision:
    seq: int
    at: str
    node: str
    choices: tuple[str, ...]
    votes: tuple[str | None, ...]  # per team, in team order
    majority: str | None
    taken: str

    points: tuple[int, ...] = ()

    @property
    def overridden(self) -> bool:
        return self.taken != self.majority


@dataclass(frozen=True, slots=True)
class RoundRecord:
    round_id: int
    uuid: str
    scenario_id: str
    sha256: str
    title: str
    teams: tuple[str, ...]
    started_at: str
    updated_at: str
    ended_at: str | None
    node: str
    path: tuple[str, ...]
    ending: str | None
    result: str | None
    scores: tuple[int, ...]
    closed_at: str | None
    exported_at: str | None
    decisions: tuple[RoundDecision, ...] = field(default=())
    room: dict | None = None  # a phones round's room: code, host, port, key, phones

    @property
    def finished(self) -> bool:
        return self.ending is not None


@dataclass(slots=True)
class RoundItem:
    uuid: str
    scenario_id: str
    sha256: str
    title: str
    start: str
    choices_json: str
    teams: tuple[str, ...]
    started_at: str
    updated_at: str = ""
    ended_at: str | None = None
    node: str = ""
    path: list[str] = field(default_factory=list)
    ending: str | None = None
    result: str | None = None
    scores: list[int] = field(default_factory=list)
    decisions: list[tuple] = field(default_factory=list)  # rows for round_decisions
    closed_at: str | None = None
    exported_at: str | None = None
    room: dict | None = None
    db_id: int | None = None
    version: int = 0

    def changed(self) -> None:
        self.version += 1

    def snapshot(self) -> dict:
        return {
            "version": self.version,
            "row": (
                self.updated_at,
                self.ended_at,
                self.node,
                json.dumps(self.path),
                self.ending,
                self.result,
                json.dumps(self.scores),
                self.closed_at,
                self.exported_at,
                None if self.room is None else json.dumps(self.room, ensure_ascii=False),
            ),
            "decisions": list(self.decisions),
        }

    def write(self, db: sqlite3.Connection, snap: dict) -> None:
        if self.db_id is None:
            db.execute(
                "INSERT OR IGNORE INTO scenarios(sha256, scenario_id, title, start, choices)"
                " VALUES (?, ?, ?, ?, ?)",
                (self.sha256, self.scenario_id, self.title, self.start, self.choices_json),
            )
            db.execute(
                "INSERT OR IGNORE INTO rounds(uuid, scenario_id, sha256, title, teams, started_at,"
                " updated_at, node) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    self.uuid,
                    self.scenario_id,
                    self.sha256,
                    self.title,
                    json.dumps(list(self.teams), ensure_ascii=False),
                    self.started_at,
                    self.started_at,
                    self.start,
                ),
            )
        round_id = db.execute("SELECT id FROM rounds WHERE uuid = ?", (self.uuid,)).fetchone()[0]
        db.execute(
            "UPDATE rounds SET updated_at = ?, ended_at = ?, node = ?, path = ?, ending = ?,"
            " result = ?, scores = ?, closed_at = ?, exported_at = ?, room = ? WHERE id = ?",
            (*snap["row"], round_id),
        )
        db.execute("DELETE FROM round_decisions WHERE round_id = ?", (round_id,))
        db.executemany(
            "INSERT INTO round_decisions(round_id, seq, at, node, choices, votes, majority, taken,"
            " points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(round_id, *row) for row in snap["decisions"]],
        )
        snap["db_id"] = round_id

    def committed(self, snap: dict) -> None:
        self.db_id = snap.get("db_id", self.db_id)


class SavedRound:
    """A workshop round that is saved after every decision. Call `save()` after each change."""

    def __init__(self, store, workshop: Workshop, item: RoundItem | None = None):
        self.store = store
        self.workshop = workshop
        scenario = workshop.scenario
        self.item = item or RoundItem(
            uuid=new_uuid(),
            scenario_id=scenario.id,
            sha256=scenario.sha256,
            title=scenario.title or scenario.id,
            start=scenario.start,
            choices_json=scenario_choices(scenario),
            teams=tuple(workshop.teams),
            started_at=database.now(),
        )
        self._times: dict[int, str] = {
            n: row[1] for n, row in enumerate(self.item.decisions, 1)
        }  # when each decision was first taken, kept across undo and override
        workshop.round_id = self.item.uuid  # exports name the round as the store does

    @property
    def round_id(self) -> int | None:
        return self.item.db_id

    @property
    def exported(self) -> bool:
        """True when the results as they stand now were exported."""
        return self.item.exported_at is not None and self.item.exported_at >= (
            self.item.updated_at or ""
        )

    def times(self) -> list[str]:
        """When each decision of the round was taken, for exports."""
        return [self._times[n] for n in sorted(self._times)]

    def save(self) -> None:
        """Write the round as it stands: teams, votes, overrides, path and scores."""
        w, item, at = self.workshop, self.item, database.now()
        rows = [
            decision_row(d.number, self._times.setdefault(d.number, at), d) for d in w.decisions
        ]
        for n in [n for n in self._times if n > len(w.decisions)]:
            del self._times[n]  # an undone decision gets a new time when voted again
        state = w.state
        with self.store._lock:
            item.decisions = rows
            item.updated_at = at
            item.node = state.node
            item.path = list(state.path)
            item.ending, item.result = state.ending, state.result
            item.scores = [w.team_score(i) for i in range(len(w.teams))]
            item.ended_at = at if state.finished and item.ended_at is None else item.ended_at
            if not state.finished:
                item.ended_at = None
        self.store.mark(item)

    def close(self) -> None:
        """The facilitator left the round: it is kept, and no longer offered to resume."""
        with self.store._lock:
            self.item.closed_at = database.now()
        self.store.mark(self.item)

    def keep_room(self, room: dict) -> None:
        """Remember the phones' room (code, address, port, token digests and teams) for resume.

        Only digests of the phones' tokens are kept, never the tokens: enough to know a phone
        again, useless to anyone reading the file.
        """
        with self.store._lock:
            self.item.room = room
        self.store.mark(self.item)

    @property
    def room(self) -> dict | None:
        return self.item.room

    def mark_exported(self) -> None:
        with self.store._lock:
            self.item.exported_at = max(database.now(), self.item.updated_at or "")
        self.store.mark(self.item)


def decision_row(seq: int, at: str, d) -> tuple:
    """A round_decisions row (without the round id) from an engine or a saved decision."""
    return (
        seq,
        at,
        d.node,
        json.dumps(list(d.choices)),
        json.dumps(list(d.votes)),
        d.majority,
        d.taken,
        json.dumps(list(d.points)),
    )


def start_round(store, workshop: Workshop) -> SavedRound:
    """Begin saving `workshop` (before its first vote)."""
    saved = SavedRound(store, workshop)
    saved.save()
    return saved


ROUND_COLUMNS = (
    "id, uuid, scenario_id, sha256, title, teams, started_at, updated_at, ended_at, node, path,"
    " ending, result, scores, closed_at, exported_at, room"
)


def rounds(store, *, open_only: bool = False, finished_only: bool = False) -> list[RoundRecord]:
    """Saved rounds with at least one decision, oldest first."""
    sql = f"SELECT {ROUND_COLUMNS} FROM rounds r WHERE EXISTS"
    sql += " (SELECT 1 FROM round_decisions d WHERE d.round_id = r.id)"
    if open_only:
        sql += " AND ended_at IS NULL AND closed_at IS NULL"
    if finished_only:
        sql += " AND ending IS NOT NULL"
    rows = store.query(sql + " ORDER BY started_at, id")
    decisions: dict[int, list[RoundDecision]] = {}
    for r in store.query(
        "SELECT round_id, seq, at, node, choices, votes, majority, taken, points"
        " FROM round_decisions ORDER BY round_id, seq"
    ):
        decisions.setdefault(r[0], []).append(
            RoundDecision(
                r[1],
                r[2],
                r[3],
                tuple(json.loads(r[4])),
                tuple(json.loads(r[5])),
                r[6],
                r[7],
                tuple(json.loads(r[8])),
            )
        )
    return [
        RoundRecord(
            round_id=r[0],
            uuid=r[1],
            scenario_id=r[2],
            sha256=r[3],
            title=r[4],
            teams=tuple(json.loads(r[5])),
            started_at=r[6],
            updated_at=r[7],
            ended_at=r[8],
            node=r[9],
            path=tuple(json.loads(r[10])),
            ending=r[11],
            result=r[12],
            scores=tuple(json.loads(r[13])),
            closed_at=r[14],
            exported_at=r[15],
            decisions=tuple(decisions.get(r[0], ())),
            room=read_room(r[16]),
        )
        for r in rows
    ]


def read_room(text: str | None) -> dict | None:
    """The saved room, or None when there is none or it cannot be read (the phones join anew)."""
    if not text:
        return None
    try:
        room = json.loads(text)
    except ValueError:
        return None
    return room if isinstance(room, dict) else None


def open_rounds(store, scenario_id: str | None = None) -> list[RoundRecord]:
    """Interrupted rounds (not finished, not left on purpose), the most recent first."""
    with store._lock:  # a round left a moment ago may not be on disk yet
        done = {
            i.uuid
            for i in store._dirty.values()
            if isinstance(i, RoundItem) and (i.closed_at or i.ended_at)
        }
    found = [
        r
        for r in rounds(store, open_only=True)
        if (scenario_id is None or r.scenario_id == scenario_id) and r.uuid not in done
    ]
    return sorted(found, key=lambda r: (r.updated_at, r.round_id), reverse=True)


def resume_round(store, record: RoundRecord, scenario: Scenario) -> SavedRound:
    """The interrupted round, replayed decision by decision, saving on from there."""
    if record.scenario_id != scenario.id:
        raise SaveError(
            f"This round belongs to scenario '{record.scenario_id}', not '{scenario.id}'."
        )
    workshop = Workshop(scenario, record.teams)
    try:
        for d in record.decisions:
            workshop.decide(list(d.votes), override=d.taken if d.overridden else None)
    except MoveError as exc:
        raise SaveError(
            f"The saved round of '{record.title}' no longer fits the scenario file: it has "
            f"changed since ({exc}). Start a new round."
        ) from exc
    item = RoundItem(
        uuid=record.uuid,
        scenario_id=record.scenario_id,
        sha256=record.sha256,
        title=record.title,
        start=scenario.start,
        choices_json=scenario_choices(scenario),
        teams=record.teams,
        started_at=record.started_at,
        updated_at=record.updated_at,
        node=record.node,
        path=list(record.path),
        scores=list(record.scores),
        exported_at=record.exported_at,
        decisions=[decision_row(d.seq, d.at, d) for d in record.decisions],
        room=record.room,
        db_id=record.round_id,
    )
    return SavedRound(store, workshop, item)
