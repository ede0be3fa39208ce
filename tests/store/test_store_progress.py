"""The progress screen's data (attempts, Index, tag profile) and the screen itself, drawn headless."""

from __future__ import annotations

import pytest
from store_scenarios import TRUSTED_ADVISOR, WON_ON_PRICE, procurement_squeeze
from test_store_basics import play

import game.store.store as store_module
from game.store import open_store
from game.store.progress import player_progress, tag_profile


def other_scenario():
    return procurement_squeeze().replace(id="bake-off", title="The Bake-off", sha256="b" * 64)


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "score_bounds", lambda scenario: (14, -16))
    with open_store(tmp_path) as store:
        yield store


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ({}, {}),
        ({"price": 2}, {"Price & commodity": 1.0}),
        (
            {"insight": 1, "outcome": 1, "discovery": 1, "price": 1},
            {"Leadership": 0.5, "Discovery": 0.25, "Price & commodity": 0.25},
        ),
        ({"follower": 1, "rapport": 3}, {"Features & following": 0.25, "Other": 0.75}),
    ],
    ids=["no-tags", "all-price", "mixed", "custom-rubric-tag"],
)
def test_tag_profile_shares(tags, expected):
    assert tag_profile(tags) == expected


def test_progress_lists_attempts_best_and_index_per_scenario(store):
    scenario = procurement_squeeze()
    play(store, "Ana", scenario, WON_ON_PRICE)
    play(store, "Ana", scenario, TRUSTED_ADVISOR)
    play(store, "Ana", scenario, ["match"], finish=False)
    play(store, "Ben", scenario, TRUSTED_ADVISOR)
    play(store, "Ana", other_scenario(), ["timeout"])
    progress = player_progress(store, "Ana")
    assert [p.scenario_id for p in progress] == ["bake-off", "procurement-squeeze"]  # latest first
    squeeze = progress[1]
    assert (squeeze.title, squeeze.best, squeeze.last, squeeze.average) == (
        "The Procurement Squeeze",
        14,
        14,
        3.0,
    )
    assert [(a.number, a.score, a.index) for a in squeeze.attempts] == [(1, -8, 27), (2, 14, 100)]
    assert squeeze.attempts[1].profile == {"Leadership": 0.75, "Discovery": 0.25}
    assert squeeze.best_index == 100


def test_runs_saved_without_an_index_get_one_from_the_analysis(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "score_bounds", lambda scenario: (None, None))
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        play(store, "Ana", scenario, WON_ON_PRICE)
        assert player_progress(store, "Ana")[0].attempts[0].index is None
        asked = []

        def bounds(scenario_id, sha256):
            asked.append((scenario_id, sha256))
            return (14, -16)

        (p,) = player_progress(store, "Ana", bounds)
    assert p.attempts[0].index == 27
    assert asked == [(scenario.id, scenario.sha256)]


# ----- the screen ---------------------------------------------------------------------------


def recording_kit():
    """The window's text kit, also noting every line of text it renders."""
    from game.ui.text import TextKit

    class RecordingKit(TextKit):
        said: list[str]

        def render(self, text, style, px, colour):
            self.said.append(text)
            return super().render(text, style, px, colour)

    kit = RecordingKit()
    kit.said = []
    return kit


@pytest.fixture
def window(store):
    """make(size, text_size, with_store) -> an App drawing onto an off-screen surface."""
    import pygame

    from game.ui.app import App

    pygame.display.init()
    pygame.font.init()

    def make(size=(1280, 720), text_size=1.0, with_store=True):
        app = App(
            [], player="Ana", store=store if with_store else None, use_store=with_store, size=size
        )
        app.kit = recording_kit()
        app.surface = pygame.Surface(size)
        app.settings.text_size = text_size
        app.relayout()
        return app

    yield make
    pygame.font.quit()
    pygame.display.quit()


def open_progress(app):
    from game.ui.scenes.progress import Progress

    screen = app.push(Progress(app))
    app.render()
    return screen


def assert_text_stays_in_its_boxes(app):
    bounds = app.surface.get_rect()
    assert app.kit.drawn, "nothing was drawn"
    for box, ink in app.kit.drawn:
        assert box.contains(ink) or ink.width == 0
        assert bounds.contains(box) or box.width == 0


@pytest.mark.parametrize(
    ("size", "text_size"),
    [((1280, 720), 1.0), ((1024, 600), 1.45), ((1920, 1080), 0.85)],
    ids=["1280x720", "smallest-window-largest-text", "1080p"],
)
def test_the_screen_draws_charts_for_the_selected_scenario(store, window, size, text_size):
    scenario = procurement_squeeze()
    for tokens in (WON_ON_PRICE, ["timeout"], TRUSTED_ADVISOR):
        play(store, "Ana", scenario, tokens)
    play(store, "Ana", other_scenario(), WON_ON_PRICE)
    app = window(size, text_size)
    screen = open_progress(app)
    assert [r.data.scenario_id for r in screen.rows] == ["bake-off", "procurement-squeeze"]
    assert screen.selected.scenario_id == "bake-off"
    assert_text_stays_in_its_boxes(app)
    # The line chart's accent points sit inside the chart panel.
    panel = app.stage.rect(450, 150, 790, 550)
    accent = [
        (x, y)
        for x in range(panel.left, panel.right, 2)
        for y in range(panel.top, panel.bottom, 2)
        if app.surface.get_at((x, y))[:3] == app.pal.accent
    ]
    assert accent


def test_keys_move_between_scenarios_and_escape_goes_back(store, window):
    from game.ui import intents as I
    from game.ui.scene import Scene

    play(store, "Ana", procurement_squeeze(), TRUSTED_ADVISOR)
    play(store, "Ana", other_scenario(), WON_ON_PRICE)
    app = window()
    app.push(Scene(app))  # stands in for the library
    screen = open_progress(app)
    app.dispatch(I.Intent(I.DOWN))
    assert screen.selected.scenario_id == "procurement-squeeze"
    app.render()
    app.dispatch(I.Intent(I.CLICK, pos=screen.rows[0].rect.center))
    assert screen.selected.scenario_id == "bake-off"
    app.dispatch(I.Intent(I.BACK))
    assert app.scenes.top is not screen


@pytest.mark.parametrize("with_store", [True, False], ids=["no-runs-yet", "no-store"])
def test_an_empty_screen_says_what_to_do(store, window, with_store):
    app = window(with_store=with_store)
    screen = open_progress(app)
    assert screen.selected is None
    said = " ".join(app.kit.said)
    assert (
        ("Play a scenario from the library" in said) if with_store else ("not being saved" in said)
    )
