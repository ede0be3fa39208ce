"""Shared test helpers: the command line in process, the installed console script, fixtures."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SPEC_EXAMPLE = FIXTURES / "spec-example.yaml"
CORPUS = ROOT.parent / "shared" / "corpora" / "yaml-test-suite"
SALESPLAY = str(Path(sys.executable).with_name("salesplay"))


def salesplay(
    *args: str, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess:
    """Run the installed console script as a trainer's CI would."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    return subprocess.run(
        [SALESPLAY, *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=timeout,
        env=env,
    )


@dataclass(frozen=True)
class Result:
    """What one in-process `salesplay` call did: its exit code and what it printed."""

    code: int
    out: str
    err: str

    # The names subprocess.CompletedProcess uses, so a test reads the same either way.
    @property
    def returncode(self) -> int:
        return self.code

    @property
    def stdout(self) -> str:
        return self.out

    @property
    def stderr(self) -> str:
        return self.err


def _stream(data: bytes = b"") -> io.TextIOWrapper:
    # A text stream with a `.buffer`, as sys.stdout has (graph writes bytes to it).
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="", write_through=True)


def _read(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8", "replace")


def cli(*args: str, stdin: str | None = None, cwd: Path | None = None, env=None) -> Result:
    """Run `salesplay ARGS` in this process (like click's CliRunner) and capture its output.

    `env` maps variables to set (None removes one) for the call only. Much faster than the
    console script; keep a few `salesplay(...)` subprocess tests for the installed script.
    """
    from game.cli import main

    out, err = _stream(), _stream()
    saved = {k: os.environ.get(k) for k in (env or {})}
    old_cwd = os.getcwd()
    old_in = sys.stdin
    try:
        for k, v in (env or {}).items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        if cwd is not None:
            os.chdir(cwd)
        sys.stdin = _stream((stdin or "").encode("utf-8"))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse: --help, --version, usage errors
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        return Result(code, _read(out), _read(err))
    finally:
        sys.stdin = old_in
        os.chdir(old_cwd)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
