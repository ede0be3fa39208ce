"""The rules of a move, stated once, and the pure functions on `Scenario` and `PlayState`.

The format's order: points and tag counts, then effects (clamped), `set`, `clear`, then the
first fired meter trigger in declaration order replaces `next`, then the next node is
entered (an ending adds its points). `steps(scenario)` compiles every choice into a `Step`
and `settle` applies a step's effects: this is the one statement of the rule. The
transitions machine (`game.engine.machine`) builds its transitions and guards from the
same steps, the analyser explores with `settle`, and the workshop plays through `choose`,
so the numbers can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import itemgetter

from game.content.model import TIMEOUT, Choice, Frozen, Node, Scenario
from game.engine.state import MeterChange, Move, PlayState, Trigger
from game.errors import MoveError

_set = object.__setattr__

# -- the one statement of a move ----------------------------------------------------------


class Effect(Frozen):
    """One meter a choice changes, with what its trigger does."""

    __slots__ = ("meter", "slot", "change", "low", "high", "trigger")

    def __init__(
        self,
        meter: str,
        slot: int,  # the meter's position in declaration order
        change: int,
        low: int,
        high: int,
        trigger: Trigger | None,  # on_min for a lowering, on_max for a raise; None for 0
    ):
        _set(self, "meter", meter)
        _set(self, "slot", slot)
        _set(self, "change", change)
        _set(self, "low", low)
        _set(self, "high", high)
        _set(self, "trigger", trigger)

    def fires(self, value: int) -> bool:
        """Whether the trigger fires when the meter ends the move at `value`."""
        return self.trigger is not None and value == (self.low if self.change < 0 else self.high)


class Step(Frozen):
    """A choice compiled against its scenario: what taking it does."""

    __slots__ = ("choice", "effects")

    def __init__(
        self,
        choice: Choice,
        effects: tuple[Effect, ...],  # in the meters' declaration order, which decides triggers
    ):
        _set(self, "choice", choice)
        _set(self, "effects", effects)

    @property
    def triggers(self) -> tuple[Effect, ...]:
        """The effects whose trigger could fire, in the order they are tried."""
        return tuple(e for e in self.effects if e.trigger is not None)


def settle(effects: tuple[Effect, ...], meters: tuple[int, ...]):
    """Apply `effects` to meter values (declaration order): the new values, clamped, and the
    first effect whose trigger fired (None when none did)."""
    if not effects:
        return meters, None
    values = list(meters)
    fired = None
    for e in effects:
        v = values[e.slot] + e.change
        v = e.low if v < e.low else e.high if v > e.high else v
        values[e.slot] = v
        if fired is None and e.trigger is not None and v == (e.low if e.change < 0 else e.high):
            fired = e
    return tuple(values), fired


class Steps:
    """Every choice of a scenario as a `Step`, and the meters in declaration order."""

    __slots__ = ("scenario", "names", "by_choice", "watched", "_read")

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.names = tuple(scenario.meters)
        read = itemgetter(*self.names) if self.names else (lambda meters: ())
        self._read = (lambda meters: (read(meters),)) if len(self.names) == 1 else read
        slot = {name: i for i, name in enumerate(self.names)}
        self.by_choice: dict[tuple[str, str], Step] = {}
        self.watched = frozenset(  # the nodes some visited() condition asks about
            v
            for node in scenario.nodes.values()
            for c in node.choices
            if c.condition is not None
            for v in c.condition.visits
        )
        for node in scenario.nodes.values():
            for c in node.choices:
                effects = []
                for name, change in sorted(c.effects, key=lambda e: slot[e[0]]):
                    m = scenario.meters[name]
                    kind, target = ("on_min", m.on_min) if change < 0 else ("on_max", m.on_max)
                    trigger = Trigger(name, kind, target) if change and target else None
                    effects.append(Effect(name, slot[name], change, m.min, m.max, trigger))
                self.by_choice[(node.id, c.id)] = Step(c, tuple(effects))

    def step(self, node: str, choice: Choice) -> Step:
        return self.by_choice[(node, choice.id)]

    def values(self, meters: Mapping[str, int]) -> tuple[int, ...]:
        """The meters' values in declaration order."""
        return self._read(meters)


_compiled: dict[int, Steps] = {}
_COMPILED_KEPT = 32  # scenarios whose steps stay compiled (a library, an edit-reload or two)


def steps(scenario: Scenario) -> Steps:
    """The compiled steps of `scenario`, made once per scenario object."""
    found = _compiled.get(id(scenario))
    if found is not None and found.scenario is scenario:
        return found
    found = Steps(scenario)
    if len(_compiled) >= _COMPILED_KEPT:
        _compiled.pop(next(iter(_compiled)))
    _compiled[id(scenario)] = found  # holds the scenario, so its id is not reused meanwhile
    return found


# -- states -----------------------------------------------------------------------------------


def new_state(scenario: Scenario) -> PlayState:
    """A run standing at the start node, which counts as entered."""
    return PlayState(
        scenario=scenario.id,
        node=scenario.start,
        meters=scenario.start_meters(),
        path=(scenario.start,),
    )


def is_visible(choice: Choice, meters: Mapping[str, int], flags, visited) -> bool:
    return choice.condition is None or choice.condition.holds(meters, flags, visited)


def visible_choices(scenario: Scenario, state: PlayState) -> list[Choice]:
    """The choices shown at the current node, in file order."""
    node = scenario.nodes[state.node]
    if state.finished or node.is_ending:
        return []
    seen = state.seen
    return [c for c in node.choices if is_visible(c, state.meters, state.flags, seen)]


class Taken(Frozen):
    """Steps 1 to 3 of a move, before the next node is entered."""

    __slots__ = ("before", "choice", "score", "tags", "meters", "flags", "changes", "fired")

    def __init__(
        self,
        before: PlayState,
        choice: Choice | None,  # None for a time-out
        score: int,
        tags: dict[str, int],
        meters: dict[str, int],
        flags: frozenset[str],
        changes: tuple[MeterChange, ...],
        fired: Effect | None,  # the first effect whose trigger fired (declaration order)
    ):
        _set(self, "before", before)
        _set(self, "choice", choice)
        _set(self, "score", score)
        _set(self, "tags", tags)
        _set(self, "meters", meters)
        _set(self, "flags", flags)
        _set(self, "changes", changes)
        _set(self, "fired", fired)

    @property
    def target(self) -> str:
        """Where the rules say the move leads: the fired trigger's node, else `next`."""
        if self.fired is not None:
            return self.fired.trigger.node
        if self.choice is None:
            raise MoveError("A time-out leads to its node's `timeout`.")
        return self.choice.next


def take(scenario: Scenario, state: PlayState, choice: Choice) -> Taken:
    """Score `choice` and apply its effects and flags (steps 1 to 3 of a move)."""
    table = steps(scenario)
    step = table.step(state.node, choice)
    tags = dict(state.tags)
    for t in choice.tags:
        tags[t] = tags.get(t, 0) + 1
    meters, changes, fired = state.meters, (), None
    if step.effects:
        values, fired = settle(step.effects, table.values(meters))
        meters = dict(zip(table.names, values, strict=True))
        changes = tuple(
            MeterChange(e.meter, state.meters[e.meter], values[e.slot]) for e in step.effects
        )
    flags = state.flags
    if choice.set or choice.clear:
        flags = frozenset(flags.union(choice.set).difference(choice.clear))
    return Taken(state, choice, state.score + choice.value, tags, meters, flags, changes, fired)


def take_timeout(state: PlayState) -> Taken:
    """A timer running out: no points, no effects, no trigger."""
    return Taken(state, None, state.score, state.tags, state.meters, state.flags, (), None)


def enter(scenario: Scenario, taken: Taken, target: str) -> PlayState:
    """Step 4: enter `target` (an ending adds its points); the new state records the `Move`."""
    before, choice, fired = taken.before, taken.choice, taken.fired
    node: Node = scenario.nodes[target]
    ending = node.ending
    flags = taken.flags
    move = Move(
        before.node,
        choice.id if choice is not None else TIMEOUT,
        choice.index if choice is not None else None,
        choice.value if choice is not None else 0,
        choice.tags if choice is not None else (),
        target,
        taken.changes,
        tuple(sorted(flags - before.flags)) if flags is not before.flags else (),
        tuple(sorted(before.flags - flags)) if flags is not before.flags else (),
        fired.trigger if fired is not None and fired.trigger.node == target else None,
        ending.points if ending is not None else 0,
        ending is not None,
    )
    seen = before.seen
    if target not in seen and target in steps(scenario).watched:
        seen = seen | {target}
    return PlayState(
        before.scenario,
        target,
        taken.score + move.ending_points,
        taken.tags,
        taken.meters,
        flags,
        before.path + (target,),
        before.moves + (move,),
        target if ending is not None else None,
        ending.result if ending is not None else None,
        seen,
    )


def choose(scenario: Scenario, state: PlayState, choice: Choice) -> PlayState:
    """Take `choice` (which must be visible) and return the new state."""
    taken = take(scenario, state, choice)
    return enter(scenario, taken, taken.target)


def time_out(scenario: Scenario, state: PlayState) -> PlayState:
    """The node's timer ran out: enter its `timeout` node, with no points and no effects."""
    node = scenario.nodes[state.node]
    if node.timeout is None or state.finished:
        raise MoveError(f"Node '{state.node}' has no time limit, so it cannot time out.")
    return enter(scenario, take_timeout(state), node.timeout)


# -- tokens ---------------------------------------------------------------------------------


def describe_options(scenario: Scenario, state: PlayState) -> str:
    """A sentence naming the moves available here, for error messages."""
    if state.finished:
        return f"The run has already finished at ending '{state.ending}'."
    options = [f"{i}={c.id}" for i, c in enumerate(visible_choices(scenario, state), 1)]
    if scenario.nodes[state.node].timeout:
        options.append(TIMEOUT)
    listed = ", ".join(options) if options else "none"
    return f"At node '{state.node}' the available choices are: {listed}."


def read_token(
    scenario: Scenario, state: PlayState, token: str, *, vote: bool = False
) -> Choice | None:
    """The visible choice a token names: a 1-based position or a choice id.

    None means the timer runs out (the token `timeout`; never a team's `vote`). A token that
    does not fit raises MoveError whose message is just the reason, in lower case, for the
    caller to place in its own sentence: `run` and workshop votes give the same reasons.
    """
    token = token.strip()
    node = scenario.nodes[state.node]
    visible = visible_choices(scenario, state)
    if token.isdigit() and token.isascii():
        pos = int(token)
        if 1 <= pos <= len(visible):
            return visible[pos - 1]
        raise MoveError(f"position {token} is out of range ({len(visible)} visible)")
    for c in visible:
        if c.id == token:
            return c
    if token == "":
        raise MoveError("an empty token fits nowhere")
    if token == TIMEOUT:
        if vote:
            raise MoveError(
                "the clock running out is not a choice a team can vote for "
                "(a group of only '-' lets it run out)"
            )
        if node.timeout is None:
            raise MoveError(f"node '{node.id}' has no time limit, so 'timeout' does not fit")
        return None
    if node.choice(token) is not None:
        raise MoveError(f"choice '{token}' is hidden here (its condition does not hold)")
    raise MoveError(f"choice '{token}' does not exist: no choice has that id")


def resolve_token(scenario: Scenario, state: PlayState, token: str) -> Choice | None:
    """The choice a `--choices` token names (None means the timer runs out), or MoveError."""
    if state.finished:
        raise MoveError(
            f"Token '{token.strip()}' comes after the run finished. "
            + describe_options(scenario, state)
        )
    try:
        return read_token(scenario, state, token)
    except MoveError as exc:
        why = exc.message
        raise MoveError(f"{why[0].upper()}{why[1:]}. {describe_options(scenario, state)}") from None


def play_token(scenario: Scenario, state: PlayState, token: str) -> PlayState:
    choice = resolve_token(scenario, state, token)
    return time_out(scenario, state) if choice is None else choose(scenario, state, choice)


def rebuild(scenario: Scenario, moves: Iterable[Move]) -> PlayState:
    """The state after `moves`, read from the consequences they carry; no rule is replayed."""
    moves = tuple(moves)
    state = new_state(scenario)
    score, tags, meters, flags = 0, {}, dict(state.meters), set()
    path, last = [scenario.start], None
    for last in moves:
        score += last.total
        for t in last.tags:
            tags[t] = tags.get(t, 0) + 1
        for c in last.meters:
            meters[c.meter] = c.after
        flags.update(last.flags_set)
        flags.difference_update(last.flags_cleared)
        path.append(last.target)
    if last is None:
        return state
    ending = scenario.nodes[last.target].ending
    return state.evolve(
        node=last.target,
        score=score,
        tags=tags,
        meters=meters,
        flags=frozenset(flags),
        path=tuple(path),
        moves=tuple(moves),
        ending=last.target if ending else None,
        result=ending.result if ending else None,
    )


def replay(scenario: Scenario, moves: Iterable[str]) -> PlayState:
    """Play choice ids (or "timeout") from the start; used for reload and resume."""
    state = new_state(scenario)
    for token in moves:
        state = play_token(scenario, state, token)
    return state
