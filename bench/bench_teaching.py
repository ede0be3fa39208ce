"""Time the teaching checks: what they add to `validate --strict scenarios`, and each bundled
scenario's analysis with its tells.

Goals: the whole `validate --strict scenarios` process takes at most 1.5 times the same
process with the graph-reading teaching checks and the tells switched off (the baseline,
measured in the same run), and every bundled scenario's analysis, tells included, stays
under 50 ms. Processes run with a bytecode cache, as an installed copy does.
Run: .venv/bin/python bench/bench_teaching.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content import load_scenario  # noqa: E402
from game.engine.analysis import analyze, explore  # noqa: E402
from game.engine.tells import study  # noqa: E402

RATIO_GOAL = 1.5
ANALYSIS_GOAL_MS = 50
ROUNDS = 7

NEW = "from game.cli import main; raise SystemExit(main(['validate', '--strict', 'scenarios']))"
BASELINE = (
    "from game.engine import quality, teaching\n"
    "quality.study = lambda *a: None\n"
    "teaching.check = lambda *a: []\n" + NEW
)


def _process_seconds(code: str, env: dict) -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True)
    return time.perf_counter() - began


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, PYTHONPYCACHEPREFIX=cache)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for code in (NEW, BASELINE):  # warm the bytecode cache
            _process_seconds(code, env)
        new, base = [], []
        for _ in range(ROUNDS):
            base.append(_process_seconds(BASELINE, env))
            new.append(_process_seconds(NEW, env))
    ratio = statistics.median(new) / statistics.median(base)
    print(
        f"validate --strict scenarios: {statistics.median(new):.2f} s with the teaching checks, "
        f"{statistics.median(base):.2f} s without (median of {ROUNDS})"
    )
    print(f"  ratio: {ratio:.2f}x the baseline (goal: at most {RATIO_GOAL}x)")
    ok &= ratio <= RATIO_GOAL
    print(
        f"Each bundled scenario: analysis plus tells, best of 5 (goal: under {ANALYSIS_GOAL_MS} ms)"
    )
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path).scenario
        took = []
        for _ in range(5):
            began = time.perf_counter()
            graph = explore(scenario)
            study(scenario, graph, analyze(scenario, graph=graph))
            took.append(time.perf_counter() - began)
        ms = min(took) * 1000
        ok &= ms < ANALYSIS_GOAL_MS
        print(f"  {path.name:<32} {ms:6.1f} ms")
    print("Goals met." if ok else "Goals missed.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
