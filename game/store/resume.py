"""Resume a saved run: replay its choices on the scenario as it is on disk now.

Replaying is the design here, not a leftover. Every other consumer reads a run's `Move`
records, but resume starts from the database, and two things make the stored moves the
wrong source:

- The file may have changed since the run was saved (its content hash then differs). The
  saved points, targets and triggers describe the old file; replaying each choice id through
  the rules as the file says now is what notices that a decision no longer fits, or that
  the run now stands elsewhere, and says so instead of resuming into a state the scenario
  cannot reach.
- The store keeps, per decision, what reports and exports need (node, choice, points, tags,
  target), not a move's meter changes, flags or trigger, so a `Move` cannot be rebuilt from
  a row without the rules anyway.

The cost is one pure rules step per decision (about 10 µs; some 10 ms for a 1,000-decision
run), once, when the rep picks the run to resume. The rules are imported then too, not when
the store opens (the window's start-up does not replay anything).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from game.content.model import Scenario
from game.errors import MoveError, SaveError
from game.store.records import RunRecord

if TYPE_CHECKING:
    from game.engine.state import PlayState


def resume(store, record: RunRecord, scenario: Scenario) -> PlayState:
    """The state the saved run reached, or SaveError when the scenario changed too much."""
    title = scenario.title or scenario.id
    if record.scenario_id != scenario.id:
        raise SaveError(
            f"This saved run belongs to scenario '{record.scenario_id}', not '{scenario.id}'. "
            "Open it from its own scenario."
        )
    if record.node not in scenario.nodes:
        raise SaveError(
            f"The saved run stopped at '{record.node}', which is no longer in '{title}': "
            "the scenario file has changed since. Start the scenario again from the beginning."
        )
    rules = importlib.import_module("game.engine.rules")
    state = rules.new_state(scenario)
    for n, token in enumerate(record.choices, 1):
        try:
            state = rules.play_token(scenario, state, token)
        except MoveError as exc:
            raise SaveError(
                f"Decision {n} of the saved run ('{token}' at '{state.node}') no longer fits "
                f"'{title}': the scenario file has changed since. {exc} "
                "Start the scenario again from the beginning."
            ) from exc
    if state.node != record.node:
        raise SaveError(
            f"Replaying the saved run of '{title}' now ends at '{state.node}' instead of "
            f"'{record.node}': the scenario file has changed since. "
            "Start the scenario again from the beginning."
        )
    store.remember_scenario(record.run_id, scenario)
    return state
