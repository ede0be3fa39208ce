"""Helpers the subcommands share: loading scenarios and printing diagnostics the contract's way."""

from __future__ import annotations

import sys

from game.content import LoadResult, load_paths
from game.content.diagnostics import Diagnostic, has_errors, sorted_diagnostics
from game.errors import ScenarioError, UsageError


def print_diagnostics(diags: list[Diagnostic], fmt: str = "text", stream=None) -> None:
    stream = stream or sys.stdout
    diags = sorted_diagnostics(diags)
    if fmt == "json":
        import json  # text output, the usual, does without it

        json.dump([d.to_dict() for d in diags], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    else:
        for d in diags:
            stream.write(d.format() + "\n")


def load_one(path: str) -> LoadResult:
    """Load a single scenario file for run/analyze/workshop and the like.

    Raises UsageError (exit 2) for a path that cannot be read or is a folder, and
    ScenarioError (exit 1, its diagnostics printed as `validate` prints them) for a scenario
    with errors.
    """
    results, missing = load_paths([path])
    if missing or not results:
        unreadable = [d for r in results for d in r.diagnostics if d.code == "file-unreadable"]
        why = unreadable[0].message if unreadable else "no scenario files found there."
        raise UsageError(f"{path}: {why}")
    if len(results) > 1:
        raise UsageError(f"{path} is a folder; give one scenario file.")
    result = results[0]
    if has_errors(result.diagnostics) or result.scenario is None:
        raise ScenarioError(
            f"{path} has errors (listed above); fix them, then try again.", result.diagnostics
        )
    return result
