"""`salesplay graph`: every node and choice is drawn; endings by result; the start is marked."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from game.content import load_scenario
from game.engine.graph import GAIN, LOSS, shorten, to_dot, to_mermaid
from tests.helpers import ROOT, SALESPLAY, SPEC_EXAMPLE, cli

FILES = sorted((ROOT / "scenarios").glob("*.yaml")) + [SPEC_EXAMPLE]


@pytest.mark.parametrize("draw", [to_mermaid, to_dot], ids=["mermaid", "dot"])
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_node_and_choice_appears(path, draw):
    scenario = load_scenario(path).scenario
    text = draw(scenario)
    if draw is to_mermaid:  # Mermaid's entities for the characters it would misread
        text = (
            text.replace("#quot;", '"')
            .replace("#60;", "<")
            .replace("#62;", ">")
            .replace("#35;", "#")
        )
    else:
        text = text.replace('\\"', '"')
    for nid, node in scenario.nodes.items():
        assert f"{nid}: " in text or f"{nid}:\\n" in text  # dot wraps node text under the id
        for c in node.choices:
            assert f"{c.id} " in text
            assert (
                f"{c.value:+d} {shorten(c.text, 40)}" in text or f"0 {shorten(c.text, 40)}" in text
            )


def test_mermaid_marks_start_colours_edges_and_classes_endings():
    text = to_mermaid(load_scenario(SPEC_EXAMPLE).scenario)
    assert 'start_marker(("Start")) ==> n_opening' in text
    assert f"stroke:{GAIN}" in text and f"stroke:{LOSS}" in text
    assert "class n_partner won" in text and "class n_walkout lost" in text
    assert 'n_opening -.->|"time-out (30s)"| n_walkout' in text
    assert "trust #62;= 60" in text  # conditions are shown, with '>' written safely


def test_dot_is_well_formed_for_graphviz():
    text = to_dot(load_scenario(SPEC_EXAMPLE).scenario)
    assert text.startswith('digraph "procurement-squeeze" {') and text.rstrip().endswith("}")
    assert '"__start" -> "opening"' in text
    assert 'shape=doubleoctagon, fillcolor="#ffcdd2"' in text  # a lost ending


def test_graph_command_writes_a_file(tmp_path):
    out = tmp_path / "g.mmd"
    done = cli("graph", str(SPEC_EXAMPLE), "-o", str(out))
    assert done.returncode == 0 and out.read_text().startswith("flowchart TD")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
@pytest.mark.parametrize(
    ("fmt", "magic"), [("svg", b"<svg"), ("png", b"\x89PNG")], ids=["svg", "png"]
)
def test_svg_and_png_with_graphviz(tmp_path, fmt, magic):
    out = tmp_path / f"g.{fmt}"
    done = cli("graph", str(SPEC_EXAMPLE), "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert magic in out.read_bytes()[:400]


def test_without_graphviz_it_says_how_to_get_it(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path))  # a PATH with no `dot` on it
    done = subprocess.run(
        [SALESPLAY, "graph", str(SPEC_EXAMPLE), "--format", "svg"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert "apt-get install graphviz" in done.stderr and "--format mermaid" in done.stderr


def test_edges_carry_choice_ids_and_each_meter_trigger_is_one_edge():
    scenario = load_scenario(SPEC_EXAMPLE).scenario
    for draw in (to_mermaid, to_dot):
        text = draw(scenario)
        assert "cost_of_delay +5 Before we talk numbers" in text
    dot = to_dot(scenario)
    # patience's on_min: one marker and one dashed edge, however many choices lower patience
    assert dot.count('"__patience_min" -> "walkout"') == 1
    assert "Patience at 0" in dot
    assert '{ rank=sink; "partner" "won_on_price" "walkout" "__patience_min" }' in dot
    mermaid = to_mermaid(scenario)
    assert mermaid.count("n___patience_min -.-> n_walkout") == 1
    endings = mermaid.split("subgraph endings", 1)[1].split("  end\n", 1)[0]
    assert "n_partner" in endings and "n_walkout" in endings and "n_opening" not in endings


def test_one_font_for_title_nodes_and_edges():
    dot = to_dot(load_scenario(SPEC_EXAMPLE).scenario)
    assert dot.count('fontname="Helvetica"') == 3


@pytest.mark.parametrize("which", ["best", "worst", "commodity"])
def test_highlight_draws_that_run_in_bold(which):
    done = cli("graph", str(SPEC_EXAMPLE), "--format", "dot", "--highlight", which)
    assert done.returncode == 0, done.stderr
    bold = [line for line in done.stdout.splitlines() if "penwidth=3" in line and "->" in line]
    run = json.loads(cli("analyze", str(SPEC_EXAMPLE), "--json").stdout)[
        {"best": "best", "worst": "worst", "commodity": "best_with_commodity"}[which]
    ]
    hops = set(zip(run["path"], run["path"][1:], strict=False))
    for a, b in hops:
        assert any(f'"{a}" -> "{b}"' in line for line in bold), (a, b)


def test_an_ending_far_below_its_source_is_drawn_beside_it():
    from game.content import load_text

    steps = "".join(
        f"  d{i}:\n    say: Step {i}.\n    choices:\n"
        f"      - {{id: go, text: On., next: d{i + 1}}}\n"
        f"      - {{id: quit, text: Stop., next: lost}}\n"
        for i in range(6)
    )
    text = (
        "format: 1\nid: deep\ntitle: Deep\nsummary: A long corridor.\n"
        "buyer: {name: Ana Silva, role: Buyer}\nstart: d0\nnodes:\n"
        + steps
        + "  d6:\n    say: Last.\n    choices:\n      - {text: Done., next: won}\n"
        "  won:\n    say: Yes.\n    ending: {result: won, title: Won}\n"
        "  lost:\n    say: No.\n    ending: {result: lost, title: Lost}\n"
    )
    dot = to_dot(load_text(text, "deep.yaml").scenario)
    assert '"d0" -> "lost"' not in dot  # no edge across the whole chart
    assert '"d0" -> "__to_1"' in dot and '"__to_1" [label="lost: LOST"' in dot
    assert '"d5" -> "lost"' in dot  # near the bottom, the real ending
