"""Open the workshop window, or play a round headless through the real screens and save a
picture of each: the setup, every vote (open, then locked), every reveal, and the scoreboard.

The headless round presses the same keys the teams would press (or clicks, when the team
keys do not fit the room), and lets time pass by advancing the clock.
"""

from __future__ import annotations

import os
import sys

from game.errors import MoveError
from game.ui.intents import CLICK, Intent


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def make_app(paths, size, *, save: bool = False, data_dir=None):
    """The window; `save` keeps the round in the progress store (in `data_dir`)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from game.ui.app import App

    return App(paths, size=size, use_store=save, data_dir=data_dir)


def start(app, first_scene, high_contrast: bool) -> None:
    """Open the window on `first_scene`, then set the projector's look over the kept settings."""
    app.start(first_scene)
    app.settings.high_contrast = high_contrast
    app.settings.text_size = 1.0  # the projector sizes are already 1.4×
    app.relayout()


def open_workshop(
    scenarios,
    names,
    *,
    timer: int = 90,
    size=None,
    high_contrast: bool = False,
    data_dir=None,
    host: str = "127.0.0.1",
    port: int = 8765,
) -> None:
    """The interactive window, starting at the setup screen with the first scenario chosen.

    Every round is saved after each decision, so the setup can offer to resume one.
    """
    from game.ui.workshop.setup import WorkshopSetup

    app = make_app([s.path for s in scenarios], size or (1920, 1080), save=True, data_dir=data_dir)
    setup = WorkshopSetup(
        app, scenarios, chosen=scenarios[0], teams=names, timer=timer, host=host, port=port
    )
    try:
        start(app, setup, high_contrast)
        app.run()
    finally:
        setup.stop_phones()  # a round's phone server stops with the window
        app.close()


def screenshot_demo(
    scenario,
    names,
    votes: str | None,
    folder,
    *,
    timer: int = 90,
    size=(1920, 1080),
    high_contrast: bool = False,
    export=None,
    save: bool = False,
    data_dir=None,
) -> list:
    """Play `votes` (the command line's groups) through the screens; returns the PNG paths."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"  # headless by design, even with a display
    from game.ui.demo import Demo
    from game.ui.workshop.setup import WorkshopSetup

    app = make_app([scenario.path], size, save=save, data_dir=data_dir)
    try:
        start(
            app,
            WorkshopSetup(app, [scenario], chosen=scenario, teams=names, timer=timer),
            high_contrast,
        )
        demo = Demo(app, folder)
        demo.shot()
        demo.press("return")
        for group in votes.split(";") if votes is not None else []:
            play_group(demo, group, timer)
        top = demo.top
        if top.name == "workshop-scoreboard":
            if export:
                top.folder.label = os.fspath(export)
                top.buttons.focus = top.buttons.items.index(top.export_button)
                demo.press("return")
            demo.shot()
        return demo.saved
    finally:
        app.close()


def play_group(demo, group: str, timer: int) -> None:
    """One decision: the vote screen, the teams locking in, then the reveal."""
    screen = demo.top
    if screen.name != "workshop-vote":
        raise MoveError(
            f"Votes '{group}' come after the conversation ended. {screen.room.workshop.where()}"
        )
    room, workshop = screen.room, screen.room.workshop
    votes = workshop.read_group(group)
    if all(v is None for v in votes) and workshop.node.timeout is None:
        raise MoveError(
            f"No team voted, and node '{workshop.node.id}' has no time limit to run "
            f"out. {workshop.where()}"
        )
    if timer > 25:
        demo.wait(20_000)  # the room has been talking for a while
    demo.shot()
    positions = {c.id: i for i, c in enumerate(screen.visible, 1)}
    for team, vote in enumerate(votes):
        if vote is None:
            continue
        if screen.clicking:
            click(demo, screen.chips[team].rect.center)
            click(demo, screen.rows[positions[vote] - 1].rect.center)
        else:
            demo.press(room.keys(team, len(screen.visible))[positions[vote] - 1])
    if any(v is not None for v in votes):
        demo.shot()
    demo.press("return")
    demo.shot()
    demo.press("return")


def click(demo, pos) -> None:
    demo.app.dispatch(Intent(CLICK, pos=pos))
    demo.settle()
