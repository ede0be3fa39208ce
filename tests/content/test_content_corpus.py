"""Every input of the public YAML test suite gives clean diagnostics, never a traceback."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content import load_scenario, load_text
from game.content.codes import BASE
from tests.helpers import CORPUS, cli

FILES = sorted(CORPUS.glob("*/*.yaml"))


def test_the_corpus_is_there():
    assert len(FILES) == 402


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_corpus_file_gives_an_error_with_a_location(path: Path):
    result = load_scenario(path)
    assert result.scenario is None
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert errors
    lines = path.read_bytes().count(b"\n") + 2
    for d in result.diagnostics:
        assert 1 <= d.line <= lines and d.col >= 1
        assert d.code and d.message


def test_validate_the_whole_corpus_from_the_command_line():
    proc = cli("validate", str(CORPUS))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    named = {line.split(":", 1)[0] for line in proc.stdout.splitlines()}
    assert named == {str(CORPUS / p.parent.name / p.name) for p in FILES}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_fuzz_bytes(data):
    result = load_text(data, "fuzz.yaml")
    assert all(d.line >= 1 and d.col >= 1 for d in result.diagnostics)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(BASE) - 1), st.integers(0, len(BASE)), st.text(max_size=12))
def test_fuzz_edits_of_a_valid_scenario(start, length, insert):
    text = BASE[:start] + insert + BASE[start + length :]
    result = load_text(text, "fuzz.yaml")
    assert result.ok == (
        result.scenario is not None and not any(d.severity == "error" for d in result.diagnostics)
    )
