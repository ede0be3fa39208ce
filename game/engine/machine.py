"""The conversation as a `transitions` state machine.

Nodes are states (endings are final); each choice is a transition from its node, guarded by
its `if:` condition, with one transition per place the move can land (a meter trigger's node
in declaration order, then the choice's `next`). The numbers come from `game.engine.rules`,
so the machine, the analyser and the workshop always agree; the machine enforces the graph.

Per the library's own pitfalls: `auto_transitions=False` (otherwise N² transitions), every
reference is resolved before building, and only callables are passed, never strings from YAML.
"""

from __future__ import annotations

from transitions import Machine, MachineError, State

from game.content.model import TIMEOUT, Choice, Node, Scenario
from game.content.yamltree import paused_gc
from game.engine import rules
from game.engine.state import PlayState
from game.errors import MoveError


class _Position:
    """The machine's model: holds only the current node id (as `state`)."""

    __slots__ = ("state", "__dict__")


def trigger_name(node_id: str, choice_id: str) -> str:
    # A dot cannot start or sit inside a Python attribute name the model already has.
    return f"{node_id}.{choice_id}"


def build_machine(scenario: Scenario, conversation: Conversation) -> tuple[Machine, _Position]:
    position = _Position()
    states = [State(nid, final=node.is_ending) for nid, node in scenario.nodes.items()]
    machine = Machine(
        model=position,
        states=states,
        initial=scenario.start,
        auto_transitions=False,
        send_event=True,
        ignore_invalid_triggers=False,
        prepare_event=[conversation._prepare],
        after_state_change=[conversation._commit],
    )
    lands = conversation._lands_on
    for nid, node in scenario.nodes.items():
        for choice in node.choices:
            guards = [conversation._guard(choice)] if choice.condition is not None else []
            name = trigger_name(nid, choice.id)
            for dest in _destinations(scenario, choice):
                machine.add_transition(name, nid, dest, conditions=[*guards, lands(dest)])
        if node.timeout is not None:
            machine.add_transition(
                trigger_name(nid, TIMEOUT), nid, node.timeout, conditions=[lands(node.timeout)]
            )
    return machine, position


def _destinations(scenario: Scenario, choice: Choice) -> list[str]:
    """Where a choice can land: each meter trigger it could fire (declaration order), then `next`."""
    changes = dict(choice.effects)
    out = []
    for name, meter in scenario.meters.items():
        change = changes.get(name, 0)
        target = meter.on_min if change < 0 else meter.on_max if change > 0 else None
        if target is not None and target not in out:
            out.append(target)
    if choice.next not in out:
        out.append(choice.next)
    return out


class Conversation:
    """One run of a scenario: the machine plus the current `PlayState`."""

    def __init__(self, scenario: Scenario, state: PlayState | None = None):
        self.scenario = scenario
        self._state = state or rules.new_state(scenario)
        self._pending: PlayState | None = None
        with paused_gc():  # tens of thousands of small objects for a large scenario
            self.machine, self._position = build_machine(scenario, self)
        if self._state.node != scenario.start:
            self.machine.set_state(self._state.node, model=self._position)

    # -- what front ends read -------------------------------------------------------------
    @property
    def state(self) -> PlayState:
        return self._state

    @property
    def node(self) -> Node:
        return self.scenario.nodes[self._state.node]

    @property
    def finished(self) -> bool:
        return self._state.finished

    def visible_choices(self) -> list[Choice]:
        return rules.visible_choices(self.scenario, self._state)

    # -- moves ---------------------------------------------------------------------------
    def choose(self, choice: Choice | str) -> PlayState:
        """Take a visible choice (a Choice of this node, or its id)."""
        if isinstance(choice, str):
            found = self.node.choice(choice)
            if found is None:
                raise MoveError(
                    f"Choice '{choice}' does not exist. "
                    + rules.describe_options(self.scenario, self._state)
                )
            choice = found
        return self._fire(trigger_name(self._state.node, choice.id), choice)

    def time_out(self) -> PlayState:
        if self.node.timeout is None or self.finished:
            raise MoveError(f"Node '{self._state.node}' has no time limit, so it cannot time out.")
        return self._fire(trigger_name(self._state.node, TIMEOUT), None)

    def play(self, token: str) -> PlayState:
        """Play a `--choices` token: a 1-based visible position, a choice id, or `timeout`."""
        choice = rules.resolve_token(self.scenario, self._state, token)
        return self.time_out() if choice is None else self.choose(choice)

    def restore(self, state: PlayState) -> None:
        if state.node not in self.scenario.nodes:
            raise MoveError(f"Node '{state.node}' is no longer in this scenario.")
        self._state = state
        self.machine.set_state(state.node, model=self._position)

    def rewind(self, move_count: int) -> PlayState:
        """Go back to the state after the first `move_count` moves (0 = the start)."""
        moves = [m.choice for m in self._state.moves[: max(0, move_count)]]
        self.restore(rules.replay(self.scenario, moves))
        return self._state

    # -- machine callbacks -----------------------------------------------------------------
    def _fire(self, trigger: str, choice: Choice | None) -> PlayState:
        if self.finished:
            raise MoveError(rules.describe_options(self.scenario, self._state))
        try:
            fired = self._position.trigger(trigger, choice=choice)
        except (MachineError, AttributeError) as exc:
            raise MoveError(
                "That move is not possible here. "
                + rules.describe_options(self.scenario, self._state)
            ) from exc
        finally:
            pending, self._pending = self._pending, None
        if not fired:
            raise MoveError(
                f"Choice '{choice.id if choice else TIMEOUT}' is hidden here (its condition "
                "does not hold). " + rules.describe_options(self.scenario, self._state)
            )
        assert pending is not None
        return self._state

    def _prepare(self, event) -> None:
        choice = event.kwargs.get("choice")
        if choice is None:
            self._pending = rules.time_out(self.scenario, self._state)
        else:
            self._pending = rules.choose(self.scenario, self._state, choice)

    def _guard(self, choice: Choice):
        def visible(event) -> bool:
            s = self._state
            return choice.condition.holds(s.meters, s.flags, s.visited)

        return visible

    def _lands_on(self, dest: str):
        def lands(event) -> bool:
            return self._pending is not None and self._pending.node == dest

        return lands

    def _commit(self, event) -> None:
        self._state = self._pending
