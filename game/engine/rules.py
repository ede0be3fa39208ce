"""The rules of a move, as pure functions on `Scenario` and `PlayState`.

The order is the format's: points and tag counts, then effects (clamped), `set`, `clear`,
then the first fired meter trigger in declaration order replaces `next`, then the next
node is entered (an ending adds its points). The transitions machine, the analyser and
the workshop all call these, so the numbers can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from game.content.model import TIMEOUT, Choice, Node, Scenario
from game.engine.state import Move, PlayState
from game.errors import MoveError


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
    visited = state.visited
    return [c for c in node.choices if is_visible(c, state.meters, state.flags, visited)]


def apply_effects(scenario: Scenario, meters: Mapping[str, int], choice: Choice):
    """New meter values after `choice`'s effects, and the node of the first fired trigger."""
    new = dict(meters)
    pushed: dict[str, int] = {}
    for name, change in choice.effects:
        m = scenario.meters[name]
        new[name] = min(m.max, max(m.min, new[name] + change))
        pushed[name] = change
    fired = None
    if pushed:
        for name, m in scenario.meters.items():  # declaration order decides
            change = pushed.get(name)
            if not change:
                continue
            if change < 0 and m.on_min and new[name] == m.min:
                fired = m.on_min
                break
            if change > 0 and m.on_max and new[name] == m.max:
                fired = m.on_max
                break
    return new, fired


def apply_flags(flags: Iterable[str], choice: Choice) -> frozenset[str]:
    if not choice.set and not choice.clear:
        return frozenset(flags)
    out = set(flags)
    out.update(choice.set)
    out.difference_update(choice.clear)
    return frozenset(out)


def _enter(scenario: Scenario, state: PlayState, target: str, **changes) -> PlayState:
    node: Node = scenario.nodes[target]
    score = changes.pop("score", state.score)
    ending = result = None
    if node.ending is not None:
        score += node.ending.points
        ending, result = node.id, node.ending.result
    return state.evolve(
        node=target,
        score=score,
        path=state.path + (target,),
        ending=ending,
        result=result,
        **changes,
    )


def choose(scenario: Scenario, state: PlayState, choice: Choice) -> PlayState:
    """Take `choice` (which must be visible) and return the new state."""
    tags = dict(state.tags)
    for t in choice.tags:
        tags[t] = tags.get(t, 0) + 1
    meters, fired = apply_effects(scenario, state.meters, choice)
    target = fired or choice.next
    move = Move(state.node, choice.id, choice.index, choice.value, choice.tags, target)
    return _enter(
        scenario,
        state,
        target,
        score=state.score + choice.value,
        tags=tags,
        meters=meters,
        flags=apply_flags(state.flags, choice),
        moves=state.moves + (move,),
    )


def time_out(scenario: Scenario, state: PlayState) -> PlayState:
    """The node's timer ran out: enter its `timeout` node, with no points and no effects."""
    node = scenario.nodes[state.node]
    if node.timeout is None or state.finished:
        raise MoveError(f"Node '{state.node}' has no time limit, so it cannot time out.")
    move = Move(state.node, TIMEOUT, None, 0, (), node.timeout)
    return _enter(scenario, state, node.timeout, moves=state.moves + (move,))


def describe_options(scenario: Scenario, state: PlayState) -> str:
    """A sentence naming the moves available here, for error messages."""
    if state.finished:
        return f"The run has already finished at ending '{state.ending}'."
    options = [f"{i}={c.id}" for i, c in enumerate(visible_choices(scenario, state), 1)]
    if scenario.nodes[state.node].timeout:
        options.append(TIMEOUT)
    listed = ", ".join(options) if options else "none"
    return f"At node '{state.node}' the available choices are: {listed}."


def resolve_token(scenario: Scenario, state: PlayState, token: str) -> Choice | None:
    """The choice a `--choices` token names (None means the timer runs out), or MoveError."""
    token = token.strip()
    if state.finished:
        raise MoveError(
            f"Token '{token}' comes after the run finished. " + describe_options(scenario, state)
        )
    visible = visible_choices(scenario, state)
    node = scenario.nodes[state.node]
    if token == "":
        raise MoveError("An empty token cannot be played. " + describe_options(scenario, state))
    if token == TIMEOUT:
        if node.timeout is None:
            raise MoveError(
                f"Node '{node.id}' has no time limit, so 'timeout' does not fit. "
                + describe_options(scenario, state)
            )
        return None
    if token.isdigit() and token.isascii():
        pos = int(token)
        if 1 <= pos <= len(visible):
            return visible[pos - 1]
        raise MoveError(
            f"Position {token} is out of range ({len(visible)} visible). "
            + describe_options(scenario, state)
        )
    for c in visible:
        if c.id == token:
            return c
    hidden = node.choice(token)
    why = "is hidden here (its condition does not hold)" if hidden else "does not exist"
    raise MoveError(f"Choice '{token}' {why}. " + describe_options(scenario, state))


def play_token(scenario: Scenario, state: PlayState, token: str) -> PlayState:
    choice = resolve_token(scenario, state, token)
    return time_out(scenario, state) if choice is None else choose(scenario, state, choice)


def replay(scenario: Scenario, moves: Iterable[str]) -> PlayState:
    """Play choice ids (or "timeout") from the start; used for rewind and resume."""
    state = new_state(scenario)
    for token in moves:
        state = play_token(scenario, state, token)
    return state
