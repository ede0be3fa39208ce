"""Engine benchmarks: load + validate vs yaml.compose, machine build, choice step.

Run: `.venv/bin/python bench/bench_engine.py`. Every goal is a ratio against a baseline
measured in this same run, or an absolute budget printed beside the measurement.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import generate  # noqa: E402

from game.content import load_text  # noqa: E402
from game.engine.machine import Conversation  # noqa: E402
from game.engine.state import PlayState  # noqa: E402

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    print(f"YAML loader: {LOADER.__name__}")
    print(f"{'measure':44} {'value':>12} {'goal':>12} {'ok':>4}")
    ok_all = True

    def row(name, value, goal, ok):
        nonlocal ok_all
        ok_all &= ok
        print(f"{name:44} {value:>12} {goal:>12} {'yes' if ok else 'NO':>4}")

    for n in (1000, 5000):
        text = generate(n, meters=2)
        repeat = 5 if n == 1000 else 3
        base = best_of(lambda t=text: yaml.compose(t, Loader=LOADER), repeat)
        ours = best_of(lambda t=text: load_text(t, "bench.yaml"), repeat)
        row(
            f"load+validate / compose, {n} nodes",
            f"{ours / base:.2f}x",
            "<= 1.50x",
            ours / base <= 1.5,
        )
        print(
            f"{'':4}compose {base * 1000:.1f} ms, load+validate {ours * 1000:.1f} ms, {len(text) / 1e6:.2f} MB"
        )

    scenario = load_text(generate(5000, meters=2), "bench.yaml").scenario
    build = best_of(lambda: Conversation(scenario), 3)
    row("build machine, 5000 nodes", f"{build:.3f} s", "<= 0.300 s", build <= 0.3)

    conversation = Conversation(scenario)
    start = PlayState(
        scenario=scenario.id,
        node=scenario.start,
        meters=scenario.start_meters(),
        path=(scenario.start,),
    )
    steps = []
    for _ in range(5000):
        choice = conversation.visible_choices()[0]
        t0 = time.perf_counter()
        conversation.choose(choice)
        steps.append(time.perf_counter() - t0)
        if conversation.finished:
            conversation.restore(start)
    median = statistics.median(steps) * 1e6
    row("choice step, median", f"{median:.1f} us", "<= 50 us", median <= 50)
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
