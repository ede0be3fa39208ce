"""Shared test helpers: the installed console script and small scenario texts."""

from __future__ import annotations

import os
import subprocess
import sys
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
