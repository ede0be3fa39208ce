"""Scenario content: YAML -> checked, frozen model. Never imports pygame.

The loader (with the checker and YAML) and the model are imported when first used, not
with the package: the model alone is enough for most importers, the window's theme needs
only the tag tables (`game.content.tags`), and the window counts the loader's import (with
the model) as part of loading the scenarios.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (validate never needs it)

if TYPE_CHECKING:
    from game.content.diagnostics import Diagnostic
    from game.content.loader import (
        LoadResult,
        find_scenario_files,
        load_paths,
        load_scenario,
        load_text,
    )
    from game.content.model import Scenario

LOADER_NAMES = ("LoadResult", "find_scenario_files", "load_paths", "load_scenario", "load_text")

__all__ = [
    "Diagnostic",
    "LoadResult",
    "Scenario",
    "find_scenario_files",
    "load_paths",
    "load_scenario",
    "load_text",
]


def __getattr__(name: str):
    if name in LOADER_NAMES:
        return getattr(importlib.import_module("game.content.loader"), name)
    if name == "Diagnostic":
        return importlib.import_module("game.content.diagnostics").Diagnostic
    if name == "Scenario":
        return importlib.import_module("game.content.model").Scenario
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
