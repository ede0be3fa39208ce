"""Time the analyser: states per second on a generated scenario, and each bundled scenario.

The baseline, measured in the same run, explores the same states with the plain move rules
(`game.engine.rules` on `PlayState`), as an analyser without the compact form would.
Run: .venv/bin/python bench/bench_analysis.py
"""

from __future__ import annotations

import sys
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from game.content import load_scenario, load_text  # noqa: E402
from game.engine import rules  # noqa: E402
from game.engine.analysis import analyze  # noqa: E402

BASELINE_CAP = 20_000


def baseline_states_per_second(scenario, cap: int = BASELINE_CAP) -> tuple[int, float]:
    """Breadth-first over PlayStates with the plain rules; returns (states, seconds)."""
    watched = {
        v
        for n in scenario.nodes.values()
        for c in n.choices
        if c.condition
        for v in c.condition.visits
    }

    def key(s):
        return (s.node, tuple(s.meters.values()), s.flags, frozenset(s.visited & watched))

    start = rules.new_state(scenario)
    seen = {key(start)}
    queue = deque([start])
    began = time.perf_counter()
    while queue and len(seen) < cap:
        state = queue.popleft()
        if state.finished:
            continue
        following = [
            rules.choose(scenario, state, c) for c in rules.visible_choices(scenario, state)
        ]
        if scenario.nodes[state.node].timeout:
            following.append(rules.time_out(scenario, state))
        for after in following:
            k = key(after)
            if k not in seen:
                seen.add(k)
                queue.append(after)
    return len(seen), time.perf_counter() - began


def main() -> None:
    text = generate(1000, meters=2)
    scenario = load_text(text, "generated-1000.yaml").scenario
    assert scenario is not None
    began = time.perf_counter()
    analysis = analyze(scenario)
    took = time.perf_counter() - began
    rate = analysis.states / took
    base_states, base_took = baseline_states_per_second(scenario)
    base_rate = base_states / base_took
    print("Generated scenario: 1,000 nodes, two meters")
    print(
        f"  analyze: {analysis.states:,} states ({'exhaustive' if analysis.exhaustive else 'capped'}), "
        f"{took:.2f} s, {rate:,.0f} states/s, {len(analysis.loops)} loops"
    )
    print(f"  baseline (plain move rules, first {base_states:,} states): {base_rate:,.0f} states/s")
    print(
        f"  ratio: {rate / base_rate:.1f}x the baseline's states per second "
        "(the analyser's figure includes scoring, loops and endings)"
    )
    print()
    print("Bundled scenarios (limit 2 s each):")
    worst = 0.0
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        loaded = load_scenario(path)
        if loaded.scenario is None:
            print(f"  {path.name:<34} does not load; run salesplay validate")
            continue
        began = time.perf_counter()
        result = analyze(loaded.scenario)
        took = time.perf_counter() - began
        worst = max(worst, took)
        print(
            f"  {path.name:<34} {result.states:>7,} states  {took * 1000:8.1f} ms  "
            f"({took / 2.0:.2%} of the limit)"
        )
    print(f"  slowest: {worst * 1000:.1f} ms, {'within' if worst < 2.0 else 'OVER'} the 2 s limit")


if __name__ == "__main__":
    main()
