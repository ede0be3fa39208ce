"""Recall-mode matching: accuracy on typed paraphrases, refusals of off-topic answers, latency.

The evaluation set is bench/recall/answers.yaml (typed paraphrases and off-topic or vague
answers for decisions of frozen copies of five scenarios in bench/recall/). Each decision is
matched twice: with the choices' `examples` as written, and with every `examples` removed
(the matcher then has only the choices' own `text`, as for a trainer who wrote none).

Goals (default install): right >= 90%, wrong <= 5%, off-topic refused >= 85%,
p95 latency <= 5 ms per answer. With the `nlu` extra, when it is installed: right >= 95%,
wrong <= 3%, p95 <= 15 ms, loaded in <= 1 s (CPU; in the window it loads in a thread), and
the memory it adds is printed. A frame while the rep types stays under 2 ms at the 95th
percentile. Two more sets are shown, not checked: heldout.yaml (marked *) and unseen.yaml
(marked **, written by another author for decisions the first two sets do not use, before
reading the matcher). The goals are checked without examples (the harder case: a trainer who wrote
none); with examples is shown beside it. The matcher's thresholds were set while looking
at these figures, so they flatter it: a held-out set written by someone else is the test.

Run: .venv/bin/python bench/bench_recall.py [--verbose]   (SALESPLAY_NLU=0: lexical only)
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections import deque
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content import load_paths  # noqa: E402
from game.engine import rules  # noqa: E402
from game.engine.matcher import Matcher, stem  # noqa: E402

HERE = ROOT / "bench" / "recall"
GOALS = {"default": (0.90, 0.05, 0.85, 5.0), "nlu": (0.95, 0.03, 0.85, 15.0)}


def without_examples(scenario):
    nodes = {
        nid: node.replace(choices=tuple(c.replace(examples=()) for c in node.choices))
        for nid, node in scenario.nodes.items()
    }
    return scenario.replace(nodes=nodes)


def state_at(scenario, node_id):
    """The first state (breadth first) that stands at node_id, or None."""
    start = rules.new_state(scenario)
    queue, seen = deque([start]), set()
    while queue:
        state = queue.popleft()
        if state.node == node_id:
            return state
        key = (state.node, tuple(sorted(state.meters.items())), state.flags)
        if key in seen or state.finished:
            continue
        seen.add(key)
        for choice in rules.visible_choices(scenario, state):
            queue.append(rules.choose(scenario, state, choice))
    return None


def _latency(matcher, node, choices, text) -> tuple[float, float]:
    """Milliseconds to match one answer the matcher has not seen: (wall, CPU), median of 3.

    The node is prepared, as the window does when it shows it; the lexical caches of earlier
    answers are emptied before each try. This machine is shared (its load average is printed):
    the CPU time of this process is what the answer costs on an idle one, so the goals are
    checked on it; wall time is shown beside it.
    """
    wall, cpu = [], []
    for _ in range(3):
        matcher._corrected.clear()
        stem.cache_clear()
        w0, c0 = time.perf_counter(), time.process_time()
        matcher.match(text, node, choices)
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def p95(values):
    values = sorted(values)
    return values[int(0.95 * (len(values) - 1))]


def evaluate(label, semantic=None, verbose=False, answers="answers.yaml"):
    cases = yaml.safe_load((HERE / answers).read_text(encoding="utf-8"))
    loaded = {}
    results = {}
    for mode in ("as written", "no examples"):
        right = wrong = missed = refused = offtopic = 0
        times = []
        setup = []
        rows = []
        for case in cases:
            path = HERE / case["scenario"]
            if path not in loaded:
                (result,), _ = load_paths([str(path)])
                assert result.scenario is not None, result.diagnostics
                loaded[path] = result.scenario
            scenario = loaded[path]
            if mode == "no examples":
                scenario = without_examples(scenario)
            matcher = Matcher(scenario, semantic=semantic)
            state = state_at(scenario, case["node"])
            assert state is not None, case["node"]
            choices = rules.visible_choices(scenario, state)
            t0 = time.perf_counter()
            matcher.prepare(case["node"], choices)
            setup.append((time.perf_counter() - t0) * 1000)
            ids = {c.id for c in choices}
            for expected, answers in case["right"].items():
                assert expected in ids, (case["node"], expected)
                for text in answers:
                    m = matcher.match(text, case["node"], choices)
                    times.append(_latency(matcher, case["node"], choices, text))
                    if m.choice == expected:
                        right += 1
                    elif m.choice is None:
                        missed += 1
                        rows.append(f"  miss  {case['node']}:{expected} {m.confidence:.2f} {text}")
                    else:
                        wrong += 1
                        rows.append(f"  WRONG {case['node']}:{expected}->{m.choice} {text}")
            for text in case["refuse"]:
                offtopic += 1
                m = matcher.match(text, case["node"], choices)
                times.append(_latency(matcher, case["node"], choices, text))
                if m.choice is None:
                    refused += 1
                else:
                    rows.append(f"  ACCEPT {case['node']}:{m.choice} {m.confidence:.2f} {text}")
        n = right + wrong + missed
        wall = [w for w, _ in times]
        cpu = [c for _, c in times]
        results[mode] = (right / n, wrong / n, refused / offtopic, p95(cpu))
        print(
            f"{label:8} {mode:12} paraphrases {n}: right {right / n:6.1%}  wrong {wrong / n:5.1%}  "
            f"not matched {missed / n:5.1%} | off-topic {offtopic}: refused {refused / offtopic:6.1%}"
            f" | per answer CPU p50 {statistics.median(cpu):.2f} ms, p95 {p95(cpu):.2f} ms"
            f" (wall p95 {p95(wall):.2f} ms; node set-up max {max(setup):.1f} ms)"
        )
        if verbose:
            print("\n".join(rows))
    return results


def typing_frames(count: int = 120) -> float:
    """CPU ms per frame while a rep types into the recall box (a key in, one frame drawn): p95.

    The baseline is the same conversation with the choices listed, one frame per key press.
    """
    os.environ.update(
        SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1"
    )
    from game.engine import semantic
    from game.ui.app import App
    from game.ui.demo import Demo
    from game.ui.intents import key_event

    def conversation(recall: bool):
        app = App([str(HERE / "procurement-squeeze.yaml")], use_store=False, size=(1280, 720))
        app.start()
        demo = Demo(app, None)
        demo.type("Bench")
        demo.press("return")
        demo.press("return")
        if recall:
            demo.press("w")
        demo.press("p")
        demo.settle()
        screen = app.scenes.top
        screen.words = screen.total_words
        return app

    def measure(app, keys) -> list[float]:
        out = []
        for key in keys:
            c0 = time.process_time()
            app.feed(key_event(key))
            app.render()
            out.append((time.process_time() - c0) * 1000)
        return out

    listed = conversation(False)
    app = conversation(True)
    bg = semantic.shared()
    if bg is not None:
        bg.wait(30)  # measured once loaded; the load itself runs in its own thread
    text = "before we talk price, how many loads got turned away at the docks last year "
    keys = [("space" if ch == " " else ch) for ch in (text * 3)[:count]]
    rounds = []  # three rounds, interleaved; the median round's p95 is reported
    for _ in range(3):
        base = measure(listed, ["down", "up"] * (count // 2))
        for _ in range(len(app.scenes.top.recall.text)):
            app.feed(key_event("backspace"))
        rounds.append((p95(measure(app, keys)), base))
    rounds.sort(key=lambda r: r[0])
    typing_p95, base = rounds[1]
    listed.close()
    app.close()
    print(
        f"frames     while typing: CPU p95 {typing_p95:.2f} ms (median of 3 rounds of {count} keys);"
        f" listed choices, a key each: p95 {p95(base):.2f} ms"
        f" (ratio {typing_p95 / max(p95(base), 1e-6):.2f}x)"
    )
    return typing_p95


def main() -> int:
    verbose = "--verbose" in sys.argv
    failed = []
    runs = [("default", None)]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if "--nlu" in sys.argv or _nlu_available():
        from game.engine import semantic

        before = _rss_mb()
        w0, c0 = time.perf_counter(), time.process_time()
        scorer = semantic.load()
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        print(
            f"nlu extra: loaded in {cpu:.2f} s CPU ({wall:.2f} s wall), "
            f"memory added {_rss_mb() - before:.0f} MB"
        )
        if cpu > 1.0:
            failed.append("nlu load time")
        runs.append(("nlu", scorer))
    for label, scorer in runs:
        goal_right, goal_wrong, goal_refused, goal_p95 = GOALS[label]
        evaluate(f"{label}*", scorer, verbose, "heldout.yaml")  # shown, not a goal: see its notes
        evaluate(f"{label}**", scorer, verbose, "unseen.yaml")  # shown, not a goal: see its notes
        for mode, (right, wrong, refused, p95) in evaluate(label, scorer, verbose).items():
            if mode != "no examples":
                continue  # the goals hold without examples; with them is shown for comparison
            if right < goal_right or wrong > goal_wrong or refused < goal_refused:
                failed.append(f"{label} accuracy ({mode})")
            if p95 > goal_p95:
                failed.append(f"{label} latency")
    if typing_frames() > 2.0:
        failed.append("frame time while typing")
    if failed:
        print("Goals missed: " + ", ".join(failed))
        return 1
    print("Goals met.")
    return 0


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _nlu_available() -> bool:
    if os.environ.get("SALESPLAY_NLU", "1") == "0":
        return False
    try:
        from game.engine import semantic
    except ImportError:
        return False
    return semantic.available()


if __name__ == "__main__":
    sys.exit(main())
