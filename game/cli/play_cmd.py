"""`salesplay play PATH`: open the game window on scenario files and folders.

With `--choices` it plays headless through the real screens and, with `--screenshots DIR`,
saves a PNG of each screen visited. Without a display it uses SDL's dummy video driver.
"""

from __future__ import annotations

import json
import os
import re
import sys

from game.errors import UsageError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "play", help="open the game window (or play it headless with --choices)"
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    p.add_argument(
        "--choices",
        metavar="TOKENS",
        help="play headless: comma-separated positions, choice ids or 'timeout'",
    )
    p.add_argument(
        "--screenshots", metavar="DIR", help="with --choices: save a PNG per screen here"
    )
    p.add_argument(
        "--scenario", metavar="ID", help="with --choices: the scenario to play (default: the first)"
    )
    p.add_argument("--player", metavar="NAME", default="", help="the player's name")
    p.add_argument("--mode", choices=("practice", "assessment"), default="practice")
    p.add_argument("--data-dir", metavar="DIR", help="where progress is saved")
    p.add_argument("--size", metavar="WxH", help="window size, e.g. 1280x720")
    p.set_defaults(handler=run)


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def parse_size(text: str):
    m = re.fullmatch(r"\s*(\d{3,4})\s*[x×]\s*(\d{3,4})\s*", text or "")
    if not m:
        return None
    w, h = int(m.group(1)), int(m.group(2))
    return (w, h) if 320 <= w <= 7680 and 240 <= h <= 4320 else None


def run(args) -> int:
    size = None
    if args.size:
        size = parse_size(args.size)
        if size is None:
            raise UsageError(f"--size must look like 1280x720, not '{args.size}'.")
    headless = args.choices is not None
    if args.screenshots and not headless:
        raise UsageError("--screenshots needs --choices (the moves to play).")
    if not has_display():
        if not headless:
            raise UsageError(
                "no display found. To play without a window, give the moves "
                "with --choices (and --screenshots DIR to see them)."
            )
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    if headless:
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # a demo has no one to hear it
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

    from game.ui.app import App

    app = App(args.paths, player=args.player, mode=args.mode, data_dir=args.data_dir, size=size)
    try:
        app.start()
        if not headless:
            app.run()
            return 0
        return _demo(app, args)
    finally:
        app.close()


def _demo(app, args) -> int:
    from game.ui.demo import play

    tokens = [t.strip() for t in args.choices.split(",")] if args.choices.strip() else []
    # A token or scenario the demo cannot play raises DemoError, a UsageError (exit 2).
    state, shots = play(
        app,
        tokens,
        args.screenshots,
        args.scenario,
        player=args.player or "Demo",
        mode=args.mode,
    )
    summary = state.to_dict()
    summary.pop("moves", None)
    summary["screenshots"] = [str(p) for p in shots]
    print(json.dumps(summary, ensure_ascii=False))
    return 0
