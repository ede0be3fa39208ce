"""Writes still waiting when the store closes are kept in a note and written at the next start."""

from __future__ import annotations

import contextlib
import errno
import shutil

from store_scenarios import TRUSTED_ADVISOR, WON_ON_PRICE, procurement_squeeze
from test_store_basics import play
from test_store_faults import file_choices, file_runs, hold_exclusive

from game.engine import rules
from game.engine.workshop import Workshop
from game.store import database, open_store
from game.store.journal import notes
from game.store.rounds import rounds, start_round

SETTINGS = {"text_size": 150, "notes": "x" * 20000}


def fill_disk(store):
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")


def close_on_a_full_disk(folder):
    """Ana wins, starts another attempt and saves a setting, all while the disk is full."""
    scenario = procurement_squeeze()
    with open_store(folder) as store:
        fill_disk(store)
        store.save_settings(SETTINGS)  # too big for the pages left
        play(store, "Ana", scenario, TRUSTED_ADVISOR)
        play(store, "Ana", scenario, ["match"], finish=False)
        assert "is full" in store.problem
    assert file_runs(folder) == []
    return store


def test_runs_waiting_when_the_window_closes_on_a_full_disk_are_written_at_the_next_start(
    tmp_path,
):
    closed = close_on_a_full_disk(tmp_path)
    assert closed.spilled is not None and notes(tmp_path) == [closed.spilled]
    assert closed.unsaved == 0 and closed.problem == ""
    with open_store(tmp_path) as store:
        assert store.recovered == 2 and store.notice is None and store.problem == ""
        (won,) = store.finished_runs("Ana")
        assert (won.score, won.ending, won.choices) == (14, "partner", TRUSTED_ADVISOR)
        assert won.leadership is not None
        (open_run,) = store.resumable_runs("Ana")
        assert open_run.choices == ["match"]
        assert store.load_settings() == SETTINGS
    assert notes(tmp_path) == []
    assert file_choices(tmp_path) == [*TRUSTED_ADVISOR, "match"]


def test_runs_waiting_when_the_store_is_busy_at_closing_are_written_at_the_next_start(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path, retry_seconds=0.1) as store:
        other = hold_exclusive(tmp_path)
        try:
            play(store, "Ben", scenario, WON_ON_PRICE)
            store.close()
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert store.spilled is not None
    assert file_runs(tmp_path) == []
    with open_store(tmp_path) as store:
        assert [r.score for r in store.finished_runs("Ben")] == [-8]
    assert file_runs(tmp_path) == [(-8, "won_on_price")]


def test_a_note_applied_twice_or_beside_another_duplicates_nothing(tmp_path):
    first = close_on_a_full_disk(tmp_path).spilled
    other = hold_exclusive(tmp_path)  # busy for a whole second session: it spills again
    try:
        with open_store(tmp_path, retry_seconds=0.05) as store:
            play(store, "Ben", procurement_squeeze(), WON_ON_PRICE)
        second = store.spilled
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert first != second and set(notes(tmp_path)) == {first, second}  # no spill overwrites
    copy = tmp_path / "copy.json"
    shutil.copy(first, copy)
    with open_store(tmp_path) as store:
        assert store.recovered == 3
    shutil.copy(copy, first)  # as if another process applied it at the same time
    with open_store(tmp_path) as store:
        assert len(store.finished_runs("Ana")) == 1
        assert len(store.resumable_runs("Ana")) == 1
        assert len(store.finished_runs("Ben")) == 1
    assert notes(tmp_path) == []
    assert len(file_runs(tmp_path)) == 3
    assert sorted(file_choices(tmp_path)) == sorted([*TRUSTED_ADVISOR, "match", *WON_ON_PRICE])


def test_an_old_note_never_takes_an_attempt_back(tmp_path):
    note = close_on_a_full_disk(tmp_path).spilled
    copy = tmp_path / "copy.json"
    shutil.copy(note, copy)
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        (run,) = store.resumable_runs("Ana")
        state = rules.replay(scenario, [*run.choices, "c2"])
        store.record_move(run.run_id, state.moves[-1], state)
        store.finish_run(run.run_id, state)
    shutil.copy(copy, note)
    with open_store(tmp_path) as store:
        assert store.resumable_runs("Ana") == []
        assert sorted(r.choices for r in store.finished_runs("Ana")) == [
            TRUSTED_ADVISOR,
            ["match", "c2"],
        ]


def test_a_damaged_note_is_set_aside_with_a_message_and_the_game_goes_on(tmp_path):
    note = close_on_a_full_disk(tmp_path).spilled
    whole = note.read_bytes()
    note.write_bytes(whole[: len(whole) // 2])  # cut short
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        assert store.saving and store.recovered == 0
        assert "could not be read" in store.notice and "-unreadable-" in store.notice
        play(store, "Ana", scenario, WON_ON_PRICE)
    assert notes(tmp_path) == []
    (kept,) = tmp_path.glob("pending-*-unreadable-*")
    assert kept.read_bytes() == whole[: len(whole) // 2]  # kept as it was, never deleted
    with open_store(tmp_path) as store:
        assert store.notice is None
        assert [r.score for r in store.finished_runs("Ana")] == [-8]


def test_a_note_that_still_cannot_be_written_waits_and_is_written_when_the_file_frees(tmp_path):
    close_on_a_full_disk(tmp_path)
    other = hold_exclusive(tmp_path)
    try:
        store = open_store(tmp_path, retry_seconds=0.1)
        assert store.recovered == 0 and "busy" in store.problem
        assert len(notes(tmp_path)) == 1
    finally:
        other.execute("ROLLBACK")
        other.close()
    with store:
        store.retry()
        assert store.problem == "" and store.recovered == 2
        assert notes(tmp_path) == []
        assert len(store.finished_runs("Ana")) == 1


def test_a_workshop_round_and_a_replay_waiting_at_closing_are_kept(tmp_path):
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        fill_disk(store)
        first, _ = play(store, "Ana", scenario, TRUSTED_ADVISOR)
        shared = rules.replay(scenario, TRUSTED_ADVISOR[:1])
        again = store.replay_run(first, shared)
        state = rules.play_token(scenario, shared, "c2")
        store.record_move(again, state.moves[-1], state)
        saved = start_round(store, Workshop(scenario, ["Falcons", "Owls"]))
        saved.workshop.play_group("cost_of_delay,match")
        saved.save()
    with open_store(tmp_path) as store:
        (kept,) = store.finished_runs("Ana")
        (replay,) = store.resumable_runs("Ana")
        assert (replay.replay_of, replay.shared) == (kept.run_id, 1)
        assert replay.choices == ["cost_of_delay", "c2"]
        (round_,) = rounds(store)
        assert round_.teams == ("Falcons", "Owls")
        assert [d.votes for d in round_.decisions] == [("cost_of_delay", "match")]


def test_a_folder_that_refuses_the_lock_file_keeps_the_note_and_never_stops_the_game(
    tmp_path, monkeypatch
):
    close_on_a_full_disk(tmp_path)

    @contextlib.contextmanager
    def no_space(path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path) + ".lock")
        yield

    monkeypatch.setattr(database, "_folder_lock", no_space)
    with open_store(tmp_path) as store:
        assert store.saving and store.recovered == 0
        assert "is full" in store.problem
        assert len(notes(tmp_path)) == 1
        monkeypatch.undo()  # space is freed
        store.retry()
        assert store.problem == "" and store.recovered == 2
    assert notes(tmp_path) == []
