"""What ships inside the package: the bundled scenarios with their schema, and the fonts.

`game/data` holds them (in a checkout it links to `scenarios/` and `assets/fonts/`); they are
read through `importlib.resources`, so an installed game (pip, pipx, a wheel) finds them
wherever it was installed. The player's own scenarios live in the user data folder.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PLAYER_FOLDER = "scenarios"  # inside the data folder, beside the saved progress
PLAYER_README = "README.txt"
PLAYER_NOTE = """\
Your own Salesplay scenarios go here: copy or save .yaml files into this folder, then press
F5 in the library (or start `salesplay play` again) and they appear beside the bundled ones.
Start one with `salesplay new "My Scenario" -o <this folder>/my-scenario.yaml` and check it
with `salesplay validate --strict`.
"""


def data_path(*parts: str) -> Path:
    """A file or folder of the package's data, as a real path."""
    return Path(str(resources.files("game").joinpath("data", *parts)))


def bundled_scenarios() -> Path:
    return data_path("scenarios")


def fonts_folder() -> Path:
    return data_path("fonts")


def player_folder(data_dir: str | os.PathLike | None = None) -> Path:
    """The player's own scenario folder (made, with a note on how to use it, if missing).

    It sits in the data folder (`--data-dir`, else $SALESPLAY_HOME, else the platform's
    user data folder). Made only when it can be: a read-only disk still plays the rest.
    """
    from game.store.database import default_data_dir

    folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
    folder = folder / PLAYER_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        note = folder / PLAYER_README
        if not note.exists():
            note.write_text(PLAYER_NOTE, encoding="utf-8")
    except OSError:
        pass  # nothing to add files to; the library says where it looked
    return folder
