"""A second process for store tests: a player that gets killed, a second window, a locked-down folder.

Usage: python store_child.py MODE DATA_DIR [TOKENS]
  play     play TOKENS with autosave, print "saved N" after each, then "ready" and wait to be killed
  attempt  the same through the window's own Attempt (the Conversation machine and its autosave)
  churn    play runs for ever, printing "committed RUN_ID N" after each saved decision
  window   play TOKENS fifty times over, as a second window would, then exit
  report   play TOKENS and print what the store said, as JSON
  round    a workshop round of teams Falcons and Owls: TOKENS are ';'-joined vote groups, with
           "undo" and "override=ID" for the facilitator; "saved N" after each, then "ready"
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from store_scenarios import procurement_squeeze  # noqa: E402

from game.engine import rules  # noqa: E402
from game.store import open_store  # noqa: E402


def play_run(store, scenario, tokens, announce=None):
    run_id = store.start_run("Ana", scenario, "practice")
    state = rules.new_state(scenario)
    for token in tokens:
        state = rules.play_token(scenario, state, token)
        store.record_move(run_id, state.moves[-1], state)
        if announce:
            announce(run_id, len(state.moves))
    if state.finished:
        store.finish_run(run_id, state)
    return run_id, state


def main(mode: str, data_dir: str, tokens: list[str]) -> int:
    scenario = procurement_squeeze()
    store = open_store(data_dir)
    if mode == "play":
        play_run(store, scenario, tokens, lambda run_id, n: print(f"saved {n}", flush=True))
        print("ready", flush=True)
        time.sleep(60)  # the parent kills us long before this
    elif mode == "attempt":
        from game.ui.attempt import Attempt

        attempt = Attempt(scenario, "practice", "Ana", store)
        for n, token in enumerate(tokens, 1):
            choice = rules.resolve_token(scenario, attempt.state, token)
            attempt.time_out() if choice is None else attempt.choose(choice)
            print(f"saved {n}", flush=True)
        print("ready", flush=True)
        time.sleep(60)
    elif mode == "churn":
        while True:
            play_run(
                store,
                scenario,
                ["match", "c1", "c2", "c2"],
                lambda run_id, n: print(f"committed {run_id} {n}", flush=True),
            )
    elif mode == "round":
        from game.engine.workshop import Workshop
        from game.store.rounds import start_round

        saved = start_round(store, Workshop(scenario, ["Falcons", "Owls"]))
        for n, group in enumerate(tokens, 1):
            if group == "undo":
                saved.workshop.undo()
            elif group.startswith("override="):
                saved.workshop.override(group.partition("=")[2])
            else:
                saved.workshop.play_group(group)
            saved.save()
            print(f"saved {n}", flush=True)
        print("ready", flush=True)
        time.sleep(60)
    elif mode == "window":
        for _ in range(50):
            play_run(store, scenario, tokens)
    elif mode == "report":
        run_id, state = play_run(store, scenario, tokens)
        store.save_settings({"timers": False})
        print(
            json.dumps(
                {
                    "saving": store.saving,
                    "notice": store.notice,
                    "run_id": run_id,
                    "best": store.best_scores("Ana"),
                    "settings": store.load_settings(),
                    "resumable": len(store.resumable_runs("Ana")),
                    "score": state.score,
                }
            )
        )
    store.close()
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    split = ";" if args[0] == "round" else ","
    sys.exit(main(args[0], args[1], args[2].split(split) if len(args) > 2 and args[2] else []))
