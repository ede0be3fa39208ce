"""The located YAML tree's helpers."""

from __future__ import annotations

import pytest

from game.content.yamltree import _BREAKS, split_lines


@pytest.mark.parametrize(
    "text",
    ["", "a", "a\nb\n", "a\r\nb\rc\n", "a\x85b", "a\u2028b\u2029c\n", "\n\n", "say: >\n  x\n  y"],
)
def test_split_lines_counts_lines_as_the_yaml_parser_does(text):
    assert split_lines(text) == _BREAKS.split(text)
