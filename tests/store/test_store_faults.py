"""Faults lose nothing: a busy store is retried, a full disk is caught up, bad files are kept."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading

from store_scenarios import TRUSTED_ADVISOR, WON_ON_PRICE, procurement_squeeze
from test_store_basics import play
from test_store_reliability import write_damaged, write_newer

from game.engine import rules
from game.store import open_store
from game.store.database import FILE_NAME


def file_choices(folder, run_id=None):
    """What is really in the file (not the store's memory)."""
    db = sqlite3.connect(folder / FILE_NAME)
    try:
        sql = "SELECT d.choice FROM decisions d"
        if run_id is not None:
            return [r[0] for r in db.execute(sql + " WHERE run_id = ? ORDER BY seq", (run_id,))]
        return [r[0] for r in db.execute(sql + " ORDER BY run_id, seq")]
    finally:
        db.close()


def file_runs(folder):
    db = sqlite3.connect(folder / FILE_NAME)
    try:
        return db.execute("SELECT score, ending FROM runs ORDER BY id").fetchall()
    finally:
        db.close()


def hold_exclusive(folder):
    other = sqlite3.connect(folder / FILE_NAME, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    return other


def test_a_busy_store_is_retried_and_the_write_goes_through_when_it_frees(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path, retry_seconds=5) as store:
        run_id = store.start_run("Ana", scenario, "practice")
        other = hold_exclusive(tmp_path)
        state = rules.play_token(scenario, rules.new_state(scenario), "match")
        threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
        store.record_move(run_id, state.moves[-1], state)  # waits, backs off, then writes
        other.close()
        assert store.problem == "" and store.unsaved == 0
    assert file_choices(tmp_path, run_id) == ["match"]


def test_a_store_busy_past_its_retries_keeps_the_run_and_writes_it_later(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path, retry_seconds=0.2) as store:
        run_id = store.start_run("Ana", scenario, "practice")
        other = hold_exclusive(tmp_path)
        try:
            state = rules.play_token(scenario, rules.new_state(scenario), "match")
            store.record_move(run_id, state.moves[-1], state)
            assert store.unsaved == 1
            assert store.problem.startswith("Progress not saved, retrying: ")
            assert "busy" in store.problem
            assert [d.choice for d in store.decisions(run_id)] == ["match"]  # kept in memory
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert file_choices(tmp_path, run_id) == []
        state = rules.play_token(scenario, state, "c2")
        store.record_move(run_id, state.moves[-1], state)  # the next chance writes both
        store.finish_run(run_id, state)
        assert store.problem == "" and store.unsaved == 0
    assert file_choices(tmp_path, run_id) == ["match", "c2"]


def test_a_full_disk_keeps_decisions_in_memory_and_saving_resumes_when_space_is_freed(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
        store.save_settings({"notes": "x" * 20000})
        run_id, state = play(store, "Ana", scenario, TRUSTED_ADVISOR)
        assert store.saving
        assert store.problem.startswith("Progress not saved, retrying: ")
        assert "is full" in store.problem
        assert store.unsaved >= 2
        assert store.run(run_id).score == 14  # the game still knows the run
        assert file_runs(tmp_path) == []
        store._db.execute("PRAGMA max_page_count = 1000000")  # space is freed
        store.retry()
        assert store.problem == "" and store.unsaved == 0
        saved = store.saved_id(run_id)
    assert file_runs(tmp_path) == [(14, "partner")]
    assert file_choices(tmp_path, saved) == TRUSTED_ADVISOR
    with open_store(tmp_path) as store:
        assert store.load_settings() == {"notes": "x" * 20000}
        (record,) = store.finished_runs("Ana")
        assert record.leadership is not None


def test_the_analysis_never_runs_inside_a_write_transaction(tmp_path, monkeypatch):
    import game.store.store as store_module

    scenario = procurement_squeeze()
    seen = []
    real = store_module.score_bounds

    def watching(s):
        seen.append(store._db.in_transaction)
        return real(s)

    monkeypatch.setattr(store_module, "score_bounds", watching)
    with open_store(tmp_path) as store:
        state = rules.replay(scenario, TRUSTED_ADVISOR)
        store.record_play("Ana", scenario, state)
        assert seen == [False]
        (record,) = store.finished_runs("Ana")
        assert record.leadership == 100


def _record_in_child(folder, tokens, queue):  # pragma: no cover - runs in another process
    scenario = procurement_squeeze()
    with open_store(folder) as store:
        store.record_play("Ben", scenario, rules.replay(scenario, tokens))
        queue.put((store.unsaved, store.problem))


def test_a_second_process_records_while_the_first_is_measuring_a_new_version(tmp_path):
    """The first `run --player` on a new version measures its range; another still records."""
    import game.store.store as store_module

    scenario = procurement_squeeze()
    queue = multiprocessing.get_context("spawn").Queue()
    with open_store(tmp_path) as store:
        real = store_module.score_bounds

        def slow(s):
            child = multiprocessing.get_context("spawn").Process(
                target=_record_in_child, args=(tmp_path, WON_ON_PRICE, queue)
            )
            child.start()
            child.join(20)
            return real(s)

        store_module.score_bounds, saved = slow, store_module.score_bounds
        try:
            store.record_play("Ana", scenario, rules.replay(scenario, TRUSTED_ADVISOR))
        finally:
            store_module.score_bounds = saved
        assert store.unsaved == 0
    assert queue.get(timeout=5) == (0, "")
    assert sorted(file_runs(tmp_path)) == [(-8, "won_on_price"), (14, "partner")]


def test_a_newer_versions_file_is_opened_read_only_and_never_renamed(tmp_path):
    path = tmp_path / FILE_NAME
    with open_store(tmp_path) as store:
        play(store, "Ana", procurement_squeeze(), WON_ON_PRICE)
    write_newer(path)
    content = path.read_bytes()
    with open_store(tmp_path) as store:
        assert store.read_only and not store.saving
        assert "newer version of Salesplay" in store.notice and "read-only" in store.notice
        assert store.best_scores("Ana") == {"procurement-squeeze": -8}  # history still shows
        play(store, "Ana", procurement_squeeze(), TRUSTED_ADVISOR)
    assert path.read_bytes() == content  # untouched, and still where the newer version looks
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".db"] == [FILE_NAME]


def test_a_damaged_file_is_set_aside_and_its_readable_runs_are_rescued(tmp_path):
    path = tmp_path / FILE_NAME
    write_damaged(path)  # 30 runs, two pages overwritten
    before = path.read_bytes()
    with open_store(tmp_path) as store:
        assert store.saving
        (kept,) = [p for p in tmp_path.glob("salesplay-unreadable-*") if p.suffix == ".db"]
        assert kept.read_bytes() == before and kept.name in store.notice
        assert "it is damaged" in store.notice and "fresh one was started" in store.notice
        assert 0 < store.rescued <= 30
        assert f"{store.rescued} readable run" in store.notice
        rescued = store.finished_runs("Ana")
        assert len(rescued) == store.rescued
        assert all(r.score == 14 and r.choices == TRUSTED_ADVISOR for r in rescued)
        play(store, "Ana", procurement_squeeze(), WON_ON_PRICE)
    with open_store(tmp_path) as store:
        assert store.notice is None
        assert len(store.finished_runs("Ana")) == len(rescued) + 1


def _open_in_child(folder, queue):  # pragma: no cover - runs in another process
    with open_store(folder) as store:
        queue.put(store.notice or "")


def test_two_processes_finding_the_same_damaged_file_set_it_aside_once(tmp_path):
    path = tmp_path / FILE_NAME
    write_damaged(path)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    children = [ctx.Process(target=_open_in_child, args=(tmp_path, queue)) for _ in range(4)]
    for c in children:
        c.start()
    for c in children:
        c.join(30)
        assert c.exitcode == 0
    notices = [queue.get(timeout=5) for _ in children]
    assert sum("fresh one was started" in n for n in notices) == 1
    kept = [p for p in tmp_path.glob("salesplay-unreadable-*") if p.suffix == ".db"]
    assert len(kept) == 1  # its -wal and -shm, if any, went along with it
    with open_store(tmp_path) as store:
        assert store.notice is None and store.saving


def test_a_run_the_file_silently_refuses_stays_queued_and_is_written_later(tmp_path):
    # Nothing raised, nothing inserted (here a trigger skips the row): the write counts as
    # failed, the run stays in memory with the banner's reason, and the next chance writes it.
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        store._db.execute(
            "CREATE TRIGGER skip BEFORE INSERT ON runs BEGIN SELECT RAISE(IGNORE); END"
        )
        run_id = store.start_run("Ana", scenario, "practice")
        state = rules.play_token(scenario, rules.new_state(scenario), "match")
        store.record_move(run_id, state.moves[-1], state)
        assert store.unsaved >= 1 and store.problem.startswith("Progress not saved, retrying: ")
        assert [d.choice for d in store.decisions(run_id)] == ["match"]
        store._db.execute("DROP TRIGGER skip")
        store.retry()
        assert store.problem == "" and store.unsaved == 0
    assert file_choices(tmp_path) == ["match"]
