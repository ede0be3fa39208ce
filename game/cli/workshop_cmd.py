"""`salesplay workshop PATH --teams NAMES --votes VOTES [--json]`: a workshop round, headless.

`--window` opens the projector screens instead; `--screenshots DIR` drives those screens with
the given votes under SDL's dummy driver and saves one picture per screen.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

from game.cli.common import load_one
from game.engine.workshop import MAX_TEAMS, MIN_TEAMS, Workshop, export_results, read_team_names
from game.errors import MoveError, SaveError, UsageError

GUIDE = """\
How a round plays:
  The room follows the choice with the most votes; a tie goes to the tied choice listed first.
  Each team earns the points and tags of the choice it voted for, even when the room went
  elsewhere; '-' earns nothing. The ending's points go to every team. When no team votes,
  the buyer's clock runs out where the decision has a time limit; elsewhere a group of only
  '-' is refused. Team names are trimmed and must differ (ignoring case).

Examples:
  salesplay workshop scenarios/procurement-squeeze.yaml --teams Falcons,Owls,Hawks \\
      --votes "2,1,2;1,-,1" --json
  salesplay workshop scenarios --window              the projector screens, from setup
  salesplay workshop FILE --teams A,B --votes "1,2" --screenshots shots/

In the window (2 to 8 teams):
  Setup     arrows move, left/right change a setting or a colour, typing edits a team name,
            + adds a team, Enter starts.
  Voting    each team presses its own keys (shown on its chip; only "Locked in" shows),
            or the facilitator clicks a team's chip, then its choice.
            Space pauses the clock, + adds 30 s, Enter reveals now, Backspace undoes the
            last decision, Esc twice leaves the round.
  Reveal    Enter continues, O then a number sends the room down another path (recorded),
            Backspace takes the decision back to vote again.
  Scoreboard  type a folder, Enter exports CSV and JSON; N starts a new round.
"""


def register(sub) -> None:
    p = sub.add_parser(
        "workshop",
        help="play a scenario as a room of teams",
        description="Teams vote at each decision; the room follows the majority (a tie goes to "
        "the choice listed first). Each team scores the choice it voted for.",
        epilog=GUIDE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", metavar="PATH", help="a scenario file (with --window, a folder too)")
    p.add_argument(
        "--teams", metavar="NAMES", default=None, help="comma-separated team names, in team order"
    )
    p.add_argument(
        "--votes",
        metavar="VOTES",
        default=None,
        help="';'-separated groups, one per decision; each group has one vote per team "
        "(a visible position, a choice id, or '-' for no vote)",
    )
    p.add_argument("--json", action="store_true", help="print the contract's JSON object")
    p.add_argument(
        "--export",
        metavar="DIR",
        default=None,
        help="also write the results as CSV and JSON into DIR",
    )
    p.add_argument(
        "--save",
        action="store_true",
        help="record the round in the progress store (the window always does): it shows in "
        "`report` and `export --xapi`",
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None,
        help="where rounds are saved, with --save or --window (default: $SALESPLAY_HOME, else "
        "the user data folder)",
    )
    p.add_argument(
        "--window",
        action="store_true",
        help="open the projector screens (setup, votes, reveal, scoreboard)",
    )
    p.add_argument(
        "--screenshots",
        metavar="DIR",
        default=None,
        help="play VOTES through the projector screens headless, saving each screen",
    )
    p.add_argument(
        "--timer",
        metavar="SECONDS",
        type=int,
        default=90,
        help="discussion time per decision in the window (0 for none; default 90)",
    )
    p.add_argument(
        "--size",
        metavar="WxH",
        default=None,
        help="window size for --window and --screenshots (default 1920x1080 for screenshots)",
    )
    p.add_argument("--high-contrast", action="store_true", help="the high-contrast look")
    p.add_argument(
        "--serve",
        action="store_true",
        help="run the round as a server for phones, without a window (see docs/workshop.md)",
    )
    p.add_argument(
        "--host",
        metavar="H",
        default="127.0.0.1",
        help="where phones reach the room (--serve, or Votes: Phones in the window): this "
        "laptop's address on the room's network (default 127.0.0.1, this machine only)",
    )
    p.add_argument(
        "--port",
        metavar="P",
        type=int,
        default=8765,
        help="the port phones use (0 picks a free one; default 8765)",
    )
    # A group may start with "-" (no vote), e.g. `--votes -,2`: let a value holding a comma or
    # semicolon through as an argument, as argparse already does for negative numbers.
    p._negative_number_matcher = re.compile(r"^-\d+$|^-\d*\.\d+$|^-.*[,;]")
    p.set_defaults(handler=run)


def parse_size(text: str | None):
    if text is None:
        return None
    try:
        w, h = (int(v) for v in text.lower().replace("×", "x").split("x"))
    except ValueError:
        w = h = 0
    if not (320 <= w <= 7680 and 240 <= h <= 4320):
        raise UsageError(f"--size '{text}' should look like 1920x1080.")
    return (w, h)


def run(args) -> int:
    names = read_team_names(args.teams) if args.teams is not None else None
    size = parse_size(args.size)
    if args.timer < 0:
        raise UsageError("--timer takes 0 (no timer) or a number of seconds.")
    if args.serve:
        return run_serve(args, names)
    if args.window or args.screenshots:
        return run_window(args, names, size)
    if names is None:
        raise UsageError("--teams is required without --window, e.g. --teams Falcons,Owls")
    workshop = Workshop(load_one(args.path).scenario, names)
    saver = RoundSaver(args.data_dir) if args.save else None
    if saver is not None:
        saver.start(workshop)
    try:
        if args.votes is not None:
            for group in args.votes.split(";"):
                try:
                    workshop.play_group(group)
                except MoveError as exc:
                    raise MoveError(f"decision {len(workshop.decisions) + 1}: {exc}") from exc
                if saver is not None:
                    saver.save()
    finally:
        not_recorded = saver.close() if saver is not None else ""
    _report(workshop, args)
    if not_recorded:
        raise SaveError(not_recorded)  # like `run --player`: the results print, the exit is 1
    return 0


class RoundSaver:
    """`--save`: the round in the progress store, written after every decision."""

    def __init__(self, data_dir):
        from game.store import open_store

        self.store = open_store(data_dir)
        self.round = None
        if self.store.notice:
            sys.stderr.write(f"salesplay workshop: {self.store.notice}\n")

    def start(self, workshop) -> None:
        from game.store.rounds import start_round

        self.round = start_round(self.store, workshop)

    def save(self) -> None:
        self.round.save()

    def close(self) -> str:
        """Why the round was not recorded, or "" when it was."""
        try:
            if not self.store.saving:
                return "the round was not recorded."
            self.store.flush()
            if self.store.unsaved:
                why = f"the round was not recorded. {self.store.problem}"
                self.store.discard_unsaved()
                return why
            return ""
        finally:
            self.store.close()


def run_serve(args, names) -> int:
    """`--serve`: phones vote over HTTP; prints the listening line, then the round's JSON."""
    if names is None:
        raise UsageError("--serve needs --teams, e.g. --teams Falcons,Owls")
    if args.votes is not None or args.window or args.screenshots:
        raise UsageError(
            "--serve takes its votes from phones: leave out --votes, --window and --screenshots."
        )
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port (0 to 65535; 0 picks a free one).")
    workshop = Workshop(load_one(args.path).scenario, names)
    from game.server.headless import serve_round  # the web library loads only when serving

    serve_round(workshop, host=args.host, port=args.port, timer=args.timer)  # GameError: exit 1
    _report(workshop, args)
    return 0


def _report(workshop, args) -> None:
    """A finished headless round: its exports (if asked), then its JSON or its summary."""
    if args.export:
        for path in export_results(workshop, args.export):  # GameError (exit 1) if it cannot
            sys.stderr.write(f"wrote {path}\n")
    if args.json:
        json.dump(workshop.to_dict(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(describe(workshop))


def describe(workshop: Workshop) -> str:
    """A short, human summary: the room's path, how it ended, and the scoreboard."""
    scenario, state = workshop.scenario, workshop.state
    lines = [f"{scenario.title}: {' -> '.join(state.path)}"]
    if state.finished:
        ending = scenario.nodes[state.ending].ending
        lines.append(f"Ended: {ending.title} ({state.result})")
    else:
        lines.append(f"The room stands at '{state.node}'.")
    for d in workshop.decisions:
        if d.overridden:
            lines.append(
                f"Decision {d.number}: the room took '{d.taken}' (votes picked '{d.majority}')."
            )
    for s in workshop.standings():
        tags = ", ".join(f"{t} {n}" for t, n in s.tags.items())
        lines.append(f"{s.rank}. {s.name}  {s.score}" + (f"  ({tags})" if tags else ""))
    return "\n".join(lines)


def run_window(args, names, size) -> int:
    """The projector screens: interactive with --window, or the headless demo."""
    if names is not None and not MIN_TEAMS <= len(names) <= MAX_TEAMS:
        raise UsageError(
            f"the workshop screens take {MIN_TEAMS} to {MAX_TEAMS} teams, not {len(names)}."
        )
    if args.screenshots and names is None:
        raise UsageError("--screenshots needs --teams (and usually --votes).")
    if args.window and not args.screenshots and os.path.isdir(args.path):
        from game.content import load_paths

        results, _ = load_paths([args.path])  # a folder: the setup offers each sound scenario
        scenarios = [r.scenario for r in results if r.ok]
        if not scenarios:
            raise UsageError(f"{args.path} holds no scenario without errors.")
    else:
        scenarios = [load_one(args.path).scenario]
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        from game.ui.workshop.demo import has_display, open_workshop, screenshot_demo
    except ImportError as exc:  # pygame missing: the headless command still works
        raise UsageError(f"the window is not available here ({exc}).") from exc
    if not args.screenshots and not has_display():
        raise UsageError(
            "no display found. To see the screens without one, give the votes with "
            "--votes and a folder with --screenshots."
        )
    if args.screenshots:
        paths = screenshot_demo(
            scenarios[0],
            names,
            args.votes,
            args.screenshots,
            timer=args.timer,
            size=size or (1920, 1080),
            high_contrast=args.high_contrast,
            export=args.export,
            save=args.save,
            data_dir=args.data_dir,
        )
        for p in paths:
            print(p)
        return 0
    open_workshop(
        scenarios,
        names,
        timer=args.timer,
        size=size,
        high_contrast=args.high_contrast,
        data_dir=args.data_dir,
        host=args.host,
        port=args.port,
    )
    return 0
