"""Small scenarios written for the contract tests, each exercising a few clauses of the spec."""

from __future__ import annotations

from pathlib import Path

# Two meters with triggers; a hidden first choice (so default ids count it); a timer whose
# time-out goes where a trigger would not; visited() of the start and of a later node.
PROBE = """\
format: 1
id: probe
title: Probe
summary: A small scenario for the contract.
buyer:
  name: Pat Reyes
  role: Buyer
meters:
  patience: {start: 1, min: 0, max: 3, on_min: walk}
  trust: {start: 1, min: 0, max: 3, on_max: won}
start: a
nodes:
  a:
    say: Hello.
    time_limit: 10
    timeout: b
    choices:
      - text: Never shown
        if: trust > 2 and not visited(a)
        next: b
      - text: Ask what the delays cost
        tags: [discovery]
        effects: {patience: -1}
        next: b
      - id: warm
        text: Warm up
        tags: [insight]
        effects: {trust: 1}
        set: [warmed]
        next: b
  b:
    say: Next.
    choices:
      - id: lower
        text: Press harder
        effects: {patience: -1}
        next: won
      - id: back
        text: Go back
        if: visited(a) and not visited(b2)
        next: b2
  b2:
    say: Again.
    choices:
      - id: raise
        text: Raise trust
        effects: {trust: 2}
        next: walk
      - id: leave
        text: Leave
        next: walk
  walk:
    say: Bye.
    ending: {result: lost, title: Walked out}
  won:
    say: Yes.
    ending: {result: won, title: Won, points: 4}
"""


def write(folder: Path, text: str, name: str = "s.yaml", data: bytes | None = None) -> Path:
    path = folder / name
    path.write_bytes(data if data is not None else text.encode("utf-8"))
    return path
