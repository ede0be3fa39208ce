"""The JSON Schema for editors: bundled scenarios pass it, broken ones fail, every property is described."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from jsonschema import Draft202012Validator

from game.content.codes import CODES
from game.content.template import starter
from tests.helpers import ROOT, SPEC_EXAMPLE, cli

SCHEMA = json.loads((ROOT / "scenarios" / "scenario.schema.json").read_text())
FILES = sorted((ROOT / "scenarios").glob("*.yaml")) + [SPEC_EXAMPLE]


class Yaml12Loader(yaml.SafeLoader):
    """Reads scalars as editors' YAML 1.2 servers do: only true/false are booleans (`No` is text)."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def errors(text: str) -> list[str]:
    data = yaml.load(text, Loader=Yaml12Loader)  # a SafeLoader subclass: no arbitrary objects
    return [e.message for e in Draft202012Validator(SCHEMA).iter_errors(data)]


def test_the_schema_is_valid_2020_12():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_bundled_scenarios_pass(path):
    assert errors(path.read_text(encoding="utf-8")) == []


def test_the_starter_passes():
    assert errors(starter("A Starter")) == []


BASE = SPEC_EXAMPLE.read_text()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("effects: {trust: 10}\n", "efects: {trust: 10}\n"),
        ("format: 1", "format: 2"),
        ("mood: annoyed ", "mood: angry "),
        ("    timeout: walkout\n", ""),
        (
            "  partner:\n    say: Send me that proposal. I'll take it to the CFO myself.\n",
            "  partner:\n    choices: [{text: x, next: opening}]\n    say: Send me that proposal.\n",
        ),
        ("      result: lost", "      result: drawn"),
        ("id: cost_of_delay", "id: c2"),
        ("difficulty: 2 ", "difficulty: 4 "),
        ("  name: Dana Okafor\n", ""),
        ("start: opening", "start: Opening"),
        ("    say: I think we're done here.\n", ""),
        ("  name: Dana Okafor\n", "  name: Dana Okafor\n  look: {skin: drak}\n"),
        ("format: 1\n", "format: 1\nsetting: moon-base\n"),
    ],
    ids=[
        "unknown-key",
        "format",
        "mood",
        "timer-pairing",
        "both-kinds",
        "result",
        "reserved-id",
        "difficulty",
        "missing-buyer-name",
        "bad-name",
        "missing-say",
        "look-word",
        "setting",
    ],
)
def test_broken_scenarios_fail(old, new):
    assert old in BASE
    assert errors(BASE.replace(old, new, 1)) != []


def test_look_and_setting_pass():
    text = BASE.replace("format: 1\n", "format: 1\nsetting: boardroom\n").replace(
        "  name: Dana Okafor\n",
        "  name: Dana Okafor\n  look: {presentation: woman, skin: dark, hair: braids}\n",
    )
    assert errors(text) == []


def test_text_is_read_by_its_key_as_the_format_says():
    text = BASE.replace("say: I think we're done here.", "say: 1999").replace(
        "text: I'll take another 5% off.", "text: No"
    )
    assert errors(text) == []


def described(node, where="schema"):
    """Every property schema (and every $defs entry) has a description."""
    missing = []
    if isinstance(node, dict):
        for key in ("properties", "patternProperties", "$defs"):
            for name, sub in node.get(key, {}).items():
                if "description" not in sub:
                    missing.append(f"{where}/{key}/{name}")
        for key, sub in node.items():
            missing += described(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            missing += described(sub, f"{where}/{i}")
    return missing


def test_every_property_has_a_description():
    assert described(SCHEMA) == []


FORMAT_CODES = {c.code for c in CODES if c.layer == "content"}
# The schema and `validate --strict` agree: (edit of the spec example, accepted by both?)
AGREEMENT = {
    "quoted points are a number": (("points: 5", 'points: "6"'), True),
    "quoted difficulty": (("difficulty: 2 ", 'difficulty: "2" '), True),
    "points as words": (("points: 5", "points: five"), False),
    "points with a plus": (("points: 5", 'points: "+5"'), False),
    "points with a leading zero": (("points: 5", 'points: "05"'), False),
    "minutes zero": (("minutes: 8 ", "minutes: 0 "), False),
    "quoted minutes zero": (("minutes: 8 ", 'minutes: "0" '), False),
    "time limit quoted": (("time_limit: 30 ", 'time_limit: "30" '), True),
    "unknown key": (("effects: {trust: 10}\n", "efects: {trust: 10}\n"), False),
    "bad mood": (("mood: annoyed ", "mood: angry "), False),
    "text that reads as a number": (("say: I think we're done here.", "say: 1999"), True),
    "quoted format": (("format: 1", 'format: "1"'), True),
    "format two": (("format: 1", "format: 2"), False),
    "say null": (("say: I think we're done here.", "say: null"), False),
    "say tilde": (("say: I think we're done here.", "say: ~"), False),
    "say null quoted": (("say: I think we're done here.", "say: 'null'"), True),
}


@pytest.mark.parametrize("case", sorted(AGREEMENT))
def test_the_schema_and_the_validator_agree(case, tmp_path):
    (old, new), accepted = AGREEMENT[case]
    assert old in BASE, old
    text = BASE.replace(old, new, 1)
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    checked = cli("validate", "--strict", "--format", "json", str(path))
    # What --strict would fail on in the format itself (the teaching checks judge the
    # lesson, which a schema cannot); the spec example's portrait is missing on purpose.
    failing = [
        d["code"]
        for d in json.loads(checked.stdout)
        if d["severity"] != "info" and d["code"] in FORMAT_CODES and d["code"] != "portrait-missing"
    ]
    assert (failing == [], errors(text) == []) == (accepted, accepted), failing


def test_a_tab_inside_text_is_flagged_as_editors_refuse_it(tmp_path):
    path = tmp_path / "tab.yaml"
    path.write_text(BASE.replace("say: I think we're done here.", "say: I think\twe're done."))
    checked = cli("validate", "--strict", str(path))
    assert checked.returncode == 1 and "tab-in-text" in checked.stdout
