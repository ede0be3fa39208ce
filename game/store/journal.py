"""Writes still waiting when Salesplay closes: kept in a small note beside the progress file.

When the progress file cannot take a write as the window closes (the disk is full, another
Salesplay holds the file past the retries), what is still queued is spilled to a note
`pending-<time>-<pid>-<random>.json` in the same folder: written to a temporary file, synced,
then renamed into place, so a note is whole or absent and two spills never share a name.

The next time the store opens (the window or any command), each note is applied in one
transaction and then deleted. Applying is idempotent: a run is found by its own id and
brought to what the note says (never back to an older state than the file's), so a note
applied twice, or by two processes at once, adds nothing twice. A note that cannot be read
is renamed aside with a clear message; it never stops the game. A note that cannot be
written yet stays for the next start.
"""

from __future__ import annotations

import importlib
import json
import os
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from game.store import database, writer
from game.store.database import NOTE_PREFIX as PREFIX
from game.store.database import notes
from game.store.items import RunItem, SavedMove, SettingsItem

FORMAT = "salesplay pending writes"
VERSION = 1


class Unreadable(ValueError):
    """The note is not a whole pending-writes note (cut short, or not ours)."""


@dataclass(frozen=True, slots=True)
class Applied:
    notes: int = 0  # notes applied and deleted
    runs: int = 0  # attempts written from them
    kept: int = 0  # notes left for the next start (the file still cannot be written)
    set_aside: tuple[Path, ...] = ()  # unreadable notes, renamed
    problem: str = ""  # why notes were kept, when some were


# -- spilling -----------------------------------------------------------------------------


def run_entry(item: RunItem, bounds: tuple[int | None, int | None] | None) -> dict:
    replay = item.replay_of
    leadership = item.leadership
    if item.needs_index and bounds is not None:
        from game.store.leadership import leadership_index

        leadership = leadership_index(item.score, *bounds)
    return {
        "kind": "run",
        "uuid": item.uuid,
        "player": item.player,
        "scenario_id": item.scenario_id,
        "sha256": item.sha256,
        "title": item.title,
        "start": item.start,
        "mode": item.mode,
        "seed": item.seed,
        "started_at": item.started_at,
        "node": item.node,
        "choices_json": item.choices_json,
        "replay_of_uuid": replay.uuid if replay is not None else None,
        "replay_of_id": item.replay_of_id if replay is None else None,
        "shared": item.shared,
        "moves": [
            [
                m.move.node,
                m.move.choice,
                m.move.index,
                m.move.points,
                list(m.move.tags),
                m.move.target,
                m.at,
                m.typed,
            ]  # fmt: skip
            for m in item.moves
        ],
        "score": item.score,
        "tags": dict(item.tags),
        "ending": item.ending,
        "result": item.result,
        "updated_at": item.updated_at,
        "ended_at": item.ended_at,
        "leadership": leadership,
        "bounds": list(bounds) if bounds is not None and item.needs_index else None,
        "deleted": item.deleted,
    }


ROUND_FIELDS = (
    "uuid", "scenario_id", "sha256", "title", "start", "choices_json", "teams", "started_at",
    "updated_at", "ended_at", "node", "path", "ending", "result", "scores", "decisions",
    "closed_at", "exported_at",
)  # fmt: skip


def move_type():
    """game.engine.state.Move, imported when a run's moves are first read back: opening
    the store (the library's first frame) does not need the play state's module."""
    return importlib.import_module("game.engine.state").Move


def rounds():
    """The workshop rounds' module (with the workshop rules), imported when a note holds a
    round: opening the store for a solo game does not need it."""
    return importlib.import_module("game.store.rounds")


def entry(item, bounds_of) -> dict | None:
    """What a queued item needs to be written later; None for what need not be kept."""
    if isinstance(item, RunItem):
        if item.deleted and item.db_id is None:
            return None  # thrown away before it ever reached the file
        return run_entry(item, bounds_of(item))
    if isinstance(item, SettingsItem):
        return {"kind": "settings", "rows": [list(r) for r in item.rows]}
    if isinstance(item, rounds().RoundItem):
        out = {name: getattr(item, name) for name in ROUND_FIELDS}
        out["kind"] = "round"
        return out
    return None


def spill(folder: Path, entries: list[dict]) -> Path:
    """Write a note atomically (temporary file, fsync, rename, fsync of the folder)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    name = f"{PREFIX}{stamp}-{os.getpid()}-{uuid.uuid4().hex[:8]}.json"
    target = folder / name
    temp = folder / f".{name}.tmp"
    data = json.dumps(
        {"format": FORMAT, "version": VERSION, "written_at": database.now(), "items": entries},
        ensure_ascii=False,
    ).encode("utf-8")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    sync_folder(folder)
    return target


def sync_folder(folder: Path) -> None:
    """Make a rename or a delete in `folder` durable (where the platform allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows cannot open a folder
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse; the rename still happened
        pass
    finally:
        os.close(fd)


# -- applying -----------------------------------------------------------------------------


def read(path: Path) -> list[dict]:
    """The entries of a note, or Unreadable."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Unreadable(str(exc)) from exc
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("items"), list)
    ):
        raise Unreadable("it is not a note of pending writes")
    if data.get("version", 0) > VERSION:
        raise Unreadable("a newer Salesplay wrote it")
    for item in data["items"]:
        if not isinstance(item, dict) or item.get("kind") not in ("run", "settings", "round"):
            raise Unreadable("an entry in it is not one Salesplay writes")
    return data["items"]


def run_item(e: dict) -> RunItem:
    moves = [
        SavedMove(move_type()(node, choice, index, points, tuple(tags), target), at, typed)
        for node, choice, index, points, tags, target, at, typed in e["moves"]
    ]
    return RunItem(
        key=0,
        uuid=e["uuid"],
        player=e["player"],
        scenario_id=e["scenario_id"],
        sha256=e["sha256"],
        title=e["title"],
        start=e["start"],
        mode=e["mode"],
        seed=e["seed"],
        started_at=e["started_at"],
        node=e["node"],
        choices_json=e["choices_json"],
        replay_of_id=e["replay_of_id"],
        shared=e["shared"],
        moves=moves,
        score=e["score"],
        tags=dict(e["tags"]),
        ending=e["ending"],
        result=e["result"],
        updated_at=e["updated_at"],
        ended_at=e["ended_at"],
        leadership=e["leadership"],
    )


def write_entries(db: sqlite3.Connection, entries: list[dict]) -> int:
    """Bring the file up to the note, inside the caller's transaction; the runs written."""
    runs = 0
    replays = []
    for e in entries:
        if e["kind"] == "settings":
            SettingsItem([tuple(r) for r in e["rows"]]).write(db, {"rows": e["rows"]})
        elif e["kind"] == "round":
            fields = {k: e[k] for k in ROUND_FIELDS}
            fields["teams"] = tuple(fields["teams"])
            fields["decisions"] = [tuple(d) for d in fields["decisions"]]
            item = rounds().RoundItem(**fields)
            item.write(db, item.snapshot())
        elif e["deleted"]:
            found = db.execute("SELECT id FROM runs WHERE uuid = ?", (e["uuid"],)).fetchone()
            if found:
                db.execute("DELETE FROM decisions WHERE run_id = ?", found)
                db.execute("DELETE FROM runs WHERE id = ?", found)
        else:
            have = db.execute("SELECT updated_at FROM runs WHERE uuid = ?", (e["uuid"],)).fetchone()
            if have and have[0] > e["updated_at"]:
                continue  # the file already holds a later state of this attempt
            item = run_item(e)
            snap = item.snapshot()
            snap["written"] = 0  # every decision: the file may hold some, or none
            if e["bounds"] is not None:
                snap["bounds"] = tuple(e["bounds"])
            item.write(db, snap)
            runs += 1
            if e["replay_of_uuid"] is not None:
                replays.append((e["replay_of_uuid"], e["uuid"]))
    for source, replay in replays:  # the source may come later in the note
        db.execute(
            "UPDATE runs SET replay_of = (SELECT id FROM runs WHERE uuid = ?) WHERE uuid = ?",
            (source, replay),
        )
    return runs


def set_aside(path: Path) -> Path:
    target = path.with_name(f"{path.stem}-unreadable-{uuid.uuid4().hex[:8]}.txt")
    os.replace(path, target)
    return target


def apply_all(db: sqlite3.Connection, folder: Path, retry_seconds: float, why) -> Applied:
    """Apply every note in `folder` and delete it; `why(exc, busy)` words a failed write.

    Never raises: when the folder itself refuses (the lock file cannot be made on a full
    disk, a rename is refused), the notes left are kept for the next try.
    """
    found = notes(folder)
    if not found:
        return Applied()
    applied = runs = 0
    aside: list[Path] = []
    problem = ""
    try:
        with database._folder_lock(folder / database.FILE_NAME):  # one process applies a note
            for path in found:
                if not path.exists():
                    continue  # another process applied it while this one waited
                try:
                    entries = read(path)
                except Unreadable:
                    aside.append(set_aside(path))
                    continue
                try:
                    runs += writer.transaction(
                        db, lambda d, e=entries: write_entries(d, e), retry_seconds
                    )
                except writer.WriteFailure as failure:
                    problem = why(failure.error, failure.busy)
                    continue
                except (KeyError, TypeError, ValueError):
                    writer.rollback(db)
                    aside.append(set_aside(path))  # whole JSON, but not entries we can write
                    continue
                path.unlink(missing_ok=True)
                applied += 1
            sync_folder(folder)
    except OSError as exc:
        problem = why(exc, False)
    kept = len(notes(folder))
    return Applied(applied, runs, kept, tuple(aside), problem if kept else "")
