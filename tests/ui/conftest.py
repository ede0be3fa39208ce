"""Window fixtures: an `App` on the dummy video driver, with no saved progress unless asked."""

from pathlib import Path

import pytest

HERE = Path(__file__).parent
SCENARIOS = HERE / "scenarios"
TENDER = SCENARIOS / "umlaut-tender.yaml"
BROKEN = SCENARIOS / "broken.yaml"


@pytest.fixture
def make_app():
    """make_app(paths, size=(1280, 720), store=None, shuffle=False, **kw) -> a started App
    (closed afterwards)."""
    from game.ui.app import App

    made = []

    def make(
        paths=(SCENARIOS,), size=(1280, 720), store=None, first_scene=None, shuffle=False, **kw
    ):
        app = App(
            [str(p) for p in paths], size=size, store=store, use_store=store is not None, **kw
        )
        app.start(first_scene)
        # Number keys then mean the file's positions, unless a test is about shuffling.
        app.settings.shuffle_choices = shuffle
        made.append(app)
        return app

    yield make
    for app in made:
        app.close()


@pytest.fixture
def app(make_app):
    return make_app()
