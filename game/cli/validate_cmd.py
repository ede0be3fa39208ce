"""`salesplay validate PATH...`: check scenario files and folders."""

from __future__ import annotations

from game.cli.common import print_diagnostics
from game.content import load_paths
from game.content.diagnostics import has_errors
from game.content.yamltree import paused_gc
from game.engine import quality
from game.errors import EXIT_FAIL, EXIT_OK, UsageError


def register(sub) -> None:
    p = sub.add_parser(
        "validate",
        help="check scenario files and folders",
        description="Check scenarios: one line per problem, path:line:col: severity CODE: message.",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="scenario files or folders (searched recursively)"
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument("--strict", action="store_true", help="warnings count as errors")
    p.set_defaults(handler=run)


def review(result) -> list:
    """Diagnostics beyond the format's rules (teaching quality), for a scenario that loaded."""
    return quality.review(result.scenario)


def run(args) -> int:
    results, missing = load_paths(args.paths)
    diags = []
    for r in results:
        diags.extend(r.diagnostics)
        if r.scenario is not None:
            # the checks make thousands of small objects; what they leave is collected after
            with paused_gc():
                diags.extend(review(r))
    print_diagnostics(diags, args.format)
    if missing:
        raise UsageError(f"could not read {', '.join(missing)} (the other paths were checked).")
    # The verdict, not an error: the diagnostics above say what to fix.
    return EXIT_FAIL if has_errors(diags, strict=args.strict) else EXIT_OK
