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
from game.engine import rules  # noqa: E402
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

    def steps(longest: int) -> tuple[float, float]:
        """Median time of a machine move and of the same move by the pure rules (the floor)."""
        machine, pure = [], []
        conversation.restore(start)
        for _ in range(5000):
            before = conversation.state
            choice = conversation.visible_choices()[0]
            t0 = time.perf_counter()
            rules.choose(scenario, before, choice)
            t1 = time.perf_counter()
            conversation.choose(choice)
            machine.append(time.perf_counter() - t1)
            pure.append(t1 - t0)
            if conversation.finished or len(conversation.state.moves) >= longest:
                conversation.restore(start)
        return statistics.median(machine) * 1e6, statistics.median(pure) * 1e6

    median, floor = steps(100)  # a conversation of up to 100 decisions
    row("choice step, median (runs of 100 moves)", f"{median:.1f} us", "<= 30 us", median <= 30)
    print(f"{'':4}the pure rules' step {floor:.1f} us: the machine costs {median / floor:.1f}x")
    long_median, _ = steps(10**9)
    print(f"{'':4}walking the whole {len(scenario.nodes)}-node run: {long_median:.1f} us a move")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
