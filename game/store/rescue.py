"""Copy the readable runs of a damaged progress file into the fresh one.

The damaged file is read as it is (immutable, never written). Rows are read one at a time, and
a damaged stretch of the table is stepped over, so every run that can still be read is kept.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from pathlib import Path

MAX_SKIPS = 10_000  # unreadable ids stepped over before giving up on a table


def rescue(damaged: Path, db: sqlite3.Connection) -> int:
    """Copy what can be read from `damaged` into `db`; returns how many runs were copied."""
    try:
        src = sqlite3.connect(
            f"{damaged.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None
        )
    except sqlite3.Error:
        return 0
    try:
        players = {r[0]: r for r in _rows(src, "players", ("id", "name", "created_at"))}
        runs = _rows(src, "runs", _columns(src, db, "runs"))
        if not runs:
            return 0
        count = 0
        db.execute("BEGIN IMMEDIATE")
        try:
            for table in ("scenarios", "settings"):
                for row in _rows(src, table, _columns(src, db, table)):
                    _insert(db, table, _columns(src, db, table), row, ignore=True)
            names = _columns(src, db, "runs")
            decision_names = _columns(src, db, "decisions")
            for row in runs:
                record = dict(zip(names, row, strict=True))
                player = players.get(record.pop("player_id"))
                if not isinstance(player, tuple):
                    continue  # whose run it was cannot be read
                old_id = record.pop("id")
                db.execute(
                    "INSERT OR IGNORE INTO players(name, created_at) VALUES (?, ?)", player[1:]
                )
                player_id = db.execute(
                    "SELECT id FROM players WHERE name = ?", (player[1],)
                ).fetchone()[0]
                record["player_id"] = player_id
                record.pop("replay_of", None)  # ids change in the fresh file
                cur = _insert(db, "runs", tuple(record), tuple(record.values()), ignore=True)
                if not cur.rowcount:
                    continue
                new_id = cur.lastrowid
                for d in _decisions(src, decision_names, old_id):
                    d = dict(zip(decision_names, d, strict=True), run_id=new_id)
                    _insert(db, "decisions", tuple(d), tuple(d.values()), ignore=True)
                count += 1
            db.execute("COMMIT")
        except BaseException:
            with suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise
        return count
    except sqlite3.Error:
        return 0
    finally:
        src.close()


def _columns(src, db, table: str) -> tuple[str, ...]:
    """The columns both files have, in the fresh file's order."""
    try:
        old = {r[1] for r in src.execute(f"PRAGMA table_info({table})")}
    except sqlite3.Error:
        return ()
    return tuple(r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] in old)


def _rows(src, table: str, columns: tuple[str, ...]) -> list:
    """Every readable row; a damaged stretch is stepped over by rowid."""
    if not columns:
        return []
    select = f"SELECT rowid, {', '.join(columns)} FROM {table}"
    out, last, skips = [], 0, 0
    while skips < MAX_SKIPS:
        try:
            cursor = src.execute(select + " WHERE rowid > ? ORDER BY rowid", (last,))
            for row in cursor:
                last = row[0]
                out.append(row[1:])
            break
        except sqlite3.Error:
            last += 1
            skips += 1
    return out


def _decisions(src, names: tuple[str, ...], run_id: int) -> list:
    try:
        return src.execute(
            f"SELECT {', '.join(names)} FROM decisions WHERE run_id = ? ORDER BY seq", (run_id,)
        ).fetchall()
    except sqlite3.Error:
        return []  # the run itself (its choices) still resumes and reports


def _insert(db, table: str, names, values, *, ignore: bool):
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    marks = ", ".join("?" for _ in names)
    return db.execute(f"{verb} INTO {table}({', '.join(names)}) VALUES ({marks})", values)
