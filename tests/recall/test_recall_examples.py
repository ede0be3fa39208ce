"""Choice `examples`: read into the model, counted, measured, and shape-checked by the schema."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from game.content import load_text
from game.content.codes import BASE
from tests.helpers import ROOT

PRICE = "        tags: [price]\n"


def with_examples(lines: list[str]) -> str:
    block = "        examples:\n" + "".join(f"          - {line}\n" for line in lines)
    return BASE.replace(PRICE, PRICE + block, 1)


def codes(text: str) -> list[str]:
    return [d.code for d in load_text(text, "t.yaml").diagnostics]


def test_examples_are_read_in_order_with_spaces_collapsed():
    result = load_text(with_examples(["we beat  their price", "cheaper than them"]), "t.yaml")
    assert result.ok, result.diagnostics
    choice = result.scenario.nodes["ask"].choices[1]
    assert choice.examples == ("we beat their price", "cheaper than them")
    assert result.scenario.nodes["ask"].choices[0].examples == ()


def test_twelve_examples_pass_and_thirteen_do_not():
    assert codes(with_examples([f"line {i}" for i in range(12)])) == []
    result = load_text(with_examples([f"line {i}" for i in range(13)]), "t.yaml")
    assert not result.ok
    (diag,) = result.diagnostics
    assert diag.code == "too-many-examples"
    assert "13" in diag.message and "12" in diag.message
    assert diag.line == BASE.count("\n", 0, BASE.index(PRICE)) + 2 + 13  # the thirteenth entry


def test_an_example_over_300_characters_is_an_error_at_that_line():
    assert codes(with_examples(["x" * 300])) == []
    result = load_text(with_examples(["fine", "y" * 301]), "t.yaml")
    (diag,) = result.diagnostics
    assert diag.code == "example-too-long" and "301" in diag.message
    assert diag.col == 13


def test_examples_must_be_a_list_of_text():
    assert codes(BASE.replace(PRICE, PRICE + "        examples: cheaper\n", 1)) == ["wrong-type"]
    assert codes(with_examples(["{a: 1}"])) == ["wrong-type"]
    assert codes(with_examples(['""'])) == ["empty-text"]


def test_a_misspelt_key_is_still_an_unknown_key_with_a_suggestion():
    text = BASE.replace(PRICE, PRICE + "        exemples: [cheaper]\n", 1)
    (diag,) = load_text(text, "t.yaml").diagnostics
    assert diag.code == "unknown-key"
    assert "examples" in diag.message


def test_the_schema_accepts_examples_and_bounds_them():
    import yaml

    schema = json.loads((ROOT / "scenarios" / "scenario.schema.json").read_text())
    validator = Draft202012Validator(schema)
    assert not list(validator.iter_errors(yaml.safe_load(with_examples(["cheaper"]))))
    too_many = yaml.safe_load(with_examples([f"line {i}" for i in range(13)]))
    assert list(validator.iter_errors(too_many))
    too_long = yaml.safe_load(with_examples(["z" * 301]))
    assert list(validator.iter_errors(too_long))


def test_example_ambiguous_names_the_example_and_the_sibling_it_reads_like():
    from game.engine.quality import example_ambiguous

    clean = load_text(with_examples(["we can go lower than them on price"]), "t.yaml").scenario
    assert example_ambiguous(clean) == []
    text = BASE.replace(
        "        effects: {trust: 1}\n",
        "        effects: {trust: 1}\n        examples: [We can beat their price.]\n",
    )
    (diag,) = example_ambiguous(load_text(text, "t.yaml").scenario)
    assert diag.code == "example-ambiguous" and diag.severity == "warning"
    assert "'c1'" in diag.message and "'c2'" in diag.message and "beat their price" in diag.message
