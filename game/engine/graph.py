"""Draw a scenario's branches as Mermaid or Graphviz DOT text.

Nodes show a shortened buyer line; edges show the choice text and its points, coloured by
sign (gains green, losses red, zero grey). Endings are drawn by result; the start is marked.
Time-outs and meter triggers are dashed edges.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.model import Scenario

GAIN, LOSS, ZERO = "#2e7d32", "#c62828", "#757575"
RESULT_COLOURS = {"won": "#c8e6c9", "lost": "#ffcdd2", "stalled": "#ffe0b2"}
NODE_TEXT, EDGE_TEXT = 48, 40


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


def _colour(points: int) -> str:
    return GAIN if points > 0 else LOSS if points < 0 else ZERO


def edges(scenario: Scenario) -> list[Edge]:
    """Every choice, time-out and meter trigger as an edge, in file order."""
    out: list[Edge] = []
    for node in scenario.decisions:
        triggers: dict[str, str] = {}
        for c in node.choices:
            label = (
                f"{c.value:+d} {shorten(c.text, EDGE_TEXT)}"
                if c.value
                else f"0 {shorten(c.text, EDGE_TEXT)}"
            )
            if c.condition is not None:
                label += f" [if {shorten(c.condition.source, 24)}]"
            out.append(Edge(node.id, c.next, label, _colour(c.value)))
            for name, change in c.effects:
                meter = scenario.meters[name]
                target = meter.on_min if change < 0 else meter.on_max
                if target and target != c.next:
                    edge_at = f"{meter.label} at {'min' if change < 0 else 'max'}"
                    triggers.setdefault(target, edge_at)
        for target, label in triggers.items():
            out.append(Edge(node.id, target, label, ZERO, dashed=True))
        if node.timeout:
            out.append(
                Edge(node.id, node.timeout, f"time-out ({node.time_limit}s)", ZERO, dashed=True)
            )
    return out


def _node_label(scenario: Scenario, nid: str) -> str:
    node = scenario.nodes[nid]
    if node.ending:
        points = f" ({node.ending.points:+d})" if node.ending.points else ""
        return (
            f"{nid}: {node.ending.result.upper()}, {shorten(node.ending.title, NODE_TEXT)}{points}"
        )
    return f"{nid}: {shorten(node.say, NODE_TEXT)}"


def to_mermaid(scenario: Scenario) -> str:
    """A Mermaid flowchart (paste it into Markdown that renders ```mermaid blocks)."""

    def q(text: str) -> str:
        # Mermaid reads `#...;` as an entity, and < > as markup: write all four as entities.
        for char, entity in (("#", "#35;"), ('"', "#quot;"), ("<", "#60;"), (">", "#62;")):
            text = text.replace(char, entity)
        return '"' + text + '"'

    def ident(nid: str) -> str:  # prefixed, since Mermaid reserves words such as `end`
        return f"n_{nid}"

    lines = ["flowchart TD", f"  start_marker(({q('Start')})) ==> {ident(scenario.start)}"]
    for nid, node in scenario.nodes.items():
        label = q(_node_label(scenario, nid))
        shape = f"([{label}])" if node.is_ending else f"[{label}]"
        lines.append(f"  {ident(nid)}{shape}")
    styles = []
    for i, e in enumerate(edges(scenario), start=1):  # link 0 is the start marker's
        arrow = "-.->" if e.dashed else "-->"
        lines.append(f"  {ident(e.source)} {arrow}|{q(e.label)}| {ident(e.target)}")
        styles.append(f"  linkStyle {i} stroke:{e.colour},color:{e.colour}")
    lines += styles
    for result, fill in RESULT_COLOURS.items():
        lines.append(f"  classDef {result} fill:{fill},stroke:#333")
    lines.append("  classDef start stroke-width:3px")
    for nid, node in scenario.nodes.items():
        if node.is_ending:
            lines.append(f"  class {ident(nid)} {node.ending.result}")
    lines.append(f"  class {ident(scenario.start)} start")
    return "\n".join(lines) + "\n"


def to_dot(scenario: Scenario) -> str:
    """Graphviz DOT text (`dot -Tsvg` draws it)."""

    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    title = q(f"{scenario.title} ({scenario.id})")
    lines = [
        f"digraph {q(scenario.id)} {{",
        f"  label={title}; labelloc=t; rankdir=TB;",
        '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
        '  "__start" [label="Start", shape=circle, fillcolor="#e3f2fd"];',
        f'  "__start" -> {q(scenario.start)} [penwidth=2];',
    ]
    for nid, node in scenario.nodes.items():
        attrs = [f"label={q(_node_label(scenario, nid))}"]
        if node.is_ending:
            attrs += ["shape=doubleoctagon", f'fillcolor="{RESULT_COLOURS[node.ending.result]}"']
        if nid == scenario.start:
            attrs.append("penwidth=3")
        lines.append(f"  {q(nid)} [{', '.join(attrs)}];")
    for e in edges(scenario):
        style = ", style=dashed" if e.dashed else ""
        lines.append(
            f'  {q(e.source)} -> {q(e.target)} [label={q(e.label)}, color="{e.colour}", '
            f'fontcolor="{e.colour}"{style}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
