"""`salesplay new`: a starter that passes `validate --strict` and already teaches the lesson."""

from __future__ import annotations

import json

import pytest
import yaml

from game.content.template import slug
from tests.helpers import cli


@pytest.mark.parametrize(
    "title",
    ["The Big Renewal", 'Café "Quotes" #1: a: b', "  spaced   out  "],
    ids=["plain", "yaml-specials", "spaces"],
)
def test_the_starter_passes_strict_validation_and_analysis(tmp_path, title):
    path = tmp_path / "starter.yaml"
    done = cli("new", title, "-o", str(path))
    assert done.returncode == 0, done.stderr
    checked = cli("validate", "--strict", str(path))
    assert (checked.returncode, checked.stdout) == (0, "")
    analysed = cli("analyze", str(path), "--json")
    report = json.loads(analysed.stdout)
    assert analysed.returncode == 0
    assert report["best"]["ending"] == "trusted_advisor"
    assert report["best_with_commodity"]["score"] < report["best"]["score"]
    assert {e["result"] for e in report["endings"].values()} == {"won", "lost"}
    assert all(e["reachable"] for e in report["endings"].values())
    data = yaml.safe_load(path.read_text())
    assert data["title"] == " ".join(title.split())
    assert any("if" in c for n in data["nodes"].values() for c in n.get("choices", ()))


def test_without_a_path_it_names_the_file_after_the_title(tmp_path):
    done = cli("new", "The Big Renewal", cwd=tmp_path)
    assert done.returncode == 0
    assert (tmp_path / "the-big-renewal.yaml").exists()


def test_it_never_overwrites_without_force(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("my work")
    done = cli("new", "T", "-o", str(path))
    assert (
        done.returncode == 2 and "already exists" in done.stderr and path.read_text() == "my work"
    )
    assert cli("new", "T", "-o", str(path), "--force").returncode == 0
    # the schema line for editors comes first, then the title
    assert path.read_text().splitlines()[1] == "# T: a Salesplay scenario."


def test_dash_writes_to_stdout():
    done = cli("new", "Stdout", "-o", "-")
    assert done.returncode == 0 and "id: stdout" in done.stdout


def test_an_empty_title_is_a_usage_error(tmp_path):
    assert cli("new", "  ", cwd=tmp_path).returncode == 2


@pytest.mark.parametrize(
    ("title", "expected"),
    [("The Big Renewal!", "the-big-renewal"), ("Café", "cafe"), ("???", "my-scenario")],
    ids=["plain", "accent", "symbols"],
)
def test_slug(title, expected):
    assert slug(title) == expected


def test_the_title_makes_a_clean_id_and_stands_in_the_summary(tmp_path):
    title = "The Price Match at St. Aldric's"
    assert slug(title) == "the-price-match-at-st-aldrics"
    path = tmp_path / "s.yaml"
    assert cli("new", title, "-o", str(path)).returncode == 0
    text = path.read_text()
    data = yaml.safe_load(text)
    assert data["id"] == "the-price-match-at-st-aldrics"
    assert title in data["summary"]
    assert text.splitlines()[0] == "# yaml-language-server: $schema=scenario.schema.json"


def test_the_starter_shows_the_less_common_keys_in_comments():
    text = cli("new", "A Starter", "-o", "-").stdout
    comments = "\n".join(line.split("#", 1)[1] for line in text.splitlines() if "#" in line)
    for example in ("points:", "rubric:", "visited(", "on_max"):
        assert example in comments, example


def test_new_writes_the_schema_beside_the_scenario_once(tmp_path):
    first = cli("new", "One", "-o", str(tmp_path / "one.yaml"))
    assert "scenario.schema.json" in first.stdout
    schema = json.loads((tmp_path / "scenario.schema.json").read_text())
    assert schema["$schema"].endswith("2020-12/schema")
    second = cli("new", "Two", "-o", str(tmp_path / "two.yaml"))
    assert "scenario.schema.json" not in second.stdout


def test_schema_prints_the_schema_editors_use():
    from tests.helpers import ROOT

    done = cli("schema")
    assert done.returncode == 0
    assert json.loads(done.stdout) == json.loads(
        (ROOT / "scenarios" / "scenario.schema.json").read_text()
    )
