"""The progress store: players, settings and every run, saved after each decision.

`open_store` never raises. When the file is bad it is moved aside and a fresh one is made;
when nothing can be written the store keeps answering (from what it can read, or from
memory) and `saving` is False, so the game plays on and says so.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import sqlite3
import tempfile
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from game.content.model import Scenario
from game.engine.state import Move, PlayState
from game.store import database
from game.store.leadership import leadership_index, score_bounds
from game.store.records import (
    RUN_COLUMNS,
    RUN_FROM,
    Decision,
    RunRecord,
    decision_from_row,
    run_from_row,
)

MODES = ("practice", "assessment", "workshop")
NOT_SAVING = "Progress is not being saved: "


def player_name(name: str) -> str:
    """The name as stored: trimmed, inner spaces collapsed; a blank name becomes 'Player'."""
    return " ".join(str(name).split()) or "Player"


class Store:
    """Saved progress. Use `open_store()` to get one; close it when done."""

    def __init__(
        self, db: sqlite3.Connection, path: Path | None, *, saving: bool, notice: str | None
    ):
        self._db = db
        self.path = path
        self.saving = saving
        self.notice = notice
        self._scenarios: dict[int, Scenario] = {}  # run id -> scenario, for the finish analysis
        self._settings: dict | None = None  # what was saved this session, used when not saving
        self._batch = 0
        self._unsaved_ids = itertools.count(-1, -1)

    # -- plumbing ---------------------------------------------------------------

    def _write(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run `work` in one write transaction; None when not saving. Never raises on a database failure."""
        if not self.saving:
            return None
        if self._batch:
            try:
                return work(self._db)
            except sqlite3.Error as exc:
                self._stop_saving(exc)
                return None
        try:
            self._db.execute("BEGIN IMMEDIATE")
            out = work(self._db)
            self._db.execute("COMMIT")
            return out
        except sqlite3.Error as exc:
            if getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
                # Another window held the file past the busy timeout: skip this write only;
                # the next decision's save writes whatever this one missed.
                with suppress(sqlite3.Error):
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                return None
            self._stop_saving(exc)
            return None

    def _stop_saving(self, exc: sqlite3.Error) -> None:
        try:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the connection is already unusable; reads will come back empty
        self.saving = False
        self.notice = NOT_SAVING + why_not_saving(exc, self.path) + KEEP_PLAYING

    def query(self, sql: str, params: tuple = ()) -> list:
        """Rows of a read-only SQL query (for reports); empty when the file cannot be read."""
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error:
            return []

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group many writes into one transaction (one disk sync), e.g. recording a whole run."""
        if not self.saving or self._batch:
            self._batch += 1
            try:
                yield
            finally:
                self._batch -= 1
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._stop_saving(exc)
            yield
            return
        self._batch = 1
        try:
            yield
        except BaseException:
            self._batch = 0
            if self.saving and self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        self._batch = 0
        if self.saving:
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._stop_saving(exc)

    # -- runs -------------------------------------------------------------------

    def start_run(self, player: str, scenario: Scenario, mode: str) -> int:
        """Begin a run and return its id (negative when nothing is being saved)."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        name, at = player_name(player), database.now()

        def work(db):
            db.execute("INSERT OR IGNORE INTO players(name, created_at) VALUES (?, ?)", (name, at))
            db.execute(
                "INSERT OR IGNORE INTO scenarios(sha256, scenario_id, title, start) VALUES (?, ?, ?, ?)",
                (scenario.sha256, scenario.id, scenario.title, scenario.start),
            )
            cur = db.execute(
                "INSERT INTO runs(uuid, player_id, scenario_id, sha256, mode, started_at, updated_at, node)"
                " SELECT ?, id, ?, ?, ?, ?, ?, ? FROM players WHERE name = ?",
                (
                    str(uuid.uuid4()),
                    scenario.id,
                    scenario.sha256,
                    mode,
                    at,
                    at,
                    scenario.start,
                    name,
                ),
            )
            return cur.lastrowid

        run_id = self._write(work)
        if run_id is None:
            run_id = next(self._unsaved_ids)
        self._scenarios[run_id] = scenario
        return run_id

    def record_play(
        self, player: str, scenario: Scenario, state: PlayState, mode: str = "practice"
    ) -> int:
        """Save a run played in one go (the command line's `run --player`), in one transaction."""
        with self.batch():
            run_id = self.start_run(player, scenario, mode)
            if state.moves:
                self.record_move(run_id, state.moves[-1], state)
            if state.finished:
                self.finish_run(run_id, state)
        return run_id

    def remember_scenario(self, run_id: int, scenario: Scenario) -> None:
        """Tell the store which scenario a resumed run plays, for its Leadership Index."""
        self._scenarios[run_id] = scenario

    def record_move(self, run_id: int, move: Move, state: PlayState) -> None:
        """Autosave: the decision `move` and the state it led to, in one transaction."""
        moves = state.moves if state.moves and state.moves[-1] == move else (*state.moves, move)
        self._write(lambda db: self._save_state(db, run_id, moves, state, database.now()))

    def finish_run(self, run_id: int, state: PlayState) -> None:
        """Save the end of a run, with its Leadership Index when the scenario's range is known."""
        at = database.now()
        best, worst = self._bounds(run_id)
        index = leadership_index(state.score, best, worst) if state.finished else None

        def work(db):
            self._save_state(db, run_id, state.moves, state, at)
            db.execute(
                "UPDATE runs SET ended_at = coalesce(ended_at, ?), leadership = ? WHERE id = ?",
                (at, index, run_id),
            )

        self._write(work)

    def _save_state(
        self, db, run_id: int, moves: tuple[Move, ...], state: PlayState, at: str
    ) -> None:
        # Write whatever decisions the file lacks, so a missed or rewound save heals itself.
        have = db.execute("SELECT coalesce(max(seq), 0) FROM decisions WHERE run_id = ?", (run_id,))
        have = have.fetchone()[0]
        keep = min(have, len(moves) - 1) if moves else 0
        if have > keep:
            db.execute("DELETE FROM decisions WHERE run_id = ? AND seq > ?", (run_id, keep))
        db.executemany(
            "INSERT INTO decisions(run_id, seq, at, node, choice, choice_index, points, tags, target)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    run_id,
                    seq,
                    at,
                    m.node,
                    m.choice,
                    m.index,
                    m.points,
                    json.dumps(list(m.tags)),
                    m.target,
                )
                for seq, m in enumerate(moves[keep:], keep + 1)
            ],
        )
        db.execute(
            "UPDATE runs SET node = ?, score = ?, tags = ?, choices = ?, ending = ?, result = ?,"
            " updated_at = ?, ended_at = CASE WHEN ? IS NULL THEN NULL ELSE coalesce(ended_at, ?) END"
            " WHERE id = ?",
            (
                state.node,
                state.score,
                json.dumps(dict(state.tags)),
                json.dumps([m.choice for m in moves]),
                state.ending,
                state.result,
                at,
                state.ending,
                at,
                run_id,
            ),
        )

    def _bounds(self, run_id: int) -> tuple[int | None, int | None]:
        scenario = self._scenarios.get(run_id)
        if scenario is None or not self.saving:
            return None, None
        rows = self.query(
            "SELECT analysed, best, worst FROM scenarios WHERE sha256 = ?", (scenario.sha256,)
        )
        if rows and rows[0][0]:
            return rows[0][1], rows[0][2]
        best, worst = score_bounds(scenario)  # once per file version, then cached
        self._write(
            lambda db: db.execute(
                "UPDATE scenarios SET analysed = 1, best = ?, worst = ? WHERE sha256 = ?",
                (best, worst, scenario.sha256),
            )
        )
        return best, worst

    def rewind_run(self, run_id: int, keep_moves: int) -> None:
        """Drop every decision after the first `keep_moves`; the run is open again."""
        keep = max(0, int(keep_moves))

        def work(db):
            dropped = db.execute(
                "SELECT node FROM decisions WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT 1",
                (run_id, keep),
            ).fetchone()
            if dropped is None:
                return
            db.execute("DELETE FROM decisions WHERE run_id = ? AND seq > ?", (run_id, keep))
            kept = db.execute(
                "SELECT choice, points, tags FROM decisions WHERE run_id = ? ORDER BY seq",
                (run_id,),
            ).fetchall()
            tags = Counter(t for _, _, t in kept for t in json.loads(t))
            db.execute(
                "UPDATE runs SET node = ?, score = ?, tags = ?, choices = ?, ending = NULL, result = NULL,"
                " ended_at = NULL, leadership = NULL, updated_at = ? WHERE id = ?",
                (
                    dropped[0],
                    sum(p for _, p, _ in kept),
                    json.dumps(dict(tags)),
                    json.dumps([c for c, _, _ in kept]),
                    database.now(),
                    run_id,
                ),
            )

        self._write(work)

    def discard_run(self, run_id: int) -> None:
        """Delete a run the player chose to throw away."""

        def work(db):
            db.execute("DELETE FROM decisions WHERE run_id = ?", (run_id,))
            db.execute("DELETE FROM runs WHERE id = ?", (run_id,))

        self._write(work)
        self._scenarios.pop(run_id, None)

    # -- questions --------------------------------------------------------------

    def run(self, run_id: int) -> RunRecord | None:
        rows = self.query(f"SELECT {RUN_COLUMNS} FROM {RUN_FROM} WHERE r.id = ?", (run_id,))
        return run_from_row(rows[0]) if rows else None

    def resumable_runs(self, player: str) -> list[RunRecord]:
        """Unfinished runs of `player`, the most recently played first."""
        rows = self.query(
            f"SELECT {RUN_COLUMNS} FROM {RUN_FROM} WHERE p.name = ? AND r.ended_at IS NULL"
            " ORDER BY r.updated_at DESC, r.id DESC",
            (player_name(player),),
        )
        return [run_from_row(r) for r in rows]

    def best_scores(self, player: str) -> dict[str, int]:
        """Scenario id -> best score of the player's finished runs."""
        rows = self.query(
            "SELECT r.scenario_id, max(r.score) FROM runs r JOIN players p ON p.id = r.player_id"
            " WHERE p.name = ? AND r.ending IS NOT NULL GROUP BY r.scenario_id",
            (player_name(player),),
        )
        return dict(rows)

    def finished_runs(
        self, player: str | None = None, scenario_id: str | None = None
    ) -> list[RunRecord]:
        """Finished runs, oldest first, optionally of one player and/or one scenario."""
        sql = f"SELECT {RUN_COLUMNS} FROM {RUN_FROM} WHERE r.ending IS NOT NULL"
        params: list = []
        if player is not None:
            sql += " AND p.name = ?"
            params.append(player_name(player))
        if scenario_id is not None:
            sql += " AND r.scenario_id = ?"
            params.append(scenario_id)
        rows = self.query(sql + " ORDER BY r.ended_at, r.id", tuple(params))
        return [run_from_row(r) for r in rows]

    def decisions(self, run_id: int) -> list[Decision]:
        rows = self.query(
            "SELECT seq, at, node, choice, choice_index, points, tags, target FROM decisions"
            " WHERE run_id = ? ORDER BY seq",
            (run_id,),
        )
        return [decision_from_row(r) for r in rows]

    def players(self) -> list[str]:
        return [r[0] for r in self.query("SELECT name FROM players ORDER BY name COLLATE NOCASE")]

    # -- settings ---------------------------------------------------------------

    def load_settings(self) -> dict:
        if self._settings is not None:
            return dict(self._settings)
        out = {}
        for key, value in self.query("SELECT key, value FROM settings"):
            try:
                out[key] = json.loads(value)
            except ValueError:
                continue  # one unreadable setting falls back to its default
        return out

    def save_settings(self, settings: dict) -> None:
        """Replace all settings; values must be JSON-friendly."""
        rows = [(str(k), json.dumps(v)) for k, v in settings.items()]
        self._settings = dict(settings)

        def work(db):
            db.execute("DELETE FROM settings")
            db.executemany("INSERT INTO settings(key, value) VALUES (?, ?)", rows)

        self._write(work)

    # -- lifetime ---------------------------------------------------------------

    def close(self) -> None:
        with suppress(sqlite3.Error):
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


KEEP_PLAYING = " You can keep playing, but what you play from now on will not be kept."


def why_not_saving(exc: BaseException, path: Path | None) -> str:
    """The reason, in the player's words."""
    folder = path.parent if path else None
    name = getattr(exc, "sqlite_errorname", "")
    text = str(exc).lower()
    probed = probe_folder(folder) if folder else None
    if probed == "full" or name == "SQLITE_FULL" or getattr(exc, "errno", None) in FULL_ERRNOS:
        return f"the disk that holds {folder} is full. Free some space and restart the game."
    if (
        probed == "read-only"
        or name.startswith("SQLITE_READONLY")
        or isinstance(exc, PermissionError)
    ):
        return (
            f"the folder {folder} cannot be written to. Choose another folder with --data-dir "
            "or SALESPLAY_HOME."
        )
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return f"the progress file in {folder} could not be opened. Check that the folder exists and is writable."
    return f"the progress file in {folder} could not be written ({exc})."


FULL_ERRNOS = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
READ_ONLY_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)


def probe_folder(folder: Path) -> str | None:
    """Write one byte to a scratch file to learn why saving failed: "read-only", "full" or None."""
    try:
        fd, name = tempfile.mkstemp(prefix=".salesplay-probe-", dir=folder)
    except OSError as exc:
        return (
            "read-only"
            if exc.errno in READ_ONLY_ERRNOS
            else "full"
            if exc.errno in FULL_ERRNOS
            else None
        )
    try:
        os.write(fd, b"x")
        os.fsync(fd)
    except OSError as exc:
        return "full" if exc.errno in FULL_ERRNOS else None
    finally:
        os.close(fd)
        os.unlink(name)
    return None


def open_store(data_dir: str | Path | None = None) -> Store:
    """The store in `data_dir`, else $SALESPLAY_HOME, else the user data folder. Never raises."""
    path: Path | None = None
    moved = None
    try:
        folder = Path(data_dir).expanduser() if data_dir else database.default_data_dir()
        path = folder / database.FILE_NAME
        folder.mkdir(parents=True, exist_ok=True)
        try:
            db = database.connect(path)
        except database.BadFile as bad:
            moved = database.move_aside(path, bad.why)
            db = database.connect(path)
    except (OSError, sqlite3.Error, database.BadFile) as exc:
        notice = NOT_SAVING + why_not_saving(exc, path) + KEEP_PLAYING
        if moved is not None:
            notice = moved_notice(moved) + " " + notice
        db = (path and database.open_read_only(path)) or database.empty_in_memory()
        return Store(db, path, saving=False, notice=notice)
    return Store(db, path, saving=True, notice=moved_notice(moved) if moved else None)


def moved_notice(moved: database.MovedAside) -> str:
    return (
        f"Your progress file could not be used because {moved.why}. It was kept as "
        f"{moved.path.name} in {moved.path.parent}, and a fresh one was started. "
        "Your earlier runs are still in the kept file."
    )
