"""`salesplay watch`: a fresh report after every save, as a trainer would use it."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time

from tests.helpers import ROOT, SPEC_EXAMPLE, cli


def _lines_of(proc) -> tuple[queue.Queue, threading.Thread]:
    lines: queue.Queue = queue.Queue()

    def pump():
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    return lines, reader


def _until(lines: queue.Queue, word: str, seconds: float = 20) -> str:
    """Everything read up to and including the first line holding `word`."""
    got, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        assert line is not None, "watch ended early:\n" + "".join(got)
        got.append(line)
        if word in line:
            return "".join(got)
    raise AssertionError(f"no {word!r} within {seconds} s:\n" + "".join(got))


def test_each_save_prints_a_fresh_report_and_rewrites_the_graph(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(SPEC_EXAMPLE.read_text().replace("portrait: portraits/dana.png", ""))
    drawing = tmp_path / "s.mmd"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "watch", str(path), "--interval", "0.05"]
        + ["--graph", str(drawing)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    reader = None
    try:
        lines, reader = _lines_of(proc)
        first = _until(lines, "validate --strict")
        assert "best" in first and "opening: cost_of_delay" in first
        assert drawing.read_text().startswith(("flowchart", "%%", "---"))
        # A save with a mistake: the next report names it, at its line.
        time.sleep(0.05)
        path.write_text(path.read_text().replace("next: partner", "next: partnr"))
        second = _until(lines, "refuses this file")
        assert "unknown-node" in second and "Did you mean 'partner'?" in second
        # Fixed again: back to clean.
        path.write_text(path.read_text().replace("next: partnr", "next: partner"))
        assert "best" in _until(lines, "validate --strict")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if reader is not None:
            reader.join(timeout=10)  # it reads to the end of the output, then stops
        proc.stdout.close()


def test_watch_refuses_what_it_cannot_watch(tmp_path):
    assert cli("watch", str(tmp_path / "missing.yaml")).returncode == 2
    done = cli("watch", str(tmp_path), "--graph", str(tmp_path / "g.mmd"))
    assert done.returncode == 2 and "one scenario" in done.stderr
