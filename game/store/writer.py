"""Writing to the progress file: one transaction at a time, retried while another window holds it.

A write is a function of a connection, run inside `BEGIN IMMEDIATE ... COMMIT`. When another
process holds the file, SQLite's own busy handler waits a short while; past that we back off
and try again until `retry_seconds` have gone by. Everything else that fails is reported to the
caller as a `WriteFailure` with the reason in the player's words, so nothing is lost silently:
the store keeps what it could not write and tries again at the next chance.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import Any

RETRY_SECONDS = 4.0  # how long a busy store is retried before the write is kept for later
FIRST_PAUSE = 0.02
MAX_PAUSE = 0.5


class WriteFailure(Exception):
    """A write that did not happen. `busy` when another process held the file throughout."""

    def __init__(self, error: sqlite3.Error, *, busy: bool):
        super().__init__(str(error))
        self.error = error
        self.busy = busy


def is_busy(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or (
        "database is locked" in str(exc)
    )


def transaction(
    db: sqlite3.Connection,
    work: Callable[[sqlite3.Connection], Any],
    retry_seconds: float = RETRY_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
) -> Any:
    """Run `work` in one write transaction, retrying a busy file with backoff; or raise WriteFailure."""
    deadline = time.monotonic() + max(0.0, retry_seconds)
    pause = FIRST_PAUSE
    while True:
        try:
            db.execute("BEGIN IMMEDIATE")
            out = work(db)
            db.execute("COMMIT")
            return out
        except sqlite3.Error as exc:
            rollback(db)
            if not is_busy(exc):
                raise WriteFailure(exc, busy=False) from exc
            if time.monotonic() + pause > deadline:
                raise WriteFailure(exc, busy=True) from exc
            sleep(pause)
            pause = min(MAX_PAUSE, pause * 2)


def rollback(db: sqlite3.Connection) -> None:
    try:
        if db.in_transaction:
            db.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # the connection is unusable; the next write reports why
