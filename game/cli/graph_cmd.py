"""`salesplay graph PATH --format mermaid|dot|svg|png [-o FILE]`: draw a scenario's branches."""

from __future__ import annotations

import shutil
import subprocess
import sys

from game.cli.common import load_one
from game.engine.graph import to_dot, to_mermaid
from game.errors import GameError, UsageError

NO_DOT = (
    "--format {fmt} needs Graphviz's `dot` program, which is not installed.\n"
    "  Install Graphviz: `sudo apt-get install graphviz` (Debian, Ubuntu), `brew install graphviz`\n"
    "  (macOS), `winget install graphviz` (Windows), or see https://graphviz.org/download/.\n"
    "  Or use --format mermaid, which Markdown previews on many code hosts draw as it is."
)


def register(sub) -> None:
    p = sub.add_parser(
        "graph",
        help="draw a scenario's branches (mermaid, dot, svg, png)",
        description="Draw nodes (buyer lines), choices (coloured by points) and endings.",
    )
    p.add_argument("path", metavar="PATH", help="a scenario file")
    p.add_argument(
        "--format",
        choices=("mermaid", "dot", "svg", "png"),
        default="mermaid",
        help="mermaid or dot text; svg or png need Graphviz's dot (default mermaid)",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", default=None, help="write to FILE instead of stdout"
    )
    p.add_argument(
        "--highlight",
        choices=("best", "worst", "commodity"),
        default=None,
        help="draw that run (analyze's best, worst or best with commodity) in bold",
    )
    p.set_defaults(handler=run)


def run(args) -> int:
    scenario = load_one(args.path).scenario
    path = highlight(scenario, args.highlight) if args.highlight else None
    if args.format == "mermaid":
        data = to_mermaid(scenario, path).encode("utf-8")
    else:
        data = to_dot(scenario, path).encode("utf-8")
        if args.format in ("svg", "png"):
            data = render(data, args.format)
    write(data, args.output)
    return 0


def highlight(scenario, which: str):
    """The run `--highlight` names, from the analysis; an error when there is none."""
    from game.engine.analysis import analyze

    analysis = analyze(scenario)
    run = {
        "best": analysis.best,
        "worst": analysis.worst,
        "commodity": analysis.best_with_commodity,
    }[which]
    if run is None:
        raise UsageError(
            f"this scenario has no {which} run to draw (see salesplay analyze {scenario.path})"
        )
    return run


def render(dot_text: bytes, fmt: str) -> bytes:
    """The drawing as bytes. UsageError (saying how to get it) when `dot` is missing."""
    dot = shutil.which("dot")
    if dot is None:
        raise UsageError(NO_DOT.format(fmt=fmt))
    done = subprocess.run([dot, f"-T{fmt}"], input=dot_text, capture_output=True, timeout=120)
    if done.returncode != 0:
        raise GameError(f"dot failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout


def write(data: bytes, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        with open(output, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc
