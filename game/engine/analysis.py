"""Explore every reachable state of a scenario, and find what its runs can score.

A state is the node, the meters, the flags and which of the *watched* nodes (those named in
some `visited()` condition) have been entered. The scenario is compiled into a compact form
(integers, tuples, bit masks) so that a state is one hashable tuple. Meters and their
triggers move by `rules.settle` on the compiled steps, the one statement of the rules the
machine is built from too (a property test checks all three agree; tests also replay every
run found here through `salesplay run`).

Scores are path sums on the state graph. Its strongly connected components give the loops;
within a loop a queue-based Bellman-Ford finds whether some round gains (or loses) points,
and between components the scores flow in topological order.
"""

from __future__ import annotations

from collections import deque
from operator import itemgetter

from game.content.model import TIMEOUT, Frozen, Scenario
from game.engine.rules import settle, steps
from game.engine.stategraph import components, cycle_through, signed_cycle

STATE_CAP = 200_000  # the format asks for at least 200,000 before `exhaustive: false`
INF = float("inf")
_set = object.__setattr__


class Run(Frozen):
    """One complete run: replaying `choices` with `salesplay run` gives `score` and `ending`."""

    __slots__ = ("score", "ending", "result", "choices", "path")

    def __init__(
        self, score: int, ending: str, result: str, choices: tuple[str, ...], path: tuple[str, ...]
    ):
        _set(self, "score", score)
        _set(self, "ending", ending)
        _set(self, "result", result)
        _set(self, "choices", choices)
        _set(self, "path", path)

    def to_dict(self) -> dict:
        return {
            "score": self.score,
            "ending": self.ending,
            "result": self.result,
            "choices": list(self.choices),
            "path": list(self.path),
        }


class EndingReach(Frozen):
    """The scores of the runs that end at one ending (None when unreachable or unbounded)."""

    __slots__ = ("result", "reachable", "min", "max")

    def __init__(self, result: str, reachable: bool, min: int | None, max: int | None):
        _set(self, "result", result)
        _set(self, "reachable", reachable)
        _set(self, "min", min)
        _set(self, "max", max)

    def to_dict(self) -> dict:
        return {
            "result": self.result,
            "reachable": self.reachable,
            "min": self.min,
            "max": self.max,
        }


class StuckState(Frozen):
    """A decision state where no choice is visible and no timer can run out."""

    __slots__ = ("node", "meters", "flags")

    def __init__(self, node: str, meters: dict[str, int], flags: tuple[str, ...]):
        _set(self, "node", node)
        _set(self, "meters", meters)
        _set(self, "flags", flags)

    def to_dict(self) -> dict:
        return {"node": self.node, "meters": dict(self.meters), "flags": list(self.flags)}


class Loop(Frozen):
    """A round of states a player can repeat for ever; `gain` is the choice points of one round."""

    __slots__ = ("nodes", "gain", "choices")

    def __init__(self, nodes: tuple[str, ...], gain: int, choices: tuple[str, ...] = ()):
        _set(self, "nodes", nodes)
        _set(self, "gain", gain)
        _set(self, "choices", choices)

    def to_dict(self) -> dict:
        return {"nodes": list(self.nodes), "gain": self.gain}


class Analysis(Frozen):
    """What `analyze` found: the best and worst runs, every ending's scores, and the faults."""

    __slots__ = (
        "scenario",
        "exhaustive",
        "states",
        "best",
        "worst",
        "best_with_commodity",
        "endings",
        "unreachable_nodes",
        "stuck_states",
        "loops",
        "state_cap",
        "reached_nodes",
    )

    def __init__(
        self,
        scenario: str,
        exhaustive: bool,
        states: int,
        best: Run | None,
        worst: Run | None,
        best_with_commodity: Run | None,
        endings: dict[str, EndingReach],
        unreachable_nodes: tuple[str, ...],
        stuck_states: tuple[StuckState, ...],
        loops: tuple[Loop, ...],
        state_cap: int = STATE_CAP,
        reached_nodes: frozenset[str] = frozenset(),
    ):
        _set(self, "scenario", scenario)
        _set(self, "exhaustive", exhaustive)
        _set(self, "states", states)
        _set(self, "best", best)
        _set(self, "worst", worst)
        _set(self, "best_with_commodity", best_with_commodity)
        _set(self, "endings", endings)
        _set(self, "unreachable_nodes", unreachable_nodes)
        _set(self, "stuck_states", stuck_states)
        _set(self, "loops", loops)
        _set(self, "state_cap", state_cap)
        _set(self, "reached_nodes", reached_nodes)

    @property
    def sound(self) -> bool:
        """Exhaustive, with no stuck state and no loop: `analyze` exits 0."""
        return self.exhaustive and not self.stuck_states and not self.loops

    def to_dict(self) -> dict:
        """The command-line contract's JSON object."""
        return {
            "scenario": self.scenario,
            "exhaustive": self.exhaustive,
            "states": self.states,
            "best": self.best.to_dict() if self.best else None,
            "worst": self.worst.to_dict() if self.worst else None,
            "best_with_commodity": self.best_with_commodity.to_dict()
            if self.best_with_commodity
            else None,
            "endings": {k: v.to_dict() for k, v in self.endings.items()},
            "unreachable_nodes": list(self.unreachable_nodes),
            "stuck_states": [s.to_dict() for s in self.stuck_states],
            "loops": [lp.to_dict() for lp in self.loops],
        }


# -- the compact scenario ---------------------------------------------------------------------


class _Compiled:
    """The scenario as integers: node indexes, meter tuples, flag and visit bit masks."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.ids = list(scenario.nodes)
        index = {nid: i for i, nid in enumerate(self.ids)}
        self.meter_names = list(scenario.meters)
        meter_index = {name: i for i, name in enumerate(self.meter_names)}
        self.flag_names = list(scenario.flags)
        self.flag_bit = {f: 1 << i for i, f in enumerate(self.flag_names)}
        watched = sorted(
            {
                v
                for node in scenario.nodes.values()
                for c in node.choices
                if c.condition is not None
                for v in c.condition.visits
            }
        )
        self.watch_bit = [0] * len(self.ids)
        self.watched = {nid: 1 << j for j, nid in enumerate(watched)}
        for nid, bit in self.watched.items():
            self.watch_bit[index[nid]] = bit
        self.ending_points = [
            n.ending.points if n.ending else None for n in scenario.nodes.values()
        ]
        table = steps(scenario)
        self.moves: list[tuple] = []
        for node in scenario.nodes.values():
            moves = []
            for c in node.choices:
                set_mask = sum(self.flag_bit[f] for f in c.set)
                clear_mask = sum(self.flag_bit[f] for f in c.clear)
                check = self._check(c.condition, meter_index) if c.condition is not None else None
                moves.append(
                    (
                        c.id,
                        c.value,
                        c.is_commodity,
                        check,
                        table.step(node.id, c).effects,
                        set_mask,
                        clear_mask,
                        index[c.next],
                    )
                )
            if node.timeout is not None:
                moves.append((TIMEOUT, 0, False, None, (), 0, 0, index[node.timeout]))
            self.moves.append(tuple(moves))
        self.index = index
        self.start = (
            index[scenario.start],
            tuple(m.start for m in scenario.meters.values()),
            0,
            self.watch_bit[index[scenario.start]],
        )

    def _check(self, condition, meter_index):
        """The condition on compact states, remembered per value of what it reads."""
        reads = [(n, meter_index[n]) for n in sorted(condition.names) if n in meter_index]
        flag_mask = sum(self.flag_bit[n] for n in condition.names if n in self.flag_bit)
        visit_mask = sum(self.watched[n] for n in condition.visits)
        idx = [i for _, i in reads]
        getter = itemgetter(*idx) if idx else (lambda meters: ())
        flag_items = list(self.flag_bit.items())
        watch_items = list(self.watched.items())
        memo: dict = {}

        def check(meters, flags, visits) -> bool:
            key = (getter(meters), flags & flag_mask, visits & visit_mask)
            seen = memo.get(key)
            if seen is None:
                m = {name: meters[i] for name, i in reads}
                f = {name for name, bit in flag_items if flags & bit}
                v = {name for name, bit in watch_items if visits & bit}
                seen = memo[key] = condition.holds(m, f, v)
            return seen

        return check


# -- exploring -----------------------------------------------------------------------------------


class _Graph:
    """Every reachable state (as compact tuples) and the moves between them."""

    def __init__(self, compiled: _Compiled, state_cap: int):
        self.c = compiled
        self.keys: list[tuple] = [compiled.start]
        # edges[s]: (target state, points incl. an ending's, token, takes a commodity choice)
        self.edges: list[list[tuple]] = []
        self.stuck: list[int] = []
        self.truncated = False
        self._explore(state_cap)

    def _explore(self, cap: int) -> None:
        c = self.c
        ids = {c.start: 0}
        keys, edges, index = self.keys, self.edges, c.index
        moves_of, ending_points, watch_bit = c.moves, c.ending_points, c.watch_bit
        head = 0
        while head < len(keys):
            node, meters, flags, visits = keys[head]
            out: list[tuple] = []
            edges.append(out)
            if ending_points[node] is not None:
                head += 1
                continue
            any_move = False
            for token, value, commodity, check, effects, set_mask, clear_mask, nxt in moves_of[
                node
            ]:
                if check is not None and not check(meters, flags, visits):
                    continue
                any_move = True
                target, new_meters = nxt, meters
                if effects:
                    new_meters, fired = settle(effects, meters)
                    if fired is not None:
                        target = index[fired.trigger.node]
                key = (
                    target,
                    new_meters,
                    (flags | set_mask) & ~clear_mask,
                    visits | watch_bit[target],
                )
                sid = ids.get(key)
                if sid is None:
                    if len(keys) >= cap:
                        self.truncated = True
                        continue
                    sid = ids[key] = len(keys)
                    keys.append(key)
                points = ending_points[target]
                out.append((sid, value + points if points is not None else value, token, commodity))
            if not any_move:
                self.stuck.append(head)
            head += 1

    def follow(self, pick) -> _Graph:
        """The part of the graph a player reaches who, at each state, takes only the moves
        `pick(node_index, edges)` returns (a subset of that state's edges)."""
        part = object.__new__(_Graph)
        part.c, part.truncated = self.c, self.truncated
        index, order, edges = {0: 0}, [0], []
        head = 0
        while head < len(order):
            s = order[head]
            out = []
            for e in pick(self.keys[s][0], self.edges[s]) if self.edges[s] else ():
                t = index.get(e[0])
                if t is None:
                    t = index[e[0]] = len(order)
                    order.append(e[0])
                out.append((t, *e[1:]))
            edges.append(out)
            head += 1
        part.keys = [self.keys[s] for s in order]
        part.edges = edges
        part.stuck = [index[s] for s in self.stuck if s in index]
        return part

    def is_ending(self, s: int) -> bool:
        return self.c.ending_points[self.keys[s][0]] is not None

    def node_id(self, s: int) -> str:
        return self.c.ids[self.keys[s][0]]


# -- loops ---------------------------------------------------------------------------------------


def _loops_of(graph: _Graph, comp: list[int], c: int, members: list[int]):
    """(a gaining round or None, a losing round or None, a round found when neither exists)."""
    edges = graph.edges
    inner = [(u, e) for u in members for e in edges[u] if comp[e[0]] == c]
    if len(members) == 1 and not inner:
        return None, None, None
    up = [(u, e) for u, e in inner if e[1] > 0]
    down = [(u, e) for u, e in inner if e[1] < 0]
    # Every edge of a component lies on some round, so one sign alone decides quickly;
    # with both signs, Bellman-Ford looks for a round that pays (or costs) overall.
    gaining = losing = None
    if up:
        gaining = (
            cycle_through(edges, comp, c, *up[0])
            if not down
            else signed_cycle(edges, comp, c, members, 1)
        )
    if down:
        losing = (
            cycle_through(edges, comp, c, *down[0])
            if not up
            else signed_cycle(edges, comp, c, members, -1)
        )
    if gaining or losing:
        return gaining, losing, None
    return None, None, cycle_through(edges, comp, c, *inner[0])  # every round gains exactly 0


# -- scores --------------------------------------------------------------------------------------


def _optimise(graph, order, comp, looping, unbounded, seeds, sign, allow_commodity=True):
    """Best labels (sign * score, -moves) per state from `seeds`, with parent pointers.

    Components listed in `unbounded` have a round that pays (for this sign): their states and
    everything after them score without bound (INF).
    """
    edges = graph.edges
    if not allow_commodity:
        edges = [[e for e in out if not e[3]] for out in edges]
    label: dict[int, tuple] = {}
    parent: dict[int, tuple] = {}
    for s, lab, par in seeds:
        if s not in label or lab > label[s]:
            label[s], parent[s] = lab, par
    for c, members in enumerate(order):
        if looping[c]:
            _optimise_round(edges, comp, label, parent, c, members, c in unbounded, sign)
            continue
        # One state and no round (most states): pass its label on.
        u = members[0]
        here = label.get(u)
        if here is None:
            continue
        value, neg_moves = here
        for e in edges[u]:
            v = e[0]
            lab = (value + sign * e[1], neg_moves - 1)
            old = label.get(v)
            if old is None or lab > old:
                label[v] = lab
                parent[v] = (u, e[2])
    return label, parent


def _optimise_round(edges, comp, label, parent, c, members, unbounded: bool, sign) -> None:
    """`_optimise` within component `c`, which holds a round: Bellman-Ford with a queue."""
    reached = [s for s in members if s in label]
    if not reached:
        return
    if unbounded or any(label[s][0] == INF for s in reached):
        for s in members:
            label[s] = (INF, 0)
        reached = members
    queue, queued = deque(reached), set(reached)
    while queue:
        u = queue.popleft()
        queued.discard(u)
        value, neg_moves = label[u]
        for e in edges[u]:
            v = e[0]
            lab = (value + sign * e[1], neg_moves - 1)
            old = label.get(v)
            if old is None or lab > old:
                label[v] = lab
                parent[v] = (u, e[2])
                if comp[v] == c and v not in queued:
                    queued.add(v)
                    queue.append(v)


def _run(graph, parents: list[dict], layer_of_seed, end: int, score: int) -> Run:
    """Follow parent pointers back from `end` (across layers when `layer_of_seed` says so)."""
    choices, path = [], [graph.node_id(end)]
    s, layer = end, len(parents) - 1
    while True:
        par = parents[layer].get(s)
        if par is None:
            break
        u, token = par[0], par[1]
        if layer_of_seed and len(par) > 2:
            layer = par[2]
        choices.append(token)
        path.append(graph.node_id(u))
        s = u
    choices.reverse()
    path.reverse()
    ending = graph.c.scenario.nodes[path[-1]].ending
    return Run(score, path[-1], ending.result, tuple(choices), tuple(path))


def _pick(graph, label):
    """The ending state with the best label (fewest moves among equal scores)."""
    best = best_label = None
    ending_points, keys = graph.c.ending_points, graph.keys
    for s, lab in label.items():
        if ending_points[keys[s][0]] is not None and (best is None or lab > best_label):
            best, best_label = s, lab
    return best


def explore(scenario: Scenario, state_cap: int = STATE_CAP) -> _Graph:
    """Every reachable state (up to `state_cap`) and the moves between them."""
    return _Graph(_Compiled(scenario), state_cap)


def analyze(
    scenario: Scenario, state_cap: int = STATE_CAP, graph: _Graph | None = None
) -> Analysis:
    """Explore every reachable state (up to `state_cap`) and summarise what runs can score.

    `graph` (from `explore`, or a policy's part of it) skips the exploration.
    """
    graph = graph if graph is not None else explore(scenario, state_cap)
    n = len(graph.keys)
    order, comp, looping, gaining, losing, loops = _shape(graph)
    start = [(0, (0, 0), None)]
    high, high_parent = _optimise(graph, order, comp, looping, gaining, start, 1)
    low, low_parent = _optimise(graph, order, comp, looping, losing, start, -1)
    reached = _reached(graph)

    best = worst = with_commodity = None
    if not gaining:
        best = _best_run(graph, high, high_parent, 1)
        if best is not None:
            with_commodity = _best_with_commodity(graph, order, comp, looping, start)
    if not losing:
        worst = _best_run(graph, low, low_parent, -1)
    return Analysis(
        scenario=scenario.id,
        exhaustive=not graph.truncated,
        states=n,
        best=best,
        worst=worst,
        best_with_commodity=with_commodity,
        endings=_ending_table(scenario, graph, high, low, reached),
        unreachable_nodes=tuple(nid for nid in scenario.nodes if nid not in reached),
        stuck_states=_stuck(graph),
        loops=tuple(loops),
        state_cap=state_cap,
        reached_nodes=reached,
    )


def best_reach(graph: _Graph) -> tuple[Run | None, frozenset[str], bool, bool]:
    """What `analyze` would say of `graph` (a policy's part of a state graph, say) about its
    best run, without the rest: (its `best`, `reached_nodes`, whether it has `loops`, and
    whether it has `stuck_states`)."""
    order, comp, looping, gaining, _losing, loops = _shape(graph)
    best = None
    if not gaining:
        high, high_parent = _optimise(graph, order, comp, looping, gaining, [(0, (0, 0), None)], 1)
        best = _best_run(graph, high, high_parent, 1)
    return best, _reached(graph), bool(loops), bool(graph.stuck)


def _shape(graph: _Graph):
    """The components in topological order, each state's component, which components hold
    a round, those with a gaining and a losing round, and one Loop of each kind."""
    order = components(graph.edges)
    comp = [0] * len(graph.keys)
    for c, members in enumerate(order):
        for s in members:
            comp[s] = c
    edges = graph.edges
    looping = [len(m) > 1 or _self_loop(edges, m[0]) for m in order]
    gaining, losing, loops = _find_loops(graph, order, comp, looping)
    return order, comp, looping, gaining, losing, loops


def _self_loop(edges, s: int) -> bool:
    found = False
    for e in edges[s]:  # a loop, not any() over a generator: this runs once per state
        if e[0] == s:
            found = True
            break
    return found


def _reached(graph: _Graph) -> frozenset[str]:
    ids = graph.c.ids
    return frozenset(ids[i] for i in {key[0] for key in graph.keys})


def _find_loops(graph, order, comp, looping) -> tuple[set, set, list[Loop]]:
    """The components with a gaining round, those with a losing one, and one Loop of each."""
    gaining, losing, loops, seen_loops = set(), set(), [], set()
    for c, members in enumerate(order):
        if not looping[c]:
            continue
        up, down, level = _loops_of(graph, comp, c, sorted(members))
        if up:
            gaining.add(c)
        if down:
            losing.add(c)
        for cycle in (up, down, level):
            if cycle:
                loop = _as_loop(graph, cycle)
                if (loop.nodes, loop.gain) not in seen_loops:
                    seen_loops.add((loop.nodes, loop.gain))
                    loops.append(loop)
    return gaining, losing, loops


def _best_run(graph, label, parent, sign: int) -> Run | None:
    """The best ending state's run for `sign` (1: highest score, -1: lowest)."""
    end = _pick(graph, label)
    return None if end is None else _run(graph, [parent], False, end, sign * label[end][0])


def _best_with_commodity(graph, order, comp, looping, start) -> Run | None:
    """The best run that takes at least one commodity choice: a layer without one, then one."""
    layer0, parent0 = _optimise(graph, order, comp, looping, set(), start, 1, allow_commodity=False)
    seeds = [
        (e[0], (lab[0] + e[1], lab[1] - 1), (u, e[2], 0))
        for u, lab in layer0.items()
        for e in graph.edges[u]
        if e[3]
    ]
    layer1, parent1 = _optimise(graph, order, comp, looping, set(), seeds, 1)
    end = _pick(graph, layer1)
    return None if end is None else _run(graph, [parent0, parent1], True, end, layer1[end][0])


def _ending_table(scenario, graph, high, low, reached) -> dict[str, EndingReach]:
    """Per ending: its result, whether it is reached, and the lowest and highest scores."""
    endings: dict[str, list] = {n.id: [None, None] for n in scenario.endings}
    ending_points, ids = graph.c.ending_points, graph.c.ids
    for s, key in enumerate(graph.keys):
        if ending_points[key[0]] is None:
            continue
        span = endings[ids[key[0]]]
        top = high.get(s, (None,))[0]
        bottom = low.get(s, (None,))[0]
        if top is not None:
            span[1] = top if span[1] is None else max(span[1], top)
        if bottom is not None:
            span[0] = -bottom if span[0] is None else min(span[0], -bottom)
    return {
        nid: EndingReach(
            scenario.nodes[nid].ending.result,
            nid in reached,
            _finite(lo) if nid in reached else None,
            _finite(hi) if nid in reached else None,
        )
        for nid, (lo, hi) in endings.items()
    }


def _stuck(graph) -> tuple[StuckState, ...]:
    compiled = graph.c
    return tuple(
        StuckState(
            graph.node_id(s),
            dict(zip(compiled.meter_names, graph.keys[s][1], strict=True)),
            tuple(sorted(f for f, bit in compiled.flag_bit.items() if graph.keys[s][2] & bit)),
        )
        for s in graph.stuck
    )


def _finite(value):
    if value is None or value in (INF, -INF):
        return None
    return int(value)


def _as_loop(graph: _Graph, cycle: list[tuple[int, tuple]]) -> Loop:
    """One round, starting from its earliest-found state so reports are stable."""
    first = min(range(len(cycle)), key=lambda i: cycle[i][0])
    cycle = cycle[first:] + cycle[:first]
    return Loop(
        tuple(graph.node_id(u) for u, _ in cycle),
        sum(e[1] for _, e in cycle),
        tuple(e[2] for _, e in cycle),
    )
