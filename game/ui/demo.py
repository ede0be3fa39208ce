"""The headless demo: plays a scenario through the real scenes with the keys a player would
press, and saves a PNG of every screen visited (title, library, briefing, each decision,
each coach's note, the debrief).

Waiting is simulated by advancing the scenes' clocks, exactly as time passing would.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.engine import rules
from game.errors import MoveError, ScenarioError, UsageError
from game.ui.intents import key_event
from game.ui.scenes.conversation import TIMES_UP_MS
from game.ui.scenes.debrief import TimelineDot
from game.ui.scenes.library import Library, ScenarioCard


class DemoError(UsageError):
    """A token or a scenario the demo cannot play; the message says why (exit 2)."""


class Demo:
    def __init__(self, app, shots: str | os.PathLike | None):
        self.app = app
        self.shots = Path(shots) if shots else None
        self.saved: list[Path] = []
        if self.shots:
            self.shots.mkdir(parents=True, exist_ok=True)

    def press(self, key: str) -> None:
        self.app.feed(key_event(key))
        self.settle()

    def type(self, text: str) -> None:
        for ch in text:
            self.press("space" if ch == " " else ch)

    def settle(self) -> None:
        """Let animations finish (never a countdown): the screen a patient player sees."""
        for _ in range(1000):
            if not self.app.busy():
                break
            self.app.step(40)
        for scene in list(self.app.scenes.visible()):
            if scene.finish_background():
                self.app.dirty = True

    def wait(self, ms: int) -> None:
        while ms > 0:
            step = min(ms, 100)
            self.app.step(step)
            ms -= step

    def shot(self) -> None:
        top = self.app.scenes.top
        name = top.shot_name()
        self.app.render()
        if self.shots:
            path = self.shots / f"{len(self.saved) + 1:02d}-{name}.png"
            self.app.screenshot(path)
            self.saved.append(path)

    @property
    def top(self):
        return self.app.scenes.top


SAY = "say:"  # a token that types an answer in recall mode: say:what did the delays cost you


def say(demo, text: str) -> bool:
    """Type an answer, show what was heard, and say it; False when it was not understood."""
    screen = demo.top
    panel = getattr(screen, "recall", None)
    if screen.name != "conversation" or panel is None:
        raise DemoError(f"'say:{text}' needs a decision in recall mode.")
    if not panel.typing:
        raise DemoError(f"'say:{text}': the answer box is not open (the list is offered).")
    demo.settle()
    demo.press("end")
    for _ in range(len(panel.text)):  # a new answer replaces the one not understood
        demo.press("backspace")
    demo.type(text)
    demo.shot()
    demo.press("return")
    demo.shot()
    if panel.state != "heard":
        return False
    demo.press("tab")
    demo.shot()
    demo.press("tab")
    demo.press("return")
    return True


def play(
    app,
    tokens: list[str],
    shots=None,
    scenario_id: str | None = None,
    player: str = "Demo",
    mode: str = "practice",
    seed: int | None = None,
):
    """Drive the window from the title to the debrief; returns (state, screenshot paths).

    With `seed` the choices are shuffled from it, as a player would see them, and a
    position token presses that number key; without it the file's order is kept, so a
    position means what it means in `salesplay run`.
    """
    demo = Demo(app, shots)
    app.settings.timers = True  # so `timeout` tokens can happen (not saved)
    app.settings.shuffle_choices = seed is not None  # not saved either
    app.choice_seed = seed
    attempt = _start(demo, scenario_id, player, mode, recall=any(t.startswith(SAY) for t in tokens))
    for token in tokens:
        attempt = _play_token(demo, attempt, token)
    if attempt.state.finished and demo.top.name != "debrief":
        raise DemoError("The debrief did not open at the end of the run.")
    return attempt.state, demo.saved


def walk_to(demo: Demo, library, target: int) -> None:
    """Press arrow keys from the focused card (the suggestion, for a player with no progress
    yet) to card `target`: row by row, then along the row, as the grid's columns fall."""
    columns = library.columns
    for _ in range(2 * len(library.cards)):
        focused = library.buttons.focused
        if not isinstance(focused, ScenarioCard) or focused is library.cards[target]:
            return
        here = library.cards.index(focused)
        if here // columns != target // columns:
            demo.press("down" if target > here else "up")
        else:
            demo.press("right" if target > here else "left")


def _start(demo: Demo, scenario_id: str | None, player: str, mode: str, recall: bool):
    """From the title through the library and the briefing to the first decision."""
    demo.settle()
    for _ in range(len(getattr(demo.top, "typed", ""))):  # the title remembers the last name
        demo.press("backspace")
    demo.type(player)
    demo.shot()
    demo.press("return")
    if not isinstance(demo.top, Library):
        raise DemoError("The library did not open.")
    demo.shot()
    library = demo.top
    target = next(
        (
            i
            for i, card in enumerate(library.cards)
            if scenario_id is None
            or (card.data.scenario and card.data.scenario.id == scenario_id)
            or card.data.id == scenario_id
        ),
        None,
    )
    if target is None:
        raise DemoError(
            f"No scenario '{scenario_id}' in the library."
            if scenario_id
            else "The library has no scenarios."
        )
    walk_to(demo, library, target)
    focused = library.buttons.focused
    if not isinstance(focused, ScenarioCard) or focused is not library.cards[target]:
        raise DemoError("Could not reach the scenario's card with the arrow keys.")
    demo.press("return")
    demo.shot()
    if demo.top.name == "problems":
        # As `run` refuses it: the diagnostics on stdout, as `validate` prints them, exit 1.
        raise ScenarioError(
            f"{focused.data.path} has errors (listed above); fix them, then try again.",
            focused.data.diagnostics,
        )
    if recall:
        demo.press("w")  # recall mode: answers are typed
    demo.press("a" if mode == "assessment" else "p")
    demo.shot()
    return demo.top.attempt


def _play_token(demo: Demo, attempt, token: str):
    """Play one token the way a player would (a key, a wait, typed words); returns the attempt
    on screen afterwards (a replay starts a new one)."""
    if token.startswith("replay:"):
        attempt = replay_from(demo, attempt, token)
        demo.shot()
        return attempt
    state = attempt.state
    shown = attempt.shown_choices(demo.app.settings.shuffle_choices)
    if token.startswith(SAY):
        if not say(demo, token[len(SAY) :]):
            return attempt  # not understood: nothing was said, the next token answers again
        token = None
    elif getattr(demo.top, "recall", None) is not None and demo.top.recall.hides_list:
        raise DemoError(
            f"'{token}': in recall mode answers are typed (say:TEXT), until the list "
            "is offered after two misses."
        )
    if token is not None:
        _answer(demo, attempt, state, shown, token)
    demo.settle()
    if demo.top.name == "coach":
        demo.shot()
        demo.press("return")
    if demo.top.name == "conversation" and attempt.state.finished:
        demo.shot()  # the buyer's last words, then the debrief
        demo.press("return")
    demo.shot()
    return demo.top.attempt if demo.top.name == "debrief" else attempt


def _answer(demo: Demo, attempt, state, shown, token: str) -> None:
    """Press the number key of the choice a `run` token names, or let the clock run out."""
    try:
        choice = rules.resolve_token(attempt.scenario, state, token)
    except MoveError as exc:
        raise DemoError(str(exc)) from exc
    if choice is None:
        demo.wait(attempt.scenario.nodes[state.node].time_limit * 1000 + 100)
        demo.wait(TIMES_UP_MS + 100)  # the "Time's up" moment, then the buyer moves on
        return
    if token.strip().isascii() and token.strip().isdigit():
        choice = shown[int(token) - 1]  # the number key: a position on screen
    demo.press(str([c.id for c in shown].index(choice.id) + 1))


def replay_from(demo: Demo, attempt, token: str):
    """`replay:N` at the debrief: pick decision N on the timeline and replay from it."""
    debrief = demo.top
    if debrief.name != "debrief":
        raise DemoError(f"'{token}' comes before the run has ended: replay from the debrief.")
    count = len(debrief.decisions)
    number = token.partition(":")[2].strip()
    if not (number.isascii() and number.isdigit() and 1 <= int(number) <= count):
        raise DemoError(
            f"'{token}' names no decision of this run: give replay:N with N from 1 to {count}."
        )
    target = debrief.dots[int(number) - 1]
    focused = debrief.buttons.focused
    here = debrief.dots.index(focused) if isinstance(focused, TimelineDot) else count - 1
    for _ in range(abs(here - (int(number) - 1))):
        demo.press("right" if int(number) - 1 > here else "left")
    if debrief.buttons.focused is not target:
        raise DemoError(f"Could not reach decision {number} on the debrief's timeline.")
    demo.press("return")
    if demo.top.name != "conversation":
        raise DemoError(f"'{token}' did not open the conversation at decision {number}.")
    return demo.top.attempt
