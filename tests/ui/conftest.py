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


LONG = (
    "She reads your question twice before she answers. Nobody has asked her what a late pallet "
    "costs the warehouse in overtime, in missed slots at the cross-dock and in the credit notes "
    "her team writes every Friday. You have moved the talk from your price to her costs, and "
    "she is now doing the arithmetic out loud, in front of her own director, which is worth "
    "more than any brochure. Keep her there: ask for last quarter's numbers before you offer "
    "anything of yours, and write down the words she uses, because they are the words her "
    "board will hear from her when she argues your case. The last word of this note is here."
)


@pytest.fixture
def long_note(tmp_path):
    """A folder with the tender, its first choice's feedback a note long enough to scroll at
    200% text in a small window."""
    text = TENDER.read_text(encoding="utf-8")
    first = text.index("feedback:")
    end = text.index("\n", first)
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "tender.yaml").write_text(
        text[:first] + f'feedback: "{LONG}"' + text[end:], encoding="utf-8"
    )
    return folder
