"""Scenes ask for each other by name: no scene module imports another, and nothing hides an
import inside a function; input a screen does not use goes down the stack."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.ui import intents as I
from game.ui.navigator import SCREENS, scene_class
from game.ui.scene import UNHANDLED, Scene
from tests.helpers import ROOT

UI = ROOT / "game" / "ui"
SCENE_FILES = sorted((UI / "scenes").glob("*.py")) + sorted(
    p
    for p in (UI / "workshop").glob("*.py")
    if p.stem in {"setup", "join", "vote", "reveal", "scoreboard"}
)


def imports(path: Path) -> list[tuple[str, bool]]:
    """(module, at top level) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.append((node.module, id(node) in top))
        elif isinstance(node, ast.Import):
            out += [(a.name, id(node) in top) for a in node.names]
    return out


@pytest.mark.parametrize("path", SCENE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_scene_module_imports_no_other_scene_and_nothing_inside_functions(path):
    found = imports(path)
    screens = {"game.ui.scenes", "game.ui.workshop.setup", "game.ui.workshop.vote"}
    screens |= {"game.ui.workshop.reveal", "game.ui.workshop.scoreboard", "game.ui.workshop.join"}
    assert not [m for m, _ in found if m in screens or m.startswith("game.ui.scenes.")]
    assert [m for m, top in found if not top] == []


def test_every_screen_is_named_once():
    assert len(SCREENS) == 20
    for name in SCREENS:
        cls = scene_class(name)
        assert cls.name == name and issubclass(cls, Scene)


def test_start_up_imports_only_the_first_screen():
    """The conversation, the matcher, the debrief and the workshop come with their screens."""
    code = (
        "import sys\n"
        "from game.ui.app import App\n"
        "from game.ui import navigator\n"
        "navigator.scene_class('library')\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('game.'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = set(done.stdout.split())
    assert "game.ui.scenes.library" in loaded
    for later in (
        "game.ui.scenes.conversation",
        "game.ui.scenes.debrief",
        "game.ui.recall",
        "game.engine.matcher",
        "game.ui.workshop.setup",
        "game.content.checker",  # with the loader: imported by App.load_library, as loading
        "game.content.model",  # likewise: the theme reads only the tag tables
        "game.ui.portraits",  # it reads the model's looks: with the first face drawn
        "game.ui.backdrops",  # with the first conversation
        "game.store",  # opened after the scenarios are loaded
        "game.engine.analysis",  # with the first scorecard asked for
    ):
        assert later not in loaded, f"{later} is imported before its screen is opened"


def test_the_first_frame_with_saved_progress_leaves_replay_sound_and_waiting_for_later(tmp_path):
    """Opening the store reads runs and settings: the play state, replaying a run (the
    rules), workshop rounds, the sound cues and SDL's wait (ctypes) come when first used."""
    code = (
        "import sys\n"
        "from game.ui.app import App\n"
        "from game.ui.scenes.library import Library\n"
        "app = App(['scenarios'], data_dir=sys.argv[1])\n"
        "app.start(Library(app))\n"
        "app.render()\n"
        "assert app.store is not None and app.scenes.top.name == 'library'\n"
        "print(' '.join(sorted(sys.modules)))\n"
        "app.close()\n"
    )
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = set(done.stdout.split())
    assert {"game.store.store", "game.ui.scenes.library"} <= loaded
    for later in (
        "game.engine.state",  # a run's moves: with play, or a run read back
        "game.engine.rules",
        "game.engine.workshop",
        "game.store.rounds",
        "game.ui.sound",
        "game.ui.wait",
        "ctypes",
        "subprocess",  # the system's fonts are asked only for a script no bundled face has
        "json",  # with the first saved setting or run read back: a first start has none
    ):
        assert later not in loaded, f"{later} is imported before the first frame needs it"


class Overlay(Scene):
    opaque = False

    def __init__(self, app, log):
        super().__init__(app)
        self.log = log

    def handle(self, intent):
        self.log.append(("overlay", intent.kind))
        return True if intent.kind == I.CONFIRM else UNHANDLED


def test_input_an_overlay_leaves_goes_to_the_screen_under_it_then_to_the_app(app):
    log = []
    library = app.go("library")
    app.push(Overlay(app, log))
    app.dispatch(I.Intent(I.CONFIRM))
    assert app.scenes.top.name == "scene" and log == [("overlay", I.CONFIRM)]
    app.dispatch(I.Intent(I.CHAR, text="p"))  # the library's key for the progress screen
    assert app.scenes.top.name == "progress"
    app.pop()
    app.pop()
    assert app.scenes.top is library
    app.dispatch(I.Intent(I.HELP))  # no screen uses F1: the app opens the help
    assert app.scenes.top.name == "help"


def test_settings_key_on_the_settings_screen_closes_it_instead_of_stacking(app):
    app.dispatch(I.Intent(I.SETTINGS))
    assert app.scenes.top.name == "settings"
    app.dispatch(I.Intent(I.SETTINGS))
    assert app.scenes.top.name != "settings"
