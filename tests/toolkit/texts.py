"""Small scenario texts for the toolkit's tests, built from one base so each shows one thing."""

from __future__ import annotations

import random

HEAD = """\
format: 1
id: {sid}
title: {title}
summary: A small scenario for tests.
buyer: {{name: Ana Silva, role: Buyer}}
"""


def scenario(
    nodes: str, *, meters: str = "", start: str = "ask", sid: str = "tiny", title: str = "Tiny"
) -> str:
    """A whole file: the head, optional `meters:` lines, `start:` and the `nodes:` given."""
    text = HEAD.format(sid=sid, title=title)
    if meters:
        text += "meters:\n" + meters
    return text + f"start: {start}\nnodes:\n" + nodes


ENDINGS = """\
  won:
    say: Deal.
    ending: {result: won, title: Won, points: 2}
  lost:
    say: No.
    ending: {result: lost, title: Lost}
"""


def random_scenario(seed: int) -> str:
    """A random small scenario whose runs all end: every move costs patience, which walks out at 0.

    Conditions on meters, flags and visited(), triggers and timers all appear, so a brute-force
    enumeration of runs through the move rules can check the analyser.
    """
    rng = random.Random(seed)
    n = rng.randint(2, 5)
    decisions = [f"d{i}" for i in range(n)]
    targets = decisions + ["won", "lost", "walkout"]
    lines = []
    for i, nid in enumerate(decisions):
        lines += [f"  {nid}:", f"    say: Line {i}."]
        if rng.random() < 0.3:
            # Forward only: a time-out costs no patience, so a backward one could loop.
            lines += ["    time_limit: 5", f"    timeout: {rng.choice(targets[i + 1 :])}"]
        lines.append("    choices:")
        for k in range(rng.randint(1, 3)):
            tags = rng.sample(
                ["insight", "price", "discovery", "feature", "outcome"], rng.randint(0, 2)
            )
            lines.append(f"      - text: Option {k} at {i}.")
            if tags:
                lines.append(f"        tags: [{', '.join(tags)}]")
            if rng.random() < 0.3:
                lines.append(f"        points: {rng.randint(-4, 4)}")
            trust = rng.choice([-2, -1, 1, 2])
            lines.append(f"        effects: {{patience: -1, trust: {trust}}}")
            if rng.random() < 0.3:
                lines.append(f"        set: [{rng.choice(['asked', 'priced'])}]")
            roll = rng.random()
            if roll < 0.2:
                lines.append(f"        if: trust >= {rng.randint(1, 4)}")
            elif roll < 0.3:
                lines.append("        if: not priced")
            elif roll < 0.4:
                lines.append(f"        if: visited({rng.choice(decisions)})")
            lines.append(f"        next: {rng.choice(targets)}")
    lines += [
        "  walkout:",
        "    say: We're done.",
        "    ending: {result: lost, title: Walked out, points: -1}",
    ]
    meters = (
        "  patience: {start: 4, min: 0, max: 4, on_min: walkout}\n"
        "  trust: {start: 2, min: 0, max: 5, on_max: won}\n"
    )
    flags_used = "\n".join(lines)
    # A flag named in a condition must be set somewhere.
    if "not priced" in flags_used and "set: [priced]" not in flags_used:
        flags_used = flags_used.replace("if: not priced", "if: trust >= 2")
    return scenario(flags_used + "\n" + ENDINGS, meters=meters, start="d0", sid=f"random-{seed}")
