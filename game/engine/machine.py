"""The conversation as a `transitions` state machine, which decides where each move leads.

Nodes are states (endings are `final`). Each choice is one event, and from its node it has
the transitions the format lists, in the format's order: one per meter trigger it could
fire (declaration order), guarded by the pure predicate "taking this choice from this
state fires that trigger", then the plain `next`. The choice's `if:` condition guards all of
them. transitions takes the first transition whose guards pass; its `before` callback
applies the points, effects and flags, and entering the destination finishes the `Move`.
The predicates and the callbacks come from the compiled steps in `game.engine.rules`, the
one statement of the rules that the analyser also explores with.

A node's transitions are given to the machine the first time a move leaves it (`_ready`), so
a large scenario starts at once and a run builds only the nodes it reaches.

Per the library's own pitfalls: `auto_transitions=False` (otherwise N² transitions), every
reference is resolved before building, and only callables are passed, never strings from YAML.
One event per choice id (not per node and choice) keeps the model's bound trigger methods few.
"""

from __future__ import annotations

from transitions import Machine, MachineError, State

from game.content.model import TIMEOUT, Choice, Node, Scenario
from game.content.yamltree import paused_gc
from game.engine import rules
from game.engine.state import Move, PlayState
from game.errors import MoveError


class _Position:
    """The machine's model: holds only the current node id (as `state`)."""

    __slots__ = ("state", "__dict__")


def trigger_name(choice_id: str) -> str:
    """The event of a choice id (or of `timeout`); the colon keeps it off the model's names."""
    return f"choice:{choice_id}"


def build_machine(scenario: Scenario, conversation: Conversation) -> tuple[Machine, _Position]:
    """The machine with every node as a state; a node's transitions come with `add_node`."""
    position = _Position()
    states = [State(nid, final=node.is_ending) for nid, node in scenario.nodes.items()]
    machine = Machine(
        model=position,
        states=states,
        initial=scenario.start,
        auto_transitions=False,
        send_event=True,
        ignore_invalid_triggers=False,
        after_state_change=[conversation._enter],
    )
    return machine, position


def add_node(machine: Machine, scenario: Scenario, nid: str, conversation: Conversation) -> None:
    """The transitions out of node `nid`, per choice in the format's order (see above)."""
    node = scenario.nodes[nid]
    table = rules.steps(scenario)
    take = [conversation._take]
    events, Transition = machine.events, machine.transition_cls
    Condition = Transition.condition_cls

    def add(name: str, source: str, dest: str, conditions: list, before: list) -> None:
        # Machine.add_transition for an event's first transition (it creates the event and
        # binds its trigger); after that, transitions of the event are added directly, which
        # is the same but skips re-checking arguments that are already resolved callables.
        event = events.get(name)
        if event is None:
            machine.add_transition(name, source, dest, before=before)
            events[name].transitions[source][-1].conditions = conditions
        else:
            transition = Transition(source, dest, before=before)
            transition.conditions = conditions
            event.add_transition(transition)

    for choice in node.choices:
        step = table.step(nid, choice)
        guard = [Condition(conversation._visible(choice))] if choice.condition else []
        name = trigger_name(choice.id)
        for effect in step.triggers:
            fires = Condition(conversation._fires(step, effect))
            add(name, nid, effect.trigger.node, [*guard, fires], take)
        add(name, nid, choice.next, guard, take)
    if node.timeout is not None:
        add(trigger_name(TIMEOUT), nid, node.timeout, [], [conversation._take_timeout])


class Conversation:
    """One run of a scenario: the machine plus the current `PlayState`."""

    def __init__(self, scenario: Scenario, state: PlayState | None = None):
        self.scenario = scenario
        self._steps = rules.steps(scenario)
        self._state = state or rules.new_state(scenario)
        self._taken: rules.Taken | None = None
        self._built: set[str] = set()  # nodes whose transitions the machine holds
        with paused_gc():  # thousands of small objects for a large scenario
            # the scenario's moves: a trigger outside these is no move of it at all
            ids = {c.id for n in scenario.nodes.values() for c in n.choices}
            if any(n.timeout is not None for n in scenario.nodes.values()):
                ids.add(TIMEOUT)
            self._moves = frozenset(trigger_name(i) for i in ids)
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
        """True once the machine stands in a final state: an ending."""
        return self.machine.get_state(self._position.state).final

    @property
    def last_move(self) -> Move | None:
        """The move that led here (None at the start)."""
        return self._state.moves[-1] if self._state.moves else None

    def visible_choices(self) -> list[Choice]:
        return rules.visible_choices(self.scenario, self._state)

    # -- moves ---------------------------------------------------------------------------
    def choose(self, choice: Choice | str) -> Move:
        """Take a visible choice (a Choice of this node, or its id); returns the `Move`."""
        if isinstance(choice, str):
            found = self.node.choice(choice)
            if found is None:
                raise MoveError(
                    f"Choice '{choice}' does not exist. "
                    + rules.describe_options(self.scenario, self._state)
                )
            choice = found
        return self._fire(trigger_name(choice.id), choice)

    def time_out(self) -> Move:
        """The timer ran out; returns the `Move`."""
        if self.node.timeout is None or self.finished:
            raise MoveError(f"Node '{self._state.node}' has no time limit, so it cannot time out.")
        return self._fire(trigger_name(TIMEOUT), None)

    def play(self, token: str) -> Move:
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
        keep = max(0, move_count)
        moves = self._state.moves
        if keep < len(moves):  # read back from the moves' own consequences, not replayed
            self.restore(rules.rebuild(self.scenario, moves[:keep]))
        return self._state

    # -- the machine ---------------------------------------------------------------------
    def _fire(self, trigger: str, choice: Choice | None) -> Move:
        if self.finished:
            raise MoveError(rules.describe_options(self.scenario, self._state))
        if trigger not in self._moves:
            raise MoveError(
                f"Choice '{choice.id if choice else TIMEOUT}' is not a move of this scenario. "
                + rules.describe_options(self.scenario, self._state)
            )
        self._ready(self._position.state)
        event = self.machine.events.get(trigger)
        try:
            if event is None:  # a move of other nodes only, none of which has been built
                raise MachineError(f"{trigger} has no transition yet")
            fired = event.trigger(self._position, choice=choice)
        except MachineError as exc:  # the event has no transition from this node
            raise MoveError(
                "That move is not possible here. "
                + rules.describe_options(self.scenario, self._state)
            ) from exc
        finally:
            self._taken = None
        if not fired:
            raise MoveError(
                f"Choice '{choice.id if choice else TIMEOUT}' is hidden here (its condition "
                "does not hold). " + rules.describe_options(self.scenario, self._state)
            )
        return self._state.moves[-1]

    def _ready(self, nid: str) -> None:
        """Give the machine node `nid`'s transitions, the first time a move leaves it.

        A node's transitions are made when the run first stands there, not all up front:
        a 5,000-node scenario would otherwise build some 20,000 transitions before the first
        line is shown, most of them for nodes this run never reaches. The machine still
        holds every transition a move from here could take, and still decides among them.
        """
        if nid not in self._built:
            self._built.add(nid)
            add_node(self.machine, self.scenario, nid, self)

    def _visible(self, choice: Choice):
        condition = choice.condition

        def visible(event) -> bool:
            s = self._state
            return condition.holds(s.meters, s.flags, s.seen)

        return visible

    def _fires(self, step: rules.Step, effect: rules.Effect):
        """The pure predicate: taking `step` from the current state leaves `effect`'s meter at
        the limit that fires its trigger. Several may hold; the transitions' order (the meters'
        declaration order) decides which one the machine takes."""
        effects, values, slot = step.effects, self._steps.values, effect.slot

        def fires(event) -> bool:
            return effect.fires(rules.settle(effects, values(self._state.meters))[0][slot])

        return fires

    def _take(self, event) -> None:
        """Before the state changes: score the choice and apply its effects and flags."""
        self._taken = rules.take(self.scenario, self._state, event.kwargs["choice"])

    def _take_timeout(self, event) -> None:
        self._taken = rules.take_timeout(self._state)

    def _enter(self, event) -> None:
        """After the state changes: enter the node the machine chose."""
        self._state = rules.enter(self.scenario, self._taken, event.transition.dest)
