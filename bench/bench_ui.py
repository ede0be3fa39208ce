"""Window benchmarks, as ratios against baselines measured in the same run.

- Start-up: process start to the first drawn frame of the library (bundled scenarios),
  against a bare pygame window (import, init, open, flip); scenario loading is shown apart.
  Both launch with Python's bytecode cache, after one warm-up launch, as a player's do.
  Then the same start through the window's own loop, to the first key it handles (a Down
  arrow waiting in the queue, which moves the focus to the card below): what the first
  frame leaves for later must not come due before the player can act.
- Frames: conversation frame render time at 1280×720 (dummy driver), 95th percentile: the
  first decision, with the coach's note over it, and two decisions on with both exchanges in
  the history (the lines said are picked so the conversation goes on; the seed fixes the
  order of the choices).
- Idle: CPU used while the conversation screen waits for input for 10 s (process / wall).
  The dummy driver cannot block (SDL polls it); bench_window.py measures a real X window.

Run: .venv/bin/python bench/bench_ui.py [--quick]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(
    os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1"
)
# Measure launches as a player gets them: with Python's bytecode cache (a warm-up run fills it).
ENV.pop("PYTHONDONTWRITEBYTECODE", None)

BARE = """
import time, pygame
pygame.display.init()
screen = pygame.display.set_mode((1280, 720))
pygame.display.flip()
print(time.time())
"""

GAME = """
import sys, time
from game.ui.app import App
from game.ui.scenes.library import Library
import pygame
app = App(["scenarios"], data_dir=sys.argv[1])
app.start(Library(app))
app.render()
pygame.display.flip()
print(time.time(), app.loading_ms / 1000)
"""

FIRST_KEY = """
import sys, time
from game.ui.app import App
from game.ui.intents import key_event
from game.ui.scenes.library import Library
import pygame
app = App(["scenarios"], data_dir=sys.argv[1])
app.start(Library(app))
focus = app.scenes.top.buttons.focus
shown, handled = [], []
dispatch, flip = app.dispatch, pygame.display.flip
def timed(intent):
    dispatch(intent)
    if not handled:
        handled.append(time.time())
def timed_flip():
    flip()
    if not shown:
        shown.append(time.time())
app.dispatch, pygame.display.flip = timed, timed_flip
pygame.event.post(key_event("down"))
pygame.event.post(pygame.event.Event(pygame.QUIT))
app.run()
assert app.scenes.top.buttons.focus != focus, "the key did not move the focus"
print(handled[0], handled[0] - shown[0], app.loading_ms / 1000)
app.close()
"""

SETUP_CONVERSATION = """
import sys
from game.ui.app import App
from game.ui.demo import Demo
app = App(["scenarios/procurement-squeeze.yaml"], use_store=False, size=(1280, 720))
app.start()
app.settings.timers = {timers}
app.choice_seed = 1  # the same order of choices in every run, as a player's seed gives it
demo = Demo(app, None)
demo.type("Bench")
demo.press("return")
demo.press("return")
demo.press("p")
assert app.scenes.top.name == "conversation", app.scenes.top.name
"""

IDLE = (
    SETUP_CONVERSATION
    + """
for key in {keys}:
    demo.press(key)
import time, pygame
pygame.time.set_timer(pygame.QUIT, {ms}, loops=1)
frames = app.frames
c0, w0 = time.process_time(), time.perf_counter()
app.run()
print((time.process_time() - c0) / (time.perf_counter() - w0), app.frames - frames)
"""
)


BARE_IDLE = """
import time, pygame
pygame.display.init()
pygame.display.set_mode((1280, 720))
pygame.time.set_timer(pygame.QUIT, {ms}, loops=1)
c0, w0 = time.process_time(), time.perf_counter()
while pygame.event.wait().type != pygame.QUIT:
    pass
print((time.process_time() - c0) / (time.perf_counter() - w0))
"""


def run_python(code: str, *args: str) -> tuple[float, str]:
    """Wall time from just before the process starts, and its last output line."""
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"benchmark step failed:\n{done.stderr}")
    return start, done.stdout.strip().splitlines()[-1]


def startup(rounds: int) -> None:
    bare, game, loads, keys, waits = [], [], [], [], []
    with tempfile.TemporaryDirectory() as data:
        run_python(BARE)
        run_python(GAME, data)  # warm-up: fills the bytecode cache, creates the save file
        run_python(FIRST_KEY, data)
        for _ in range(rounds):
            start, out = run_python(BARE)
            bare.append(float(out) - start)
            start, out = run_python(GAME, data)
            shown, loading = (float(v) for v in out.split())
            game.append(shown - start)
            loads.append(loading)
            start, out = run_python(FIRST_KEY, data)
            handled, after, loading = (float(v) for v in out.split())
            keys.append(handled - start - loading)
            waits.append(after)
    b, g, load = statistics.median(bare), statistics.median(game), statistics.median(loads)
    k, wait = statistics.median(keys), statistics.median(waits)
    print(f"start-up   bare pygame window        {b * 1000:7.1f} ms (median of {rounds})")
    print(
        f"           library, first frame      {g * 1000:7.1f} ms, of which scenario loading "
        f"{load * 1000:.1f} ms (the loader's import and reading the files)"
    )
    print(f"           ratio without loading     {(g - load) / b:7.2f}x   (budget 1.5x)")
    print(f"           ratio with loading        {g / b:7.2f}x")
    print(
        f"           first key handled         {k / b:7.2f}x   without loading; "
        f"{wait * 1000:.1f} ms after the first frame"
    )


def say_on(demo) -> None:
    """Say the first line on screen that keeps the conversation going (not an ending)."""
    screen = demo.app.scenes.top
    nodes = screen.attempt.scenario.nodes
    for number, button in enumerate(screen.buttons, 1):
        if not nodes[button.data.next].is_ending:
            demo.press(str(number))
            return
    raise SystemExit("benchmark step failed: every choice on screen ends the conversation")


def frames(count: int) -> None:
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    namespace: dict = {}
    exec(SETUP_CONVERSATION.format(timers=True), namespace)  # noqa: S102 - our own set-up code
    app = namespace["app"]
    import pygame

    def measure(draw) -> list[float]:
        times = []
        for _ in range(count):
            t = time.perf_counter()
            draw()
            times.append(time.perf_counter() - t)
        return sorted(times)

    def p95(ts):
        return ts[int(len(ts) * 0.95) - 1] * 1000

    surface = app.surface
    base = measure(lambda: surface.fill((0, 0, 0)))
    conv = measure(app.render)
    demo = namespace["demo"]
    say_on(demo)  # the coach's note over the conversation
    coach = measure(app.render)
    demo.press("return")
    say_on(demo)  # a second exchange: two now stand in the history as bubbles
    demo.press("return")
    screen = app.scenes.top
    assert screen.name == "conversation" and len(screen.attempt.state.moves) == 2, screen.name
    history = measure(app.render)

    def median(ts):
        return ts[len(ts) // 2] * 1000

    # The median beside each p95: on a busy machine the p95 is where the scheduler shows.
    print(f"frames     bare fill 1280x720 p95    {p95(base):7.3f} ms")
    print(
        f"           conversation p95          {p95(conv):7.3f} ms  ({p95(conv) / p95(base):.1f}x the fill; "
        f"budget 2 ms; median {median(conv):.3f})"
    )
    print(
        f"           with coach's note p95     {p95(coach):7.3f} ms  (median {median(coach):.3f})"
    )
    print(
        f"           with history p95          {p95(history):7.3f} ms  (two earlier exchanges; "
        f"median {median(history):.3f})"
    )
    pygame.display.quit()


def idle(seconds: float) -> None:
    _, out = run_python(BARE_IDLE.format(ms=int(seconds * 1000)))
    bare = float(out)
    print(
        f"idle       bare pygame wait loop      {bare * 100:6.2f}% of one core over {seconds:.0f} s "
        "(pygame-ce's own event.wait)"
    )
    cases = [
        (False, [], "waiting for input"),
        (True, [], "with a 30 s answer clock"),
        (False, ["2", "return"], "after a choice, sound on"),
    ]
    for timers, keys, what in cases:
        _, out = run_python(IDLE.format(timers=timers, keys=keys, ms=int(seconds * 1000)))
        share, drawn = out.split()
        print(
            f"idle       {what:<26} {float(share) * 100:6.2f}% of one core over {seconds:.0f} s, "
            f"{float(share) / bare:.2f}x the bare loop, {drawn} frames drawn (budget 3%)"
        )


def main() -> None:
    quick = "--quick" in sys.argv
    startup(3 if quick else 7)
    frames(200 if quick else 1000)
    idle(2 if quick else 10)


if __name__ == "__main__":
    main()
