"""Generate large, valid scenarios for benchmarks: `generate(n_nodes, meters=1)` -> YAML text."""

from __future__ import annotations

import random


def generate(n_nodes: int, meters: int = 1, seed: int = 7) -> str:
    """A chain of decisions with side branches, conditions and meters; ends in three endings."""
    rng = random.Random(seed)
    names = [f"m{i}" for i in range(meters)]
    out = [
        "format: 1",
        f"id: generated-{n_nodes}",
        f"title: Generated {n_nodes}",
        "summary: A large generated scenario for benchmarks.",
        "buyer: {name: Sam Reyes, role: Buyer}",
        "meters:",
    ]
    for name in names:
        out.append(f"  {name}: {{start: 5, min: 0, max: 10, on_min: lost}}")
    out += ["start: n0", "nodes:"]
    decisions = n_nodes - 3
    for i in range(decisions):
        nxt = f"n{i + 1}" if i + 1 < decisions else "won"
        back = f"n{max(0, i - rng.randint(1, 3))}" if i > 3 else nxt
        m = rng.choice(names)
        out += [
            f"  n{i}:",
            f"    say: Buyer line number {i}, asking about outcomes and budgets.",
            "    choices:",
            f"      - text: Lead with an insight about step {i}.",
            "        tags: [insight]",
            f"        effects: {{{m}: 1}}",
            f"        next: {nxt}",
            f"      - text: Offer a discount at step {i}.",
            "        tags: [price]",
            f"        effects: {{{m}: -2}}",
            f"        next: {back if i % 7 else 'stall'}",
            f"      - text: Ask a question at step {i}.",
            "        tags: [discovery]",
            f"        if: {m} >= 3",
            f"        next: {nxt}",
        ]
    out += [
        "  won:",
        "    say: Deal.",
        "    ending: {result: won, title: Won, points: 5}",
        "  lost:",
        "    say: No.",
        "    ending: {result: lost, title: Lost}",
        "  stall:",
        "    say: Later.",
        "    ending: {result: stalled, title: Stalled}",
    ]
    return "\n".join(out) + "\n"
