"""Scenario content: YAML -> checked, frozen model. Never imports pygame.

The loader (with the checker and YAML) is imported when first used, not with the package:
the model alone is enough for most importers, and the window counts the loader's import as
part of loading the scenarios.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from game.content.diagnostics import Diagnostic
from game.content.model import Scenario

if TYPE_CHECKING:
    from game.content.loader import (
        LoadResult,
        find_scenario_files,
        load_paths,
        load_scenario,
        load_text,
    )

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
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
