"""Each bundled scenario's lesson, one module per scenario.

`tests/lessons/<scenario id with _ for ->.py` defines `LESSON`: the leader's path (which must
stay the best run `analyze` finds) and runs that show what leading with price, features or
hesitation costs. `tests/test_bundled_scenarios.py` collects them all. A writer who changes a
scenario's choices or points updates its lesson module, on purpose.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Run:
    choices: str  # tokens for `salesplay run --choices`
    ending: str
    result: str
    score: int


@dataclass(frozen=True)
class Lesson:
    leader: Run  # the leader's path: analyze's best run, move for move
    runs: dict[str, Run] = field(default_factory=dict)  # what a run shows -> the run
    # What a run shows -> tokens whose last one must be refused: a choice hidden by then.
    hidden: dict[str, str] = field(default_factory=dict)


def all_lessons() -> dict[str, Lesson]:
    """Every lesson module's `LESSON`, keyed by the scenario id its module name spells."""
    lessons = {}
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        lesson = getattr(module, "LESSON", None)
        if not isinstance(lesson, Lesson):
            raise TypeError(f"tests/lessons/{info.name}.py must define LESSON = Lesson(...)")
        lessons[info.name.replace("_", "-")] = lesson
    return lessons
