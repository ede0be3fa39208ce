"""Content, engine and store never import pygame; nor does the command line for non-window commands."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "modules",
    [
        "game.content, game.content.loader, game.content.codes",
        "game.engine.rules, game.engine.machine, game.engine.state",
        "game.store",
        "game.cli",
    ],
    ids=["content", "engine", "store", "cli"],
)
def test_no_pygame_below_the_window(modules):
    code = (
        f"import sys, importlib\nfor m in '{modules}'.split(', '): importlib.import_module(m)\n"
        "import game.cli\ngame.cli.build_parser()\n"
        "bad = sorted(m for m in sys.modules if m == 'pygame' or m.startswith('pygame.'))\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
