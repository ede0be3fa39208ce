"""`salesplay graph PATH --format mermaid|dot|svg|png [-o FILE]`: draw a scenario's branches."""

from __future__ import annotations

import shutil
import subprocess
import sys

from game.cli.common import EXIT_FAIL, EXIT_OK, EXIT_USAGE, load_one
from game.engine.graph import to_dot, to_mermaid

NO_DOT = (
    "salesplay graph: --format {fmt} needs Graphviz's `dot` program, which is not installed.\n"
    "  Install Graphviz: `sudo apt-get install graphviz` (Debian, Ubuntu), `brew install graphviz`\n"
    "  (macOS), `winget install graphviz` (Windows), or see https://graphviz.org/download/.\n"
    "  Or use --format mermaid, which Markdown previews on many code hosts draw as it is.\n"
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
    p.set_defaults(handler=run)


def run(args) -> int:
    result, stop = load_one(args.path)
    if stop is not None:
        return stop
    scenario = result.scenario
    if args.format == "mermaid":
        data = to_mermaid(scenario).encode("utf-8")
    else:
        data = to_dot(scenario).encode("utf-8")
        if args.format in ("svg", "png"):
            rendered = render(data, args.format)
            if rendered is None:
                return EXIT_USAGE
            if isinstance(rendered, str):
                sys.stderr.write(rendered)
                return EXIT_FAIL
            data = rendered
    return write(data, args.output)


def render(dot_text: bytes, fmt: str) -> bytes | str | None:
    """The drawing as bytes; None (after saying how to get it) when `dot` is missing; an error text."""
    dot = shutil.which("dot")
    if dot is None:
        sys.stderr.write(NO_DOT.format(fmt=fmt))
        return None
    done = subprocess.run([dot, f"-T{fmt}"], input=dot_text, capture_output=True, timeout=120)
    if done.returncode != 0:
        return f"salesplay graph: dot failed: {done.stderr.decode('utf-8', 'replace').strip()}\n"
    return done.stdout


def write(data: bytes, output: str | None) -> int:
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    try:
        with open(output, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        sys.stderr.write(f"salesplay graph: cannot write {output}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    return EXIT_OK
