"""Helpers the subcommands share: loading scenarios and printing diagnostics the contract's way."""

from __future__ import annotations

import json
import sys

from game.content import LoadResult, load_paths
from game.content.diagnostics import Diagnostic, has_errors, sorted_diagnostics

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def print_diagnostics(diags: list[Diagnostic], fmt: str = "text", stream=None) -> None:
    stream = stream or sys.stdout
    diags = sorted_diagnostics(diags)
    if fmt == "json":
        json.dump([d.to_dict() for d in diags], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    else:
        for d in diags:
            stream.write(d.format() + "\n")


def load_one(path: str) -> tuple[LoadResult, int | None]:
    """Load a single scenario file for run/analyze/workshop.

    Returns the result and an exit code when the command must stop: 2 for a path that cannot be
    read, 1 for a scenario with errors (its diagnostics printed as `validate` prints them).
    """
    results, missing = load_paths([path])
    if missing or not results:
        for r in results:
            print_diagnostics(r.diagnostics, stream=sys.stderr)
        if not results:
            sys.stderr.write(f"salesplay: {path}: no scenario files found\n")
        return (results[0] if results else LoadResult(path)), EXIT_USAGE
    if len(results) > 1:
        sys.stderr.write(f"salesplay: {path} is a folder; give one scenario file\n")
        return results[0], EXIT_USAGE
    result = results[0]
    if has_errors(result.diagnostics) or result.scenario is None:
        print_diagnostics(result.diagnostics)
        return result, EXIT_FAIL
    return result, None
