"""Draw a scenario's branches as Mermaid or Graphviz DOT text.

Nodes show a shortened buyer line; edges show the choice's id, its points and a shortened
text, coloured by sign (gains green, losses red, zero grey). Endings are drawn by result and
kept together on the last row, so shared endings do not pull long edges across the chart.
Each meter trigger (`on_min`, `on_max`) is one dashed edge from a small meter marker, not an
edge from every node whose choices move that meter. Time-outs are dashed edges. A run (the
best, the worst, the best with a commodity choice) can be drawn over the chart in bold.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from game.content.model import TIMEOUT, Scenario

GAIN, LOSS, ZERO = "#2e7d32", "#c62828", "#757575"
HIGHLIGHT = "#1565c0"
RESULT_COLOURS = {"won": "#c8e6c9", "lost": "#ffcdd2", "stalled": "#ffe0b2"}
NODE_TEXT, EDGE_TEXT = 48, 40
WRAP = 26  # characters per line inside a node box
FONT = "Helvetica"


def shorten(text: str, limit: int) -> str:
    """One line, cut at a word with an ellipsis when longer than `limit`."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut.rstrip(",.;:") + "…"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    colour: str
    dashed: bool = False
    choice: str | None = None  # the choice id (or "timeout") the edge stands for


def _colour(points: int) -> str:
    return GAIN if points > 0 else LOSS if points < 0 else ZERO


def meter_marker(name: str, end: str) -> str:
    """The id of the small node that stands for a meter reaching its min or max."""
    return f"__{name}_{end}"


def edges(scenario: Scenario) -> list[Edge]:
    """Every choice and time-out as an edge, in file order, then one edge per meter trigger."""
    out: list[Edge] = []
    for node in scenario.decisions:
        for c in node.choices:
            label = f"{c.id} {c.value:+d} {shorten(c.text, EDGE_TEXT)}".replace(" +0 ", " 0 ")
            if c.condition is not None:
                label += f" [if {shorten(c.condition.source, 24)}]"
            out.append(Edge(node.id, c.next, label, _colour(c.value), choice=c.id))
        if node.timeout:
            out.append(
                Edge(
                    node.id,
                    node.timeout,
                    f"time-out ({node.time_limit}s)",
                    ZERO,
                    dashed=True,
                    choice=TIMEOUT,
                )
            )
    for name, meter in scenario.meters.items():
        for end, target in (("min", meter.on_min), ("max", meter.on_max)):
            if target:
                out.append(Edge(meter_marker(name, end), target, "", ZERO, dashed=True))
    return out


def markers(scenario: Scenario) -> dict[str, str]:
    """Meter markers: id -> label ("Patience at 0")."""
    out = {}
    for name, meter in scenario.meters.items():
        for end, target, value in (
            ("min", meter.on_min, meter.min),
            ("max", meter.on_max, meter.max),
        ):
            if target:
                out[meter_marker(name, end)] = f"{meter.label} at {value}"
    return out


def highlighted(scenario: Scenario, nodes, choices) -> set[tuple[str, str]]:
    """The (source, target) pairs a run goes along: its choices, time-outs and triggers."""
    pairs: set[tuple[str, str]] = set()
    for i, cid in enumerate(choices):
        here, there = nodes[i], nodes[i + 1]
        node = scenario.nodes[here]
        planned = node.timeout if cid == TIMEOUT else node.choice(cid).next
        if planned == there:
            pairs.add((here, there))
            continue
        # A meter trigger replaced `next`: the run went through that meter's marker.
        pairs.add((here, there))
        for name, meter in scenario.meters.items():
            for end, target in (("min", meter.on_min), ("max", meter.on_max)):
                if target == there:
                    pairs.add((meter_marker(name, end), there))
    return pairs


def _node_label(scenario: Scenario, nid: str, wrap: bool) -> str:
    node = scenario.nodes[nid]
    if node.ending:
        points = f" ({node.ending.points:+d})" if node.ending.points else ""
        body = f"{node.ending.result.upper()}, {shorten(node.ending.title, NODE_TEXT)}{points}"
    else:
        body = shorten(node.say, NODE_TEXT)
    if not wrap:
        return f"{nid}: {body}"
    return f"{nid}:\n" + "\n".join(textwrap.wrap(body, WRAP))


def _depths(scenario: Scenario) -> dict[str, int]:
    """Each decision's distance in moves from the start (breadth first)."""
    depth = {scenario.start: 0}
    frontier = [scenario.start]
    while frontier:
        nxt = []
        for nid in frontier:
            node = scenario.nodes[nid]
            targets = [c.next for c in node.choices] + ([node.timeout] if node.timeout else [])
            for t in targets:
                if t not in depth and not scenario.nodes[t].is_ending:
                    depth[t] = depth[nid] + 1
                    nxt.append(t)
        frontier = nxt
    return depth


def _run_edges(scenario: Scenario, run) -> set[tuple[str, str]]:
    if run is None:
        return set()
    return highlighted(scenario, run.path, run.choices)


def to_mermaid(scenario: Scenario, run=None) -> str:
    """A Mermaid flowchart (paste it into Markdown that renders ```mermaid blocks).

    `run` (an analysis `Run`) is drawn over the chart in bold blue.
    """

    def q(text: str) -> str:
        # Mermaid reads `#...;` as an entity, and < > as markup: write all four as entities.
        for char, entity in (("#", "#35;"), ('"', "#quot;"), ("<", "#60;"), (">", "#62;")):
            text = text.replace(char, entity)
        return '"' + text + '"'

    def ident(nid: str) -> str:  # prefixed, since Mermaid reserves words such as `end`
        return f"n_{nid}"

    bold = _run_edges(scenario, run)
    lines = ["flowchart TD", f"  start_marker(({q('Start')})) ==> {ident(scenario.start)}"]
    for nid, node in scenario.nodes.items():
        if not node.is_ending:
            lines.append(f"  {ident(nid)}[{q(_node_label(scenario, nid, False))}]")
    for mid, label in markers(scenario).items():
        lines.append(f"  {ident(mid)}>{q(label)}]")
    lines.append(f"  subgraph endings [{q('Endings')}]")
    lines.append("    direction LR")
    for nid, node in scenario.nodes.items():
        if node.is_ending:
            lines.append(f"    {ident(nid)}([{q(_node_label(scenario, nid, False))}])")
    lines.append("  end")
    styles = []
    for i, e in enumerate(edges(scenario), start=1):  # link 0 is the start marker's
        arrow = "-.->" if e.dashed else "-->"
        label = f"|{q(e.label)}|" if e.label else ""
        lines.append(f"  {ident(e.source)} {arrow}{label} {ident(e.target)}")
        if (e.source, e.target) in bold:
            styles.append(f"  linkStyle {i} stroke:{HIGHLIGHT},color:{HIGHLIGHT},stroke-width:4px")
        else:
            styles.append(f"  linkStyle {i} stroke:{e.colour},color:{e.colour}")
    lines += styles
    for result, fill in RESULT_COLOURS.items():
        lines.append(f"  classDef {result} fill:{fill},stroke:#333")
    lines.append("  classDef start stroke-width:3px")
    lines.append("  classDef meter fill:#f5f5f5,stroke:#9e9e9e,color:#616161")
    for nid, node in scenario.nodes.items():
        if node.is_ending:
            lines.append(f"  class {ident(nid)} {node.ending.result}")
    for mid in markers(scenario):
        lines.append(f"  class {ident(mid)} meter")
    lines.append(f"  class {ident(scenario.start)} start")
    return "\n".join(lines) + "\n"


def to_dot(scenario: Scenario, run=None) -> str:
    """Graphviz DOT text (`dot -Tsvg` draws it). `run` is drawn over the chart in bold blue."""

    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    bold = _run_edges(scenario, run)
    title = q(f"{scenario.title} ({scenario.id})")
    lines = [
        f"digraph {q(scenario.id)} {{",
        f"  label={title}; labelloc=t; rankdir=TB; fontname={q(FONT)}; fontsize=16;",
        "  nodesep=0.35; ranksep=0.55; newrank=true;",
        f'  node [shape=box, style="rounded,filled", fillcolor=white, fontname={q(FONT)}, '
        'fontsize=11, margin="0.12,0.06"];',
        f"  edge [fontname={q(FONT)}, fontsize=9];",
        '  "__start" [label="Start", shape=circle, fillcolor="#e3f2fd"];',
        f'  "__start" -> {q(scenario.start)} [penwidth=2];',
    ]
    endings = []
    for nid, node in scenario.nodes.items():
        attrs = [f"label={q(_node_label(scenario, nid, True))}"]
        if node.is_ending:
            attrs += ["shape=doubleoctagon", f'fillcolor="{RESULT_COLOURS[node.ending.result]}"']
            endings.append(q(nid))
        if nid == scenario.start:
            attrs.append("penwidth=3")
        lines.append(f"  {q(nid)} [{', '.join(attrs)}];")
    for mid, label in markers(scenario).items():
        lines.append(
            f'  {q(mid)} [label={q(label)}, shape=note, fillcolor="#f5f5f5", '
            'color="#9e9e9e", fontcolor="#616161", fontsize=9];'
        )
    # Endings share the last row; a meter's marker sits beside the ending it leads to.
    sink = endings + [q(mid) for mid in markers(scenario)]
    if sink:
        lines.append(f"  {{ rank=sink; {' '.join(sink)} }}")
    depth = _depths(scenario)
    last = max(depth.values(), default=0)
    proxies = 0
    for e in edges(scenario):
        target = e.target
        end = scenario.nodes[target].ending if target in scenario.nodes else None
        if (
            end is not None
            and not e.source.startswith("__")
            and depth.get(e.source, last) < last - 1
        ):
            # An ending far below its source: a small copy beside the source instead of an
            # edge across the whole chart (the ending itself stays on the last row).
            proxies += 1
            target = f"__to_{proxies}"
            lines.append(
                f"  {q(target)} [label={q(f'{e.target}: {end.result.upper()}')}, "
                f'shape=doubleoctagon, fillcolor="{RESULT_COLOURS[end.result]}", fontsize=9, '
                'margin="0.04,0.02"];'
            )
        attrs = [f"label={q(e.label)}" if e.label else 'label=""']
        if (e.source, e.target) in bold:
            attrs += [f'color="{HIGHLIGHT}"', f'fontcolor="{HIGHLIGHT}"', "penwidth=3"]
        else:
            attrs += [f'color="{e.colour}"', f'fontcolor="{e.colour}"']
        if e.dashed:
            attrs.append("style=dashed")
        lines.append(f"  {q(e.source)} -> {q(target)} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
