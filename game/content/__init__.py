"""Scenario content: YAML -> checked, frozen model. Never imports pygame."""

from game.content.diagnostics import Diagnostic
from game.content.loader import (
    LoadResult,
    find_scenario_files,
    load_paths,
    load_scenario,
    load_text,
)
from game.content.model import Scenario

__all__ = [
    "Diagnostic",
    "LoadResult",
    "Scenario",
    "find_scenario_files",
    "load_paths",
    "load_scenario",
    "load_text",
]
