"""What the store keeps in memory until it is on disk: one object per run (and per setting set).

Every change updates the in-memory copy first and marks it to be written. Writing an item is
idempotent: it brings the file's copy up to date with the memory's, whatever the file missed,
so a write that failed (busy, full disk) is simply made up by the next one. `snapshot()` is
taken under the store's lock; `write()` runs in a transaction without it, and `committed()`
records what reached the file.
"""

from __future__ import annotations

import importlib
import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from game.store.records import Decision, RunRecord, dumps

if TYPE_CHECKING:  # a field's type only: the play state's module comes with play
    from game.engine.state import Move


def scenario_choices(scenario) -> str:
    """The visible text of every choice, per decision node: what an xAPI interaction lists."""
    return dumps(
        {
            node.id: [[c.id, c.text] for c in node.choices]
            for node in scenario.nodes.values()
            if not node.is_ending
        },
        ensure_ascii=False,
    )


class SavedMove(NamedTuple):  # replaced, never changed; cheaper to make than a dataclass
    move: Move
    at: str
    typed: str | None = None


class RunItem:
    """One attempt: everything needed to write it, even if the file never saw it.

    A plain class with slots, not a dataclass: the window's first frame imports the store,
    and making a slotted dataclass of this size took some 1.5 ms there."""

    __slots__ = (
        "key",
        "uuid",
        "player",
        "scenario_id",
        "sha256",
        "title",
        "start",
        "mode",
        "seed",
        "started_at",
        "node",
        "choices_json",
        "db_id",
        "replay_of",
        "replay_of_id",
        "shared",
        "moves",
        "score",
        "tags",
        "ending",
        "result",
        "updated_at",
        "ended_at",
        "leadership",
        "needs_index",
        "deleted",
        "written",
        "floor",
        "version",
        "scenario",
        "file_tail",
    )

    def __init__(
        self,
        *,
        key: int,  # the id handed to the caller (negative until the file gave one)
        uuid: str,
        player: str,
        scenario_id: str,
        sha256: str,
        title: str,
        start: str,
        mode: str,
        seed: int,
        started_at: str,
        node: str,
        choices_json: str | None = None,  # for the scenarios row; None when loaded from the file
        db_id: int | None = None,
        replay_of: RunItem | None = None,
        replay_of_id: int | None = None,
        shared: int = 0,
        moves: list[SavedMove] | None = None,
        score: int = 0,
        tags: dict[str, int] | None = None,
        ending: str | None = None,
        result: str | None = None,
        updated_at: str = "",
        ended_at: str | None = None,
        leadership: int | None = None,
        needs_index: bool = False,
        deleted: bool = False,
        written: int = 0,  # decisions known to be in the file as they are here
        floor: int = 0,  # lowest decision count a rewind asked for since the last snapshot
        version: int = 0,
        scenario: object = None,  # the Scenario, when this session knows it (for the index)
        file_tail: tuple | None = None,  # (ended_at, replay_of) as the file last took them
    ):
        self.key = key
        self.uuid = uuid
        self.player = player
        self.scenario_id = scenario_id
        self.sha256 = sha256
        self.title = title
        self.start = start
        self.mode = mode
        self.seed = seed
        self.started_at = started_at
        self.node = node
        self.choices_json = choices_json
        self.db_id = db_id
        self.replay_of = replay_of
        self.replay_of_id = replay_of_id
        self.shared = shared
        self.moves = [] if moves is None else moves
        self.score = score
        self.tags = {} if tags is None else tags
        self.ending = ending
        self.result = result
        self.updated_at = updated_at
        self.ended_at = ended_at
        self.leadership = leadership
        self.needs_index = needs_index
        self.deleted = deleted
        self.written = written
        self.floor = floor
        self.version = version
        self.scenario = scenario
        self.file_tail = file_tail

    def __repr__(self) -> str:
        return f"RunItem(key={self.key}, scenario_id={self.scenario_id!r}, node={self.node!r})"

    @property
    def finished(self) -> bool:
        return self.ending is not None

    def changed(self) -> None:
        self.version += 1

    def set_state(self, moves: list[SavedMove], state) -> None:
        keep = 0
        for old, new in zip(self.moves, moves, strict=False):
            if old.move != new.move:
                break
            keep += 1
        self.written = min(self.written, keep)
        self.floor = min(self.floor, keep)
        self.moves = moves
        self.node = state.node
        self.score = state.score
        self.tags = dict(state.tags)
        self.ending = state.ending
        self.result = state.result

    # -- writing ----------------------------------------------------------------

    def snapshot(self) -> dict:
        self.floor = len(self.moves)
        return {
            "version": self.version,
            "written": self.written,
            "count": len(self.moves),
            "new": [(m.move, m.at, m.typed) for m in self.moves[self.written :]],
            "choices": dumps([m.move.choice for m in self.moves]),
            "row": (
                self.node,
                self.score,
                dumps(self.tags),
                self.ending,
                self.result,
                self.updated_at,
                self.ended_at,
                self.leadership,
            ),
            "replay_of": self.replay_of.db_id if self.replay_of is not None else self.replay_of_id,
            "deleted": self.deleted,
            "index": None,
        }

    def write(self, db: sqlite3.Connection, snap: dict) -> None:
        if snap["deleted"]:
            if self.db_id is not None:
                db.execute("DELETE FROM decisions WHERE run_id = ?", (self.db_id,))
                db.execute("DELETE FROM runs WHERE id = ?", (self.db_id,))
            return
        run_id = self.db_id
        if run_id is None:
            run_id = self._insert(db, snap)
        if "bounds" in snap:
            db.execute(
                "UPDATE scenarios SET analysed = 1, best = ?, worst = ? WHERE sha256 = ?"
                " AND analysed = 0",
                (*snap["bounds"], self.sha256),
            )
        written = snap["written"]
        db.execute("DELETE FROM decisions WHERE run_id = ? AND seq > ?", (run_id, written))
        db.executemany(
            "INSERT INTO decisions(run_id, seq, at, node, choice, choice_index, points, tags,"
            " target, typed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    run_id,
                    seq,
                    at,
                    m.node,
                    m.choice,
                    m.index,
                    m.points,
                    dumps(list(m.tags)),
                    m.target,
                    typed,
                )
                for seq, (m, at, typed) in enumerate(snap["new"], written + 1)
            ],
        )
        node, score, tags, ending, result, updated_at, ended_at, leadership = snap["row"]
        if snap["index"] is not None:
            leadership = snap["index"]
        tail = snap["tail"] = (ended_at, snap["replay_of"])
        if tail == self.file_tail and run_id == self.db_id:
            # A decision mid-run: ended_at (in an index) and replay_of (a foreign key) are
            # as the file has them, and setting them anyway rewrites two more pages of the
            # file, which doubles what the commit has to sync.
            db.execute(
                "UPDATE runs SET node = ?, score = ?, tags = ?, choices = ?, ending = ?,"
                " result = ?, updated_at = ?, leadership = ? WHERE id = ?",
                (
                    node,
                    score,
                    tags,
                    snap["choices"],
                    ending,
                    result,
                    updated_at,
                    leadership,
                    run_id,
                ),
            )
        else:
            db.execute(
                "UPDATE runs SET node = ?, score = ?, tags = ?, choices = ?, ending = ?,"
                " result = ?, updated_at = ?, ended_at = ?, leadership = ?, replay_of = ?"
                " WHERE id = ?",
                (
                    node,
                    score,
                    tags,
                    snap["choices"],
                    ending,
                    result,
                    updated_at,
                    ended_at,
                    leadership,
                    snap["replay_of"],
                    run_id,
                ),
            )
        snap["db_id"] = run_id

    def _insert(self, db: sqlite3.Connection, snap: dict) -> int:
        db.execute(
            "INSERT OR IGNORE INTO players(name, created_at) VALUES (?, ?)",
            (self.player, self.started_at),
        )
        db.execute(
            "INSERT OR IGNORE INTO scenarios(sha256, scenario_id, title, start, choices)"
            " VALUES (?, ?, ?, ?, ?)",
            (self.sha256, self.scenario_id, self.title, self.start, self.choices_json),
        )
        if self.choices_json is not None:
            db.execute(
                "UPDATE scenarios SET choices = ? WHERE sha256 = ? AND choices IS NULL",
                (self.choices_json, self.sha256),
            )
        db.execute(
            "INSERT OR IGNORE INTO runs(uuid, player_id, scenario_id, sha256, mode, started_at,"
            " updated_at, node, seed, shared)"
            " SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ? FROM players WHERE name = ?",
            (
                self.uuid,
                self.scenario_id,
                self.sha256,
                self.mode,
                self.started_at,
                self.started_at,
                self.start,
                self.seed,
                self.shared,
                self.player,
            ),
        )
        row = db.execute("SELECT id FROM runs WHERE uuid = ?", (self.uuid,)).fetchone()
        if row is None:  # nothing was inserted, and no error said why: treat it as a failed write
            raise sqlite3.OperationalError("the run's row could not be written; it stays queued")
        run_id = row[0]
        # a write that reached the file but whose answer was lost: start from what is there
        have = db.execute(
            "SELECT coalesce(max(seq), 0) FROM decisions WHERE run_id = ?", (run_id,)
        ).fetchone()[0]
        if have and snap["written"] == 0:
            db.execute("DELETE FROM decisions WHERE run_id = ?", (run_id,))
        return run_id

    def committed(self, snap: dict) -> None:
        if "db_id" in snap:
            self.db_id = snap["db_id"]
        if "tail" in snap:
            self.file_tail = snap["tail"]
        self.written = min(snap["count"], self.floor)
        if snap["index"] is not None:
            self.leadership = snap["index"]
            self.needs_index = False

    # -- reading ----------------------------------------------------------------

    def record(self, run_id: int) -> RunRecord:
        return RunRecord(
            run_id=run_id,
            player=self.player,
            scenario_id=self.scenario_id,
            sha256=self.sha256,
            mode=self.mode,
            started_at=self.started_at,
            ended_at=self.ended_at,
            choices=[m.move.choice for m in self.moves],
            score=self.score,
            ending=self.ending,
            result=self.result,
            tags=dict(self.tags),
            node=self.node,
            title=self.title,
            updated_at=self.updated_at,
            leadership=self.leadership,
            uuid=self.uuid,
            seed=self.seed,
            replay_of=self.replay_of.key if self.replay_of is not None else self.replay_of_id,
            shared=self.shared,
        )

    def decisions(self) -> list[Decision]:
        return [
            Decision(
                n,
                m.at,
                m.move.node,
                m.move.choice,
                m.move.index,
                m.move.points,
                tuple(m.move.tags),
                m.move.target,
                m.typed,
            )
            for n, m in enumerate(self.moves, 1)
        ]


def new_uuid() -> str:
    # uuid is imported with the first new attempt, not with the store: the window's first
    # frame opens the store, and needs no new id.
    return str(importlib.import_module("uuid").uuid4())


class SettingsItem:
    """The settings as this session last saved them.

    A plain class: the window's first frame reads the settings, and a dataclass takes a
    millisecond to make at import."""

    __slots__ = ("rows", "version")

    def __init__(self, rows: list[tuple[str, str]], version: int = 0):
        self.rows = rows
        self.version = version

    def changed(self) -> None:
        self.version += 1

    def snapshot(self) -> dict:
        return {"version": self.version, "rows": list(self.rows)}

    def write(self, db: sqlite3.Connection, snap: dict) -> None:
        db.execute("DELETE FROM settings")
        db.executemany("INSERT INTO settings(key, value) VALUES (?, ?)", snap["rows"])

    def committed(self, snap: dict) -> None:
        pass
