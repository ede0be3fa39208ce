"""Every catalogued diagnostic code has a minimal bad example that produces it."""

import pytest

from game.content import load_text
from game.content.codes import BASE, CODES

EXAMPLES = [c for c in CODES if c.example is not None and c.layer == "content"]


def test_base_example_is_clean():
    result = load_text(BASE, "base.yaml")
    assert result.ok
    assert result.diagnostics == []


@pytest.mark.parametrize("entry", EXAMPLES, ids=[c.code for c in EXAMPLES])
def test_example_produces_its_code(entry):
    result = load_text(entry.example, "example.yaml")
    found = {(d.code, d.severity) for d in result.diagnostics}
    assert (entry.code, entry.severity) in found, result.diagnostics
    for d in result.diagnostics:
        assert d.line >= 1 and d.col >= 1
        assert d.message.endswith((".", "?")), d.message


def test_codes_are_unique_and_documented():
    codes = [c.code for c in CODES]
    assert len(codes) == len(set(codes))
    for c in CODES:
        assert c.severity in ("error", "warning", "info")
        assert c.meaning and c.fix
