"""The progress file: where it lives, its schema and migrations, and what to do when it is bad.

One SQLite file in WAL mode, so two windows can share it: readers never wait for the
writer, and writers queue behind a busy timeout instead of failing. `synchronous=FULL`
makes every committed decision survive a power cut, not only a crash.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

FILE_NAME = "salesplay.db"
APPLICATION_ID = 0x53504C59  # "SPLY": tells our file apart from any other SQLite file
SCHEMA_VERSION = 4
BUSY_TIMEOUT_MS = 5000

# Each entry takes the schema from version i to i + 1, run in one transaction.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE players (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL  -- JSON
    );
    CREATE TABLE scenarios (
        sha256 TEXT PRIMARY KEY,  -- one row per version of a scenario file
        scenario_id TEXT NOT NULL,
        title TEXT NOT NULL,
        start TEXT NOT NULL,
        analysed INTEGER NOT NULL DEFAULT 0,
        best INTEGER,  -- best and worst reachable scores, for the Leadership Index
        worst INTEGER
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        player_id INTEGER NOT NULL REFERENCES players(id),
        scenario_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        mode TEXT NOT NULL,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        ended_at TEXT,
        node TEXT NOT NULL,
        choices TEXT NOT NULL DEFAULT '[]',  -- JSON copy of the decisions' choices, for speed
        score INTEGER NOT NULL DEFAULT 0,
        tags TEXT NOT NULL DEFAULT '{}',
        ending TEXT,
        result TEXT,
        leadership INTEGER
    );
    CREATE INDEX runs_by_player ON runs(player_id, ended_at);
    CREATE TABLE decisions (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,  -- 1 for the first decision of the run
        at TEXT NOT NULL,
        node TEXT NOT NULL,
        choice TEXT NOT NULL,
        choice_index INTEGER,
        points INTEGER NOT NULL,
        tags TEXT NOT NULL,
        target TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
    ) WITHOUT ROWID;
    """,
    # 2: attempts carry the seed of their choice order and where a replay branched off;
    # decisions keep what the rep typed; workshop rounds are kept decision by decision.
    """
    ALTER TABLE runs ADD COLUMN seed INTEGER;
    ALTER TABLE runs ADD COLUMN replay_of INTEGER REFERENCES runs(id) ON DELETE SET NULL;
    ALTER TABLE runs ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE decisions ADD COLUMN typed TEXT;
    ALTER TABLE scenarios ADD COLUMN choices TEXT;  -- JSON: node id -> [[choice id, text], ...]
    CREATE TABLE rounds (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        scenario_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        title TEXT NOT NULL,
        teams TEXT NOT NULL,  -- JSON list of the team names, in team order
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        ended_at TEXT,
        node TEXT NOT NULL,
        path TEXT NOT NULL DEFAULT '[]',  -- JSON: every node the room entered
        ending TEXT,
        result TEXT,
        scores TEXT NOT NULL DEFAULT '[]',  -- JSON: each team's score, in team order
        closed_at TEXT,  -- the facilitator left the round; it is no longer offered to resume
        exported_at TEXT
    );
    CREATE TABLE round_decisions (
        round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        node TEXT NOT NULL,
        choices TEXT NOT NULL,  -- JSON: the visible choice ids, in file order
        votes TEXT NOT NULL,  -- JSON: per team, a choice id or null
        majority TEXT,
        taken TEXT NOT NULL,
        points TEXT NOT NULL,  -- JSON: per team
        PRIMARY KEY (round_id, seq)
    ) WITHOUT ROWID;
    """,
    # 3: which statements each Learning Record Store already has, so a push sends only new ones
    """
    CREATE TABLE lrs_sent (
        endpoint TEXT NOT NULL,  -- the statements resource, without credentials
        statement_id TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        PRIMARY KEY (endpoint, statement_id)
    ) WITHOUT ROWID;
    """,
    # 4: a phones round keeps its room (code, address, port, and each phone's token digest and
    # team), so a resumed round listens where the phones last saw it and knows them again
    """
    ALTER TABLE rounds ADD COLUMN room TEXT;  -- JSON, or NULL for a round without phones
    """,
]
assert len(MIGRATIONS) == SCHEMA_VERSION


class BadFile(Exception):
    """The file is not a progress file we can use; `why` says so in the player's words."""

    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


class Newer(BadFile):
    """A newer Salesplay wrote the file: it is fine, only not ours to change."""


def default_data_dir() -> Path:
    """$SALESPLAY_HOME, else the platform's user data folder."""
    home = os.environ.get("SALESPLAY_HOME")
    if home:
        return Path(home).expanduser()
    import platformdirs  # only needed when no folder was given

    return Path(platformdirs.user_data_dir("salesplay", appauthor=False))


def now() -> str:
    """UTC time, ISO 8601 with milliseconds; sorts as text."""
    t = datetime.now(UTC)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and bring the schema up to date, or raise BadFile / sqlite3.Error."""
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _check_identity(db)
        if db.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise sqlite3.OperationalError("the folder does not allow the WAL journal")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def _check_identity(db: sqlite3.Connection) -> None:
    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        if app_id == 0 and tables == 0:
            return  # a brand-new, empty file: ours to set up
        if app_id != APPLICATION_ID:
            raise BadFile("it belongs to another program")
        if version > SCHEMA_VERSION:
            raise Newer("it was written by a newer version of Salesplay")
        check = db.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise BadFile("it is damaged") from exc
        raise
    if check != "ok":
        raise BadFile("it is damaged")


def is_damage(exc: sqlite3.Error) -> bool:
    """True for errors that mean the file itself is bad (not the folder or the disk)."""
    return getattr(exc, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_CORRUPT")


def migrate(db: sqlite3.Connection) -> None:
    """Apply the missing migrations, each in a write transaction (two windows may race here)."""
    if db.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
        return  # nothing to do, and no need to wait for another window's write
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version >= SCHEMA_VERSION:
                db.execute("COMMIT")
                return
            for statement in _statements(MIGRATIONS[version]):
                db.execute(statement)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return [s for s in out if s]


class MovedAside(NamedTuple):  # not a frozen dataclass: one costs ~1.5 ms to make at import
    path: Path
    why: str


NOTE_PREFIX = "pending-"  # the notes a session leaves beside the file when it cannot save


def notes(folder: Path) -> list[Path]:
    """The notes in `folder`, oldest first (the name starts with the time of the spill).

    Here, not in `journal`: every start looks for them, and only a start that finds some
    needs the journal's code to read them."""
    try:
        return sorted(p for p in folder.glob(NOTE_PREFIX + "*.json") if p.is_file())
    except OSError:
        return []


def move_aside(path: Path, why: str) -> MovedAside:
    """Rename a bad file (and its WAL) to a name no other process can pick; never deletes."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    tag = importlib.import_module("uuid").uuid4().hex[:8]  # only a damaged file needs one
    target = path.with_name(f"{path.stem}-unreadable-{stamp}-{os.getpid()}-{tag}{path.suffix}")
    for extra in ("-wal", "-shm"):
        side = Path(str(path) + extra)
        if side.exists():
            os.replace(side, Path(str(target) + extra))
    os.replace(path, target)
    return MovedAside(target, why)


@contextmanager
def _folder_lock(path: Path) -> Iterator[None]:
    """One process at a time decides about a bad file (POSIX advisory lock, where there is one)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the unique set-aside name still holds
        yield
        return
    fd = os.open(str(path.with_name(path.name + ".lock")), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def set_aside_and_connect(path: Path, bad: BadFile) -> tuple[MovedAside | None, sqlite3.Connection]:
    """Set a bad file aside and start a fresh one, safely against another process doing the same.

    Under a lock, the file is checked again: when another process already set it aside (and
    started a fresh file) this one just opens the fresh file and moves nothing.
    """
    with _folder_lock(path):
        try:
            return None, connect(path)
        except Newer:
            raise
        except BadFile as again:
            moved = move_aside(path, again.why)
        return moved, connect(path)


def open_read_only(path: Path, *, any_version: bool = False) -> sqlite3.Connection | None:
    """Best effort to read an existing file without writing to it."""
    if not path.is_file():
        return None
    db = None
    for flags in ("mode=ro", "immutable=1"):  # immutable when not even the WAL index can be made
        try:
            db = sqlite3.connect(
                f"{path.resolve().as_uri()}?{flags}", uri=True, isolation_level=None
            )
            app, version = (
                db.execute("PRAGMA application_id").fetchone()[0],
                db.execute("PRAGMA user_version").fetchone()[0],
            )
            db.execute("SELECT count(*) FROM runs").fetchone()
        except sqlite3.Error:
            if db is not None:
                db.close()
            db = None
            continue
        if app == APPLICATION_ID and (
            version == SCHEMA_VERSION or (any_version and version > SCHEMA_VERSION)
        ):
            return db
        db.close()
        return None
    return None


def empty_in_memory() -> sqlite3.Connection:
    """A blank store in memory, so reads still work when nothing can be saved."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    migrate(db)
    return db
