"""Graph algorithms on the analyser's state graph, an edge list per state.

`edges[s]` lists tuples whose first item is the target state and second the points; the
rest is the caller's. Components come from Tarjan's algorithm (without recursion, since
state graphs run to hundreds of thousands of states); rounds from breadth-first search or
from Bellman-Ford with a queue.
"""

from __future__ import annotations

from collections import deque


def components(edges: list[list[tuple]]) -> list[list[int]]:
    """Strongly connected components (Tarjan, without recursion), in topological order."""
    n = len(edges)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    found: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, iter(edges[root]))]  # each state on the path, with its edges to go
        while work:
            v, out = work[-1]
            for e in out:
                w = e[0]
                if index[w] < 0:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, iter(edges[w])))
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    if low[v] < low[parent]:
                        low[parent] = low[v]
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        comp.append(w)
                        if w == v:
                            break
                    found.append(comp)
    found.reverse()  # Tarjan finishes sinks first
    return found


def cycle_through(edges, comp, c, start_edge_from: int, first: tuple) -> list[tuple[int, tuple]]:
    """A round that takes edge `first` out of `start_edge_from` and comes back (breadth-first)."""
    target = first[0]
    if target == start_edge_from:
        return [(start_edge_from, first)]
    parent: dict[int, tuple[int, tuple]] = {target: None}
    queue = deque([target])
    while queue:
        u = queue.popleft()
        for e in edges[u]:
            v = e[0]
            if comp[v] != c or v in parent:
                continue
            parent[v] = (u, e)
            if v == start_edge_from:
                steps = []
                while v != target:
                    u2, e2 = parent[v]
                    steps.append((u2, e2))
                    v = u2
                steps.reverse()
                return [(start_edge_from, first), *steps]
            queue.append(v)
    return []  # cannot happen inside a component


def signed_cycle(edges, comp, c, members, sign) -> list[tuple[int, tuple]] | None:
    """A round whose points (times `sign`) are positive, or None: Bellman-Ford with a queue,
    checking the parent pointers for a cycle every n improvements."""
    root = members[0]
    dist = {root: 0}
    parent: dict[int, tuple[int, tuple]] = {}
    queue = deque([root])
    queued = {root}
    n = len(members)
    improvements = 0
    while queue:
        u = queue.popleft()
        queued.discard(u)
        du = dist[u]
        for e in edges[u]:
            v = e[0]
            if comp[v] != c:
                continue
            d = du + sign * e[1]
            if v not in dist or d > dist[v]:
                dist[v] = d
                parent[v] = (u, e)
                improvements += 1
                if improvements % n == 0:
                    cycle = parent_cycle(parent)
                    if cycle:
                        return cycle
                if v not in queued:
                    queued.add(v)
                    queue.append(v)
    return None


def parent_cycle(parent: dict[int, tuple[int, tuple]]) -> list[tuple[int, tuple]] | None:
    colour: dict[int, int] = {}
    for start in parent:
        walk = []
        v = start
        while v in parent and v not in colour:
            colour[v] = start
            walk.append(v)
            v = parent[v][0]
        if v in colour and colour[v] == start:  # came back into this walk: a cycle
            cycle = []
            u = v
            while True:
                p, e = parent[u]
                cycle.append((p, e))
                u = p
                if u == v:
                    break
            cycle.reverse()
            return cycle
    return None
