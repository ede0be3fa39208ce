"""The end of a long run in the window: no frame over 50 ms when a 1,000-node scenario ends.

Plays the generated 1,000-node scenario to its ending through the real screens (SDL's dummy
driver, a real store in a temporary folder), timing each move from the key press to the
drawn frame. The last move opens the debrief, which reads the scenario's scorecard: the
briefing started it on a worker thread, so the frame loop never runs the analysis itself.
A bare fill of the window is measured in the same run as the floor.

Run: `.venv/bin/python bench/bench_ending.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import generate  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.demo import Demo  # noqa: E402
from game.ui.intents import key_event  # noqa: E402

BUDGET_MS = 50.0


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated-1000.yaml"
        path.write_text(generate(1000, meters=2), encoding="utf-8")
        app = App([str(path)], data_dir=Path(folder) / "data", size=(1280, 720))
        app.start()
        app.settings.timers = False
        app.settings.shuffle_choices = False  # the file's order: choice 1 walks to the end
        demo = Demo(app, None)
        demo.type("Bench")
        demo.press("return")  # the library's only card: its briefing (which starts the scorecard)
        demo.press("return")
        demo.press("a")  # assessment: no coach between moves
        if demo.top.name != "conversation":
            print(f"could not reach the conversation (at '{demo.top.name}')")
            return 1
        attempt = demo.top.attempt
        times = []
        moves = 0
        keys = ["1"]
        while keys and moves < 5000:
            t0 = time.perf_counter()
            app.feed(key_event(keys.pop()))
            demo.settle()
            app.render()
            times.append((time.perf_counter() - t0) * 1000)
            moves += 1
            if not attempt.state.finished:
                keys.append("1")
            elif demo.top.name == "conversation":
                keys.append("return")  # the buyer's last line, then on to the debrief
        ended_at = demo.top.name
        floor = []
        for _ in range(50):
            t0 = time.perf_counter()
            app.surface.fill((0, 0, 0))
            floor.append((time.perf_counter() - t0) * 1000)
        app.close()
    last = times[-20:]
    print("last frames ms:", " ".join(f"{t:.0f}" for t in last))
    worst = max(last)
    ok = ended_at == "debrief" and worst <= BUDGET_MS
    print(f"{moves} key presses to the {ended_at}; median {statistics.median(times):.1f} ms")
    print(
        f"slowest of the last 20 frames {worst:.1f} ms (the debrief's {times[-1]:.1f} ms), "
        f"budget {BUDGET_MS:.0f} ms: {'yes' if ok else 'NO'}"
    )
    print(f"  floor: a bare fill of the window {statistics.median(floor):.2f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
