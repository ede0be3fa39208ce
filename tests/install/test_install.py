"""Installed like an app: a wheel (not an editable install) in a fresh virtual environment
holds the scenarios, the schema and the fonts, and plays a decision from outside the checkout.

Fast by design: the wheel is built without build isolation (setuptools comes with the test
extras) and installed with --no-deps; the fresh environment borrows the test environment's
already installed dependencies through a path file, never its editable `game`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from game.ui.theme import FALLBACK_FILES
from tests.helpers import ROOT

SKIP = {".venv", ".git", "build", "dist", "__pycache__", ".pytest_cache", ".ruff_cache"}
SKIP |= {".hypothesis", "salesplay.egg-info", "tests", "bench", "docs", "screenshots", "out"}


def run(cmd, **kw):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python, salesplay) of a fresh venv with the wheel installed."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "source"  # a copy: building must not leave files in the checkout
    shutil.copytree(ROOT, source, symlinks=True, ignore=lambda d, names: SKIP & set(names))
    dist = tmp / "dist"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["--no-index", "-w", str(dist), str(source)]
    )
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    site = Path(
        run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
        ).stdout.strip()
    )
    # The dependencies (and pip) from this environment, as plain path entries: its own
    # .pth files, the editable finder among them, are not read from there.
    deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "borrowed-deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    wheel = next(dist.glob("salesplay-*.whl"))
    run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)])
    return python, venv / "bin" / "salesplay", tmp


def test_the_wheel_holds_the_scenarios_schema_and_fonts(installed):
    python, _, tmp = installed
    code = (
        "import game, json\n"
        "from game.bundle import bundled_scenarios, fonts_folder\n"
        "from game.content.schema import schema_path\n"
        "print(json.dumps([game.__file__, sorted(p.name for p in bundled_scenarios().glob('*.yaml')),"
        " sorted(p.name for p in fonts_folder().iterdir()), str(schema_path())]))\n"
    )
    out = json.loads(run([str(python), "-c", code], cwd=tmp).stdout)
    where, scenarios, fonts, schema = out
    assert str(tmp / "venv") in where  # the installed copy, not the checkout
    assert scenarios == sorted(p.name for p in (ROOT / "scenarios").glob("*.yaml"))
    assert {"Inter-Regular.otf", "Inter-Bold.otf", "Inter-Italic.otf", "OFL.txt"} <= set(fonts)
    assert set(FALLBACK_FILES) <= set(fonts)  # every script the window draws, installed too
    licences = {
        "DejaVu-LICENSE.txt",
        "Symbola-LICENSE.txt",
        "Noto-LICENSE.txt",
        "Droid-LICENSE.txt",
        "NotoColorEmoji-LICENSE.txt",
    }
    assert licences <= set(fonts)
    assert schema.startswith(str(tmp / "venv")) and Path(schema).is_file()


def test_play_with_no_path_opens_the_bundled_library_and_plays_a_decision(installed):
    _, salesplay, tmp = installed
    home = tmp / "home"
    env = dict(
        os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", SALESPLAY_HOME=str(home)
    )
    env.pop("PYTHONPATH", None)
    proc = run(
        [str(salesplay), "play", "--choices", "1", "--scenario", "procurement-squeeze"],
        cwd=tmp,
        env=env,
    )
    state = json.loads(proc.stdout.strip().splitlines()[-1])
    assert state["scenario"] == "procurement-squeeze" and len(state["path"]) == 2
    assert proc.stderr == ""
    # The player's own folder was made, with a note on how to use it.
    assert (home / "scenarios" / "README.txt").is_file()
