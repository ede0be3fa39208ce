"""The window and the store: saves never wait on the disk, a lasting banner while they fail,
and the workshop setup offers to resume an interrupted round."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time

import pytest
from store_scenarios import procurement_squeeze
from test_store_faults import file_choices, hold_exclusive

from game.content.loader import load_scenario
from game.engine import rules
from game.store import database, open_store
from game.store.database import FILE_NAME
from game.store.rounds import rounds
from game.ui.attempt import Attempt
from game.ui.demo import Demo, play
from tests.helpers import SPEC_EXAMPLE

SHOTS = os.environ.get("SALESPLAY_TEST_SHOTS")  # set to a folder to look at the screens


def until(condition, step=None, tries=400):
    """Poll (no timing asserted): the background writer gets there in its own time."""
    for _ in range(tries):
        if condition():
            return True
        if step is not None:
            step()
        time.sleep(0.01)
    return condition()


def test_a_background_store_returns_at_once_even_when_the_file_is_busy(tmp_path):
    scenario = procurement_squeeze()
    store = open_store(tmp_path, retry_seconds=30)
    store.start_background()
    try:
        attempt = Attempt(scenario, "practice", "Ana", store)
        other = hold_exclusive(tmp_path)
        try:
            attempt.choose(rules.resolve_token(scenario, attempt.state, "cost_of_delay"))
            # a write on this thread would still be retrying (30 s); the move returned at once
            assert store.unsaved >= 1 and store.problem == ""
            assert [r.choices for r in store.resumable_runs("Ana")] == [["cost_of_delay"]]
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert store.wait_saved(20)
        assert file_choices(tmp_path) == ["cost_of_delay"]
    finally:
        store.close()


def test_the_background_writer_starts_with_the_first_write(tmp_path):
    """Opening the store for the window's first frame writes nothing, so no thread connects
    beside that frame; the first move starts it and still returns at once."""
    scenario = procurement_squeeze()
    store = open_store(tmp_path)
    store.start_background()
    try:
        store.best_scores("Ana"), store.load_settings()
        assert store._worker is None
        attempt = Attempt(scenario, "practice", "Ana", store)
        attempt.choose(rules.resolve_token(scenario, attempt.state, "cost_of_delay"))
        assert store._worker is not None
        assert store.wait_saved(20)
        assert file_choices(tmp_path) == ["cost_of_delay"]
    finally:
        store.close()
    assert store._worker is None


@pytest.fixture
def window(tmp_path):
    from game.ui.app import App

    made = []

    def make(first=None, size=(1280, 720)):
        app = App([str(SPEC_EXAMPLE)], data_dir=tmp_path / "data", size=size)
        app.start(first(app) if first else None)
        made.append(app)
        return app, Demo(app, SHOTS)

    yield make
    for app in made:
        app.close()


def test_the_window_shows_a_lasting_banner_until_progress_is_saved_again(window, tmp_path):
    app, demo = window()
    app.store.retry_seconds = 0.05
    scenario = app.library[0].scenario
    attempt = Attempt(scenario, "practice", "Ana", app.store)
    assert app.store.wait_saved(10)
    other = hold_exclusive(tmp_path / "data")
    try:
        attempt.choose(rules.resolve_token(scenario, attempt.state, "cost_of_delay"))
        assert until(lambda: app.banner, lambda: app.step(500))
        assert app.banner.startswith("Progress not saved, retrying: ")
        app.render()
        demo.shot()
        for _ in range(5):  # it lasts: not a toast that times out
            app.step(1000)
        assert app.banner
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert until(lambda: not app.banner, lambda: app.step(2000))
    assert file_choices(tmp_path / "data") == ["cost_of_delay"]


class Disk:
    """A disk that fills up: every connection to the progress file may grow no further.

    `PRAGMA max_page_count` holds per connection, and the window writes from its own thread
    on a connection of its own, so each connection made to the file is noted (usable from
    the test's thread) and limited together. The file has 512-byte pages, so one new
    attempt no longer fits in the space the pages already have.
    """

    def __init__(self, monkeypatch, path):
        path.parent.mkdir(parents=True)
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("PRAGMA page_size = 512")
        database.migrate(db)
        db.execute("VACUUM")  # no free page left over by a migration's ALTER TABLE
        db.close()
        self.path, self.connections, self.full = str(path), [], False
        real = sqlite3.connect

        def connect(target, *args, **kwargs):
            kwargs["check_same_thread"] = False
            db = real(target, *args, **kwargs)
            if str(target) == self.path:
                self.connections.append(db)
                if self.full:  # the writer's thread may connect only now
                    self._limit()
            return db

        monkeypatch.setattr(sqlite3, "connect", connect)

    def _limit(self, pages=None) -> None:
        for db in self.connections:
            with contextlib.suppress(sqlite3.ProgrammingError):  # closed since
                full = db.execute("PRAGMA page_count").fetchone()[0]
                db.execute(f"PRAGMA max_page_count = {pages or full}")

    def fill(self) -> None:
        self.full = True
        self._limit()

    def free(self) -> None:
        self.full = False
        self._limit(1_000_000)


def banner_drawn(app) -> bool:
    """The warning strip under the top bar, as the last frame drew it."""
    app.render()
    if not app.banner:  # where it stood: the colour must be gone from there
        return tuple(app.surface.get_at(banner_drawn.at))[:3] == tuple(app.pal.warning)
    area = app.banner_rect()
    banner_drawn.at = (area.left + app.stage.px(12), area.top + 2)
    return tuple(app.surface.get_at(banner_drawn.at))[:3] == tuple(app.pal.warning)


def test_a_full_disk_shows_the_banner_in_the_window_until_space_is_freed(
    window, tmp_path, monkeypatch
):
    disk = Disk(monkeypatch, tmp_path / "data" / FILE_NAME)
    app, demo = window()
    assert app.store.wait_saved(10)
    disk.fill()
    state, _ = play(app, ["1"], SHOTS)  # the title, the library, the briefing, a decision
    assert state.moves
    assert until(lambda: app.banner, lambda: app.step(500))
    assert app.banner.startswith("Progress not saved, retrying: ")
    assert "is full" in app.banner and "saving resumes by itself" in app.banner
    assert banner_drawn(app)
    # It sits under the top bar: every word drawn above it (title, meters, score) stays in view.
    banner = app.banner_rect()
    top_bar = [ink for _box, ink in app.kit.drawn if ink.top < banner.top]
    assert len(top_bar) >= 3 and not any(ink.colliderect(banner) for ink in top_bar)
    demo.shot()
    for _ in range(5):  # it lasts: not a toast that times out
        app.step(1000)
    assert app.banner and banner_drawn(app)
    assert file_choices(tmp_path / "data") == []
    disk.free()
    assert until(lambda: not app.banner, lambda: app.step(2000))
    assert not banner_drawn(app)
    demo.shot()
    assert file_choices(tmp_path / "data") == [state.moves[0].choice]


def test_the_workshop_setup_offers_to_resume_an_interrupted_round(window, tmp_path):
    from game.ui.workshop.setup import WorkshopSetup

    def setup(app):
        scenario = load_scenario(str(SPEC_EXAMPLE)).scenario
        return WorkshopSetup(app, [scenario], chosen=scenario, teams=["Falcons", "Owls"])

    app, demo = window(setup, size=(1920, 1080))
    assert app.scenes.top.resume_button is None
    demo.press("return")  # start
    demo.press("2")  # Falcons: cost_of_delay
    demo.press("q")  # Owls: match
    demo.press("return")  # reveal
    demo.press("return")  # on to decision 2
    assert app.scenes.top.name == "workshop-vote"
    assert app.store.wait_saved(10)
    (saved,) = rounds(app.store)
    assert saved.decisions[0].votes == ("cost_of_delay", "match")
    app.store.close()  # the window dies here; the file has the round
    app._owns_store = False

    again, demo = window(setup, size=(1920, 1080))
    top = again.scenes.top
    assert top.resume_button is not None and "1 decision in" in top.resume_button.label
    demo.shot()
    demo.press("r")
    vote = again.scenes.top
    assert vote.name == "workshop-vote"
    assert [d.votes for d in vote.room.workshop.decisions] == [("cost_of_delay", "match")]
    assert [t.name for t in vote.room.teams] == ["Falcons", "Owls"]
    demo.press("escape")
    demo.press("escape")  # left on purpose: no longer offered
    assert again.scenes.top.name == "workshop-setup"
    assert again.scenes.top.resume_button is None


def test_new_round_and_closing_ask_while_results_are_unexported(window):
    from game.ui.workshop.setup import WorkshopSetup

    def setup(app):
        scenario = load_scenario(str(SPEC_EXAMPLE)).scenario
        return WorkshopSetup(app, [scenario], chosen=scenario, teams=["Falcons", "Owls"])

    app, demo = window(setup, size=(1920, 1080))
    demo.press("return")
    for keys in (("2", "w"), ("1", "q")):
        for k in keys:
            demo.press(k)
        demo.press("return")
        demo.press("return")
    board = app.scenes.top
    assert board.name == "workshop-scoreboard"
    demo.press("n")
    assert app.scenes.top is board and "not exported" in app.toast_text
    app.running = True
    import pygame

    app.feed(pygame.event.Event(pygame.QUIT))
    assert app.running and "not exported" in app.toast_text
    app.feed(pygame.event.Event(pygame.QUIT))
    assert not app.running
