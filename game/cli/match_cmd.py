"""`salesplay match PATH [--choices TOKENS] [--json] [--report]`: match a rep's own words.

Plays TOKENS as `run` does, then reads answers from standard input, one per line, and matches
each to the closest visible choice at that node without moving. `--report` instead lists, per
decision, the choices that are easy to confuse and the examples that read like a sibling.
"""

from __future__ import annotations

import json
import sys

from game.cli.common import load_one
from game.cli.run_cmd import add_path_and_choices, play_tokens
from game.engine.machine import Conversation
from game.engine.matcher import matcher_for
from game.engine.recall_report import confusions
from game.errors import UsageError


def register(sub) -> None:
    p = sub.add_parser(
        "match",
        help="match typed answers to a scenario's choices (recall mode)",
        description=(
            "Play TOKENS as `run` does, then read answers from standard input, one per line, "
            "and match each to the closest visible choice at that node, without moving."
        ),
    )
    add_path_and_choices(p)
    p.add_argument("--json", action="store_true", help="print one JSON object per answer")
    p.add_argument(
        "--report",
        action="store_true",
        help="instead of reading answers, list per decision the choices easy to confuse",
    )
    p.set_defaults(handler=run)


def run(args) -> int:
    scenario = load_one(args.path).scenario  # errors in the scenario: exit 1
    if args.report:
        return _report(scenario, args.json)
    conversation = Conversation(scenario)
    play_tokens(conversation, args.choices)  # a token that does not fit: MoveError, exit 2
    if conversation.finished:
        raise UsageError(
            f"the run has already ended at '{conversation.state.node}'; there is nothing to answer."
        )
    node = conversation.node
    choices = conversation.visible_choices()
    from game.engine import semantic

    matcher = matcher_for(scenario, semantic.for_command_line())  # the nlu extra, if installed
    matcher.prepare(node.id, choices)
    for stream in (sys.stdin, sys.stdout):  # UTF-8 in and out, whatever the locale says
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    for raw in sys.stdin:
        text = raw.rstrip("\r\n")
        if not text.strip():
            continue
        m = matcher.match(text, node.id, choices)
        if args.json:
            out = {
                "text": text,
                "node": node.id,
                "choice": m.choice,
                "confidence": m.confidence,
                "alternatives": [
                    {"choice": s.choice, "confidence": s.confidence} for s in m.alternatives
                ],
            }
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        elif m.choice is None:
            sys.stdout.write(f"{text}\n  -> nothing close enough (best {m.confidence:.2f})\n")
        else:
            line = node.choice(m.choice).text
            sys.stdout.write(f"{text}\n  -> {m.choice} ({m.confidence:.2f}): {line}\n")
        sys.stdout.flush()
    return 0


def _report(scenario, as_json: bool) -> int:
    found = confusions(scenario)
    if as_json:
        sys.stdout.write(json.dumps([c.to_dict() for c in found], ensure_ascii=False) + "\n")
        return 0
    if not found:
        print(f"{scenario.title}: no two choices of a decision are easy to confuse.")
        return 0
    print(f"{scenario.title}: choices easy to confuse in recall mode")
    for c in found:
        print(f"  {c.node}: {c.choice} ~ {c.other} ({c.similarity:.2f})")
        for example in c.examples:
            print(f'      example of {c.choice} reads like {c.other}: "{example}"')
    return 0
