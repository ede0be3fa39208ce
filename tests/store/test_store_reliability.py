"""Bad files are kept and replaced, two windows share the file, and a locked folder still plays."""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_scenarios import TRUSTED_ADVISOR, WON_ON_PRICE, procurement_squeeze
from test_store_basics import play

from game.store import open_store
from game.store.database import FILE_NAME, SCHEMA_VERSION

CHILD = Path(__file__).with_name("store_child.py")


def write_text(path: Path) -> None:
    path.write_text("my shopping list\n" * 200)


def write_foreign(path: Path) -> None:
    db = sqlite3.connect(path)
    try:
        db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        db.commit()
    finally:
        db.close()


def write_newer(path: Path) -> None:
    open_store(path.parent).close()
    db = sqlite3.connect(path)
    try:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    finally:
        db.close()


def write_damaged(path: Path) -> None:
    with open_store(path.parent) as store:
        for _ in range(30):
            play(store, "Ana", procurement_squeeze(), TRUSTED_ADVISOR)
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xa5" * 8192  # scribble over table pages, keep the header
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make_bad", "why"),
    [
        (write_text, "it is damaged"),
        (write_foreign, "it belongs to another program"),
    ],
    ids=["not-sqlite", "foreign"],
)
def test_a_bad_file_is_moved_aside_kept_and_replaced(tmp_path, make_bad, why):
    path = tmp_path / FILE_NAME
    make_bad(path)
    before = path.read_bytes()
    with open_store(tmp_path) as store:
        assert store.saving
        assert store.notice and why in store.notice and "fresh one was started" in store.notice
        kept = [p for p in tmp_path.iterdir() if p.name.startswith("salesplay-unreadable-")]
        assert [p.suffix for p in kept] == [".db"]
        assert kept[0].read_bytes() == before
        assert kept[0].name in store.notice
        play(store, "Ana", procurement_squeeze(), WON_ON_PRICE)
    with open_store(tmp_path) as store:
        assert store.notice is None
        assert store.best_scores("Ana") == {"procurement-squeeze": -8}


def test_two_windows_at_once_keep_every_run(tmp_path):
    open_store(tmp_path).close()
    args = [sys.executable, str(CHILD), "window", str(tmp_path)]
    children = [
        subprocess.Popen([*args, ",".join(tokens)], stderr=subprocess.PIPE, text=True)
        for tokens in (TRUSTED_ADVISOR, WON_ON_PRICE)
    ]
    with open_store(tmp_path) as store:  # a third window reads while they write
        while any(c.poll() is None for c in children):
            store.best_scores("Ana")
            store.finished_runs("Ana")
    for c in children:
        c.wait(timeout=60)
        assert c.returncode == 0, c.stderr.read()
        c.stderr.close()
    with open_store(tmp_path) as store:
        runs = store.finished_runs("Ana")
        assert sorted(r.score for r in runs) == [-8] * 50 + [14] * 50
        assert all(len(store.decisions(r.run_id)) == 2 for r in runs)
    db = sqlite3.connect(tmp_path / FILE_NAME)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()


def _without_root_powers():  # pragma: no cover - runs in the child before exec
    """Root ignores folder permissions; drop those powers so a read-only folder is read-only."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
            if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "could not drop root's file powers")


def _with_a_full_disk():  # pragma: no cover - runs in the child before exec
    """Any write that would grow a file fails, as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def run_child_report(data_dir: Path, tokens, preexec) -> dict:
    out = subprocess.run(
        [sys.executable, str(CHILD), "report", str(data_dir), ",".join(tokens)],
        preexec_fn=preexec,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("earlier_runs", [False, True], ids=["empty-folder", "with-earlier-runs"])
@pytest.mark.parametrize(
    ("lock", "reason"),
    [
        ("read-only", "cannot be written to"),
        ("full", "is full"),
    ],
    ids=["read-only", "full"],
)
def test_a_locked_folder_still_plays_and_says_progress_is_not_saved(
    tmp_path, lock, reason, earlier_runs
):
    data = tmp_path / "data"
    data.mkdir()
    if earlier_runs or lock == "full":  # a full disk can still hold an earlier file
        with open_store(data) as store:
            if earlier_runs:
                play(store, "Ana", procurement_squeeze(), WON_ON_PRICE)
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    if lock == "read-only":
        data.chmod(0o555)
    try:
        said = run_child_report(
            data,
            TRUSTED_ADVISOR,
            _without_root_powers if lock == "read-only" else _with_a_full_disk,
        )
    finally:
        data.chmod(0o755)
    assert said["saving"] is False
    assert said["notice"].startswith("Progress is not being saved: ")
    assert reason in said["notice"]
    assert said["score"] == 14 and said["run_id"] < 0
    assert said["settings"] == {"timers": False}  # this session's settings still apply
    if earlier_runs:
        assert said["best"] == {"procurement-squeeze": -8}  # earlier progress still shows
    after = {p.name: p.read_bytes() for p in data.iterdir()}
    assert {name: after[name] for name in before} == before  # nothing written
    assert all(after[name] == b"" for name in after.keys() - before.keys())  # no probe left
    with open_store(data) as store:
        assert store.best_scores("Ana") == ({"procurement-squeeze": -8} if earlier_runs else {})


def test_a_data_dir_that_is_a_file_still_plays(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with open_store(blocker) as store:
        assert store.saving is False
        assert store.notice.startswith("Progress is not being saved: ")
        _, state = play(store, "Ana", procurement_squeeze(), TRUSTED_ADVISOR)
        assert state.score == 14
        assert store.finished_runs() == []


def test_an_empty_file_left_by_an_interrupted_first_start_is_simply_set_up(tmp_path):
    (tmp_path / FILE_NAME).write_bytes(b"")
    with open_store(tmp_path) as store:
        assert store.saving and store.notice is None
        play(store, "Ana", procurement_squeeze(), WON_ON_PRICE)
    assert [p.name for p in tmp_path.iterdir() if "unreadable" in p.name] == []
