"""Progress store timings, each beside a baseline measured in the same run.

    .venv/bin/python bench/bench_store.py [--runs 10000]

Targets: recording a decision adds at most 2 ms; in the window (the store writing on its own
thread) a decision never waits longer than a frame (16.7 ms); `salesplay report` over 10,000
runs takes under 1 s; `salesplay export --xapi` of 10,000 runs under 3 s. Baselines: a bare
one-row SQLite commit in the same folder and mode (the disk's own cost), and a Python
interpreter that starts and does nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content import load_paths  # noqa: E402
from game.engine import rules  # noqa: E402
from game.store import open_store  # noqa: E402
from game.store.report import summarize  # noqa: E402
from game.store.xapi import write_json  # noqa: E402

PLAYERS = [f"Rep {n:02d}" for n in range(25)]


def scenarios():
    results, _ = load_paths([ROOT / "scenarios"])
    found = [r.scenario for r in results if r.scenario is not None]
    if not found:
        sys.exit("No bundled scenarios load; the benchmark needs them.")
    return found


def random_run(scenario, rng: random.Random):
    state = rules.new_state(scenario)
    for _ in range(30):
        if state.finished:
            break
        visible = rules.visible_choices(scenario, state)
        if not visible:
            break
        state = rules.choose(scenario, state, rng.choice(visible))
    return state


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"


def timed_decisions(
    store, scenario_list, n: int, rng, pause: float = 0.0, after=None
) -> list[float]:
    """Play random runs, timing each record_move call; `pause` is the player thinking, and
    `after()` (untimed here) runs after each decision is recorded."""
    timings: list[float] = []
    while len(timings) < n:
        scenario = rng.choice(scenario_list)
        run_id = store.start_run("Bench", scenario, "practice")
        state = rules.new_state(scenario)
        for _ in range(30):
            visible = rules.visible_choices(scenario, state)
            if state.finished or not visible:
                break
            state = rules.choose(scenario, state, rng.choice(visible))
            t = time.perf_counter()
            store.record_move(run_id, state.moves[-1], state)
            timings.append(time.perf_counter() - t)
            if after is not None:
                after()
            if pause:
                time.sleep(pause)
        store.finish_run(run_id, state)
    return timings


def bench_record(folder: Path, scenario_list, n: int = 400) -> tuple[float, float]:
    """Median time of record_move, and of a bare WAL commit of one row (the baseline).

    The two are taken in turns, a decision then a bare commit, so both meet the same disk:
    on a shared machine the cost of a commit swings several-fold within seconds.
    """
    folder.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(folder / "baseline.db", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")  # as the store: a commit survives a power cut
    db.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)")
    bare: list[float] = []

    def bare_commit() -> None:
        t = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t(b) VALUES (?)", (f"row {len(bare)}",))
        db.execute("COMMIT")
        bare.append(time.perf_counter() - t)

    try:
        with open_store(folder) as store:
            timings = timed_decisions(store, scenario_list, n, random.Random(7), after=bare_commit)
    finally:
        db.close()
    p95 = sorted(timings)[int(len(timings) * 0.95)]
    own = statistics.median(r - b for r, b in zip(timings, bare, strict=True))
    print(
        f"record a decision   median {ms(statistics.median(timings))}   p95 {ms(p95)}   (n={len(timings)})"
    )
    print(f"bare WAL commit     median {ms(statistics.median(bare))}   (baseline, taken in turns)")
    print(f"the store's own work per decision (median of the pairs) {ms(own)}")
    return statistics.median(timings), statistics.median(bare)


def bench_window(folder: Path, scenario_list, bare: float, n: int = 400) -> None:
    """How long the window waits per decision when the store writes on its own thread."""
    with open_store(folder) as store:
        store.start_background()
        timings = timed_decisions(store, scenario_list, n, random.Random(9), pause=0.002)
        store.wait_saved(30)
    worst = max(timings)
    print(
        f"window waits        median {ms(statistics.median(timings))}   worst {ms(worst)}   "
        f"ratio to a bare commit {statistics.median(timings) / bare:5.2f}x; target worst < 16.7 ms  "
        f"{'OK' if worst < 1 / 60 else 'OVER'}"
    )


def fill(folder: Path, scenario_list, runs: int) -> None:
    rng = random.Random(11)
    t = time.perf_counter()
    with open_store(folder) as store:
        for start in range(0, runs, 1000):
            with store.batch():
                for _ in range(min(1000, runs - start)):
                    scenario = rng.choice(scenario_list)
                    store.record_play(rng.choice(PLAYERS), scenario, random_run(scenario, rng))
    print(
        f"recorded {runs} runs in {time.perf_counter() - t:.1f} s (batched, not part of any target)"
    )


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def bench_report(folder: Path, runs: int) -> None:
    def in_process():
        with open_store(folder) as store:
            return summarize(store)

    rows = in_process()
    inner = best_of(in_process)
    program = [str(ROOT / ".venv" / "bin" / "salesplay")]
    if not Path(program[0]).exists():
        program = [sys.executable, "-m", "game"]
    command = [*program, "report", "--format", "json", "--data-dir", str(folder)]
    cli = best_of(lambda: subprocess.run(command, check=True, capture_output=True))
    bare = best_of(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    opened = best_of(lambda: open_store(folder).close())
    print(f"open the store      {ms(opened)}   (schema and quick check, {runs} runs)")
    print(f"report in process   {ms(inner)}   ({len(rows)} player/scenario rows)")
    print(
        f"salesplay report    {ms(cli)}   whole command; target < 1000 ms  "
        f"{'OK' if cli < 1 else 'OVER'}"
    )
    print(f"python -c pass      {ms(bare)}   (baseline)   ratio {cli / bare:5.1f}x")
    target = folder / "statements.json"
    exported = best_of(
        lambda: subprocess.run(
            [*program, "export", "--xapi", str(target), "--force", "--data-dir", str(folder)],
            check=True,
            capture_output=True,
        ),
        repeat=3,
    )
    count = len(json.loads(target.read_text(encoding="utf-8")))
    print(
        f"salesplay export    {ms(exported)}   ({count} statements, "
        f"{target.stat().st_size // 1024} KiB of xAPI); target < 3000 ms  "
        f"{'OK' if exported < 3 else 'OVER'}   ratio {exported / bare:5.1f}x python -c pass"
    )

    def export_in_process():
        with open_store(folder) as store, open(target, "w", encoding="utf-8") as stream:
            write_json(store, stream)

    def plain_dicts():  # the floor: json.dumps of as many small dicts, one a line, to a file
        with open(target, "w", encoding="utf-8") as stream:
            for n in range(count):
                stream.write(json.dumps({"id": n, "verb": "answered", "at": "2026-01-01"}))
                stream.write("\n")

    inner = best_of(export_in_process, repeat=3)
    floor = best_of(plain_dicts, repeat=3)
    print(f"json.dumps, a line  {ms(floor)}   ({count} small plain dicts; baseline)")
    print(f"export in process   {ms(inner)}   ratio {inner / floor:5.1f}x the json.dumps baseline")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10_000)
    args = parser.parse_args()
    scenario_list = scenarios()
    with tempfile.TemporaryDirectory(prefix="salesplay-bench-") as tmp:
        record, bare = bench_record(Path(tmp) / "record", scenario_list)
        print(
            f"record / bare commit ratio {record / bare:5.2f}x; target <= 2 ms  "
            f"{'OK' if record <= 0.002 else 'OVER'}"
        )
        bench_window(Path(tmp) / "window", scenario_list, bare)
        folder = Path(tmp) / "report"
        fill(folder, scenario_list, args.runs)
        bench_report(folder, args.runs)


if __name__ == "__main__":
    main()
