"""`salesplay run PATH --choices TOKENS [--json]`: play a scenario without a window."""

from __future__ import annotations

import json
import sys

from game.cli.common import load_one
from game.engine.machine import Conversation
from game.errors import SaveError


def register(sub) -> None:
    p = sub.add_parser(
        "run",
        help="play a scenario without a window",
        description="Play TOKENS (1-based visible positions, choice ids or 'timeout').",
    )
    add_path_and_choices(p)
    p.add_argument("--json", action="store_true", help="print the contract's JSON object")
    p.add_argument(
        "--player", metavar="NAME", default=None, help="record the run as NAME's progress"
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None,
        help="where progress is kept (default: $SALESPLAY_HOME, else the user data folder)",
    )
    p.set_defaults(handler=run)


def add_path_and_choices(p) -> None:
    """PATH and --choices TOKENS, as `run` reads them (`match` reads them the same way)."""
    p.add_argument("path", metavar="PATH", help="a scenario file")
    p.add_argument(
        "--choices",
        metavar="TOKENS",
        default=None,
        help="comma-separated: a position among the visible choices, a choice id, or timeout",
    )


def play_tokens(conversation: Conversation, tokens: str | None) -> None:
    """Play every token in order; a token that does not fit raises MoveError."""
    if tokens is None:
        return
    for token in tokens.split(","):
        conversation.play(token)


def result_object(state) -> dict:
    d = state.to_dict()
    d.pop("moves")
    return d


def run(args) -> int:
    result = load_one(args.path)
    conversation = Conversation(result.scenario)
    play_tokens(conversation, args.choices)  # a token that does not fit: MoveError, exit 2
    state = conversation.state
    not_recorded = ""
    if args.player is not None:
        not_recorded = record(args, result.scenario, state)
    if args.json:
        json.dump(result_object(state), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(describe(result.scenario, state))
    if not_recorded:
        raise SaveError(not_recorded)  # the contract: the JSON is printed, the exit code is 1
    return 0


def record(args, scenario, state) -> str:
    """Record the run as the player's; returns why it was not recorded ("" when it was)."""
    from game.store import open_store  # only a recorded run needs the store

    with open_store(args.data_dir) as store:
        if store.notice:
            sys.stderr.write(f"salesplay run: {store.notice}\n")
        if not store.saving:
            return "the run was not recorded."
        store.record_play(args.player, scenario, state)
        if store.unsaved:
            why = f"the run was not recorded. {store.problem}"
            store.discard_unsaved()  # nothing is written later, behind the message
            return why
    return ""


def describe(scenario, state) -> str:
    """A short, human summary of where the run stands."""
    lines = [f"{scenario.title}: {' -> '.join(state.path)}"]
    if state.finished:
        ending = scenario.nodes[state.ending].ending
        lines.append(f"Ended: {ending.title} ({state.result}), score {state.score}")
    else:
        lines.append(f"At '{state.node}', score so far {state.score}")
    if state.tags:
        lines.append("Tags: " + ", ".join(f"{t} {n}" for t, n in state.tags.items()))
    if state.meters:
        lines.append(
            "Meters: "
            + ", ".join(f"{scenario.meters[m].label} {v}" for m, v in state.meters.items())
        )
    return "\n".join(lines)
