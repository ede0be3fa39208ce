"""The room server with 60 simulated phones on 127.0.0.1, each figure beside a baseline.

    .venv/bin/python bench/bench_server.py [--phones 60] [--decisions 8]

Goals (issue: workshop on phones): a phone's vote reaches the projector's tally (the
controller polls its queue once a frame, at 60 Hz, as the window does) at p95 <= 100 ms; the
server's thread idles at <= 2% of a core with every phone connected and waiting; each
connected phone costs <= 100 KB; a round of 8 decisions loses no vote. Baselines in the same
run: a bare request for the page's stylesheet (the loopback round trip), the server thread's
CPU and the process's memory with no phone connected.

The phones run in a child process (asyncio + aiohttp's client), so the server's CPU and memory
are its own. Only loopback traffic; every loop is bounded. Waiting phones are held for the
game's own long poll (25 s) unless `--long-poll 4` asks for a harsher idle test.

Then the window itself (dummy video driver, a child process): its thread's CPU while the vote
screen waits with no discussion clock, first with no phone in the room, then with every phone
joined and waiting. The goal is the same figure (the window redraws only on change and its
queue brings nothing while phones wait), as a ratio against that baseline, with the frames
drawn in each case.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content import load_paths  # noqa: E402
from game.engine.workshop import Workshop  # noqa: E402
from game.server import app as web_app  # noqa: E402
from game.server.room import digest  # noqa: E402
from game.server.server import RoomServer  # noqa: E402
from game.server.view import finished_view, voting_view  # noqa: E402

TEAMS = ["Falcons", "Owls", "Hawks", "Kestrels", "Herons", "Ravens"]
FRAME_S = 1 / 60
IDLE_S = 8.0


def chain(decisions: int) -> str:
    """A scenario of exactly `decisions` decisions in a row, three choices each."""
    lines = [
        "format: 1",
        "id: bench-room",
        "title: Bench room",
        "summary: Decisions in a row.",
        "buyer: {name: Sam Reyes, role: Buyer}",
        "start: d0",
        "nodes:",
    ]
    for i in range(decisions):
        nxt = f"d{i + 1}" if i + 1 < decisions else "won"
        lines += [f"  d{i}:", f"    say: Decision {i + 1}, what do you say?", "    choices:"]
        for k, tag in enumerate(("insight", "price", "feature")):
            lines += [
                f"      - id: answer{k}",
                f"        text: Answer {k + 1} at decision {i + 1}.",
                f"        tags: [{tag}]",
                f"        next: {nxt}",
            ]
    lines += ["  won:", "    say: Deal.", "    ending: {result: won, title: Won}"]
    return "\n".join(lines) + "\n"


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def thread_cpu(native_id: int) -> float:
    """Seconds of CPU the thread has used (user + system), from /proc."""
    with open(f"/proc/self/task/{native_id}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ----- the phones (child process) --------------------------------------------------------
async def phones_main(url: str, code: str, count: int, seed: int) -> None:
    import aiohttp

    rng = random.Random(seed)
    out = {"votes": [], "acked": {}, "refused": 0, "digests": {}}
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        tokens = []
        for i in range(count):
            async with session.post(
                url + "api/join", json={"code": code, "team": TEAMS[i % len(TEAMS)]}
            ) as r:
                tokens.append((await r.json())["token"])
        out["digests"] = [digest(t) for t in tokens]
        print("joined", flush=True)

        async def phone(i: int, token: str) -> None:
            headers = {"Authorization": f"Bearer {token}"}
            after, seen_ballot = None, 0
            for _ in range(200):  # bounded: far more polls than a round needs
                q = {"after": after} if after else {}
                async with session.get(url + "api/state", params=q, headers=headers) as r:
                    state = await r.json()
                    if r.status != 200:
                        out["refused"] += 1
                        out.setdefault("why", state.get("error"))
                        await asyncio.sleep(1.0)
                        continue
                after = state["version"]
                if state["finished"]:
                    return
                if state["phase"] != "voting" or state["decision"] == seen_ballot:
                    continue
                seen_ballot = state["decision"]
                ids = [c["id"] for c in state["choices"]]
                picks = [rng.choice(ids)] + ([rng.choice(ids)] if rng.random() < 0.2 else [])
                for choice in picks:
                    await asyncio.sleep(rng.uniform(0.0, 0.4))
                    sent = time.monotonic()
                    async with session.post(
                        url + "api/vote", json={"choice": choice}, headers=headers
                    ) as r:
                        ok = r.status == 200
                        await r.read()
                    if ok:
                        out["votes"].append([seen_ballot, i, sent])
                        out["acked"][f"{seen_ballot}:{i}"] = choice
                    else:
                        out["refused"] += 1

        await asyncio.gather(*(phone(i, t) for i, t in enumerate(tokens)))
    print(json.dumps(out), flush=True)


# ----- the window's idle CPU with phones in the room -------------------------------------
WINDOW = r"""
import sys, threading, time
sys.path.insert(0, sys.argv[1])
import pygame
from game.content.loader import load_scenario
from game.server import app as web_app
from game.ui.app import App
from game.ui.demo import Demo
from game.ui.workshop.room import PHONES
from game.ui.workshop.setup import WorkshopSetup
from bench.bench_server import TEAMS, thread_cpu

web_app.LONG_POLL_S = float(sys.argv[4])
scenario = load_scenario(sys.argv[2]).scenario
app = App([sys.argv[2]], size=(1280, 720), use_store=False)
setup = WorkshopSetup(
    app, [scenario], chosen=scenario, teams=TEAMS, timer=0, method=PHONES, port=0
)
app.start(setup)
demo = Demo(app, None)
demo.press("return")  # the join screen: the room server listens
link = app.scenes.top.link
print(link.url, link.code, flush=True)
sys.stdin.readline()  # the phones have joined (or, for the baseline, none will)
demo.press("return")  # the first decision opens, with no discussion clock: nothing ticks
assert app.scenes.top.name == "workshop-vote", app.scenes.top.name
for _ in range(5):
    app.step(100)  # the phones' new state is asked for and answered before measuring
pygame.time.set_timer(pygame.QUIT, int(float(sys.argv[3]) * 1000), loops=1)
main = threading.get_native_id()
frames, c0, w0 = app.frames, thread_cpu(main), time.perf_counter()
p0 = time.process_time()
app.run()
wall = time.perf_counter() - w0
print(
    (thread_cpu(main) - c0) / wall,
    (time.process_time() - p0) / wall,
    app.frames - frames,
    sum(link.counts),
    flush=True,
)
setup.stop_phones()
app.close()
"""


async def idle_phones(url: str, code: str, count: int, seconds: float) -> None:
    """Join, then wait on long polls (as phones on a table do) for `seconds`."""
    import aiohttp

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
        tokens = []
        for i in range(count):
            async with session.post(
                url + "api/join", json={"code": code, "team": TEAMS[i % len(TEAMS)]}
            ) as r:
                tokens.append((await r.json())["token"])
        print("joined", flush=True)
        stop = time.monotonic() + seconds

        async def wait(token: str) -> None:
            headers, after = {"Authorization": f"Bearer {token}"}, None
            while time.monotonic() < stop:
                q = {"after": after} if after else {}
                try:
                    async with session.get(url + "api/state", params=q, headers=headers) as r:
                        after = (await r.json()).get("version")
                except (aiohttp.ClientError, TimeoutError):
                    return  # the window has closed its room: the measurement is over

        await asyncio.gather(*(wait(t) for t in tokens))


def window_idle(phones: int, seconds: float, long_poll: float) -> tuple[float, float, int, int]:
    """(window thread CPU share, process CPU share, frames drawn, phones) on the vote screen."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    scenario = str(ROOT / "tests" / "fixtures" / "spec-example.yaml")
    window = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(ROOT), scenario, str(seconds), str(long_poll)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    child = None
    try:
        url, code = window.stdout.readline().split()
        if phones:
            child = subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--idle-child",
                    url,
                    code,
                    str(phones),
                    str(seconds + 10),
                ],
                stdout=subprocess.PIPE,
                text=True,
            )
            assert child.stdout.readline().strip() == "joined"
            time.sleep(1.0)  # every phone waits on a long poll
        window.stdin.write("go\n")
        window.stdin.flush()
        main_share, process_share, frames, seen = window.stdout.readline().split()
        window.wait(30)
    finally:
        for proc in (window, child):
            if proc is not None and proc.poll() is None:
                proc.kill()
    return float(main_share), float(process_share), int(frames), int(seen)


# ----- the room (this process) -------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, default=60)
    parser.add_argument("--decisions", type=int, default=8)
    parser.add_argument(
        "--long-poll",
        type=float,
        default=web_app.LONG_POLL_S,
        help="seconds a waiting phone's request is held (the game's own by default; 4 is harsher)",
    )
    parser.add_argument("--window-idle", type=float, default=8.0, help="seconds per window case")
    parser.add_argument(
        "--child", nargs=3, metavar=("URL", "CODE", "COUNT"), help=argparse.SUPPRESS
    )
    parser.add_argument("--idle-child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        asyncio.run(phones_main(args.child[0], args.child[1], int(args.child[2]), 7))
        return 0
    if args.idle_child:
        url, code, count, seconds = args.idle_child
        asyncio.run(idle_phones(url, code, int(count), float(seconds)))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench-room.yaml"
        path.write_text(chain(args.decisions), encoding="utf-8")
        results, _ = load_paths([path])
        scenario = results[0].scenario
    web_app.LONG_POLL_S = args.long_poll  # how long a waiting phone's request is held
    workshop = Workshop(scenario, TEAMS)
    server = RoomServer(TEAMS).start()
    native = server._thread.native_id
    try:
        failed = run(args, workshop, server, native)
    finally:
        server.stop()
    return failed | window_rows(args)


def window_rows(args) -> int:
    """The window's idle CPU on the vote screen: no phone, then every phone waiting."""
    bare = window_idle(0, args.window_idle, args.long_poll)
    full = window_idle(args.phones, args.window_idle, args.long_poll)
    ratio = full[0] / bare[0] if bare[0] else float("inf")
    ok = full[3] == args.phones and (ratio <= 1.5 or full[0] - bare[0] <= 0.002)
    print(f"window on the vote screen, idle {args.window_idle:.0f} s (dummy video driver)")
    for name, (main_share, process_share, frames, seen) in (
        ("  baseline: no phone in the room", bare),
        (f"  {args.phones} phones waiting", full),
    ):
        print(
            f"{name:44} {main_share * 100:>13.2f}% window thread, "
            f"{process_share * 100:.2f}% process, {frames} frames drawn, {seen} phones"
        )
    print(
        f"{'window idle CPU with phones / without':44} {ratio:>13.2f}x {'~1x':>10} "
        f"{'yes' if ok else 'NO':>4}"
    )
    return 0 if ok else 1


def measure_idle(native: int, seconds: float) -> float:
    start_cpu, start = thread_cpu(native), time.monotonic()
    time.sleep(seconds)
    return (thread_cpu(native) - start_cpu) / (time.monotonic() - start)


def round_trip_p95(url: str, n: int = 200) -> float:
    import http.client

    host, port = url.split("//")[1].strip("/").split(":")
    conn = http.client.HTTPConnection(host, int(port))
    times = []
    for _ in range(n):
        t = time.monotonic()
        conn.request("GET", "/phone.css")
        conn.getresponse().read()
        times.append(time.monotonic() - t)
    conn.close()
    return sorted(times)[int(0.95 * len(times))]


def run(args, workshop, server, native) -> int:
    bare_idle = measure_idle(native, 2.0)
    bare_trip = round_trip_p95(server.url)
    before = rss()
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", server.url, server.code, str(args.phones)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "joined"
        server.publish({"phase": "lobby", "ballot": 0})
        time.sleep(1.0)  # every phone is now waiting on a long poll
        per_phone = (rss() - before) / args.phones
        idle = measure_idle(native, IDLE_S)
        seen, tallies = play(workshop, server, args)
        report_line = child.stdout.readline()
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    phones = json.loads(report_line)
    numbers = {server.room.phones[d].number: i for i, d in enumerate(phones["digests"])}
    latencies = []
    sent_by = {}
    for ballot, i, t in phones["votes"]:
        sent_by.setdefault((ballot, i), []).append(t)
    got_by = {}
    for ballot, number, t in seen:
        got_by.setdefault((ballot, numbers[number]), []).append(t)
    lost = 0
    for key, sends in sent_by.items():
        gots = got_by.get(key, [])
        lost += max(0, len(sends) - len(gots))
        latencies += [g - s for s, g in zip(sends, gots, strict=False)]
    by_index = {(b, numbers[n]): c for (b, n), c in tallies.items()}
    for key, choice in phones["acked"].items():
        ballot, i = (int(x) for x in key.split(":"))
        lost += by_index.get((ballot, i)) != choice  # the room counted this phone's last vote
    latencies.sort()
    p95 = latencies[int(0.95 * len(latencies))] if latencies else float("inf")
    rows = [
        ("vote -> projector tally p95", f"{p95 * 1e3:.1f} ms", "<= 100 ms", p95 <= 0.100),
        ("  baseline: a bare request's round trip p95", f"{bare_trip * 1e3:.2f} ms", "", True),
        ("server idle CPU, phones waiting", f"{idle * 100:.2f}%", "<= 2%", idle <= 0.02),
        ("  baseline: server idle with no phone", f"{bare_idle * 100:.2f}%", "", True),
        (
            "memory per connected phone",
            f"{per_phone / 1e3:.1f} KB",
            "<= 100 KB",
            per_phone <= 100e3,
        ),
        (
            f"votes lost in {args.decisions} decisions",
            f"{lost} of {len(phones['votes'])}",
            "0",
            lost == 0 and phones["refused"] == 0,
        ),
    ]
    print(f"{args.phones} phones, {len(TEAMS)} teams, {args.decisions} decisions on 127.0.0.1")
    print(f"{'measure':44} {'value':>14} {'goal':>10} {'ok':>4}")
    for name, value, goal, ok in rows:
        print(f"{name:44} {value:>14} {goal:>10} {'yes' if ok or not goal else 'NO':>4}")
    ratio = p95 / bare_trip if bare_trip else 0
    print(f"{'':4}a tallied vote costs {ratio:.1f}x a bare round trip (frame polling included)")
    return 0 if all(ok for _, _, _, ok in rows) else 1


def play(workshop, server, args):
    """The window's side: poll the queue once a frame; close each ballot when all have voted."""
    seen = []  # (ballot, phone number, monotonic time the frame saw it)
    tallies = {}  # "ballot:phone index" -> the vote the room counted, filled at close
    ballot = 0
    deadline = time.monotonic() + 60 * args.decisions  # bounded
    while not workshop.finished and time.monotonic() < deadline:
        ballot += 1
        server.publish(voting_view(workshop, ballot))
        voted: set[int] = set()
        quiet_since = None
        while time.monotonic() < deadline:
            time.sleep(FRAME_S)
            now = time.monotonic()
            for event in server.poll():
                if event[0] == "vote" and event[1] == ballot:
                    seen.append((ballot, event[4], now))
                    voted.add(event[4])
                    quiet_since = now
            # every phone in, and no change for 0.6 s (longer than a phone's second thought)
            if len(voted) == args.phones and now - quiet_since > 0.6:
                break
        team_votes = server.close()  # the ballot is closed: the room's record stands still
        for key, vote in list(server.room.votes.items()):
            tallies[(ballot, server.room.phones[key].number)] = vote.choice
        workshop.decide(team_votes)
    server.publish(finished_view(workshop, ballot + 1))
    return seen, tallies


if __name__ == "__main__":
    sys.exit(main())
