"""Command-line start-up, whole processes, as ratios against floors measured in this run.

- `salesplay --version` against `python -c "import yaml"` (goal: at most 2x).
- `salesplay validate --strict scenarios` against one Python process that composes the same
  files with yaml.CSafeLoader (goal: at most 2x).

Each pair is launched alternately, several rounds, and the medians are compared, so a busy
machine slows both sides alike. Both sides may write their bytecode (as an installed app has
it; the floor's PyYAML has its own since it was installed), so a PYTHONDONTWRITEBYTECODE in the
environment does not make every round compile the game from source. Run:
`.venv/bin/python bench/bench_cli.py`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SALESPLAY = str(Path(sys.executable).with_name("salesplay"))
COMPOSE = (
    "import pathlib, yaml\n"
    "for p in sorted(pathlib.Path('scenarios').rglob('*.y*ml')):\n"
    "    yaml.compose(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
)


ENV = dict(os.environ)
ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def timed(cmd: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, check=False)
    return time.perf_counter() - began


def pair(ours: list[str], floor: list[str], rounds: int) -> tuple[float, float]:
    timed(ours), timed(floor)  # warm the bytecode and file caches
    a, b = [], []
    for _ in range(rounds):
        a.append(timed(ours))
        b.append(timed(floor))
    return statistics.median(a), statistics.median(b)


def main() -> int:
    ok_all = True
    print(f"{'measure':52} {'ours':>9} {'floor':>9} {'ratio':>7} {'goal':>6}")
    for name, ours, floor in (
        (
            "salesplay --version / python -c 'import yaml'",
            [SALESPLAY, "--version"],
            [sys.executable, "-c", "import yaml"],
        ),
        (
            "validate --strict scenarios / compose them",
            [SALESPLAY, "validate", "--strict", "scenarios"],
            [sys.executable, "-c", COMPOSE],
        ),
    ):
        mine, base = pair(ours, floor, 9)
        ratio = mine / base
        ok_all &= ratio <= 2.0
        print(
            f"{name:52} {mine * 1000:7.0f}ms {base * 1000:7.0f}ms {ratio:6.2f}x {'<=2x':>6}"
            f" {'yes' if ratio <= 2.0 else 'NO'}"
        )
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
