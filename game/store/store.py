"""The progress store: players, settings and every attempt, saved after each decision.

`open_store` never raises. When the file is damaged it is set aside, a fresh one is made and
the readable runs are copied into it; a file from a newer Salesplay is opened read-only; when
nothing can be written the store keeps answering (from what it can read, or from memory) and
`saving` is False, so the game plays on and says so.

Every change is kept in memory first and then written (see `items`). A write that fails
(another process holds the file past the retries, the disk is full) is kept and made up at
the next chance; until then `problem` says why, for a lasting banner. In the window the
writes run on a background thread (`start_background`), so play never waits on the disk.
"""

from __future__ import annotations

import errno
import importlib
import itertools
import os
import random
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from game.content.model import Scenario
from game.store import database, writer
from game.store.items import RunItem, SavedMove, SettingsItem, new_uuid, scenario_choices
from game.store.leadership import leadership_index, score_bounds
from game.store.records import (
    RUN_COLUMNS,
    RUN_FROM,
    Decision,
    RunRecord,
    decision_from_row,
    dumps,
    loads,
    run_from_row,
)

if TYPE_CHECKING:  # what a run's moves are: the module comes with play, or a run read back
    from game.engine.state import Move, PlayState

MODES = ("practice", "assessment", "workshop")
NOT_SAVING = "Progress is not being saved: "
NOT_SAVED_YET = "Progress not saved, retrying: "
RETRY_INTERVAL = 2.0  # seconds between background retries while something is unsaved
SEED_RANGE = 2**31


def _journal():
    """game.store.journal, imported when notes are written or read (or a saved run's moves
    rebuilt): the window's first frame opens the store, and most sessions leave no note."""
    return importlib.import_module("game.store.journal")


def player_name(name: str) -> str:
    """The name as stored: trimmed, inner spaces collapsed; a blank name becomes 'Player'."""
    return " ".join(str(name).split()) or "Player"


class Store:
    """Saved progress. Use `open_store()` to get one; close it when done."""

    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path | None,
        *,
        saving: bool,
        notice: str | None,
        retry_seconds: float = writer.RETRY_SECONDS,
        read_only: bool = False,
    ):
        self._db = db
        self.path = path
        self.saving = saving
        self.notice = notice
        self.read_only = read_only  # opened without writing (a newer version's file)
        self.retry_seconds = retry_seconds
        self.problem = ""  # why something is not on disk yet; "" when everything is
        self.rescued = 0  # runs copied from a damaged file into this one
        self.recovered = 0  # runs written from notes left when a session could not save
        self.spilled: Path | None = None  # the note this session left on closing, if any
        self._notes_waiting = False  # notes found at opening that could not be written yet
        self._lock = threading.RLock()
        self._items: dict[int, RunItem] = {}  # this session's attempts, by every id they had
        self._dirty: dict[int, object] = {}  # what still has to reach the file, oldest first
        self._settings: SettingsItem | None = None
        self._batch = 0
        self._keys = itertools.count(-1, -1)
        self._worker: _Worker | None = None
        self._background = False  # writes go to a worker thread, started with the first write
        self._bounds_cache: dict[str, tuple[int | None, int | None]] = {}
        self.extra_writes: list = []  # other modules' items (workshop rounds) use the same path

    # -- plumbing ---------------------------------------------------------------

    @property
    def unsaved(self) -> int:
        """How many attempts or other items are waiting to be written."""
        with self._lock:
            return len(self._dirty)

    def _mark(self, item) -> None:
        with self._lock:
            item.changed()
            self._dirty.setdefault(id(item), item)
        if self._batch:
            return
        self._flush_soon()

    def mark(self, item) -> None:
        """Queue another module's item (it has snapshot/write/committed) for writing."""
        self._mark(item)

    def _flush_soon(self) -> None:
        if not self.saving:
            return
        with self._lock:  # one worker, whichever thread writes first
            if self._worker is None and self._background:
                self._worker = _Worker(self)
            worker = self._worker
        if worker is not None:
            worker.wake()
        else:
            self.flush()

    def flush(self, db: sqlite3.Connection | None = None) -> bool:
        """Write everything that is waiting, in one transaction. True when nothing is left."""
        if not self.saving:
            return False
        db = db or self._db
        if self._notes_waiting and not self.apply_notes(db):
            return False
        with self._lock:
            items = list(self._dirty.values())
            snaps = [item.snapshot() for item in items]
        if not items:
            return True
        for item, snap in zip(items, snaps, strict=True):
            self._prepare(db, item, snap)  # analysis and reads: outside any transaction
        try:
            writer.transaction(
                db,
                lambda d: [item.write(d, snap) for item, snap in zip(items, snaps, strict=True)],
                self.retry_seconds,
            )
        except writer.WriteFailure as failure:
            with self._lock:
                self.problem = NOT_SAVED_YET + why_not_saving(
                    failure.error, self.path, busy=failure.busy
                )
            return False
        with self._lock:
            for item, snap in zip(items, snaps, strict=True):
                item.committed(snap)
                if isinstance(item, RunItem) and item.db_id is not None:
                    self._items[item.db_id] = item
                if getattr(item, "version", 0) == snap["version"]:
                    self._dirty.pop(id(item), None)
            left = bool(self._dirty)
            if not left:
                self.problem = ""
        return not left

    def discard_unsaved(self) -> None:
        """Give up on what could not be written (the caller has told the user it was not kept)."""
        with self._lock:
            self._dirty.clear()
            self.problem = ""

    def retry(self) -> None:
        """Try again to write what is waiting (the window calls this now and then)."""
        if self._dirty or self._notes_waiting:
            self._flush_soon()

    def apply_notes(self, db: sqlite3.Connection | None = None) -> bool:
        """Write the notes earlier sessions left beside the file (see `journal`), then delete
        them. True when none is left waiting; unreadable ones are set aside with a notice."""
        if not self.saving or self.path is None:
            return False
        done = _journal().apply_all(
            db or self._db,
            self.path.parent,
            self.retry_seconds,
            lambda exc, busy: why_not_saving(exc, self.path, busy=busy),
        )
        with self._lock:
            self.recovered += done.runs
            self._notes_waiting = bool(done.kept)
            if done.kept:
                self.problem = NOT_SAVED_YET + done.problem
            elif not self._dirty:
                self.problem = ""
            if done.set_aside:
                names = ", ".join(p.name for p in done.set_aside)
                aside = (
                    f"A note of progress that could not be saved when Salesplay last closed is "
                    f"damaged and could not be read, so it was kept as {names} in "
                    f"{self.path.parent} and the game went on without it."
                )
                self.notice = f"{self.notice} {aside}" if self.notice else aside
        return not done.kept

    def _prepare(self, db, item, snap) -> None:
        if not isinstance(item, RunItem) or not item.needs_index or snap["deleted"]:
            return
        best, worst = self._bounds(db, item)
        snap["index"] = leadership_index(item.score, best, worst)
        if item.scenario is not None:
            snap["bounds"] = (best, worst)

    def _bounds(self, db, item: RunItem) -> tuple[int | None, int | None]:
        """The scenario's score range: from the file, else measured once (never in a transaction)."""
        if item.sha256 in self._bounds_cache:
            return self._bounds_cache[item.sha256]
        try:
            row = db.execute(
                "SELECT analysed, best, worst FROM scenarios WHERE sha256 = ?", (item.sha256,)
            ).fetchone()
        except sqlite3.Error:
            row = None
        if row and row[0]:
            found = (row[1], row[2])
        elif item.scenario is not None:
            found = score_bounds(item.scenario)  # written with the run (see RunItem.write)
        else:
            return None, None
        self._bounds_cache[item.sha256] = found
        return found

    def query(self, sql: str, params: tuple = ()) -> list:
        """Rows of a read-only SQL query (for reports); empty when the file cannot be read."""
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error:
            return []

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group many changes into one transaction (one disk sync), e.g. recording a whole run."""
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
        if not self._batch:
            self._flush_soon()

    def start_background(self) -> None:
        """Write from a thread of its own from now on, so the caller never waits on the disk.

        The thread (and its own connection) starts with the first write: the window opens the
        store for its first frame, which writes nothing, and a thread connecting beside it
        only competed with that frame."""
        if self.saving and self.path is not None:
            self._background = True

    def wait_saved(self, timeout: float = 5.0) -> bool:
        """Until nothing waits to be written (or `timeout`); True when everything is on disk."""
        if self._worker is None:
            return self.flush() if self.saving else not self._dirty
        return self._worker.wait_idle(timeout)

    # -- attempts ---------------------------------------------------------------

    def _item(self, run_id: int) -> RunItem:
        with self._lock:
            item = self._items.get(run_id)
        if item is not None:
            return item
        item = self._load(run_id)
        if item is None:
            raise KeyError(f"there is no attempt {run_id}")
        with self._lock:
            return self._items.setdefault(run_id, item)

    def _load(self, run_id: int) -> RunItem | None:
        rows = self.query(
            "SELECT r.uuid, p.name, r.scenario_id, r.sha256, coalesce(s.title, r.scenario_id),"
            " coalesce(s.start, r.node), r.mode, coalesce(r.seed, 0), r.started_at, r.node,"
            " r.replay_of, r.shared, r.score, r.tags, r.ending, r.result, r.updated_at,"
            " r.ended_at, r.leadership"
            " FROM runs r JOIN players p ON p.id = r.player_id"
            " LEFT JOIN scenarios s ON s.sha256 = r.sha256 WHERE r.id = ?",
            (run_id,),
        )
        if not rows:
            return None
        r = rows[0]
        move = _journal().move_type()
        moves = [
            SavedMove(move(d.node, d.choice, d.index, d.points, d.tags, d.target), d.at, d.typed)
            for d in self._file_decisions(run_id)
        ]
        return RunItem(
            key=run_id,
            uuid=r[0],
            player=r[1],
            scenario_id=r[2],
            sha256=r[3],
            title=r[4],
            start=r[5],
            mode=r[6],
            seed=r[7],
            started_at=r[8],
            node=r[9],
            db_id=run_id,
            replay_of_id=r[10],
            shared=r[11],
            moves=moves,
            score=r[12],
            tags=loads(r[13]),
            ending=r[14],
            result=r[15],
            updated_at=r[16],
            ended_at=r[17],
            leadership=r[18],
            written=len(moves),
            floor=len(moves),
        )

    def start_run(
        self, player: str, scenario: Scenario, mode: str, *, seed: int | None = None
    ) -> int:
        """Begin an attempt and return its id (negative while it is not on disk).

        `seed` fixes the attempt's choice order; a random one is kept when none is given.
        """
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        at = database.now()
        item = RunItem(
            key=next(self._keys),
            uuid=new_uuid(),
            player=player_name(player),
            scenario_id=scenario.id,
            sha256=scenario.sha256,
            title=scenario.title or scenario.id,
            start=scenario.start,
            mode=mode,
            seed=random.randrange(SEED_RANGE) if seed is None else int(seed),
            started_at=at,
            updated_at=at,
            node=scenario.start,
            choices_json=scenario_choices(scenario),
            scenario=scenario,
        )
        return self._begin(item)

    def _begin(self, item: RunItem) -> int:
        with self._lock:
            self._items[item.key] = item
        self._mark(item)
        with self._lock:
            if item.db_id is not None and self._worker is None:
                self._items[item.db_id] = item
                return item.db_id
        return item.key

    def record_play(
        self,
        player: str,
        scenario: Scenario,
        state: PlayState,
        mode: str = "practice",
        *,
        seed: int | None = None,
    ) -> int:
        """Save a run played in one go (the command line's `run --player`), in one transaction.

        The Leadership Index is measured before the transaction opens. Check `unsaved` after:
        when it is not 0, the run is not on disk and `problem` says why.
        """
        with self.batch():
            run_id = self.start_run(player, scenario, mode, seed=seed)
            if state.moves:
                self.record_move(run_id, state.moves[-1], state)
            if state.finished:
                self.finish_run(run_id, state)
        return self.saved_id(run_id)

    def saved_id(self, run_id: int) -> int:
        """The file's id for an attempt once it is on disk, else `run_id` itself."""
        with self._lock:
            item = self._items.get(run_id)
            return item.db_id if item is not None and item.db_id is not None else run_id

    def remember_scenario(self, run_id: int, scenario: Scenario) -> None:
        """Tell the store which scenario a resumed attempt plays, for its Leadership Index."""
        with suppress(KeyError):
            self._item(run_id).scenario = scenario

    def record_move(
        self, run_id: int, move: Move, state: PlayState, *, typed: str | None = None
    ) -> None:
        """Autosave: the decision `move` and the state it led to.

        `typed` keeps what the rep typed for this decision (recall mode). Decisions the file
        missed are written too, so a failed save heals itself.
        """
        item = self._item(run_id)
        moves = state.moves if state.moves and state.moves[-1] == move else (*state.moves, move)
        at = database.now()
        with self._lock:
            self._refuse_finished(item, moves)
            kept = item.moves
            saved = []
            for n, m in enumerate(moves):
                if n < len(kept) and kept[n].move == m:
                    saved.append(kept[n])
                else:
                    saved.append(SavedMove(m, at, None))
            if typed is not None and saved:
                saved[-1] = SavedMove(saved[-1].move, saved[-1].at, str(typed))
            item.set_state(saved, state)
            item.updated_at = at
            if state.finished and item.ended_at is None:
                item.ended_at = at
        self._mark(item)

    def _refuse_finished(self, item: RunItem, moves) -> None:
        if item.finished and [m.move for m in item.moves] != list(moves):
            raise ValueError(
                f"attempt {item.key} is finished and is kept as it was; "
                "replay it as a new attempt with replay_run()"
            )

    def finish_run(self, run_id: int, state: PlayState) -> None:
        """Save the end of an attempt; its Leadership Index is measured before it is written."""
        item = self._item(run_id)
        if state.moves and (not item.moves or item.moves[-1].move != state.moves[-1]):
            self.record_move(run_id, state.moves[-1], state)
        with self._lock:
            self._refuse_finished(item, state.moves)
            if not state.finished:
                return
            if item.ending is None:
                item.set_state(item.moves, state)
            last = item.moves[-1].at if item.moves else item.started_at
            item.ended_at = max(item.ended_at or database.now(), last)
            item.needs_index = item.leadership is None
        self._mark(item)

    def replay_run(self, run_id: int, state: PlayState) -> int:
        """A new attempt that shares the first decisions of `run_id` (those of `state`).

        The replayed attempt stays exactly as it was. Replaying an assessment is practice.
        """
        source = self._item(run_id)
        keep = len(state.moves)
        with self._lock:
            if [m.move for m in source.moves[:keep]] != list(state.moves):
                raise ValueError(f"the state does not share attempt {run_id}'s first decisions")
            at = database.now()
            item = RunItem(
                key=next(self._keys),
                uuid=new_uuid(),
                player=source.player,
                scenario_id=source.scenario_id,
                sha256=source.sha256,
                title=source.title,
                start=source.start,
                mode="practice" if source.mode == "assessment" else source.mode,
                seed=source.seed,
                started_at=at,
                updated_at=at,
                node=state.node,
                choices_json=source.choices_json,
                replay_of=source,
                shared=keep,
                moves=[SavedMove(m.move, m.at, m.typed) for m in source.moves[:keep]],
                scenario=source.scenario,
            )
            item.set_state(item.moves, state)
        return self._begin(item)

    def rewind_run(self, run_id: int, keep_moves: int) -> None:
        """Drop every decision of an unfinished attempt after the first `keep_moves`."""
        item = self._item(run_id)
        keep = max(0, int(keep_moves))
        with self._lock:
            if keep >= len(item.moves):
                return
            if item.finished:
                raise ValueError(
                    f"attempt {run_id} is finished and is kept as it was; "
                    "replay it as a new attempt with replay_run()"
                )
            dropped = item.moves[keep].move.node
            moves = item.moves[:keep]
            score = sum(m.move.points for m in moves)
            tags: dict[str, int] = {}
            counted = set(item.tags) | {t for m in moves for t in m.move.tags}
            for m in moves:
                for t in m.move.tags:
                    if t in counted:
                        tags[t] = tags.get(t, 0) + 1
            item.written = min(item.written, keep)
            item.floor = min(item.floor, keep)
            item.moves = moves
            item.node, item.score, item.tags = dropped, score, tags
            item.updated_at = database.now()
        self._mark(item)

    def discard_run(self, run_id: int) -> None:
        """Delete an attempt the player chose to throw away."""
        try:
            item = self._item(run_id)
        except KeyError:
            return
        with self._lock:
            item.deleted = True
        self._mark(item)

    # -- questions --------------------------------------------------------------

    def run(self, run_id: int) -> RunRecord | None:
        with self._lock:
            item = self._items.get(run_id)
        if item is not None:
            return None if item.deleted else item.record(item.db_id or run_id)
        rows = self.query(f"SELECT {RUN_COLUMNS} FROM {RUN_FROM} WHERE r.id = ?", (run_id,))
        return run_from_row(rows[0]) if rows else None

    def _with_pending(self, records: list[RunRecord], keep) -> list[RunRecord]:
        """`records` from the file, with this session's not-yet-written changes laid over."""
        if not self.saving:
            return records
        with self._lock:
            pending = [i for i in self._dirty.values() if isinstance(i, RunItem)]
            if not pending:
                return records
            fresh = {i.db_id or i.key: i.record(i.db_id or i.key) for i in pending if not i.deleted}
            gone = {i.db_id for i in pending if i.deleted and i.db_id is not None}
        out = [r for r in records if r.run_id not in fresh and r.run_id not in gone]
        return out + [r for r in fresh.values() if keep(r)]

    def resumable_runs(self, player: str) -> list[RunRecord]:
        """Unfinished attempts of `player` with at least one decision, the most recent first."""
        name = player_name(player)
        rows = self.query(
            f"SELECT {RUN_COLUMNS} FROM {RUN_FROM} WHERE p.name = ? AND r.ended_at IS NULL"
            " AND r.choices != '[]' ORDER BY r.updated_at DESC, r.id DESC",
            (name,),
        )
        found = self._with_pending(
            [run_from_row(r) for r in rows],
            lambda r: r.player == name and r.ended_at is None and bool(r.choices),
        )
        return sorted(found, key=lambda r: (r.updated_at, r.run_id), reverse=True)

    def best_scores(self, player: str) -> dict[str, int]:
        """Scenario id -> best score of the player's finished attempts."""
        out: dict[str, int] = {}
        for r in self.finished_runs(player):
            out[r.scenario_id] = max(out.get(r.scenario_id, r.score), r.score)
        return out

    def finished_runs(
        self, player: str | None = None, scenario_id: str | None = None
    ) -> list[RunRecord]:
        """Finished attempts, oldest first, optionally of one player and/or one scenario."""
        sql = f"SELECT {RUN_COLUMNS} FROM {RUN_FROM} WHERE r.ending IS NOT NULL"
        params: list = []
        if player is not None:
            sql += " AND p.name = ?"
            params.append(player_name(player))
        if scenario_id is not None:
            sql += " AND r.scenario_id = ?"
            params.append(scenario_id)
        rows = self.query(sql + " ORDER BY r.ended_at, r.id", tuple(params))
        name = None if player is None else player_name(player)
        found = self._with_pending(
            [run_from_row(r) for r in rows],
            lambda r: (
                r.ending is not None
                and (name is None or r.player == name)
                and (scenario_id is None or r.scenario_id == scenario_id)
            ),
        )
        return sorted(found, key=lambda r: (r.ended_at or "", r.run_id))

    def decisions(self, run_id: int) -> list[Decision]:
        with self._lock:
            item = self._items.get(run_id)
        if item is not None:
            return [] if item.deleted else item.decisions()
        return self._file_decisions(run_id)

    def _file_decisions(self, run_id: int) -> list[Decision]:
        rows = self.query(
            "SELECT seq, at, node, choice, choice_index, points, tags, target, typed"
            " FROM decisions WHERE run_id = ? ORDER BY seq",
            (run_id,),
        )
        return [decision_from_row(r) for r in rows]

    def players(self) -> list[str]:
        return [r[0] for r in self.query("SELECT name FROM players ORDER BY name COLLATE NOCASE")]

    # -- settings ---------------------------------------------------------------

    def load_settings(self) -> dict:
        if self._settings is not None:
            return {k: loads(v) for k, v in self._settings.rows}
        out = {}
        for key, value in self.query("SELECT key, value FROM settings"):
            try:
                out[key] = loads(value)
            except ValueError:
                continue  # one unreadable setting falls back to its default
        return out

    def save_settings(self, settings: dict) -> None:
        """Replace all settings; values must be JSON-friendly."""
        rows = [(str(k), dumps(v)) for k, v in settings.items()]
        with self._lock:
            if self._settings is None:
                self._settings = SettingsItem(rows)
            else:
                self._settings.rows = rows
        self._mark(self._settings)

    # -- lifetime ---------------------------------------------------------------

    def close(self) -> None:
        """Write what is waiting (a last try); what still cannot be written goes to a note
        beside the file, written again at the next start (see `journal`). Then close."""
        self._background = False
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
        if self.saving and self._dirty and not self.flush():
            self._spill()
        with suppress(sqlite3.Error):
            self._db.close()

    def _spill(self) -> None:
        journal = _journal()
        with self._lock:
            entries = [
                e
                for e in (
                    journal.entry(item, lambda i: self._bounds_cache.get(i.sha256))
                    for item in self._dirty.values()
                )
                if e is not None
            ]
        if not entries or self.path is None:
            return
        try:
            self.spilled = journal.spill(self.path.parent, entries)
        except OSError as exc:
            with self._lock:
                self.problem = NOT_SAVED_YET + why_not_saving(exc, self.path)
            return
        with self._lock:
            self._dirty.clear()
            self.problem = ""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Worker:
    """The background writer: its own connection, woken by each change, retrying while stuck."""

    def __init__(self, store: Store):
        self.store = store
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._stop = False
        self._thread = threading.Thread(target=self._loop, name="salesplay-store", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._idle.clear()
        self._wake.set()

    def _loop(self) -> None:
        try:
            db = database.connect(self.store.path)
            db.execute(f"PRAGMA busy_timeout = {WRITE_BUSY_MS}")
        except (OSError, sqlite3.Error, database.BadFile) as exc:
            with self.store._lock:
                self.store.problem = NOT_SAVED_YET + why_not_saving(exc, self.store.path)
            db = None
        try:
            while True:
                self._wake.wait(RETRY_INTERVAL if self.store.problem else None)
                self._wake.clear()
                if db is None:
                    with suppress(OSError, sqlite3.Error, database.BadFile):
                        db = database.connect(self.store.path)
                        db.execute(f"PRAGMA busy_timeout = {WRITE_BUSY_MS}")
                done = db is not None and self.store.flush(db)
                if done or not self.store.unsaved:
                    self._idle.set()
                if self._stop:
                    return
        finally:
            if db is not None:
                with suppress(sqlite3.Error):
                    db.close()

    def wait_idle(self, timeout: float) -> bool:
        if not self.store.unsaved:
            return True
        self.wake()
        self._idle.wait(timeout)
        return not self.store.unsaved

    def stop(self) -> None:
        self._stop = True
        self._wake.set()
        self._thread.join(timeout=self.store.retry_seconds + 1)


KEEP_PLAYING = " You can keep playing, but what you play from now on will not be kept."


def why_not_saving(exc: BaseException, path: Path | None, *, busy: bool = False) -> str:
    """The reason, in the player's words."""
    folder = path.parent if path else None
    if busy:  # short: it is the window's banner
        return "another Salesplay window kept the progress file busy. It is tried again by itself."
    name = getattr(exc, "sqlite_errorname", "")
    text = str(exc).lower()
    probed = probe_folder(folder) if folder else None
    if probed == "full" or name == "SQLITE_FULL" or getattr(exc, "errno", None) in FULL_ERRNOS:
        return f"the disk that holds {folder} is full. Free some space; saving resumes by itself."
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


def open_store(data_dir: str | Path | None = None, *, retry_seconds: float | None = None) -> Store:
    """The store in `data_dir`, else $SALESPLAY_HOME, else the user data folder. Never raises.

    A busy file is retried for `retry_seconds` (default `writer.RETRY_SECONDS`) per write.
    """
    if retry_seconds is None:
        retry_seconds = writer.RETRY_SECONDS
    path: Path | None = None
    moved = None
    rescued = 0
    try:
        folder = Path(data_dir).expanduser() if data_dir else database.default_data_dir()
        path = folder / database.FILE_NAME
        folder.mkdir(parents=True, exist_ok=True)
        try:
            db = database.connect(path)
        except database.Newer:
            return _read_only_newer(path)
        except database.BadFile as bad:
            moved, db = database.set_aside_and_connect(path, bad)
            if moved is not None:
                rescued = importlib.import_module("game.store.rescue").rescue(moved.path, db)
    except (OSError, sqlite3.Error, database.BadFile) as exc:
        notice = NOT_SAVING + why_not_saving(exc, path) + KEEP_PLAYING
        if moved is not None:
            notice = moved_notice(moved, 0) + " " + notice
        db = (path and database.open_read_only(path)) or database.empty_in_memory()
        return Store(db, path, saving=False, notice=notice)
    db.execute(f"PRAGMA busy_timeout = {WRITE_BUSY_MS}")  # the store retries with backoff
    store = Store(
        db,
        path,
        saving=True,
        notice=moved_notice(moved, rescued) if moved else None,
        retry_seconds=retry_seconds,
    )
    store.rescued = rescued
    if database.notes(folder):
        store.apply_notes()
    return store


WRITE_BUSY_MS = 250


def _read_only_newer(path: Path) -> Store:
    db = database.open_read_only(path, any_version=True) or database.empty_in_memory()
    notice = (
        f"The progress file in {path.parent} was written by a newer version of Salesplay, so "
        "it is opened read-only: your earlier runs show, but nothing you play now is kept. "
        "Update Salesplay to keep saving there, or choose another folder with --data-dir."
    )
    return Store(db, path, saving=False, notice=notice, read_only=True)


def moved_notice(moved: database.MovedAside, rescued: int) -> str:
    kept = (
        f" {rescued} readable run{'s were' if rescued != 1 else ' was'} copied into it."
        if rescued
        else " No run in it could be read."
    )
    return (
        f"Your progress file could not be used because {moved.why}. It was kept as "
        f"{moved.path.name} in {moved.path.parent}, and a fresh one was started.{kept}"
    )
