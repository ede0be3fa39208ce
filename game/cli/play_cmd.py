"""`salesplay play [PATH...]`: open the game window on scenario files and folders.

With no PATH it opens the bundled library and the player's own scenario folder (in the user
data folder; the library says where it is and how to add files).

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
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="scenario files or folders (default: the bundled library and your own folder)",
    )
    p.add_argument(
        "--choices",
        metavar="TOKENS",
        help="play headless: comma-separated positions, choice ids, 'timeout', say:TEXT "
        "(recall; a comma inside one as \\,) or replay:N",
    )
    p.add_argument(
        "--screenshots", metavar="DIR", help="with --choices: save a PNG per screen here"
    )
    p.add_argument(
        "--at",
        metavar="TOKENS",
        help="open the conversation at the state these moves reach (run's tokens), to test "
        "an edit deep in the tree; with --choices, those moves follow",
    )
    p.add_argument(
        "--scenario",
        metavar="ID",
        help="with --choices: the scenario to play (default: the library's first card)",
    )
    p.add_argument("--player", metavar="NAME", default="", help="the player's name")
    p.add_argument("--mode", choices=("practice", "assessment"), default="practice")
    p.add_argument(
        "--seed",
        type=_seed,
        metavar="N",
        help="with --choices: shuffle the choices from seed N, as the window does "
        "(positions then follow the order on screen; default: the file's order)",
    )
    p.add_argument("--data-dir", metavar="DIR", help="where progress is saved")
    p.add_argument("--size", metavar="WxH", help="window size, e.g. 1280x720")
    p.set_defaults(handler=run)


def _seed(text: str) -> int:
    import argparse

    if not (text.isascii() and text.isdigit()) or int(text) >= 2**31:
        raise argparse.ArgumentTypeError(f"'{text}' is not a seed: give a whole number 0 or more")
    return int(text)


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
    if args.seed is not None and not headless:
        raise UsageError("--seed needs --choices; the window shuffles each attempt itself.")
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

    at = _tokens(args.at) if args.at is not None else []
    if any(t.startswith("replay:") for t in at):
        raise UsageError("--at takes run's tokens (positions, choice ids, timeout), not replay:N.")

    from game.ui.app import App

    own = None
    paths = args.paths
    if not paths:  # the game as installed: its library, plus the player's own scenarios
        from game.bundle import bundled_scenarios, player_folder

        own = player_folder(args.data_dir)
        paths = [bundled_scenarios(), own]
    app = App(paths, player=args.player, mode=args.mode, data_dir=args.data_dir, size=size)
    app.player_folder = own
    try:
        app.start()
        if not headless:
            if args.at is not None:
                _open_at(app, at, args)
            app.run()
            return 0
        return _demo(app, args, at)
    finally:
        app.close()


def _tokens(text: str) -> list[str]:
    """Comma-separated tokens; `\\,` is a comma inside one (`say:well\\, it depends`)."""
    if not text.strip():
        return []
    return [t.replace("\0", ",").strip() for t in text.replace("\\,", "\0").split(",")]


def _open_at(app, tokens: list[str], args) -> None:
    """Walk the real screens to the state `tokens` reach, then leave the window to the player.

    The walk is the headless demo's, so the window opens exactly where `play --choices`
    would be; it turns timers on to play `timeout` tokens, so the player's setting is put back.
    """
    from game.ui.demo import play

    timers = app.settings.timers
    play(app, tokens, None, args.scenario, player=args.player or "Trainer", mode=args.mode)
    app.settings.timers = timers


def _demo(app, args, at: list[str]) -> int:
    from game.ui.demo import play

    tokens = at + _tokens(args.choices)
    # A token or scenario the demo cannot play raises DemoError, a UsageError (exit 2).
    state, shots = play(
        app,
        tokens,
        args.screenshots,
        args.scenario,
        player=args.player or "Demo",
        mode=args.mode,
        seed=args.seed,
    )
    summary = state.to_dict()
    summary.pop("moves", None)
    summary["screenshots"] = [str(p) for p in shots]
    print(json.dumps(summary, ensure_ascii=False))
    return 0
