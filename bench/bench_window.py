"""The window's CPU in a real X window (Xvfb), against a bare pygame window in the same run.

The dummy video driver cannot wait for events (SDL polls it), so CPU shares measured there
say little about a player's machine. This bench opens real windows on an X server (Xvfb,
started by `xvfb-run`) and reads each process's own CPU time (`time.process_time`, every
thread) against the wall clock:

- a bare pygame window waiting on `pygame.event.wait` (the baseline);
- the library and a briefing waiting for input;
- the conversation waiting for input (the buyer blinks);
- the conversation with its answer clock counting down (the first seconds);
- the clock's last seconds (the pulse), ending just before "Time's up".

Run: .venv/bin/python bench/bench_window.py [--quick]   (needs xvfb-run; budget 3% of a core)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, SDL_VIDEODRIVER="x11", SDL_AUDIODRIVER="dummy")
ENV["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
BARE_NAME = "bare pygame window, event.wait"
XVFB = ["xvfb-run", "-a", "-s", "-screen 0 1280x720x24"]

BARE = """
import time, pygame
pygame.display.init()
pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
pygame.display.flip()
pygame.time.set_timer(pygame.QUIT, {ms}, loops=1)
c0, w0 = time.process_time(), time.perf_counter()
while pygame.event.wait().type != pygame.QUIT:
    pass
print((time.process_time() - c0) / (time.perf_counter() - w0), 0, "-")
"""

CONVERSATION = """
import time, pygame
from game.ui.app import App
from game.ui.demo import Demo
app = App(["scenarios/procurement-squeeze.yaml"], use_store=False, size=(1280, 720))
app.start()
app.settings.timers = {timers}
demo = Demo(app, None)
demo.type("Bench")
demo.press("return")
demo.press("return")
demo.press("p")
scene = app.scenes.top
assert scene.name == "conversation", scene.name
if {left} is not None:
    scene.remaining_ms = {left}
app.render()
pygame.display.flip()
pygame.time.set_timer(pygame.QUIT, {ms}, loops=1)
frames = app.frames
c0, w0 = time.process_time(), time.perf_counter()
app.run()
share = (time.process_time() - c0) / (time.perf_counter() - w0)
print(share, app.frames - frames, "blocking" if app.waiter.blocking else "polling")
"""

SCREEN = """
import time, pygame
from game.ui.app import App
from game.ui.demo import Demo
app = App(["scenarios"], use_store=False, size=(1280, 720))
app.start()
demo = Demo(app, None)
demo.type("Bench")
for key in {keys}:
    demo.press(key)
assert app.scenes.top.name == {name!r}, app.scenes.top.name
app.render()
pygame.display.flip()
pygame.time.set_timer(pygame.QUIT, {ms}, loops=1)
frames = app.frames
c0, w0 = time.process_time(), time.perf_counter()
app.run()
share = (time.process_time() - c0) / (time.perf_counter() - w0)
print(share, app.frames - frames, "blocking" if app.waiter.blocking else "polling")
"""


def measure(code: str) -> tuple[float, int, str]:
    done = subprocess.run(
        [*XVFB, sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"benchmark step failed:\n{done.stderr}")
    share, frames, waits = done.stdout.strip().splitlines()[-1].split()
    return float(share), int(frames), waits


def main() -> None:
    quick = "--quick" in sys.argv
    if shutil.which("xvfb-run") is None:
        print("window     skipped: needs xvfb-run (Debian: apt-get install xvfb xauth)")
        return
    rounds = 1 if quick else 3
    seconds = 3 if quick else 10
    ms = seconds * 1000
    cases = [
        (BARE_NAME, BARE.format(ms=ms)),
        ("conversation, waiting for input", CONVERSATION.format(timers=False, left=None, ms=ms)),
        ("conversation, 30 s clock counting", CONVERSATION.format(timers=True, left=None, ms=ms)),
        ("library, waiting", SCREEN.format(keys=["return"], name="library", ms=ms)),
        ("briefing, waiting", SCREEN.format(keys=["return", "return"], name="briefing", ms=ms)),
        # The pulse is the last five seconds only: start there, stop just before "Time's up".
        ("the clock's last 5 s (pulse)", CONVERSATION.format(timers=True, left=5150, ms=5000)),
    ]
    results = {}
    for what, code in cases:
        runs = [measure(code) for _ in range(rounds)]
        share = statistics.median(r[0] for r in runs)
        frames = statistics.median(r[1] for r in runs)
        waits = {"-": "", "blocking": ", the loop sleeps in SDL"}.get(
            runs[0][2], ", the loop polls"
        )
        results[what] = share
        base = results[BARE_NAME]
        print(
            f"window     {what:<36} {share * 100:6.2f}% of one core, "
            f"{share / base:5.2f}x the bare window, {frames:.0f} frames drawn, "
            f"median of {rounds}{waits} (budget 3%)"
        )
    over = [w for w, v in results.items() if v > 0.03 and w != BARE_NAME]
    if over:
        raise SystemExit(f"over the 3% budget: {', '.join(over)}")


if __name__ == "__main__":
    main()
