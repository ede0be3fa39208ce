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
    assert path.read_text().startswith("# T: a Salesplay scenario.")


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
