"""Content, engine, store and the room server never import pygame; nor does the command line for non-window commands."""

import subprocess
import sys

GROUPS = {
    "content": "game.content, game.content.loader, game.content.codes",
    "engine": "game.engine.rules, game.engine.machine, game.engine.state, game.engine.scorecard",
    "store": "game.store",
    "cli": "game.cli",
    "server": "game.server.room, game.server.view, game.server.app, game.server.headless",
}


def test_no_pygame_below_the_window():
    # One process imports the groups in turn and looks after each, so a failure names the
    # group that brought pygame in; then every command module (the full parser).
    code = (
        "import sys, importlib\n"
        "def check(where):\n"
        "    bad = sorted(m for m in sys.modules if m == 'pygame' or m.startswith('pygame.'))\n"
        "    assert not bad, (where, bad)\n"
        f"for group, modules in {GROUPS!r}.items():\n"
        "    for m in modules.split(', '):\n"
        "        importlib.import_module(m)\n"
        "    check(group)\n"
        "import game.cli\ngame.cli.build_parser()\ncheck('every command')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
